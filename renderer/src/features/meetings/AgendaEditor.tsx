import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { MeetingView } from '../../../../electron/core/contract/meetingsViews';
import type { AgendaItem } from '../../../../electron/core/model/meetings';
import { api } from '../../api/client';
import { activeAreas, useBook } from '../book/bookState';
import { AutoField } from './Field';
import { change } from './meetingsState';

interface AgendaProps {
  readonly meeting: MeetingView;
  readonly onChange: (view: MeetingView) => void;
  readonly onError: (message: string) => void;
}

const AGENDA_MIME = 'application/x-briefing-agenda-item';

async function saved(run: () => Promise<MeetingView>, onChange: (v: MeetingView) => void): Promise<void> {
  const result = await change(run);
  if ('error' in result) throw new Error(result.error);
  onChange(result.view);
}

/**
 * The agenda: items in order, each an issue area or a free item, with talking points (Markdown),
 * asks, offers, questions, time and, after the meeting, the outcome. Reorder by dragging the
 * handle, or with Alt+↑ / Alt+↓ on an item's handle.
 */
export function AgendaEditor({ meeting, onChange, onError }: AgendaProps) {
  const areas = activeAreas(useBook((s) => s.areas));
  const [newArea, setNewArea] = useState<string>('');
  const [newTitle, setNewTitle] = useState('');
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropBefore, setDropBefore] = useState<string | null | undefined>(undefined);
  const handles = useRef(new Map<string, HTMLSpanElement>());
  const [announce, setAnnounce] = useState('');
  const total = meeting.agenda.reduce((sum, i) => sum + i.minutes, 0);

  const move = async (itemId: string, beforeId: string | null) => {
    const result = await change(() => api.meetings.moveItem({ meetingId: meeting.id, itemId, beforeId }));
    if ('error' in result) return onError(result.error);
    onChange(result.view);
    const index = result.view.agenda.findIndex((i) => i.id === itemId);
    const item = result.view.agenda[index];
    if (item) setAnnounce(`${item.heading} moved to position ${index + 1} of ${result.view.agenda.length}.`);
    requestAnimationFrame(() => handles.current.get(itemId)?.focus());
  };

  const step = (itemId: string, by: -1 | 1) => {
    const ids = meeting.agenda.map((i) => i.id);
    const at = ids.indexOf(itemId);
    const target = at + by;
    if (at < 0 || target < 0 || target >= ids.length) return;
    // Before the item now at target (moving up), or before the one after it (moving down).
    const beforeId = by < 0 ? (ids[target] ?? null) : (ids[target + 1] ?? null);
    void move(itemId, beforeId);
  };

  const onHandleKey = (event: KeyboardEvent, itemId: string) => {
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      event.stopPropagation();
      step(itemId, event.key === 'ArrowUp' ? -1 : 1);
    }
  };

  /** Where an item dragged over `itemId` lands: over its heading, before it; over its fields, after it. */
  const targetFor = (event: DragEvent, itemId: string | null): string | null => {
    if (itemId === null) return null;
    const item = event.currentTarget as HTMLElement;
    const head = item.querySelector('.agenda-item-head') ?? item;
    if (event.clientY <= head.getBoundingClientRect().bottom) return itemId;
    const ids = meeting.agenda.map((i) => i.id);
    return ids[ids.indexOf(itemId) + 1] ?? null;
  };

  const onDragOver = (event: DragEvent, itemId: string | null) => {
    if (!event.dataTransfer.types.includes(AGENDA_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    setDropBefore(targetFor(event, itemId));
  };

  const onDrop = (event: DragEvent, itemId: string | null) => {
    event.preventDefault();
    // Read from the event, not from state: a quick drop can arrive before the last dragover was drawn.
    const dragged = dragging ?? event.dataTransfer.getData(AGENDA_MIME);
    const before = targetFor(event, itemId);
    setDragging(null);
    setDropBefore(undefined);
    if (dragged && before !== dragged) void move(dragged, before);
  };

  const add = async () => {
    const result = await change(() =>
      api.meetings.addItem({
        meetingId: meeting.id,
        beforeId: null,
        item: newArea ? { areaId: newArea, title: newTitle } : { areaId: null, title: newTitle },
      }),
    );
    if ('error' in result) return onError(result.error);
    setNewTitle('');
    setNewArea('');
    onChange(result.view);
  };

  const update = (itemId: string, field: 'talkingPoints' | 'asks' | 'offers' | 'questions' | 'outcome' | 'title') => (value: string) =>
    saved(() => api.meetings.updateItem({ meetingId: meeting.id, itemId, patch: { [field]: value } }), onChange);
  /** One of an agenda item's text fields, saved on its own after a pause. */
  const itemText = (
    item: AgendaItem,
    field: 'asks' | 'offers' | 'questions' | 'outcome',
    label: string,
    rows: number,
    className?: string,
  ) => (
    <AutoField
      label={label}
      value={item[field]}
      save={update(item.id, field)}
      multiline
      rows={rows}
      saveKey={`${item.id}:${field}`}
      {...(className ? { className } : {})}
    />
  );

  return (
    <section className="agenda" aria-labelledby="agenda-heading">
      <div className="section-heading">
        <h2 id="agenda-heading">Agenda</h2>
        <span className="hint">
          {meeting.agenda.length} item{meeting.agenda.length === 1 ? '' : 's'} · {total} min of {meeting.durationMinutes} · drag the handle,
          or Alt+↑/↓ on it, to reorder
        </span>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
      <ol className="agenda-list" onDragOver={(e) => onDragOver(e, null)} onDrop={(e) => onDrop(e, null)}>
        {meeting.agenda.map((item, index) => (
          <li
            key={item.id}
            className={[
              'agenda-item',
              dragging === item.id ? 'dragging' : '',
              dropBefore === item.id && dragging !== item.id ? 'drop-before' : '',
            ].join(' ')}
            data-item-id={item.id}
            onDragOver={(e) => {
              e.stopPropagation();
              onDragOver(e, item.id);
            }}
            onDrop={(e) => {
              e.stopPropagation();
              onDrop(e, item.id);
            }}
          >
            <div className="agenda-item-head">
              {/* A span, not a button: Chromium starts no drag from a form control. It is focusable and keyboard-operable. */}
              <span
                role="button"
                tabIndex={0}
                className="drag-handle"
                draggable
                ref={(node) => {
                  if (node) handles.current.set(item.id, node);
                  else handles.current.delete(item.id);
                }}
                aria-label={`Move “${item.heading}” (item ${index + 1} of ${meeting.agenda.length}): drag, or Alt+Up and Alt+Down`}
                onKeyDown={(e) => onHandleKey(e, item.id)}
                onDragStart={(e) => {
                  e.dataTransfer.effectAllowed = 'move';
                  e.dataTransfer.setData(AGENDA_MIME, item.id);
                  const li = e.currentTarget.closest('li');
                  if (li) e.dataTransfer.setDragImage(li, 20, 20);
                  setDragging(item.id);
                }}
                onDragEnd={() => {
                  setDragging(null);
                  setDropBefore(undefined);
                }}
              >
                ⠿
              </span>
              <span className="agenda-number">{index + 1}.</span>
              <h3 className="agenda-heading">
                {item.heading}
                {item.areaRemoved ? <span className="area-removed">area removed</span> : null}
                {item.areaId && !item.areaRemoved ? <span className="agenda-kind">Issue area</span> : null}
                {!item.areaId ? <span className="agenda-kind">Free item</span> : null}
              </h3>
              <label className="agenda-minutes">
                <input
                  type="number"
                  min={0}
                  max={1440}
                  defaultValue={item.minutes}
                  key={`${item.id}-${item.minutes}`}
                  aria-label={`Minutes for “${item.heading}”`}
                  onBlur={(e) => {
                    const minutes = Number(e.target.value);
                    if (minutes !== item.minutes) {
                      saved(() => api.meetings.updateItem({ meetingId: meeting.id, itemId: item.id, patch: { minutes } }), onChange).catch(
                        (err: unknown) => onError(err instanceof Error ? err.message : String(err)),
                      );
                    }
                  }}
                />{' '}
                min
              </label>
              <button
                type="button"
                className="btn-icon"
                aria-label={`Move “${item.heading}” up`}
                disabled={index === 0}
                onClick={() => step(item.id, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="btn-icon"
                aria-label={`Move “${item.heading}” down`}
                disabled={index === meeting.agenda.length - 1}
                onClick={() => step(item.id, 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="btn-icon"
                aria-label={`Remove “${item.heading}” from the agenda`}
                onClick={() =>
                  void change(() => api.meetings.removeItem({ meetingId: meeting.id, itemId: item.id })).then((r) =>
                    'error' in r ? onError(r.error) : onChange(r.view),
                  )
                }
              >
                ×
              </button>
            </div>
            <div className="agenda-item-body">
              {!item.areaId ? (
                <AutoField label="Title" value={item.title} save={update(item.id, 'title')} saveKey={`${item.id}:title`} />
              ) : null}
              <AutoField
                label="Talking points"
                value={item.talkingPoints}
                save={update(item.id, 'talkingPoints')}
                multiline
                rows={5}
                hint="Markdown: **bold**, lists with - or 1."
                saveKey={`${item.id}:talkingPoints`}
                className="field-talking"
              />
              <div className="agenda-grid">
                {itemText(item, 'asks', 'Our asks', 3)}
                {itemText(item, 'offers', 'What we can offer', 3)}
              </div>
              {itemText(item, 'questions', 'Questions to raise', 2)}
              {itemText(item, 'outcome', 'Outcome (after the meeting)', 2, 'field-outcome')}
            </div>
          </li>
        ))}
      </ol>
      <div className="agenda-add" role="group" aria-label="Add an agenda item">
        <select className="select" aria-label="Issue area of the new item" value={newArea} onChange={(e) => setNewArea(e.target.value)}>
          <option value="">Free item (no issue area)</option>
          {areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.title}
            </option>
          ))}
        </select>
        <input
          className="agenda-add-title"
          aria-label="Title of the new item"
          placeholder={newArea ? 'Heading (optional: the area’s title by default)' : 'Title of the free item'}
          value={newTitle}
          onChange={(e) => setNewTitle(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void add();
            }
          }}
        />
        <button type="button" className="btn" onClick={() => void add()}>
          Add to agenda
        </button>
      </div>
    </section>
  );
}
