import type { StanceState } from '../../../../electron/core/model/positions';
import { formatDay } from '../../../../electron/core/ops/rounds';
import { CellText } from './CellText';
import { KindBadge } from './PositionBadges';

/** A stance as it stood at one moment (history, "what changed since"): kind, date and text, or none. */
export function StanceSnapshot({ label, stance }: { label: string; stance: StanceState | null }) {
  return (
    <div className="pos-history-stance">
      <p className="pos-history-label">{label}</p>
      {stance ? (
        <>
          <p>
            <KindBadge kind={stance.kind} />
            {stance.date ? <span className="pos-when"> {formatDay(stance.date)}</span> : null}
          </p>
          <CellText text={stance.text || '(no text)'} />
        </>
      ) : (
        <p className="pos-empty-cell">No stance</p>
      )}
    </div>
  );
}
