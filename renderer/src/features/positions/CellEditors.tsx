import { useEffect, useId, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { EvidenceCandidate, PointView, ResolvedEvidence, StanceView } from '../../../../electron/core/contract/positionsViews';
import {
  pointStatuses,
  pointStatusLabels,
  stanceKinds,
  stanceKindLabels,
  type PointStatus,
  type StanceKind,
} from '../../../../electron/core/model/positions';
import { formatDay } from '../../../../electron/core/ops/rounds';
import { api } from '../../api/client';
import { canOpenEvidence, openEvidence } from './evidenceLinks';
import type { StanceDraft } from './positionsActions';
import { usePositions } from './positionsState';
import { RoundOptions } from './RoundOptions';
import { useFetched } from './useFetched';

/**
 * The editors that open inside a board cell. Each saves when it is left: Escape, Ctrl+Enter,
 * Enter in a one-line field, or the focus moving out of the cell. "Discard" leaves without saving.
 * Ctrl+Z on the board then undoes a saved edit.
 */
export interface EditorProps<T> {
  readonly initial: T;
  /** Leave the editor, saving `value` (or nothing when it is null). */
  readonly onDone: (value: T | null) => void;
  readonly label: string;
}

/** How each open editor saves and leaves; used when the app is about to quit. */
const openEditors = new Set<() => void>();

/** Saves and closes every open cell editor (before quitting): nothing typed into a board is lost. */
export function commitOpenEditors(): void {
  for (const commit of [...openEditors]) commit();
}

/** Registers the editor's "save and leave" while it is open. */
function useCommitOnQuit(commit: () => void): void {
  const latest = useRef(commit);
  useLayoutEffect(() => {
    latest.current = commit;
  });
  useEffect(() => {
    const run = () => latest.current();
    openEditors.add(run);
    return () => {
      openEditors.delete(run);
    };
  }, []);
}

/** A field that opens with the caret after its text, ready to add to it. */
function useCaretAtEnd<T extends HTMLInputElement | HTMLTextAreaElement>() {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    const field = ref.current;
    if (field && document.activeElement === field) field.setSelectionRange(field.value.length, field.value.length);
  }, []);
  return ref;
}

function leavesOnKey(event: KeyboardEvent, singleLine: boolean): boolean {
  return event.key === 'Escape' || (event.key === 'Enter' && (singleLine || event.ctrlKey || event.metaKey));
}

/**
 * Calls `leave` when the focus moves to something outside the editor. A control inside it that
 * lost the focus only because it was disabled or removed (a quote just cited, a quote removed)
 * hands the focus back to the editor's text instead.
 */
function onFocusOut(event: FocusEvent<HTMLElement>, leave: () => void): void {
  const container = event.currentTarget;
  const next = event.relatedTarget;
  if (next instanceof Node && container.contains(next)) return;
  const lost = event.target;
  if (next === null && (!lost.isConnected || lost.matches(':disabled'))) {
    container.querySelector<HTMLElement>('textarea')?.focus();
    return;
  }
  leave();
}

/** The state of a one-field editor: its text, the field (caret at the end) and how it is left, once. */
function useFieldEditor<E extends HTMLInputElement | HTMLTextAreaElement>(initial: string, onDone: (value: string | null) => void) {
  const [value, setValue] = useState(initial);
  const done = useRef(false);
  const field = useCaretAtEnd<E>();
  const leave = (save: boolean) => {
    if (done.current) return;
    done.current = true;
    onDone(save ? value : null);
  };
  useCommitOnQuit(() => leave(true));
  return { value, setValue, field, leave };
}

export function TitleEditor({ initial, onDone, label }: EditorProps<string>) {
  const { value, setValue, field, leave } = useFieldEditor<HTMLInputElement>(initial, onDone);
  return (
    <input
      ref={field}
      className="pos-input"
      aria-label={label}
      value={value}
      maxLength={200}
      autoFocus
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => leave(true)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (leavesOnKey(e, true)) {
          e.preventDefault();
          leave(true);
        }
      }}
    />
  );
}

export function StatusEditor({ initial, onDone, label }: EditorProps<PointStatus>) {
  const [value, setValue] = useState(initial);
  const done = useRef(false);
  const leave = () => {
    if (done.current) return;
    done.current = true;
    onDone(value);
  };
  useCommitOnQuit(leave);
  return (
    <select
      className={`select pos-status-select pos-status-${value}`}
      aria-label={label}
      value={value}
      autoFocus
      onChange={(e) => setValue(e.target.value as PointStatus)}
      onBlur={leave}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape' || e.key === 'Enter') {
          e.preventDefault();
          leave();
        }
      }}
    >
      {pointStatuses.map((s) => (
        <option key={s} value={s}>
          {pointStatusLabels[s]}
        </option>
      ))}
    </select>
  );
}

export function AssessmentEditor({ initial, onDone, label }: EditorProps<string>) {
  const { value, setValue, field, leave } = useFieldEditor<HTMLTextAreaElement>(initial, onDone);
  return (
    <div className="pos-editor" onBlur={(e) => onFocusOut(e, () => leave(true))}>
      <textarea
        ref={field}
        className="pos-textarea"
        aria-label={label}
        value={value}
        rows={5}
        maxLength={20_000}
        autoFocus
        placeholder="Where the gap is, how wide, and what would close it."
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (leavesOnKey(e, false)) {
            e.preventDefault();
            leave(true);
          }
        }}
      />
      <EditorButtons onDone={() => leave(true)} onDiscard={() => leave(false)} />
    </div>
  );
}

function EditorButtons({ onDone, onDiscard, extra }: { onDone: () => void; onDiscard: () => void; extra?: React.ReactNode }) {
  return (
    <div className="pos-editor-actions">
      <button type="button" className="btn btn-small btn-primary" onClick={onDone}>
        Done
      </button>
      <button type="button" className="btn btn-small" onClick={onDiscard}>
        Discard
      </button>
      {extra}
      <span className="pos-editor-hint">Esc or Ctrl+Enter saves</span>
    </div>
  );
}

export interface StanceEditorProps {
  readonly areaId: string;
  readonly point: PointView;
  readonly partyName: string;
  readonly stance: StanceView | null;
  /** The round new stances are stated in, unless the user picks another. */
  readonly defaultRoundId: string | null;
  readonly today: string;
  /** The draft to save, 'clear' to remove the stance, or null to leave without saving. */
  readonly onDone: (value: StanceDraft | 'clear' | null) => void;
}

type Quote = Pick<ResolvedEvidence, 'sourceId' | 'annotationId' | 'quote' | 'outlet' | 'title' | 'date'> & {
  state?: ResolvedEvidence['state'];
};

/** One party's stance on one point: text, kind, date, round and the quotes that back it. */
export function StanceEditor({ areaId, point, partyName, stance, defaultRoundId, today, onDone }: StanceEditorProps) {
  const rounds = usePositions((s) => s.rounds?.rounds ?? []);
  const [text, setText] = useState(stance?.text ?? '');
  const [kind, setKind] = useState<StanceKind>(stance?.kind ?? 'position');
  const [date, setDate] = useState(stance?.date ?? '');
  const [roundId, setRoundId] = useState<string>(stance ? (stance.roundId ?? '') : (defaultRoundId ?? ''));
  const [quotes, setQuotes] = useState<Quote[]>(() => [...(stance?.evidence ?? [])]);
  const [picking, setPicking] = useState(false);
  const done = useRef(false);
  const field = useCaretAtEnd<HTMLTextAreaElement>();
  const ids = { kind: useId(), date: useId(), round: useId() };
  const label = `${partyName}'s stance on ${point.title}`;

  const draft = (): StanceDraft => ({
    text,
    kind,
    date: date || null,
    roundId: roundId || null,
    evidence: quotes.map((q) => ({ sourceId: q.sourceId, annotationId: q.annotationId })),
  });

  const leave = (how: 'save' | 'discard' | 'clear') => {
    if (done.current) return;
    done.current = true;
    if (how === 'discard') onDone(null);
    else if (how === 'clear') onDone('clear');
    // Leaving an empty new stance adds nothing.
    else if (!stance && !text.trim() && quotes.length === 0) onDone(null);
    else onDone(draft());
  };
  useCommitOnQuit(() => leave('save'));

  return (
    <div
      className="pos-editor pos-stance-editor"
      role="group"
      aria-label={`Edit ${label}`}
      onBlur={(e) => onFocusOut(e, () => leave('save'))}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
          e.preventDefault();
          leave('save');
        }
      }}
    >
      <div className="pos-editor-row">
        <label htmlFor={ids.kind} className="pos-field">
          <span>Kind</span>
          <select id={ids.kind} className="select" value={kind} onChange={(e) => setKind(e.target.value as StanceKind)}>
            {stanceKinds.map((k) => (
              <option key={k} value={k}>
                {stanceKindLabels[k]}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={ids.date} className="pos-field">
          <span>Stated on</span>
          <input id={ids.date} type="date" className="pos-date" value={date} max="2999-12-31" onChange={(e) => setDate(e.target.value)} />
        </label>
        {!date ? (
          <button type="button" className="btn btn-small pos-today" onClick={() => setDate(today)}>
            Today
          </button>
        ) : null}
        <label htmlFor={ids.round} className="pos-field pos-field-wide">
          <span>In round</span>
          <select id={ids.round} className="select" value={roundId} onChange={(e) => setRoundId(e.target.value)}>
            <RoundOptions rounds={rounds} />
          </select>
        </label>
      </div>
      <textarea
        ref={field}
        className="pos-textarea"
        aria-label={`${label} (Markdown)`}
        value={text}
        rows={4}
        maxLength={20_000}
        autoFocus
        placeholder={`What ${partyName} holds on this point.`}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="pos-editor-evidence">
        <h4>Evidence</h4>
        {quotes.length === 0 ? <p className="pos-no-evidence">No quote cites this stance yet.</p> : null}
        <ul>
          {quotes.map((q) => (
            <li key={`${q.sourceId}/${q.annotationId}`} className={`pos-quote pos-quote-${q.state ?? 'ok'}`}>
              <span className="pos-quote-body">
                {q.state === 'removed' ? <span className="pos-quote-flag">Source removed</span> : null}
                <span className="pos-quote-text">“{q.quote}”</span>{' '}
                <span className="pos-quote-source">
                  — {[q.outlet || q.title, q.date ? formatDay(q.date) : ''].filter(Boolean).join(', ')}
                </span>
              </span>
              {canOpenEvidence() && q.state !== 'removed' ? (
                <button type="button" className="btn btn-small" onClick={() => openEvidence(q)}>
                  Open source
                </button>
              ) : null}
              <button
                type="button"
                className="btn btn-small"
                aria-label={`Remove the quote “${q.quote.slice(0, 40)}”`}
                onClick={() => setQuotes(quotes.filter((x) => x !== q))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
        {picking ? (
          <EvidencePicker areaId={areaId} chosen={quotes} onPick={(c) => setQuotes([...quotes, c])} onClose={() => setPicking(false)} />
        ) : (
          <button type="button" className="btn btn-small" onClick={() => setPicking(true)}>
            Cite a quote…
          </button>
        )}
      </div>
      <EditorButtons
        onDone={() => leave('save')}
        onDiscard={() => leave('discard')}
        extra={
          stance ? (
            <button type="button" className="btn btn-small btn-danger" onClick={() => leave('clear')}>
              Clear stance
            </button>
          ) : null
        }
      />
    </div>
  );
}

/** Search the quotes from sources (annotations) that this stance could cite. */
function EvidencePicker({
  areaId,
  chosen,
  onPick,
  onClose,
}: {
  areaId: string;
  chosen: readonly Quote[];
  onPick: (c: EvidenceCandidate) => void;
  onClose: () => void;
}) {
  const [query, setQuery] = useState('');
  const inputId = useId();
  const { value: found, error } = useFetched<EvidenceCandidate[]>(query, () => api.positions.evidenceCandidates({ areaId, query }), {
    delayMs: 150,
  });

  const isChosen = (c: EvidenceCandidate) => chosen.some((q) => q.sourceId === c.sourceId && q.annotationId === c.annotationId);
  return (
    <div className="pos-picker">
      <label htmlFor={inputId}>Find a quote in your sources</label>
      <input
        id={inputId}
        className="pos-input"
        value={query}
        autoFocus
        maxLength={200}
        placeholder="Words from the quote, the outlet or the title"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      />
      {error ? <p className="error-text">{error}</p> : null}
      {found === null ? (
        <p className="pos-picker-note">Searching…</p>
      ) : found.length === 0 ? (
        <p className="pos-picker-note">
          {query ? 'No quote matches.' : 'No quotes to cite yet. Highlight sentences in your sources to cite them here.'}
        </p>
      ) : (
        <ul className="pos-picker-list" aria-label="Quotes you can cite">
          {found.map((c) => (
            <li key={`${c.sourceId}/${c.annotationId}`}>
              <button type="button" className="pos-picker-item" disabled={isChosen(c)} onClick={() => onPick(c)}>
                <span className="pos-quote-text">“{c.quote}”</span>
                <span className="pos-quote-source">
                  — {[c.outlet || c.title, c.date ? formatDay(c.date) : ''].filter(Boolean).join(', ')}
                </span>
                {isChosen(c) ? <span className="pos-picker-chosen">cited</span> : null}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="btn btn-small" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
