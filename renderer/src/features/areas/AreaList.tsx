import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { AreaSummary } from '../../../../electron/core/contract/views';
import { statusLabels } from '../../../../electron/core/model/book';
import { useNavigation } from '../../app/navigation';
import { useUi } from '../../app/uiState';
import { activeAreas, archivedAreas, useBook } from '../book/bookState';
import { moveAreaAction, moveAreaByStep } from './areaActions';

/**
 * The issue areas in the sidebar. Reorder by dragging, or from the keyboard:
 * Alt+Shift+Up/Down (or Alt+Up/Down on a focused item). Arrow keys move the focus.
 */
export function AreaList() {
  const areas = useBook((s) => s.areas);
  const route = useNavigation((s) => s.route);
  const go = useNavigation((s) => s.go);
  const openDialog = useUi((s) => s.open);
  const [dragId, setDragId] = useState<string | null>(null);
  const [dropBefore, setDropBefore] = useState<string | null | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');
  const listRef = useRef<HTMLOListElement>(null);
  const active = activeAreas(areas);
  const archived = archivedAreas(areas);
  const currentId = route.view === 'area' ? route.areaId : null;

  const focusItem = (id: string) => {
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLButtonElement>(`[data-area-id="${id}"]`)?.focus());
  };

  const onKeyDown = async (event: KeyboardEvent<HTMLButtonElement>, area: AreaSummary, index: number) => {
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      event.stopPropagation();
      const message = await moveAreaByStep(area.id, event.key === 'ArrowUp' ? -1 : 1);
      if (message) setAnnouncement(message);
      focusItem(area.id);
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = active[index + (event.key === 'ArrowDown' ? 1 : -1)];
      if (next) focusItem(next.id);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      const next = event.key === 'Home' ? active[0] : active[active.length - 1];
      if (next) focusItem(next.id);
    }
  };

  const onDragOver = (event: DragEvent, beforeId: string | null) => {
    if (!dragId) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    setDropBefore(beforeId);
  };

  const onDrop = async (event: DragEvent, beforeId: string | null) => {
    event.preventDefault();
    const id = dragId ?? event.dataTransfer.getData('application/x-briefing-area');
    setDragId(null);
    setDropBefore(undefined);
    if (!id || id === beforeId) return;
    const area = active.find((a) => a.id === id);
    if (await moveAreaAction(id, beforeId)) {
      const list = activeAreas(useBook.getState().areas);
      const position = list.findIndex((a) => a.id === id) + 1;
      if (area) setAnnouncement(`Moved "${area.title}" to position ${position} of ${list.length}.`);
    }
  };

  /** Where an item dragged over `area` lands: before it in its top half, after it in its bottom half. */
  const targetFor = (event: DragEvent<HTMLLIElement>, index: number): string | null => {
    const rect = event.currentTarget.getBoundingClientRect();
    const after = event.clientY > rect.top + rect.height / 2;
    return after ? (active[index + 1]?.id ?? null) : (active[index]?.id ?? null);
  };

  return (
    <nav className="area-nav" aria-label="Issue areas">
      <div className="sidebar-heading">
        <h2 id="area-list-heading">Issue areas</h2>
        <button
          type="button"
          className="btn-icon"
          aria-label="New issue area"
          title="New issue area"
          onClick={() => openDialog({ kind: 'newArea' })}
        >
          <span aria-hidden="true">+</span>
        </button>
      </div>
      {active.length === 0 ? <p className="sidebar-empty">No issue areas yet.</p> : null}
      <ol ref={listRef} className="area-list" aria-labelledby="area-list-heading">
        {active.map((area, index) => (
          <li
            key={area.id}
            draggable
            className={[
              'area-item',
              dragId === area.id ? 'is-dragging' : '',
              dropBefore === area.id ? 'drop-before' : '',
              dropBefore === null && index === active.length - 1 ? 'drop-after' : '',
            ].join(' ')}
            onDragStart={(event) => {
              setDragId(area.id);
              event.dataTransfer.effectAllowed = 'move';
              event.dataTransfer.setData('application/x-briefing-area', area.id);
            }}
            onDragOver={(event) => onDragOver(event, targetFor(event, index))}
            onDrop={(event) => void onDrop(event, targetFor(event, index))}
            onDragEnd={() => {
              setDragId(null);
              setDropBefore(undefined);
            }}
          >
            <button
              type="button"
              className="area-link"
              data-area-id={area.id}
              aria-current={currentId === area.id ? 'page' : undefined}
              onClick={() => go({ view: 'area', areaId: area.id })}
              onKeyDown={(event) => void onKeyDown(event, area, index)}
            >
              <span className={`status-dot status-${area.status}`} role="img" aria-label={statusLabels[area.status]} />
              <span className="area-link-title">{area.title}</span>
            </button>
          </li>
        ))}
      </ol>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      {archived.length > 0 ? (
        <details className="archived-areas">
          <summary>Archived ({archived.length})</summary>
          <ul>
            {archived.map((area) => (
              <li key={area.id}>
                <button
                  type="button"
                  className="area-link is-archived"
                  aria-current={currentId === area.id ? 'page' : undefined}
                  onClick={() => go({ view: 'area', areaId: area.id })}
                >
                  <span className="area-link-title">{area.title}</span>
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </nav>
  );
}
