import { useEffect } from 'react';
import { countdown, formatDayWithWeekday } from '../../../../electron/core/meetings/time';
import { api } from '../../api/client';
import { useNavigation } from '../../app/navigation';
import { useFetched } from '../positions/useFetched';
import { MeetingWhen } from './MeetingsView';
import { useMeetings } from './meetingsState';
import './meetings.css';

function Days({ days }: { days: number }) {
  return <span className={days < 0 ? 'days-badge late' : days <= 7 ? 'days-badge soon' : 'days-badge'}>{countdown(days)}</span>;
}

/** The home page's "Upcoming": the next meetings and deadlines with days remaining; overdue follow-ups stand out. */
export function UpcomingPanel() {
  const version = useMeetings((s) => s.version);
  const go = useNavigation((s) => s.go);
  const fetched = useFetched('upcoming', () => api.timeline.upcoming({}), { version });
  const up = fetched.value;
  useEffect(() => {
    void useMeetings.getState().refreshJumps();
  }, []);
  if (fetched.error && !up) return <p role="alert">{fetched.error}</p>;
  if (!up) return null;
  return (
    <section className="upcoming" aria-labelledby="upcoming-heading">
      <div className="section-heading">
        <h2 id="upcoming-heading">Upcoming</h2>
        <span className="hint">Today: {formatDayWithWeekday(up.today)}</span>
        <button type="button" className="btn btn-small" onClick={() => go({ view: 'timeline' })}>
          Timeline
        </button>
        <button type="button" className="btn btn-small" onClick={() => go({ view: 'meetings' })}>
          All meetings
        </button>
      </div>
      {up.overdue.length > 0 ? (
        <div className="upcoming-overdue" role="group" aria-label="Overdue follow-ups">
          <h3>
            {up.overdue.length} overdue follow-up{up.overdue.length === 1 ? '' : 's'}
          </h3>
          <ul>
            {up.overdue.map((o) => (
              <li key={o.key}>
                <Days days={o.daysFromToday} />
                <button type="button" className="card-link" onClick={() => o.meetingId && go({ view: 'meeting', meetingId: o.meetingId })}>
                  {o.title}
                </button>
                <span className="upcoming-detail">{o.detail}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="upcoming-columns">
        <div role="group" aria-label="Next meetings">
          <h3>Next meetings</h3>
          {up.meetings.length === 0 ? <p className="empty-hint">No meeting planned.</p> : null}
          <ul>
            {up.meetings.map((m) => (
              <li key={m.id}>
                <Days days={m.daysFromToday} />
                <div>
                  <button type="button" className="card-link" onClick={() => go({ view: 'meeting', meetingId: m.id })}>
                    {m.title}
                  </button>
                  <MeetingWhen date={m.date} time={m.time} timeZone={m.timeZone} />
                </div>
              </li>
            ))}
          </ul>
        </div>
        <div role="group" aria-label="Deadlines and dates">
          <h3>Deadlines and dates</h3>
          {up.deadlines.length === 0 ? <p className="empty-hint">Nothing in the next three months.</p> : null}
          <ul>
            {up.deadlines.map((d) => (
              <li key={d.key} className={d.kind === 'deadline' ? 'upcoming-deadline' : undefined}>
                <Days days={d.daysFromToday} />
                <div>
                  <span className="upcoming-title">{d.title}</span>
                  <span className="upcoming-detail">
                    {formatDayWithWeekday(d.date)} · {d.kind === 'follow-up' ? 'follow-up due' : d.kind}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
