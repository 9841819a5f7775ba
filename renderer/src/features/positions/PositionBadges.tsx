import { pointStatusLabels, stanceKindLabels, type PointStatus, type StanceKind } from '../../../../electron/core/model/positions';
// The feature's styles, with the components every positions view uses.
import './positions.css';

/** A shape for each status, so that it reads without colour (print, colour-blind readers). */
export const pointStatusGlyph: Record<PointStatus, string> = {
  open: '○',
  narrowing: '◐',
  agreed: '●',
  stalled: '■',
  dropped: '✕',
};

/** A point's status in colour, shape and words. */
export function PointStatusBadge({ status }: { status: PointStatus }) {
  return (
    <span className={`pos-status pos-status-${status}`}>
      <span aria-hidden="true" className="pos-glyph">
        {pointStatusGlyph[status]}
      </span>{' '}
      {pointStatusLabels[status]}
    </span>
  );
}

/** A stance's kind in colour and words: Demand, Position, Offer, Red line. */
export function KindBadge({ kind }: { kind: StanceKind }) {
  return <span className={`pos-kind pos-kind-${kind}`}>{stanceKindLabels[kind]}</span>;
}

/** A change of status: the old one, an arrow, the new one. */
export function StatusMove({ from, to }: { from: PointStatus; to: PointStatus }) {
  return (
    <span className="pos-history-move">
      <PointStatusBadge status={from} /> <span aria-label="became">→</span> <PointStatusBadge status={to} />
    </span>
  );
}
