import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import type { TimelineEntry } from '../../../../electron/core/contract/meetingsViews';
import type { EventKind, TimelineEvent } from '../../../../electron/core/model/meetings';
import { describeDays, formatDayWithWeekday } from '../../../../electron/core/meetings/time';
import { api, errorMessage } from '../../api/client';
import { useNavigation } from '../../app/navigation';
import { activeAreas, useBook } from '../book/bookState';
import { useFetched } from '../positions/useFetched';
import { act, useMeetings } from './meetingsState';
import './meetings.css';

const kindLabels: Record<TimelineEntry['kind'], string> = {
  round: 'Round',
  meeting: 'Meeting',
  'follow-up': 'Follow-up due',
  deadline: 'Deadline',
  event: 'Event',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const monthOf = (date: string) => `${MONTHS[Number(date.slice(5, 7)) - 1] ?? ''} ${date.slice(0, 4)}`;

function EventForm({ event, onDone }: { event: TimelineEvent | null; onDone: () => void }) {
  const areas = activeAreas(useBook((s) => s.areas));
  const meetings = useFetched('meetings', () => api.meetings.list({}));
  const [title, setTitle] = useState(event?.title ?? '');
  const [date, setDate] = useState(event?.date ?? '');
  const [kind, setKind] = useState<EventKind>(event?.kind ?? 'deadline');
  const [notes, setNotes] = useState(event?.notes ?? '');
  const [areaIds, setAreaIds] = useState<string[]>(event?.links.areaIds ?? []);
  const [meetingIds, setMeetingIds] = useState<string[]>(event?.links.meetingIds ?? []);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    try {
      const fields = { title, date, kind, notes, links: { areaIds, meetingIds } };
      if (event) await api.timeline.updateEvent({ id: event.id, patch: fields });
      else await api.timeline.createEvent(fields);
      useMeetings.getState().bump();
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  return (
    <form className="event-form" onSubmit={(e) => void submit(e)} aria-label={event ? 'Edit event' : 'New event'}>
      <div className="field-row">
        <label className="field">
          <span>What happens</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} required placeholder="US tariffs rise to 25% if no deal" />
        </label>
        <label className="field field-narrow">
          <span>Date</span>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </label>
        <label className="field field-narrow">
          <span>Kind</span>
          <select className="select" value={kind} onChange={(e) => setKind(e.target.value as EventKind)}>
            <option value="deadline">Deadline</option>
            <option value="event">Event</option>
          </select>
        </label>
      </div>
      <label className="field">
        <span>Notes</span>
        <textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      <fieldset className="event-links">
        <legend>Linked issue areas</legend>
        {areas.map((a) => (
          <label key={a.id} className="chip-check">
            <input type="checkbox" checked={areaIds.includes(a.id)} onChange={() => setAreaIds(toggle(areaIds, a.id))} /> {a.title}
          </label>
        ))}
      </fieldset>
      <fieldset className="event-links">
        <legend>Linked meetings</legend>
        {(meetings.value?.meetings ?? []).map((m) => (
          <label key={m.id} className="chip-check">
            <input type="checkbox" checked={meetingIds.includes(m.id)} onChange={() => setMeetingIds(toggle(meetingIds, m.id))} /> {m.title}
          </label>
        ))}
      </fieldset>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          {event ? 'Save event' : 'Add to timeline'}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Dated events and deadlines, with rounds, meetings and follow-up due dates, month by month, and where today is. */
export function TimelineView() {
  const version = useMeetings((s) => s.version);
  const go = useNavigation((s) => s.go);
  const route = useNavigation((s) => s.route);
  const revealId = route.view === 'timeline' ? route.eventId : undefined;
  const revealKey = route.view === 'timeline' ? route.flash : undefined;
  const pageRef = useRef<HTMLDivElement>(null);
  const areas = useBook((s) => s.areas);
  const fetched = useFetched('timeline', () => api.timeline.list({}), { version });
  const [editing, setEditing] = useState<TimelineEvent | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const view = fetched.value;
  // Opened from a search result: the event is scrolled to the middle, focused and flashed.
  useEffect(() => {
    if (!revealId || !view) return;
    const entry = pageRef.current?.querySelector<HTMLElement>(`[data-event-id="${CSS.escape(revealId)}"]`);
    if (!entry) return;
    entry.scrollIntoView({ block: 'center' });
    entry.focus({ preventScroll: true });
    entry.classList.remove('timeline-flash');
    entry.getBoundingClientRect();
    entry.classList.add('timeline-flash');
    const timer = window.setTimeout(() => entry.classList.remove('timeline-flash'), 2_400);
    return () => window.clearTimeout(timer);
  }, [revealId, revealKey, view]);
  if (fetched.error && !view) return <p role="alert">{fetched.error}</p>;
  if (!view) return <p className="loading">Reading the timeline…</p>;
  const areaTitle = new Map(areas.map((a) => [a.id, a.title]));
  const months: { month: string; entries: TimelineEntry[] }[] = [];
  for (const entry of view.entries) {
    const month = monthOf(entry.date);
    const last = months[months.length - 1];
    if (last && last.month === month) last.entries.push(entry);
    else months.push({ month, entries: [entry] });
  }
  const firstUpcoming = view.entries.find((e) => e.daysFromToday >= 0)?.key ?? null;
  return (
    <div className="timeline-page" ref={pageRef}>
      <header className="page-header">
        <p className="eyebrow">Timeline</p>
        <h1>Dates and deadlines</h1>
        <p className="hint">
          Today is {formatDayWithWeekday(view.today)}. Rounds, meetings and follow-up due dates appear here by themselves; add events and
          deadlines by hand.
        </p>
      </header>
      <div className="section-heading">
        {editing === null ? (
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            Add event or deadline
          </button>
        ) : null}
      </div>
      {editing !== null ? <EventForm event={editing === 'new' ? null : editing} onDone={() => setEditing(null)} /> : null}
      {error ? <p role="alert">{error}</p> : null}
      {months.map(({ month, entries }) => (
        <section key={month} className="timeline-month" aria-label={month}>
          <h2>{month}</h2>
          <ol className="timeline">
            {entries.map((e) => {
              const event = e.editable ? view.events.find((x) => x.id === e.refId) : undefined;
              return (
                <li
                  key={e.key}
                  className={[
                    'timeline-entry',
                    `timeline-${e.kind}`,
                    e.daysFromToday < 0 ? 'past' : '',
                    e.standing === 'overdue' ? 'overdue' : '',
                    e.key === firstUpcoming ? 'after-today' : '',
                  ].join(' ')}
                  data-today={e.key === firstUpcoming ? `Today, ${formatDayWithWeekday(view.today)}` : undefined}
                  data-event-id={e.editable ? e.refId : undefined}
                  tabIndex={e.editable ? -1 : undefined}
                >
                  <div className="timeline-date">
                    <span>{formatDayWithWeekday(e.date)}</span>
                    <span className="days">{describeDays(e.daysFromToday)}</span>
                  </div>
                  <div className="timeline-body">
                    <span className={`timeline-kind kind-${e.kind}`}>{kindLabels[e.kind]}</span>
                    {e.standing === 'overdue' ? <span className="overdue-flag">Overdue</span> : null}
                    {e.meetingId && e.kind !== 'deadline' && e.kind !== 'event' ? (
                      <button
                        type="button"
                        className="card-link timeline-title"
                        onClick={() => go({ view: 'meeting', meetingId: e.meetingId ?? '' })}
                      >
                        {e.title}
                      </button>
                    ) : (
                      <span className="timeline-title">{e.title}</span>
                    )}
                    {e.detail ? <p className="timeline-detail">{e.detail}</p> : null}
                    {e.areaIds.length > 0 || (e.editable && e.meetingId) || e.sourceIds.length > 0 ? (
                      <p className="timeline-links">
                        {e.areaIds.map((id) => (
                          <button key={id} type="button" className="tag tag-link" onClick={() => go({ view: 'area', areaId: id })}>
                            {areaTitle.get(id) ?? 'area removed'}
                          </button>
                        ))}
                        {e.editable && event
                          ? event.links.meetingIds.map((id) => (
                              <button
                                key={id}
                                type="button"
                                className="tag tag-link"
                                onClick={() => go({ view: 'meeting', meetingId: id })}
                              >
                                Meeting
                              </button>
                            ))
                          : null}
                        {e.sourceIds.length > 0 ? (
                          <span className="tag">
                            {e.sourceIds.length} source{e.sourceIds.length === 1 ? '' : 's'}
                          </span>
                        ) : null}
                      </p>
                    ) : null}
                  </div>
                  {event ? (
                    <div className="timeline-actions">
                      <button type="button" className="btn btn-small" onClick={() => setEditing(event)}>
                        Edit
                      </button>
                      <button
                        type="button"
                        className="btn btn-small btn-danger"
                        onClick={() => act(() => api.timeline.deleteEvent({ id: event.id }), setError)}
                      >
                        Remove
                      </button>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </div>
  );
}
