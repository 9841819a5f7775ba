import type { Round } from '../../../../electron/core/model/positions';
import { formatRange } from '../../../../electron/core/ops/rounds';

/** The options of a round picker: "No round" (unless left out), then each round with its dates. */
export function RoundOptions({ rounds, none = 'No round' }: { rounds: readonly Round[]; none?: string | null }) {
  return (
    <>
      {none !== null ? <option value="">{none}</option> : null}
      {rounds.map((r) => (
        <option key={r.id} value={r.id}>
          {r.name} ({formatRange(r.startDate, r.endDate)})
        </option>
      ))}
    </>
  );
}
