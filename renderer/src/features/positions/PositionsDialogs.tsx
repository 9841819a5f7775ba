import type { PointHistory } from '../../../../electron/core/contract/positionsViews';
import type { Change } from '../../../../electron/core/model/positions';
import { formatDay, formatRange } from '../../../../electron/core/ops/rounds';
import { api } from '../../api/client';
import { useUi } from '../../app/uiState';
import { Dialog } from '../../shared/ui/Dialog';
import { useBook } from '../book/bookState';
import { PointStatusBadge, StatusMove } from './PositionBadges';
import { StanceSnapshot } from './StanceSnapshot';
import { usePositions } from './positionsState';
import { useFetched } from './useFetched';

function when(iso: string): string {
  const d = new Date(iso);
  return `${formatDay(iso.slice(0, 10))}, ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The history of one cell: a party's stance on a point (partyId), or the point's status (null). Newest first. */
export function PointHistoryDialog({ areaId, pointId, partyId }: { areaId: string; pointId: string; partyId: string | null }) {
  const close = useUi((s) => s.close);
  const parties = useBook((s) => s.settings?.parties ?? []);
  const rounds = usePositions((s) => s.rounds?.rounds ?? []);
  const { value: history, error } = useFetched<PointHistory>(`${areaId}/${pointId}`, () => api.positions.history({ areaId, pointId }));

  const partyName = partyId === null ? null : (parties.find((p) => p.id === partyId)?.name ?? partyId);
  const roundLabel = (id: string | null) => {
    if (id === null) return 'No round';
    const round = rounds.find((r) => r.id === id);
    return round ? `${round.name} (${formatRange(round.startDate, round.endDate)})` : 'A deleted round';
  };
  const changes = (history?.changes ?? [])
    .filter((c) => (partyId === null ? c.type === 'status' || c.type === 'created' : c.type === 'stance' && c.partyId === partyId))
    .reverse();
  const title = history ? (partyName ? `${partyName} on “${history.title}”` : `Status of “${history.title}”`) : 'History';

  return (
    <Dialog
      title={title}
      description={
        partyName
          ? 'Each change of this stance, newest first, with the round it was recorded in.'
          : 'Each change of status, newest first, with its round.'
      }
      width="wide"
      onClose={close}
      actions={
        <button type="button" className="btn btn-primary" onClick={close} data-autofocus>
          Close
        </button>
      }
    >
      {error ? (
        <p className="error-text" role="alert">
          The history could not be loaded: {error}
        </p>
      ) : !history ? (
        <p className="loading">Loading…</p>
      ) : changes.length === 0 ? (
        <p className="empty-hint">No change has been recorded here yet.</p>
      ) : (
        <ol className="pos-history" aria-label="Changes, newest first">
          {changes.map((c, i) => (
            <li key={`${c.at}-${i}`}>
              <p className="pos-history-when">
                <strong>{roundLabel(c.roundId)}</strong> · recorded {when(c.at)}
              </p>
              <ChangeBody change={c} />
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  );
}

function ChangeBody({ change }: { change: Change }) {
  if (change.type === 'created') {
    return (
      <p>
        Point added as <PointStatusBadge status={change.status} />
      </p>
    );
  }
  if (change.type === 'status') {
    return (
      <p>
        <StatusMove from={change.from} to={change.to} />
      </p>
    );
  }
  return (
    <div className="pos-history-stances">
      <StanceSnapshot label="Before" stance={change.from} />
      <StanceSnapshot label="After" stance={change.to} />
    </div>
  );
}

/** Shown when the clipboard refused the copy: the table, selected, to copy by hand. */
export function CopyBoardDialog({ markdown }: { markdown: string }) {
  const close = useUi((s) => s.close);
  return (
    <Dialog
      title="Copy the board as Markdown"
      description="The clipboard could not be written. The table is selected below: press Ctrl+C (⌘C on a Mac) to copy it."
      width="wide"
      onClose={close}
      actions={
        <button type="button" className="btn btn-primary" onClick={close}>
          Close
        </button>
      }
    >
      <textarea
        className="pos-textarea pos-copy-text"
        aria-label="The board as a Markdown table"
        readOnly
        rows={14}
        value={markdown}
        data-autofocus
        onFocus={(e) => e.currentTarget.select()}
      />
    </Dialog>
  );
}
