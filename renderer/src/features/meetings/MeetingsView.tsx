import { useState, type SyntheticEvent } from 'react';
import { meetingFormatLabels, meetingFormats, type MeetingFormat } from '../../../../electron/core/model/meetings';
import { describeDays, meetingTimes } from '../../../../electron/core/meetings/time';
import type { MeetingSummary } from '../../../../electron/core/contract/meetingsViews';
import { api, errorMessage } from '../../api/client';
import { useNavigation } from '../../app/navigation';
import { useFetched } from '../positions/useFetched';
import { ZoneInput } from './ZoneInput';
import { act, useMeetings, viewerZone } from './meetingsState';
import './meetings.css';

/** When a meeting takes place: where it happens, and for the reader when the clock differs. */
export function MeetingWhen({ date, time, timeZone }: { date: string; time: string; timeZone: string }) {
  const t = meetingTimes({ date, time, timeZone }, viewerZone());
  return (
    <span className="meeting-when">
      <span className="meeting-when-local">
        {t.local.label}{' '}
        <span className="zone">
          {t.local.city} time ({t.local.offset})
        </span>
      </span>
      {t.sameClock ? null : (
        <span className="meeting-when-viewer">
          Your time: {t.viewer.label}{' '}
          <span className="zone">
            ({t.viewer.city}, {t.viewer.offset})
          </span>
        </span>
      )}
    </span>
  );
}

function MeetingRow({ m }: { m: MeetingSummary }) {
  const go = useNavigation((s) => s.go);
  return (
    <li className="meeting-row">
      <div className="meeting-row-main">
        <button type="button" className="card-link" onClick={() => go({ view: 'meeting', meetingId: m.id })}>
          {m.title}
        </button>
        <MeetingWhen date={m.date} time={m.time} timeZone={m.timeZone} />
        <span className="meeting-row-facts">{[meetingFormatLabels[m.format], m.place, m.roundName].filter(Boolean).join(' · ')}</span>
      </div>
      <div className="meeting-row-side">
        <span className={m.daysFromToday < 0 ? 'days days-past' : 'days'}>{describeDays(m.daysFromToday)}</span>
        <span className="meeting-row-count">
          {m.items} agenda item{m.items === 1 ? '' : 's'}
          {m.openFollowUps > 0 ? ` · ${m.openFollowUps} open follow-up${m.openFollowUps === 1 ? '' : 's'}` : ''}
        </span>
        {m.overdueFollowUps > 0 ? <span className="overdue-flag">{m.overdueFollowUps} overdue</span> : null}
        <button type="button" className="btn btn-small" onClick={() => go({ view: 'meetingBrief', meetingId: m.id })}>
          Brief
        </button>
      </div>
    </li>
  );
}

function NewMeetingForm({ onDone }: { onDone: () => void }) {
  const go = useNavigation((s) => s.go);
  const rounds = useFetched('rounds', () => api.rounds.list({}));
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [time, setTime] = useState('09:00');
  const [timeZone, setTimeZone] = useState(viewerZone());
  const [format, setFormat] = useState<MeetingFormat>('plenary');
  const [roundId, setRoundId] = useState<string>('');
  const [place, setPlace] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    try {
      const view = await api.meetings.create({ title, date, time, timeZone, format, place, roundId: roundId || null });
      useMeetings.getState().bump();
      onDone();
      go({ view: 'meeting', meetingId: view.id });
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <form className="meeting-new" onSubmit={(e) => void submit(e)} aria-label="New meeting">
      <div className="field-row">
        <label className="field">
          <span>Title</span>
          <input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            required
            data-autofocus
            placeholder="Working group on enforcement"
          />
        </label>
      </div>
      <div className="field-row">
        <label className="field">
          <span>Date</span>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </label>
        <label className="field">
          <span>Time</span>
          <input type="time" value={time} onChange={(e) => setTime(e.target.value)} required />
        </label>
        <ZoneInput value={timeZone} onChange={setTimeZone} />
      </div>
      <div className="field-row">
        <label className="field">
          <span>Format</span>
          <select className="select" value={format} onChange={(e) => setFormat(e.target.value as MeetingFormat)}>
            {meetingFormats.map((f) => (
              <option key={f} value={f}>
                {meetingFormatLabels[f]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Round</span>
          <select className="select" value={roundId} onChange={(e) => setRoundId(e.target.value)}>
            <option value="">No round</option>
            {(rounds.value?.rounds ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Place</span>
          <input value={place} onChange={(e) => setPlace(e.target.value)} />
        </label>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          Create meeting
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Every meeting: the coming ones first, then the past ones, and deleted ones to bring back. */
export function MeetingsView() {
  const version = useMeetings((s) => s.version);
  const list = useFetched('meetings', () => api.meetings.list({}), { version });
  const [creating, setCreating] = useState(false);
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const value = list.value;
  const coming = value?.meetings.filter((m) => m.daysFromToday >= 0) ?? [];
  const past = (value?.meetings.filter((m) => m.daysFromToday < 0) ?? []).reverse();
  return (
    <div className="meetings-page">
      <header className="page-header">
        <p className="eyebrow">Meetings</p>
        <h1>Meetings and agendas</h1>
        <p className="hint">Times are shown where each meeting takes place and, when the clock differs, in your time ({viewerZone()}).</p>
      </header>
      {list.error ? <p role="alert">{list.error}</p> : null}
      <div className="section-heading">
        <h2>Coming</h2>
        {!creating ? (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            New meeting
          </button>
        ) : null}
      </div>
      {creating ? <NewMeetingForm onDone={() => setCreating(false)} /> : null}
      {coming.length === 0 ? <p className="empty-hint">No meeting is planned yet.</p> : null}
      <ol className="meeting-list">
        {coming.map((m) => (
          <MeetingRow key={m.id} m={m} />
        ))}
      </ol>
      {past.length > 0 ? (
        <>
          <h2 className="meetings-past-heading">Past</h2>
          <ol className="meeting-list meeting-list-past">
            {past.map((m) => (
              <MeetingRow key={m.id} m={m} />
            ))}
          </ol>
        </>
      ) : null}
      {value && value.deleted.length > 0 ? (
        <section className="meetings-deleted" aria-label="Deleted meetings">
          <h2>Deleted</h2>
          {restoreError ? <p role="alert">{restoreError}</p> : null}
          <ul>
            {value.deleted.map((d) => (
              <li key={d.id}>
                {d.title} ({d.date}){' '}
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => act(() => api.meetings.restore({ id: d.id }), setRestoreError)}
                >
                  Restore
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
