import { useId, type KeyboardEvent, type ReactNode } from 'react';
import { usePositions } from './positionsState';
import { PositionsBoard } from './PositionsBoard';
import { useAreaTab, type AreaTab } from './areaTab';

/**
 * The body of an issue area: its briefing note or its positions board, as two tabs. The note
 * is passed in, so this feature does not reach into the notes feature.
 */
export function AreaBody({ areaId, areaTitle, note }: { areaId: string; areaTitle: string; note: ReactNode }) {
  const tab = useAreaTab((s) => s.tab);
  const show = useAreaTab((s) => s.show);
  const count = usePositions((s) => (s.boards[areaId]?.status === 'ready' ? s.boards[areaId].points.length : null));
  const base = useId();
  const tabs: { id: AreaTab; label: string }[] = [
    { id: 'note', label: 'Briefing note' },
    { id: 'positions', label: count === null ? 'Positions' : `Positions (${count})` },
  ];
  const onKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next = tab === 'note' ? 'positions' : 'note';
    show(next);
    document.getElementById(`${base}-${next}`)?.focus();
  };
  return (
    <div className={`area-body is-${tab}`}>
      <div className="area-tabs" role="tablist" aria-label="Show">
        {tabs.map((t) => (
          <button
            key={t.id}
            id={`${base}-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls={`${base}-${t.id}-panel`}
            tabIndex={tab === t.id ? 0 : -1}
            className="area-tab"
            onClick={() => show(t.id)}
            onKeyDown={onKey}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id={`${base}-${tab}-panel`} role="tabpanel" aria-labelledby={`${base}-${tab}`} className="area-tab-panel">
        {tab === 'note' ? note : <PositionsBoard key={areaId} areaId={areaId} areaTitle={areaTitle} />}
      </div>
    </div>
  );
}
