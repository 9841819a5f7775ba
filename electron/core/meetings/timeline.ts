import type { MeetingSummary, TimelineEntry, Upcoming } from '../contract/meetingsViews';
import type { Meeting, TimelineEvent } from '../model/meetings';
import { followUpStateLabels, meetingFormatLabels } from '../model/meetings';
import type { Round } from '../model/positions';
import { followUpStanding, liveMeetings, sortMeetings } from './ops';
import { daysBetween, formatDay, inZone, zonedToUtc } from './time';

/**
 * The timeline: events entered by hand, plus rounds, meetings and follow-up due dates, derived
 * each time from where they are stored (nothing is copied, so nothing can disagree).
 */
export interface TimelineInput {
  readonly today: string;
  readonly rounds: readonly Round[];
  readonly meetings: readonly Meeting[];
  readonly events: readonly TimelineEvent[];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const kindOrder: Record<TimelineEntry['kind'], number> = { round: 0, meeting: 1, deadline: 2, event: 3, 'follow-up': 4 };

export function buildTimeline({ today, rounds, meetings, events }: TimelineInput): TimelineEntry[] {
  const roundNames = new Map(rounds.map((r) => [r.id, r.name]));
  const entries: TimelineEntry[] = [];
  for (const r of rounds) {
    entries.push({
      key: `round:${r.id}`,
      kind: 'round',
      date: r.startDate,
      endDate: r.endDate === r.startDate ? null : r.endDate,
      title: r.name,
      detail: [r.place, r.endDate === r.startDate ? formatDay(r.startDate) : `${formatDay(r.startDate)} – ${formatDay(r.endDate)}`]
        .filter(Boolean)
        .join(' · '),
      refId: r.id,
      meetingId: null,
      areaIds: [],
      sourceIds: [],
      editable: false,
      daysFromToday: daysBetween(today, r.startDate),
      standing: null,
    });
  }
  for (const m of liveMeetings(meetings)) {
    const round = m.roundId ? roundNames.get(m.roundId) : undefined;
    entries.push({
      key: `meeting:${m.id}`,
      kind: 'meeting',
      date: m.date,
      endDate: null,
      title: m.title,
      detail: [
        `${m.time} ${inZone(zonedToUtc(m.date, m.time, m.timeZone), m.timeZone).offset}`,
        meetingFormatLabels[m.format],
        m.place,
        round,
      ]
        .filter(Boolean)
        .join(' · '),
      refId: m.id,
      meetingId: m.id,
      areaIds: [...new Set(m.agenda.flatMap((i) => (i.areaId ? [i.areaId] : [])))],
      sourceIds: [],
      editable: false,
      daysFromToday: daysBetween(today, m.date),
      standing: null,
    });
    for (const f of m.followUps) {
      if (f.due === null) continue;
      const item = f.itemId ? m.agenda.find((i) => i.id === f.itemId) : undefined;
      entries.push({
        key: `follow-up:${m.id}:${f.id}`,
        kind: 'follow-up',
        date: f.due,
        endDate: null,
        title: f.text,
        detail: [f.owner ? `Owner: ${f.owner}` : 'No owner', followUpStateLabels[f.state], `from ${m.title}`].join(' · '),
        refId: f.id,
        meetingId: m.id,
        areaIds: item?.areaId ? [item.areaId] : [],
        sourceIds: [],
        editable: false,
        daysFromToday: daysBetween(today, f.due),
        standing: followUpStanding(f, today),
      });
    }
  }
  for (const e of events) {
    entries.push({
      key: `${e.kind}:${e.id}`,
      kind: e.kind,
      date: e.date,
      endDate: null,
      title: e.title,
      detail: e.notes,
      refId: e.id,
      meetingId: e.links.meetingIds[0] ?? null,
      areaIds: [...e.links.areaIds],
      sourceIds: [...e.links.sourceIds],
      editable: true,
      daysFromToday: daysBetween(today, e.date),
      standing: null,
    });
  }
  return entries.sort((a, b) => cmp(a.date, b.date) || kindOrder[a.kind] - kindOrder[b.kind] || cmp(a.title, b.title) || cmp(a.key, b.key));
}

export function summarizeMeeting(m: Meeting, today: string, roundName: string | null): MeetingSummary {
  const startsAt = zonedToUtc(m.date, m.time, m.timeZone);
  const open = m.followUps.filter((f) => f.state === 'open' || f.state === 'in-progress');
  return {
    id: m.id,
    title: m.title,
    date: m.date,
    time: m.time,
    timeZone: m.timeZone,
    startsAt,
    local: inZone(startsAt, m.timeZone),
    place: m.place,
    format: m.format,
    roundId: m.roundId,
    roundName,
    items: m.agenda.length,
    openFollowUps: open.length,
    overdueFollowUps: open.filter((f) => followUpStanding(f, today) === 'overdue').length,
    daysFromToday: daysBetween(today, m.date),
  };
}

/** How far ahead the Upcoming panel looks for deadlines and events. */
export const UPCOMING_DAYS = 90;

/** The home page's panel: the next meetings and deadlines with days remaining, and every overdue follow-up. */
export function buildUpcoming(input: TimelineInput, limit = 5): Upcoming {
  const { today } = input;
  const roundNames = new Map(input.rounds.map((r) => [r.id, r.name]));
  const meetings = sortMeetings(liveMeetings(input.meetings))
    .filter((m) => daysBetween(today, m.date) >= 0)
    .slice(0, limit)
    .map((m) => summarizeMeeting(m, today, m.roundId ? (roundNames.get(m.roundId) ?? null) : null));
  const entries = buildTimeline(input);
  const deadlines = entries
    .filter(
      (e) =>
        e.daysFromToday >= 0 &&
        e.daysFromToday <= UPCOMING_DAYS &&
        (e.kind === 'deadline' || e.kind === 'event' || (e.kind === 'follow-up' && (e.standing === 'due' || e.standing === 'due-today'))),
    )
    .slice(0, limit * 2);
  const overdue = entries.filter((e) => e.kind === 'follow-up' && e.standing === 'overdue');
  return { today, meetings, deadlines, overdue };
}
