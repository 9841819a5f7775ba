import { useEffect, useMemo, useState } from 'react';
import type { Candidate, Dependants } from '../../../../electron/core/contract/sourceViews';
import { citationMarkdown } from '../../../../electron/core/sources/citations';
import { guessTitle, looksLikeMarkdown } from '../../../../electron/core/sources/metadata';
import { sourceLimits } from '../../../../electron/core/sources/model';
import { api, errorMessage } from '../../api/client';
import { useNavigation } from '../../app/navigation';
import { useUi } from '../../app/uiState';
import { Dialog } from '../../shared/ui/Dialog';
import { FormDialog } from '../../shared/ui/FormDialog';
import { useToasts } from '../../shared/ui/toasts';
import { useBook } from '../book/bookState';
import { insertIntoActiveEditor } from '../notes/NoteEditor';
import { noteAutosave } from '../notes/noteAutosave';
import { importAndOpen } from './fileImport';
import { deleteSourceAction } from './sourceActions';
import { formatDate, useSources } from './sourcesState';

/** Paste an article as plain text or Markdown, with its details. */
export function PasteSourceDialog() {
  const close = useUi((s) => s.close);
  const [text, setText] = useState('');
  const [format, setFormat] = useState<'text' | 'markdown' | null>(null);
  const [title, setTitle] = useState<string | null>(null);
  const [outlet, setOutlet] = useState('');
  const [date, setDate] = useState('');
  const [url, setUrl] = useState('');
  const chosen = format ?? (looksLikeMarkdown(text) ? 'markdown' : 'text');
  const shownTitle = title ?? guessTitle(text);
  const submit = () => {
    if (!text.trim()) return;
    close();
    void importAndOpen([
      {
        name: shownTitle || 'Pasted text',
        run: () =>
          api.sources.importText({
            text,
            format: chosen,
            fileName: null,
            metadata: {
              ...(shownTitle.trim() ? { title: shownTitle } : {}),
              ...(outlet.trim() ? { outlet } : {}),
              ...(date ? { publishedOn: date } : {}),
              ...(url.trim() ? { url: url.trim() } : {}),
            },
          }),
      },
    ]);
  };
  return (
    <FormDialog
      title="Paste an article"
      width="wide"
      onClose={close}
      formId="paste-form"
      submitLabel="Import"
      canSubmit={Boolean(text.trim())}
      onSubmit={submit}
    >
      <label className="field">
        <span>Text</span>
        <textarea
          data-autofocus
          rows={10}
          value={text}
          maxLength={sourceLimits.fileBytes}
          onChange={(e) => setText(e.target.value)}
          placeholder="Paste the article here: plain text or Markdown."
        />
      </label>
      <div className="segmented" role="group" aria-label="Format of the pasted text">
        {(['text', 'markdown'] as const).map((f) => (
          <button key={f} type="button" aria-pressed={chosen === f} onClick={() => setFormat(f)}>
            {f === 'text' ? 'Plain text' : 'Markdown'}
          </button>
        ))}
      </div>
      <label className="field">
        <span>Title</span>
        <input value={shownTitle} maxLength={sourceLimits.title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <div className="field-row">
        <label className="field">
          <span>Outlet</span>
          <input value={outlet} maxLength={sourceLimits.outlet} onChange={(e) => setOutlet(e.target.value)} />
        </label>
        <label className="field">
          <span>Published</span>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
      </div>
      <label className="field">
        <span>Original address</span>
        <input value={url} maxLength={sourceLimits.url} placeholder="https://…" onChange={(e) => setUrl(e.target.value)} />
      </label>
    </FormDialog>
  );
}

/** Asks before a source goes, saying what depends on it. */
export function DeleteSourceDialog({ sourceId }: { sourceId: string }) {
  const close = useUi((s) => s.close);
  const source = useSources((s) => s.sources.find((x) => x.id === sourceId));
  const [dependants, setDependants] = useState<Dependants | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.sources
      .dependants({ id: sourceId })
      .then(setDependants)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [sourceId]);
  const a = dependants?.annotations ?? 0;
  const c = dependants?.citations ?? 0;
  const description = dependants
    ? `${a} annotation${a === 1 ? '' : 's'} and ${c} citation${c === 1 ? '' : 's'} in briefing notes depend on it.${
        c > 0 ? ' The citations will show "source removed" with their quote.' : ''
      } You can undo this straight after.`
    : (error ?? 'Counting what depends on it…');
  return (
    <Dialog
      title={`Delete "${source?.title ?? 'this source'}"?`}
      description={description}
      onClose={close}
      actions={
        <>
          <button type="button" className="btn" data-autofocus onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger-solid"
            disabled={!dependants}
            onClick={() => {
              close();
              void deleteSourceAction(sourceId);
            }}
          >
            Delete source
          </button>
        </>
      }
    >
      {dependants && dependants.notes.length > 0 ? (
        <ul className="dependants">
          {dependants.notes.map((n) => (
            <li key={n.areaId}>
              {n.title}: {n.citations} citation{n.citations === 1 ? '' : 's'}
            </li>
          ))}
        </ul>
      ) : null}
    </Dialog>
  );
}

/** "Cite in note…": adds a citation of the annotation to the chosen area's briefing note. */
export function CiteAnnotationDialog({ sourceId, annotationId }: { sourceId: string; annotationId: string }) {
  const close = useUi((s) => s.close);
  const allAreas = useBook((s) => s.areas);
  const areas = allAreas.filter((a) => a.archivedAt === null);
  const [linked, setLinked] = useState<string[]>([]);
  const [areaId, setAreaId] = useState<string>('');
  useEffect(() => {
    api.sources
      .get({ id: sourceId })
      .then((d) => {
        const ann = d.annotations.find((x) => x.id === annotationId);
        setLinked(ann?.areaIds ?? []);
        setAreaId((current) => current || (ann?.areaIds[0] ?? ''));
      })
      .catch(() => undefined);
  }, [sourceId, annotationId]);
  const ordered = [...areas].sort((x, y) => Number(linked.includes(y.id)) - Number(linked.includes(x.id)));
  const cite = async () => {
    if (!areaId) return;
    close();
    try {
      await noteAutosave.saveOne(areaId);
      await api.annotations.cite({ areaId, ref: { sourceId, annotationId } });
      const title = areas.find((a) => a.id === areaId)?.title ?? 'the note';
      useToasts.getState().show({
        tone: 'info',
        message: `Cited at the end of the briefing note "${title}".`,
        action: { label: 'Open note', run: () => useNavigation.getState().go({ view: 'area', areaId }) },
      });
      useSources.getState().touch();
    } catch (e) {
      useToasts.getState().show({ tone: 'error', message: `The citation was not added: ${errorMessage(e)}` });
    }
  };
  return (
    <FormDialog
      title="Cite in a briefing note"
      description="The quote is added at the end of the note, with its source. Move it where it belongs in the editor."
      onClose={close}
      formId="cite-form"
      submitLabel="Cite"
      canSubmit={areaId !== ''}
      onSubmit={() => void cite()}
    >
      <label className="field">
        <span>Issue area</span>
        <select data-autofocus className="select" value={areaId} onChange={(e) => setAreaId(e.target.value)}>
          <option value="">Choose an issue area…</option>
          {ordered.map((a) => (
            <option key={a.id} value={a.id}>
              {a.title}
              {linked.includes(a.id) ? ' (linked)' : ''}
            </option>
          ))}
        </select>
      </label>
    </FormDialog>
  );
}

/** The note editor's "Cite…" picker: find an annotation and insert its citation at the cursor. */
export function CitationPickerDialog({ areaId }: { areaId: string }) {
  const close = useUi((s) => s.close);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Candidate[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    const timer = window.setTimeout(() => {
      void api.sources.candidates({ query, areaId }).then((list) => {
        if (!cancelled) setFound(list);
      });
    }, 120);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [query, areaId]);
  const insert = (c: Candidate) => {
    close();
    // After the dialog has returned focus to the editor.
    window.setTimeout(() => {
      if (!insertIntoActiveEditor(citationMarkdown(c, c.quote))) {
        useToasts.getState().show({ tone: 'error', message: 'Open the note in Write or Split mode to insert a citation.' });
      }
    }, 0);
  };
  const groups = useMemo(() => found ?? [], [found]);
  return (
    <Dialog title="Cite a source" width="wide" onClose={close}>
      <label className="field">
        <span>Find a quote</span>
        <input
          data-autofocus
          type="search"
          value={query}
          placeholder="Words from the quote, the title or the outlet"
          onChange={(e) => setQuery(e.target.value)}
        />
      </label>
      {found === null ? (
        <p className="loading">Looking…</p>
      ) : groups.length === 0 ? (
        <p className="empty-hint">No annotation matches. Highlight quotes in Sources first.</p>
      ) : (
        <ul className="candidate-list" aria-label="Quotes">
          {groups.map((c) => (
            <li key={`${c.sourceId}/${c.annotationId}`}>
              <button type="button" className={`candidate hl-border-${c.color ?? 'yellow'}`} onClick={() => insert(c)}>
                <q dir="auto">{c.quote}</q>
                <span className="candidate-source">
                  {[c.outlet || c.title, formatDate(c.date)].filter(Boolean).join(', ')}
                  {c.linked ? ' · linked to this area' : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
