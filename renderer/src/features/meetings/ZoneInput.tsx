import { useId, useMemo } from 'react';
import { knownTimeZones } from '../../../../electron/core/meetings/time';

/** A time-zone field: type an IANA name (Asia/Shanghai) or pick one from the list. */
export function ZoneInput({ value, onChange, onBlur }: { value: string; onChange: (zone: string) => void; onBlur?: () => void }) {
  const id = useId();
  const zones = useMemo(() => knownTimeZones(), []);
  return (
    <label className="field">
      <span>Time zone</span>
      <input list={`${id}-zones`} value={value} onChange={(e) => onChange(e.target.value)} onBlur={onBlur} spellCheck={false} />
      <datalist id={`${id}-zones`}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </label>
  );
}
