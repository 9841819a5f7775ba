import type { MeetingBrief as Brief } from '../../../../electron/core/contract/meetingsViews';
import { followUpStateLabels, meetingFormatLabels } from '../../../../electron/core/model/meetings';
import { pointStatusLabels, stanceKindLabels } from '../../../../electron/core/model/positions';
import { statusLabels } from '../../../../electron/core/model/book';
import { formatDay } from '../../../../electron/core/meetings/time';
import { api } from '../../api/client';
import { useNavigation } from '../../app/navigation';
import { Markdown } from '../../shared/ui/Markdown';
import { openLink } from '../../shared/openLink';
import { useFetched } from '../positions/useFetched';
import { MeetingWhen } from './MeetingsView';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useToasts } from '../../shared/ui/toasts';
import { useMeetings, viewerZone } from './meetingsState';
import './meetings.css';

function Section({ title, source }: { title: string; source: string }) {
  if (!source.trim()) return null;
  return (
    <div className="brief-block">
      <h4>{title}</h4>
      <Markdown source={source} onOpenLink={openLink} />
    </div>
  );
}

function BriefItems({ brief }: { brief: Brief }) {
  const partyName = new Map(brief.parties.map((p) => [p.id, p.name]));
  return (
    <>
      {brief.items.map(({ item, area, points, evidence, followUps }, index) => (
        <section key={item.id} className="brief-item" aria-labelledby={`brief-item-${item.id}`}>
          <h3 id={`brief-item-${item.id}`}>
            <span className="brief-item-number">{index + 1}</span> {item.heading}
            <span className="brief-item-minutes">{item.minutes} min</span>
          </h3>
          {item.areaRemoved ? (
            <p className="area-removed-note" role="note">
              <span className="area-removed">area removed</span> The issue area of this item was deleted; its summary and positions are not
              available. The item&apos;s own notes are below.
            </p>
          ) : null}
          {area ? (
            <div className="brief-area">
              <p className="brief-area-status">
                Issue area · {statusLabels[area.status]}
                {item.title && item.title !== area.title ? ` · ${area.title}` : ''}
              </p>
              {area.summary ? <p className="brief-summary">{area.summary}</p> : <p className="empty-hint">No summary.</p>}
            </div>
          ) : null}
          {points.length > 0 ? (
            <table className="brief-positions">
              <caption>Positions now</caption>
              <thead>
                <tr>
                  <th scope="col">Point</th>
                  {brief.parties.map((p) => (
                    <th key={p.id} scope="col">
                      {p.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {points.map((pt) => (
                  <tr key={pt.id}>
                    <th scope="row">
                      {pt.title}
                      <span className={`brief-status status-${pt.status}`}>{pointStatusLabels[pt.status]}</span>
                    </th>
                    {brief.parties.map((party) => {
                      const stance = pt.stances.find((s) => s.partyId === party.id);
                      return (
                        <td key={party.id}>
                          {stance ? (
                            <>
                              <span className={`brief-kind kind-${stance.kind}`}>{stanceKindLabels[stance.kind]}</span>
                              <Markdown source={stance.text} onOpenLink={openLink} />
                            </>
                          ) : (
                            <span className="empty-hint">No stance</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : area ? (
            <p className="empty-hint">No positions recorded on this area’s board.</p>
          ) : null}
          {evidence.length > 0 ? (
            <div className="brief-block">
              <h4>Evidence</h4>
              {evidence.map((e, i) => (
                <figure key={i} className="brief-quote">
                  <blockquote>{e.quote}</blockquote>
                  <figcaption>
                    {[e.outlet, e.title, e.date ? formatDay(e.date) : null].filter(Boolean).join(', ')} ·{' '}
                    {partyName.get(e.partyId) ?? e.partyId} on “{e.pointTitle}”
                    {e.state === 'removed' ? ' · source removed' : e.state === 'orphan' ? ' · quote no longer found' : ''}
                  </figcaption>
                </figure>
              ))}
            </div>
          ) : null}
          <Section title="Talking points" source={item.talkingPoints} />
          {item.asks.trim() || item.offers.trim() ? (
            <div className="brief-ask-offer">
              <Section title="Our asks" source={item.asks} />
              <Section title="What we can offer" source={item.offers} />
            </div>
          ) : null}
          <Section title="Questions to raise" source={item.questions} />
          <Section title="Outcome" source={item.outcome} />
          {followUps.length > 0 ? (
            <div className="brief-block">
              <h4>Follow-ups</h4>
              <ul>
                {followUps.map((f) => (
                  <li key={f.id}>
                    {f.text} — {f.owner || 'no owner'}
                    {f.due ? `, due ${formatDay(f.due)}` : ''} ({followUpStateLabels[f.state]})
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ))}
    </>
  );
}

/** The meeting brief: one read-only page to read the night before. */
export function MeetingBriefView({ meetingId }: { meetingId: string }) {
  const version = useMeetings((s) => s.version);
  const go = useNavigation((s) => s.go);
  const fetched = useFetched(`brief:${meetingId}`, () => api.meetings.brief({ id: meetingId }), { version });
  const brief = fetched.value;
  const [exporting, setExporting] = useState(false);
  const exportPdf = async () => {
    setExporting(true);
    try {
      const result = await api.meetings.exportBrief({ id: meetingId, pageSize: 'a4', viewerZone: viewerZone() });
      if (result.saved) useToasts.getState().show({ tone: 'info', message: `Saved the meeting brief (${result.pages} pages).` });
    } catch (e) {
      useToasts.getState().show({ tone: 'error', message: errorMessage(e) });
    } finally {
      setExporting(false);
    }
  };
  if (fetched.error && !brief) return <p role="alert">{fetched.error}</p>;
  if (!brief || brief.meeting.id !== meetingId) return <p className="loading">Putting the brief together…</p>;
  const { meeting } = brief;
  const total = meeting.agenda.reduce((s, i) => s + i.minutes, 0);
  return (
    <article className="brief" aria-label="Meeting brief">
      <div className="brief-toolbar">
        <button type="button" className="btn" disabled={exporting} onClick={() => void exportPdf()}>
          {exporting ? 'Exporting…' : 'Export PDF…'}
        </button>
        <button type="button" className="btn" onClick={() => go({ view: 'meeting', meetingId })}>
          Edit meeting
        </button>
      </div>
      <header className="brief-header">
        {brief.marking ? <p className="brief-marking">{brief.marking}</p> : null}
        <p className="eyebrow">Meeting brief · {brief.bookTitle}</p>
        <h1>{meeting.title}</h1>
        <MeetingWhen date={meeting.date} time={meeting.time} timeZone={meeting.timeZone} />
        <p className="brief-facts">
          {[meetingFormatLabels[meeting.format], meeting.place, meeting.roundName, `${meeting.durationMinutes} min`]
            .filter(Boolean)
            .join(' · ')}
        </p>
      </header>
      {meeting.objectives.trim() ? (
        <section className="brief-objectives">
          <h2>Objectives</h2>
          <Markdown source={meeting.objectives} onOpenLink={openLink} />
        </section>
      ) : null}
      <section className="brief-participants">
        <h2>Participants</h2>
        <div className="brief-sides">
          {brief.parties.map((party) => (
            <div key={party.id}>
              <h3>{party.name}</h3>
              <ul>
                {meeting.participants
                  .filter((p) => p.partyId === party.id)
                  .map((p) => (
                    <li key={p.id}>
                      <strong>{p.name}</strong>
                      {p.role ? <span className="role"> — {p.role}</span> : null}
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </div>
      </section>
      <section className="brief-agenda">
        <h2>Agenda</h2>
        <ol>
          {meeting.agenda.map((i) => (
            <li key={i.id}>
              <a
                href={`#brief-item-${i.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(`brief-item-${i.id}`)?.scrollIntoView({ block: 'start' });
                }}
              >
                {i.heading}
              </a>
              {i.areaRemoved ? <span className="area-removed">area removed</span> : null}
              <span className="brief-agenda-minutes">{i.minutes} min</span>
            </li>
          ))}
        </ol>
        <p className="hint">{total} minutes of agenda.</p>
      </section>
      <BriefItems brief={brief} />
    </article>
  );
}
