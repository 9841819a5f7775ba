import { useEffect, useId, useState } from 'react';
import type { ChangesSinceView, PointMoveView, RoundView } from '../../../../electron/core/contract/positionsViews';
import { formatRange } from '../../../../electron/core/ops/rounds';
import { api, errorMessage } from '../../api/client';
import { useNavigation } from '../../app/navigation';
import { useToasts } from '../../shared/ui/toasts';
import { useBook } from '../book/bookState';
import { PointStatusBadge, StatusMove } from './PositionBadges';
import { StanceSnapshot } from './StanceSnapshot';
import { useAreaTab } from './areaTab';
import { setCurrentRoundAction } from './positionsActions';
import { usePositions } from './positionsState';
import { RoundOptions } from './RoundOptions';
import { useFetched } from './useFetched';

/**
 * The negotiation rounds of the book (name, dates, place), the round changes are recorded with,
 * and "what changed since round X": every point whose stance or status moved after it.
 */
export function RoundsView({ sinceRoundId }: { sinceRoundId?: string | undefined }) {
  const rounds = usePositions((s) => s.rounds);
  const roundsError = usePositions((s) => s.roundsError);
  const loadRounds = usePositions((s) => s.loadRounds);
  const [editing, setEditing] = useState<string | null>(null);

  useEffect(() => {
    void loadRounds();
  }, [loadRounds]);

  return (
    <div className="pos-rounds">
      <h1>Negotiation rounds</h1>
      <p className="hint">
        Every change to a stance or a status is recorded with a round, so the board can say what moved from one round to the next.
      </p>
      {roundsError ? (
        <p className="error-text" role="alert">
          {roundsError}
        </p>
      ) : null}
      {!rounds ? (
        <p className="loading">Loading…</p>
      ) : (
        <>
          {rounds.rounds.length === 0 ? (
            <p className="empty-hint">No rounds yet. Add the meetings of this negotiation, oldest first or in any order.</p>
          ) : (
            <table className="pos-rounds-table">
              <thead>
                <tr>
                  <th scope="col">Round</th>
                  <th scope="col">Dates</th>
                  <th scope="col">Place</th>
                  <th scope="col">Changes recorded</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rounds.rounds.map((round) =>
                  editing === round.id ? (
                    <tr key={round.id}>
                      <td colSpan={5}>
                        <RoundForm round={round} onDone={() => setEditing(null)} />
                      </td>
                    </tr>
                  ) : (
                    <RoundRow
                      key={round.id}
                      round={round}
                      isCurrent={rounds.currentRoundId === round.id}
                      onEdit={() => setEditing(round.id)}
                    />
                  ),
                )}
              </tbody>
            </table>
          )}
          <section className="pos-round-add" aria-labelledby="add-round-heading">
            <h2 id="add-round-heading">Add a round</h2>
            <RoundForm round={null} onDone={() => undefined} />
          </section>
          {rounds.rounds.length > 0 ? <ChangesSince rounds={rounds.rounds} initial={sinceRoundId ?? rounds.rounds[0]?.id ?? ''} /> : null}
        </>
      )}
    </div>
  );
}

function RoundRow({ round, isCurrent, onEdit }: { round: RoundView; isCurrent: boolean; onEdit: () => void }) {
  const setRounds = usePositions((s) => s.setRounds);
  const remove = async () => {
    try {
      setRounds(await api.rounds.delete({ id: round.id }));
      useToasts.getState().show({ tone: 'info', message: `Deleted the round “${round.name}”.` });
    } catch (e) {
      useToasts.getState().show({ tone: 'error', message: errorMessage(e) });
    }
  };
  return (
    <tr className={isCurrent ? 'is-current' : undefined}>
      <th scope="row">
        {round.name}
        {isCurrent ? <span className="pos-current-tag">current</span> : null}
      </th>
      <td>{formatRange(round.startDate, round.endDate)}</td>
      <td>{round.place || <span className="pos-empty-cell">—</span>}</td>
      <td>{round.changes.toLocaleString('en-GB')}</td>
      <td>
        <div className="pos-round-actions">
          {!isCurrent ? (
            <button type="button" className="btn btn-small" onClick={() => void setCurrentRoundAction(round.id)}>
              Make current
            </button>
          ) : null}
          <button type="button" className="btn btn-small" onClick={onEdit} aria-label={`Edit ${round.name}`}>
            Edit
          </button>
          <button
            type="button"
            className="btn btn-small btn-danger"
            aria-label={`Delete ${round.name}`}
            disabled={round.uses > 0}
            title={round.uses > 0 ? 'Stances or recorded changes refer to this round; rename or redate it instead.' : undefined}
            onClick={() => void remove()}
          >
            Delete
          </button>
        </div>
      </td>
    </tr>
  );
}

function RoundForm({ round, onDone }: { round: RoundView | null; onDone: () => void }) {
  const setRounds = usePositions((s) => s.setRounds);
  const [name, setName] = useState(round?.name ?? '');
  const [startDate, setStart] = useState(round?.startDate ?? '');
  const [endDate, setEnd] = useState(round?.endDate ?? '');
  const [place, setPlace] = useState(round?.place ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const input = { name, startDate, endDate: endDate || startDate, place };
      if (round) await api.rounds.update({ id: round.id, patch: input });
      else await api.rounds.create(input);
      setRounds(await api.rounds.list({}));
      if (!round) {
        setName('');
        setStart('');
        setEnd('');
        setPlace('');
      }
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="pos-round-form"
      aria-label={round ? `Edit ${round.name}` : 'New round'}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={`${id}-name`} className="pos-field pos-field-wide">
        <span>Name</span>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={160}
          required
          placeholder="e.g. Beijing vice-ministerial talks"
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label htmlFor={`${id}-start`} className="pos-field">
        <span>From</span>
        <input id={`${id}-start`} type="date" value={startDate} required onChange={(e) => setStart(e.target.value)} />
      </label>
      <label htmlFor={`${id}-end`} className="pos-field">
        <span>To</span>
        <input id={`${id}-end`} type="date" value={endDate} onChange={(e) => setEnd(e.target.value)} />
      </label>
      <label htmlFor={`${id}-place`} className="pos-field pos-field-wide">
        <span>Place</span>
        <input id={`${id}-place`} value={place} maxLength={160} placeholder="e.g. Beijing" onChange={(e) => setPlace(e.target.value)} />
      </label>
      <div className="pos-round-form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !name.trim() || !startDate}>
          {round ? 'Save round' : 'Add round'}
        </button>
        {round ? (
          <button type="button" className="btn" onClick={onDone}>
            Cancel
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** "What changed since round X", for the whole book. */
function ChangesSince({ rounds, initial }: { rounds: readonly RoundView[]; initial: string }) {
  const [roundId, setRoundId] = useState(initial);
  const selectId = useId();
  const valid = rounds.some((r) => r.id === roundId) ? roundId : (rounds[0]?.id ?? '');
  const { value: view, error } = useFetched<ChangesSinceView>(valid, () => api.positions.changesSince({ roundId: valid }));

  const round = rounds.find((r) => r.id === valid);
  const byArea = new Map<string, PointMoveView[]>();
  for (const p of view?.roundId === valid ? view.points : []) byArea.set(p.areaId, [...(byArea.get(p.areaId) ?? []), p]);

  return (
    <section className="pos-since" aria-labelledby="since-heading">
      <div className="section-heading">
        <h2 id="since-heading">What changed since</h2>
        <label htmlFor={selectId} className="visually-hidden">
          Round
        </label>
        <select id={selectId} className="select" value={valid} onChange={(e) => setRoundId(e.target.value)}>
          <RoundOptions rounds={rounds} none={null} />
        </select>
      </div>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : !view || view.roundId !== valid ? (
        <p className="loading">Loading…</p>
      ) : view.points.length === 0 ? (
        <p className="empty-hint">Nothing has moved since {round?.name ?? 'this round'}.</p>
      ) : (
        <>
          <p className="hint">
            {view.points.length} {view.points.length === 1 ? 'point has' : 'points have'} moved since {round?.name}. Each shows where it
            stood at the end of that round and where it stands now.
          </p>
          {[...byArea.entries()].map(([areaId, moves]) => (
            <SinceArea key={areaId} areaId={areaId} moves={moves} />
          ))}
        </>
      )}
    </section>
  );
}

function SinceArea({ areaId, moves }: { areaId: string; moves: readonly PointMoveView[] }) {
  const go = useNavigation((s) => s.go);
  const showTab = useAreaTab((s) => s.show);
  const parties = useBook((s) => s.settings?.parties ?? []);
  const partyName = (id: string) => parties.find((p) => p.id === id)?.name ?? `${id} (archived)`;
  return (
    <article className="pos-since-area" aria-label={moves[0]?.areaTitle}>
      <h3>
        <button
          type="button"
          className="card-link"
          onClick={() => {
            showTab('positions');
            go({ view: 'area', areaId });
          }}
        >
          {moves[0]?.areaTitle}
        </button>
      </h3>
      <ul className="pos-since-list">
        {moves.map((m) => (
          <li key={m.pointId} className="pos-since-point">
            <p className="pos-since-title">
              <strong>{m.pointTitle}</strong>
              {m.added ? <span className="pos-new-tag">new point</span> : null}
              {m.status ? <StatusMove from={m.status.from} to={m.status.to} /> : <PointStatusBadge status={m.currentStatus} />}
            </p>
            {m.stances.map((s) => (
              <div key={s.partyId} className="pos-since-stance">
                <p className="pos-history-label">{partyName(s.partyId)}</p>
                <div className="pos-history-stances">
                  <StanceSnapshot label="Then" stance={s.from} />
                  <StanceSnapshot label="Now" stance={s.to} />
                </div>
              </div>
            ))}
            {!m.status && m.stances.length === 0 && !m.added ? (
              <p className="pos-empty-cell">Changed and changed back: no net change.</p>
            ) : null}
          </li>
        ))}
      </ul>
    </article>
  );
}
