import type { Segment } from '../../../../electron/core/search/matchers';

/** Text with the matched parts marked. */
export function Highlighted({ segments, className }: { segments: readonly Segment[]; className?: string }) {
  return (
    <span className={className}>{segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</span>
  );
}
