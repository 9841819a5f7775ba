import { useEffect, useState } from 'react';
import type { MeetingView } from '../../../../electron/core/contract/meetingsViews';
import type { BoardView } from '../../../../electron/core/contract/positionsViews';
import { stanceKindLabels, stanceKinds, type StanceKind } from '../../../../electron/core/model/positions';
import { api, errorMessage } from '../../api/client';
import { useNavigation } from '../../app/navigation';
import { useBook } from '../book/bookState';
import { useFetched } from '../positions/useFetched';
import { useMeetings } from './meetingsState';
import './meetings.css';

interface Draft {
  readonly areaId: string;
  readonly pointId: string;
  readonly partyId: string;
  text: string;
  kind: StanceKind;
  readonly original: { text: string; kind: StanceKind } | null;
  readonly evidence: { sourceId: string; annotationId: string }[];
}

const key = (d: { areaId: string; pointId: string; partyId: string }) => `${d.areaId}/${d.pointId}/${d.partyId}`;

function draftsFrom(boards: readonly BoardView[], partyIds: readonly string[]): Map<string, Draft> {
  const drafts = new Map<string, Draft>();
  for (const board of boards) {
    for (const point of board.points.filter((p) => p.deletedAt === null)) {
      for (const partyId of partyIds) {
        const stance = point.stances.find((s) => s.partyId === partyId);
        const d: Draft = {
          areaId: board.areaId,
          pointId: point.id,
          partyId,
          text: stance?.text ?? '',
          kind: stance?.kind ?? 'position',
          original: stance ? { text: stance.text, kind: stance.kind } : null,
          evidence: (stance?.evidence ?? []).map((e) => ({ sourceId: e.sourceId, annotationId: e.annotationId })),
        };
        drafts.set(key(d), d);
      }
    }
  }
  return drafts;
}

function changed(d: Draft): boolean {
  if (d.original === null) return d.text.trim().length > 0;
  return d.text !== d.original.text || d.kind !== d.original.kind;
}

/**
 * "Record new stances": for each agenda item's issue area, the board's stances prefilled as they
 * stand; the user changes what moved in the meeting, and each change is saved through the positions
 * service with the meeting's round, so the points' history records it.
 */
export function RecordStancesView({ meetingId }: { meetingId: string }) {
  const go = useNavigation((s) => s.go);
  const parties = useBook((s) => s.settings?.parties ?? []);
  const meetingFetch = useFetched(`meeting:${meetingId}`, () => api.meetings.get({ id: meetingId }));
  const meeting: MeetingView | null = meetingFetch.value;
  const areaIds = meeting ? [...new Set(meeting.agenda.flatMap((i) => (i.areaId && !i.areaRemoved ? [i.areaId] : [])))] : [];
  const boardsKey = `${meetingId}:${areaIds.join(',')}`;
  const [boards, setBoards] = useState<{ key: string; list: BoardView[] } | null>(null);
  const [drafts, setDrafts] = useState<Map<string, Draft>>(new Map());
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!meeting) return;
    let cancelled = false;
    Promise.all(areaIds.map((areaId) => api.positions.board({ areaId }))).then(
      (list) => {
        if (cancelled) return;
        setBoards({ key: boardsKey, list });
        setDrafts(
          draftsFrom(
            list,
            parties.map((p) => p.id),
          ),
        );
      },
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
    // The boards are read once per meeting and agenda; parties come with the book.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [boardsKey, meeting !== null]);

  if (meetingFetch.error && !meeting) return <p role="alert">{meetingFetch.error}</p>;
  if (!meeting || !boards || boards.key !== boardsKey) return <p className="loading">Reading the boards…</p>;

  const pending = [...drafts.values()].filter(changed);
  const edit = (k: string, patch: Partial<Pick<Draft, 'text' | 'kind'>>) => {
    setDrafts((old) => {
      const next = new Map(old);
      const d = old.get(k);
      if (d) next.set(k, { ...d, ...patch });
      return next;
    });
    setStatus(null);
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    let done = 0;
    try {
      for (const d of pending) {
        await api.positions.setStance({
          areaId: d.areaId,
          pointId: d.pointId,
          partyId: d.partyId,
          roundId: meeting.roundId,
          stance: d.text.trim() ? { text: d.text, kind: d.kind, date: meeting.date, roundId: meeting.roundId, evidence: d.evidence } : null,
        });
        done += 1;
        setDrafts((old) => {
          const next = new Map(old);
          next.set(key(d), { ...d, original: d.text.trim() ? { text: d.text, kind: d.kind } : null });
          return next;
        });
      }
      setStatus(`${done} stance${done === 1 ? '' : 's'} recorded${meeting.roundName ? ` in ${meeting.roundName}` : ''}.`);
      useMeetings.getState().bump();
    } catch (e) {
      setError(`${done} of ${pending.length} saved. ${errorMessage(e)}`);
    } finally {
      setSaving(false);
    }
  };

  const areaTitle = new Map(meeting.agenda.map((i) => [i.areaId ?? '', i.areaTitle ?? i.heading]));
  return (
    <div className="record-page">
      <header className="page-header">
        <p className="eyebrow">
          <button type="button" className="btn-link" onClick={() => go({ view: 'meeting', meetingId })}>
            {meeting.title}
          </button>
        </p>
        <h1>Record new stances</h1>
        <p className="hint">
          {meeting.roundName
            ? `Each change is recorded in the positions boards with the round “${meeting.roundName}” and the meeting's date.`
            : "This meeting belongs to no round: changes are recorded with the book's current round. Choose the meeting's round first to record them with it."}
        </p>
      </header>
      {areaIds.length === 0 ? <p className="empty-hint">No agenda item is about an issue area, so there is no board to update.</p> : null}
      {boards.list.map((board) => (
        <section key={board.areaId} className="record-area" aria-label={`Stances in ${areaTitle.get(board.areaId) ?? board.areaId}`}>
          <h2>{areaTitle.get(board.areaId) ?? board.areaId}</h2>
          {board.points.filter((p) => p.deletedAt === null).length === 0 ? (
            <p className="empty-hint">This board has no points yet.</p>
          ) : null}
          {board.points
            .filter((p) => p.deletedAt === null)
            .map((point) => (
              <div key={point.id} className="record-point">
                <h3>{point.title}</h3>
                <div className="record-stances">
                  {parties.map((party) => {
                    const k = key({ areaId: board.areaId, pointId: point.id, partyId: party.id });
                    const d = drafts.get(k);
                    if (!d) return null;
                    return (
                      <div key={party.id} className={changed(d) ? 'record-stance changed' : 'record-stance'}>
                        <div className="record-stance-head">
                          <span className="record-party">{party.name}</span>
                          <select
                            className="select"
                            aria-label={`Kind of ${party.name}'s stance on ${point.title}`}
                            value={d.kind}
                            onChange={(e) => edit(k, { kind: e.target.value as StanceKind })}
                          >
                            {stanceKinds.map((kind) => (
                              <option key={kind} value={kind}>
                                {stanceKindLabels[kind]}
                              </option>
                            ))}
                          </select>
                          {changed(d) ? <span className="record-changed">changed</span> : null}
                        </div>
                        <textarea
                          rows={3}
                          aria-label={`${party.name}'s stance on ${point.title}`}
                          value={d.text}
                          onChange={(e) => edit(k, { text: e.target.value })}
                        />
                      </div>
                    );
                  })}
                </div>
              </div>
            ))}
        </section>
      ))}
      <div className="record-bar">
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        {status ? <p role="status">{status}</p> : null}
        <button type="button" className="btn btn-primary" disabled={pending.length === 0 || saving} onClick={() => void save()}>
          {saving ? 'Saving…' : `Save ${pending.length} changed stance${pending.length === 1 ? '' : 's'}`}
        </button>
        <button type="button" className="btn" onClick={() => go({ view: 'meeting', meetingId })}>
          Back to the meeting
        </button>
      </div>
    </div>
  );
}
