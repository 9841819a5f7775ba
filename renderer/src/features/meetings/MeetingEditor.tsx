import { useEffect, useRef, useState } from 'react';
import type { MeetingView } from '../../../../electron/core/contract/meetingsViews';
import {
  followUpStateLabels,
  followUpStates,
  meetingFormatLabels,
  meetingFormats,
  type FollowUp,
  type FollowUpState,
  type MeetingFormat,
  type Participant,
} from '../../../../electron/core/model/meetings';
import { followUpStanding } from '../../../../electron/core/meetings/ops';
import { api, errorMessage } from '../../api/client';
import { useNavigation } from '../../app/navigation';
import { useToasts } from '../../shared/ui/toasts';
import { useBook } from '../book/bookState';
import { useFetched } from '../positions/useFetched';
import { AgendaEditor } from './AgendaEditor';
import { AutoField } from './Field';
import { MeetingWhen } from './MeetingsView';
import { ZoneInput } from './ZoneInput';
import { change, useMeetings } from './meetingsState';
import './meetings.css';

type Patch = Parameters<typeof api.meetings.update>[0]['patch'];

function useMeeting(meetingId: string) {
  const version = useMeetings((s) => s.version);
  const fetched = useFetched(`meeting:${meetingId}`, () => api.meetings.get({ id: meetingId }), { version });
  return fetched;
}

/** Date, time, zone and length: saved when a field is left, checked by the main process. */
function WhenFields({ meeting, onChange }: { meeting: MeetingView; onChange: (v: MeetingView) => void }) {
  const [date, setDate] = useState(meeting.date);
  const [time, setTime] = useState(meeting.time);
  const [zone, setZone] = useState(meeting.timeZone);
  const [duration, setDuration] = useState(String(meeting.durationMinutes));
  const [error, setError] = useState<string | null>(null);
  const commit = async (patch: Patch) => {
    const result = await change(() => api.meetings.update({ id: meeting.id, patch }));
    if ('error' in result) return setError(result.error);
    setError(null);
    onChange(result.view);
  };
  return (
    <>
      <div className="field-row">
        <label className="field">
          <span>Date</span>
          <input
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            onBlur={() => date !== meeting.date && void commit({ date })}
          />
        </label>
        <label className="field">
          <span>Local time</span>
          <input
            type="time"
            value={time}
            onChange={(e) => setTime(e.target.value)}
            onBlur={() => time !== meeting.time && void commit({ time })}
          />
        </label>
        <ZoneInput value={zone} onChange={setZone} onBlur={() => zone !== meeting.timeZone && void commit({ timeZone: zone })} />
        <label className="field field-narrow">
          <span>Minutes</span>
          <input
            type="number"
            min={0}
            max={1440}
            value={duration}
            onChange={(e) => setDuration(e.target.value)}
            onBlur={() => Number(duration) !== meeting.durationMinutes && void commit({ durationMinutes: Number(duration) })}
          />
        </label>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          Not saved: {error}
        </p>
      ) : null}
    </>
  );
}

function Participants({ meeting, onChange }: { meeting: MeetingView; onChange: (v: MeetingView) => void }) {
  const parties = useBook((s) => s.settings?.parties ?? []);
  const [error, setError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, { name: string; role: string }>>({});
  const save = async (participants: Participant[]) => {
    const result = await change(() => api.meetings.update({ id: meeting.id, patch: { participants } }));
    if ('error' in result) return setError(result.error);
    setError(null);
    onChange(result.view);
  };
  const edit = (id: string, field: 'name' | 'role', value: string) => {
    const next = meeting.participants.map((p) => (p.id === id ? { ...p, [field]: value } : p));
    if (JSON.stringify(next) !== JSON.stringify(meeting.participants)) void save(next);
  };
  return (
    <section className="participants" aria-labelledby="participants-heading">
      <h2 id="participants-heading">Participants</h2>
      {error ? (
        <p className="field-error" role="alert">
          Not saved: {error}
        </p>
      ) : null}
      <div className="participants-sides">
        {parties.map((party) => {
          const draft = drafts[party.id] ?? { name: '', role: '' };
          const list = meeting.participants.filter((p) => p.partyId === party.id);
          return (
            <div key={party.id} className="participants-side" role="group" aria-label={`${party.name} participants`}>
              <h3>{party.name}</h3>
              <ul>
                {list.map((p) => (
                  <li key={p.id} className="participant">
                    <input
                      aria-label="Name"
                      defaultValue={p.name}
                      onBlur={(e) => e.target.value !== p.name && edit(p.id, 'name', e.target.value)}
                    />
                    <input
                      aria-label={`Role of ${p.name}`}
                      placeholder="Role"
                      defaultValue={p.role}
                      onBlur={(e) => e.target.value !== p.role && edit(p.id, 'role', e.target.value)}
                    />
                    <button
                      type="button"
                      className="btn-icon"
                      aria-label={`Remove ${p.name}`}
                      onClick={() => void save(meeting.participants.filter((x) => x.id !== p.id))}
                    >
                      ×
                    </button>
                  </li>
                ))}
                {list.length === 0 ? <li className="empty-hint">Nobody listed yet.</li> : null}
              </ul>
              <form
                className="participant-add"
                onSubmit={(e) => {
                  e.preventDefault();
                  void save(
                    [...meeting.participants, { id: '', name: draft.name, role: draft.role, partyId: party.id }].map((p) =>
                      p.id ? p : { name: p.name, role: p.role, partyId: p.partyId },
                    ) as Participant[],
                  ).then(() => setDrafts((d) => ({ ...d, [party.id]: { name: '', role: '' } })));
                }}
              >
                <input
                  aria-label={`New ${party.name} participant's name`}
                  placeholder="Name"
                  value={draft.name}
                  onChange={(e) => setDrafts((d) => ({ ...d, [party.id]: { ...draft, name: e.target.value } }))}
                />
                <input
                  aria-label={`New ${party.name} participant's role`}
                  placeholder="Role"
                  value={draft.role}
                  onChange={(e) => setDrafts((d) => ({ ...d, [party.id]: { ...draft, role: e.target.value } }))}
                />
                <button type="submit" className="btn btn-small">
                  Add
                </button>
              </form>
            </div>
          );
        })}
      </div>
    </section>
  );
}

function FollowUpRow({ meeting, f, onChange }: { meeting: MeetingView; f: FollowUp | null; onChange: (v: MeetingView) => void }) {
  const today = useFetched('app-info', () => api.app.info({})).value?.today ?? new Date().toISOString().slice(0, 10);
  const [text, setText] = useState(f?.text ?? '');
  const [owner, setOwner] = useState(f?.owner ?? '');
  const [due, setDue] = useState(f?.due ?? '');
  const [state, setState] = useState<FollowUpState>(f?.state ?? 'open');
  const [itemId, setItemId] = useState(f?.itemId ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = async (over: Partial<{ state: FollowUpState; itemId: string }> = {}) => {
    if (f === null && !text.trim()) return;
    const result = await change(() =>
      api.meetings.saveFollowUp({
        meetingId: meeting.id,
        ...(f ? { id: f.id } : {}),
        text,
        owner,
        due: due || null,
        state: over.state ?? state,
        itemId: (over.itemId ?? itemId) || null,
      }),
    );
    if ('error' in result) return setError(result.error);
    setError(null);
    if (f === null) {
      setText('');
      setOwner('');
      setDue('');
      setState('open');
      setItemId('');
    }
    onChange(result.view);
  };
  const standing = f ? followUpStanding(f, today) : null;
  const blurSave = () => f !== null && void save();
  return (
    <tr className={standing === 'overdue' ? 'follow-up overdue' : 'follow-up'} data-follow-up-id={f?.id}>
      <td>
        <input
          aria-label="Follow-up"
          placeholder={f ? '' : 'New follow-up…'}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={blurSave}
        />
        {error ? (
          <span className="field-error" role="alert">
            Not saved: {error}
          </span>
        ) : null}
      </td>
      <td>
        <input aria-label="Owner" placeholder="Owner" value={owner} onChange={(e) => setOwner(e.target.value)} onBlur={blurSave} />
      </td>
      <td>
        <input aria-label="Due date" type="date" value={due} onChange={(e) => setDue(e.target.value)} onBlur={blurSave} />
        {standing === 'overdue' ? <span className="overdue-flag">Overdue</span> : null}
      </td>
      <td>
        <select
          className="select"
          aria-label="State"
          value={state}
          onChange={(e) => {
            const next = e.target.value as FollowUpState;
            setState(next);
            if (f) void save({ state: next });
          }}
        >
          {followUpStates.map((s) => (
            <option key={s} value={s}>
              {followUpStateLabels[s]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select
          className="select"
          aria-label="Agenda item"
          value={itemId}
          onChange={(e) => {
            setItemId(e.target.value);
            if (f) void save({ itemId: e.target.value });
          }}
        >
          <option value="">Whole meeting</option>
          {meeting.agenda.map((i) => (
            <option key={i.id} value={i.id}>
              {i.heading}
            </option>
          ))}
        </select>
      </td>
      <td>
        {f ? (
          <button
            type="button"
            className="btn-icon"
            aria-label={`Remove follow-up “${f.text}”`}
            onClick={() =>
              void change(() => api.meetings.removeFollowUp({ meetingId: meeting.id, followUpId: f.id })).then((r) =>
                'error' in r ? setError(r.error) : onChange(r.view),
              )
            }
          >
            ×
          </button>
        ) : (
          <button type="button" className="btn btn-small" onClick={() => void save()}>
            Add follow-up
          </button>
        )}
      </td>
    </tr>
  );
}

function FollowUps({ meeting, onChange }: { meeting: MeetingView; onChange: (v: MeetingView) => void }) {
  const route = useNavigation((s) => s.route);
  const revealId = route.view === 'meeting' ? route.followUpId : undefined;
  const ref = useRef<HTMLElement>(null);
  // Opened from a search result: the follow-up's text is scrolled to the middle and focused.
  useEffect(() => {
    if (!revealId) return;
    const input = ref.current?.querySelector<HTMLInputElement>(`tr[data-follow-up-id="${CSS.escape(revealId)}"] input`);
    input?.scrollIntoView({ block: 'center' });
    input?.focus({ preventScroll: true });
  }, [revealId]);
  return (
    <section className="follow-ups" aria-labelledby="follow-ups-heading" ref={ref}>
      <h2 id="follow-ups-heading">Follow-ups</h2>
      <table className="follow-up-table">
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">State</th>
            <th scope="col">From</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {meeting.followUps.map((f) => (
            <FollowUpRow key={`${f.id}-${f.updatedAt}`} meeting={meeting} f={f} onChange={onChange} />
          ))}
          <FollowUpRow key={`new-${meeting.followUps.length}`} meeting={meeting} f={null} onChange={onChange} />
        </tbody>
      </table>
    </section>
  );
}

/** One meeting: details, participants, objectives, the agenda, and after it outcomes and follow-ups. */
export function MeetingEditor({ meetingId }: { meetingId: string }) {
  const fetched = useMeeting(meetingId);
  const go = useNavigation((s) => s.go);
  const rounds = useFetched('rounds', () => api.rounds.list({}));
  const [error, setError] = useState<string | null>(null);
  const [local, setLocal] = useState<MeetingView | null>(null);
  const meeting = local && local.id === meetingId && fetched.value && local.updatedAt >= fetched.value.updatedAt ? local : fetched.value;
  if (fetched.error && !meeting) {
    return (
      <div className="meeting-page">
        <p role="alert">{fetched.error}</p>
        <button type="button" className="btn" onClick={() => go({ view: 'meetings' })}>
          All meetings
        </button>
      </div>
    );
  }
  if (!meeting || meeting.id !== meetingId) return <p className="loading">Opening the meeting…</p>;
  const onChange = (view: MeetingView) => setLocal(view);
  const commit = async (patch: Patch) => {
    const result = await change(() => api.meetings.update({ id: meeting.id, patch }));
    if ('error' in result) return setError(result.error);
    setError(null);
    onChange(result.view);
  };
  /** For self-saving fields: a refused save throws, so the field keeps the text and says why. */
  const saveField = async (patch: Patch): Promise<void> => {
    const result = await change(() => api.meetings.update({ id: meeting.id, patch }));
    if ('error' in result) throw new Error(result.error);
    onChange(result.view);
  };
  const remove = async () => {
    try {
      await api.meetings.delete({ id: meeting.id });
      useMeetings.getState().bump();
      go({ view: 'meetings' });
      useToasts.getState().show({
        tone: 'info',
        message: `Meeting “${meeting.title}” deleted.`,
        action: {
          label: 'Undo',
          run: () =>
            void api.meetings.restore({ id: meeting.id }).then(() => {
              useMeetings.getState().bump();
              go({ view: 'meeting', meetingId: meeting.id });
            }),
        },
      });
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <div className="meeting-page" key={meeting.id}>
      <header className="page-header meeting-header">
        <div>
          <p className="eyebrow">
            <button type="button" className="btn-link" onClick={() => go({ view: 'meetings' })}>
              Meetings
            </button>{' '}
            · {meetingFormatLabels[meeting.format]}
            {meeting.roundName ? ` · ${meeting.roundName}` : ''}
          </p>
          <h1>{meeting.title}</h1>
          <MeetingWhen date={meeting.date} time={meeting.time} timeZone={meeting.timeZone} />
        </div>
        <div className="meeting-actions">
          <button type="button" className="btn btn-primary" onClick={() => go({ view: 'meetingBrief', meetingId: meeting.id })}>
            Open brief
          </button>
          <button type="button" className="btn" onClick={() => go({ view: 'recordStances', meetingId: meeting.id })}>
            Record new stances
          </button>
          <button type="button" className="btn btn-danger" onClick={() => void remove()}>
            Delete
          </button>
        </div>
      </header>
      {error ? (
        <p className="field-error" role="alert">
          Not saved: {error}
        </p>
      ) : null}
      <section className="meeting-details" aria-label="Meeting details">
        <AutoField label="Title" value={meeting.title} saveKey={`${meeting.id}:title`} save={(title) => saveField({ title })} />
        <WhenFields key={meeting.updatedAt} meeting={meeting} onChange={onChange} />
        <div className="field-row">
          <label className="field">
            <span>Format</span>
            <select className="select" value={meeting.format} onChange={(e) => void commit({ format: e.target.value as MeetingFormat })}>
              {meetingFormats.map((f) => (
                <option key={f} value={f}>
                  {meetingFormatLabels[f]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Round</span>
            <select className="select" value={meeting.roundId ?? ''} onChange={(e) => void commit({ roundId: e.target.value || null })}>
              <option value="">No round</option>
              {(rounds.value?.rounds ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
          <AutoField label="Place" value={meeting.place} saveKey={`${meeting.id}:place`} save={(place) => saveField({ place })} />
        </div>
        <AutoField
          label="Objectives"
          value={meeting.objectives}
          multiline
          rows={4}
          hint="Markdown. What we want out of this meeting."
          saveKey={`${meeting.id}:objectives`}
          save={(objectives) => saveField({ objectives })}
        />
      </section>
      <Participants meeting={meeting} onChange={onChange} />
      <AgendaEditor meeting={meeting} onChange={onChange} onError={setError} />
      <FollowUps meeting={meeting} onChange={onChange} />
    </div>
  );
}
