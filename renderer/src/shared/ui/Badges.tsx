import { priorityLabels, statusLabels, type AreaStatus, type Priority } from '../../../../electron/core/model/book';

const statusGlyph: Record<AreaStatus, string> = { open: '○', progressing: '◐', agreed: '●', stalled: '■' };

/** Status in colour and in words, so it reads in print and for colour-blind users. */
export function StatusBadge({ status }: { status: AreaStatus }) {
  return (
    <span className={`badge status-${status}`}>
      <span aria-hidden="true">{statusGlyph[status]}</span> {statusLabels[status]}
    </span>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  return <span className={`badge priority-${priority}`}>{priorityLabels[priority]} priority</span>;
}
