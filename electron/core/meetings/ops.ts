import { AppError, invalid, notFound } from '../errors';
import {
  meetingLimits,
  type AgendaItem,
  type EventKind,
  type EventLinks,
  type FollowUp,
  type FollowUpState,
  type Meeting,
  type MeetingFormat,
  type Participant,
  type TimelineEvent,
} from '../model/meetings';
import { cleanLine, type Clock } from '../ops/areas';
import { assertDate, assertTimeZone, daysBetween } from './time';

/** Pure operations on meetings and timeline events. The service stores their results in book.json. */

export interface MeetingContext {
  readonly clock: Clock;
  /** A fresh id with this prefix. */
  readonly newId: (prefix: string) => string;
  /** Party ids of the book (active and archived): participants must sit for one of them. */
  readonly partyIds: ReadonlySet<string>;
  readonly roundIds: ReadonlySet<string>;
  /** Live issue areas: a new agenda item can only point at one of these. */
  readonly areaIds: ReadonlySet<string>;
}

export interface ParticipantInput {
  readonly id?: string | undefined;
  readonly name: string;
  readonly role: string;
  readonly partyId: string;
}

export interface MeetingInput {
  readonly title: string;
  readonly date: string;
  readonly time: string;
  readonly timeZone: string;
  readonly durationMinutes?: number | undefined;
  readonly place?: string | undefined;
  readonly format?: MeetingFormat | undefined;
  readonly roundId?: string | null | undefined;
  readonly objectives?: string | undefined;
  readonly participants?: readonly ParticipantInput[] | undefined;
}

export type MeetingPatch = Partial<MeetingInput>;

export interface AgendaItemInput {
  readonly areaId?: string | null | undefined;
  readonly title?: string | undefined;
  readonly talkingPoints?: string | undefined;
  readonly asks?: string | undefined;
  readonly offers?: string | undefined;
  readonly questions?: string | undefined;
  readonly minutes?: number | undefined;
  readonly outcome?: string | undefined;
}

export interface FollowUpInput {
  readonly id?: string | undefined;
  readonly text: string;
  readonly owner: string;
  readonly due: string | null;
  readonly state: FollowUpState;
  readonly itemId: string | null;
}

export interface EventInput {
  readonly title: string;
  readonly date: string;
  readonly kind: EventKind;
  readonly notes?: string | undefined;
  readonly links?: Partial<EventLinks> | undefined;
}

export function liveMeetings(meetings: readonly Meeting[]): Meeting[] {
  return meetings.filter((m) => m.deletedAt === null);
}

export function findMeeting(meetings: readonly Meeting[], id: string): Meeting {
  const found = meetings.find((m) => m.id === id && m.deletedAt === null);
  if (!found) throw notFound('Meeting', id);
  return found;
}

/** Meetings in the order they take place (by their instant is not needed: same-zone books sort by local date and time). */
export function sortMeetings(meetings: readonly Meeting[]): Meeting[] {
  return [...meetings].sort(
    (a, b) => cmp(`${a.date}T${a.time}`, `${b.date}T${b.time}`) || cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function required(value: string, what: string): string {
  const cleaned = cleanLine(value);
  if (!cleaned) throw invalid(`${what} cannot be empty.`);
  return cleaned;
}

function checkRound(roundId: string | null, ctx: MeetingContext): string | null {
  if (roundId !== null && !ctx.roundIds.has(roundId)) {
    throw invalid(`The round "${roundId}" does not exist. Choose one of the book's rounds, or none.`);
  }
  return roundId;
}

function participants(list: readonly ParticipantInput[], ctx: MeetingContext): Participant[] {
  if (list.length > meetingLimits.participants) throw invalid(`A meeting can have at most ${meetingLimits.participants} participants.`);
  const seen = new Set<string>();
  return list.map((p) => {
    if (!ctx.partyIds.has(p.partyId)) throw invalid(`The party "${p.partyId}" is not in this book. Choose one of the book's parties.`);
    const id = p.id && !seen.has(p.id) ? p.id : ctx.newId('p');
    seen.add(id);
    return { id, name: required(p.name, 'A participant name'), role: cleanLine(p.role), partyId: p.partyId };
  });
}

export function createMeeting(meetings: readonly Meeting[], input: MeetingInput, ctx: MeetingContext): Meeting {
  if (liveMeetings(meetings).length >= meetingLimits.meetings) throw invalid(`A book can have at most ${meetingLimits.meetings} meetings.`);
  const now = ctx.clock.now();
  return {
    id: ctx.newId('m'),
    title: required(input.title, 'A meeting title'),
    date: assertDate(input.date, 'The meeting date'),
    time: input.time,
    timeZone: assertTimeZone(input.timeZone),
    durationMinutes: input.durationMinutes ?? 120,
    place: cleanLine(input.place ?? ''),
    format: input.format ?? 'plenary',
    roundId: checkRound(input.roundId ?? null, ctx),
    participants: participants(input.participants ?? [], ctx),
    objectives: input.objectives ?? '',
    agenda: [],
    followUps: [],
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
}

export function updateMeeting(meeting: Meeting, patch: MeetingPatch, ctx: MeetingContext): Meeting {
  const next: Meeting = {
    ...meeting,
    ...(patch.title === undefined ? {} : { title: required(patch.title, 'A meeting title') }),
    ...(patch.date === undefined ? {} : { date: assertDate(patch.date, 'The meeting date') }),
    ...(patch.time === undefined ? {} : { time: patch.time }),
    ...(patch.timeZone === undefined ? {} : { timeZone: assertTimeZone(patch.timeZone) }),
    ...(patch.durationMinutes === undefined ? {} : { durationMinutes: patch.durationMinutes }),
    ...(patch.place === undefined ? {} : { place: cleanLine(patch.place) }),
    ...(patch.format === undefined ? {} : { format: patch.format }),
    ...(patch.roundId === undefined ? {} : { roundId: checkRound(patch.roundId, ctx) }),
    ...(patch.objectives === undefined ? {} : { objectives: patch.objectives }),
    ...(patch.participants === undefined ? {} : { participants: participants(patch.participants, ctx) }),
  };
  return touch(meeting, next, ctx);
}

function touch(before: Meeting, after: Meeting, ctx: MeetingContext): Meeting {
  if (JSON.stringify({ ...before, updatedAt: '' }) === JSON.stringify({ ...after, updatedAt: '' })) return before;
  return { ...after, updatedAt: ctx.clock.now() };
}

export function setMeetingDeleted(meeting: Meeting, deleted: boolean, clock: Clock): Meeting {
  if ((meeting.deletedAt !== null) === deleted) return meeting;
  return { ...meeting, deletedAt: deleted ? clock.now() : null };
}

// ---- the agenda -------------------------------------------------------------

function findItem(meeting: Meeting, itemId: string): AgendaItem {
  const item = meeting.agenda.find((i) => i.id === itemId);
  if (!item) throw notFound('Agenda item', itemId);
  return item;
}

export function addAgendaItem(meeting: Meeting, input: AgendaItemInput, beforeId: string | null, ctx: MeetingContext): Meeting {
  if (meeting.agenda.length >= meetingLimits.agendaItems) throw invalid(`An agenda can have at most ${meetingLimits.agendaItems} items.`);
  const areaId = input.areaId ?? null;
  if (areaId !== null && !ctx.areaIds.has(areaId)) throw invalid(`The issue area "${areaId}" does not exist (it may have been deleted).`);
  const title = cleanLine(input.title ?? '');
  if (areaId === null && !title) throw invalid('A free agenda item needs a title.');
  const item: AgendaItem = {
    id: ctx.newId('i'),
    areaId,
    title,
    talkingPoints: input.talkingPoints ?? '',
    asks: input.asks ?? '',
    offers: input.offers ?? '',
    questions: input.questions ?? '',
    minutes: input.minutes ?? 15,
    outcome: input.outcome ?? '',
  };
  const agenda = [...meeting.agenda];
  const at = beforeId === null ? agenda.length : agenda.findIndex((i) => i.id === beforeId);
  if (at < 0) throw notFound('Agenda item', beforeId ?? '');
  agenda.splice(at, 0, item);
  return touch(meeting, { ...meeting, agenda }, ctx);
}

export function updateAgendaItem(meeting: Meeting, itemId: string, patch: AgendaItemInput, ctx: MeetingContext): Meeting {
  const item = findItem(meeting, itemId);
  if (patch.areaId !== undefined && patch.areaId !== item.areaId && patch.areaId !== null && !ctx.areaIds.has(patch.areaId)) {
    throw invalid(`The issue area "${patch.areaId}" does not exist (it may have been deleted).`);
  }
  const next: AgendaItem = {
    ...item,
    ...(patch.areaId === undefined ? {} : { areaId: patch.areaId }),
    ...(patch.title === undefined ? {} : { title: cleanLine(patch.title) }),
    ...(patch.talkingPoints === undefined ? {} : { talkingPoints: patch.talkingPoints }),
    ...(patch.asks === undefined ? {} : { asks: patch.asks }),
    ...(patch.offers === undefined ? {} : { offers: patch.offers }),
    ...(patch.questions === undefined ? {} : { questions: patch.questions }),
    ...(patch.minutes === undefined ? {} : { minutes: patch.minutes }),
    ...(patch.outcome === undefined ? {} : { outcome: patch.outcome }),
  };
  if (next.areaId === null && !next.title) throw invalid('A free agenda item needs a title.');
  return touch(meeting, { ...meeting, agenda: meeting.agenda.map((i) => (i.id === itemId ? next : i)) }, ctx);
}

/** Places an item before another one, or last (beforeId null). */
export function moveAgendaItem(meeting: Meeting, itemId: string, beforeId: string | null, ctx: MeetingContext): Meeting {
  const item = findItem(meeting, itemId);
  if (beforeId === itemId) return meeting;
  if (beforeId !== null) findItem(meeting, beforeId);
  const rest = meeting.agenda.filter((i) => i.id !== itemId);
  const at = beforeId === null ? rest.length : rest.findIndex((i) => i.id === beforeId);
  rest.splice(at, 0, item);
  return touch(meeting, { ...meeting, agenda: rest }, ctx);
}

export function removeAgendaItem(meeting: Meeting, itemId: string, ctx: MeetingContext): Meeting {
  findItem(meeting, itemId);
  return touch(
    meeting,
    {
      ...meeting,
      agenda: meeting.agenda.filter((i) => i.id !== itemId),
      // Follow-ups of a removed item stay, no longer tied to it.
      followUps: meeting.followUps.map((f) => (f.itemId === itemId ? { ...f, itemId: null } : f)),
    },
    ctx,
  );
}

// ---- follow-ups -------------------------------------------------------------

/** The checks of a follow-up that need no meeting: made first, so bad input is said as such even for an unknown meeting. */
export function checkFollowUpInput(input: FollowUpInput): { readonly text: string; readonly due: string | null } {
  return { text: required(input.text, 'A follow-up'), due: input.due === null ? null : assertDate(input.due, 'The due date') };
}

export function saveFollowUp(meeting: Meeting, input: FollowUpInput, ctx: MeetingContext): { meeting: Meeting; followUp: FollowUp } {
  const checked = checkFollowUpInput(input);
  if (input.itemId !== null) findItem(meeting, input.itemId);
  const due = checked.due;
  const existing = input.id === undefined ? undefined : meeting.followUps.find((f) => f.id === input.id);
  if (input.id !== undefined && !existing) throw notFound('Follow-up', input.id);
  if (!existing && meeting.followUps.length >= meetingLimits.followUps) {
    throw invalid(`A meeting can have at most ${meetingLimits.followUps} follow-ups.`);
  }
  const fields = {
    text: checked.text,
    owner: cleanLine(input.owner),
    due,
    state: input.state,
    itemId: input.itemId,
  };
  if (existing && Object.entries(fields).every(([k, v]) => existing[k as keyof typeof fields] === v)) {
    return { meeting, followUp: existing };
  }
  const followUp: FollowUp = { id: existing?.id ?? ctx.newId('f'), ...fields, updatedAt: ctx.clock.now() };
  const followUps = existing ? meeting.followUps.map((f) => (f.id === followUp.id ? followUp : f)) : [...meeting.followUps, followUp];
  return { meeting: { ...meeting, followUps, updatedAt: ctx.clock.now() }, followUp };
}

export function removeFollowUp(meeting: Meeting, followUpId: string, ctx: MeetingContext): Meeting {
  if (!meeting.followUps.some((f) => f.id === followUpId)) throw notFound('Follow-up', followUpId);
  return touch(meeting, { ...meeting, followUps: meeting.followUps.filter((f) => f.id !== followUpId) }, ctx);
}

/** Where a follow-up stands on a given day: finished ones are never late. */
export type FollowUpStanding = 'done' | 'dropped' | 'overdue' | 'due-today' | 'due' | 'no-date';

export function followUpStanding(f: Pick<FollowUp, 'state' | 'due'>, today: string): FollowUpStanding {
  if (f.state === 'done' || f.state === 'dropped') return f.state;
  if (f.due === null) return 'no-date';
  const days = daysBetween(today, f.due);
  return days < 0 ? 'overdue' : days === 0 ? 'due-today' : 'due';
}

// ---- timeline events --------------------------------------------------------

function links(input: Partial<EventLinks> | undefined, ctx: MeetingContext, meetings: readonly Meeting[]): EventLinks {
  const unique = (ids: readonly string[] | undefined) => [...new Set(ids ?? [])];
  const areaIds = unique(input?.areaIds);
  const meetingIds = unique(input?.meetingIds);
  for (const id of areaIds) if (!ctx.areaIds.has(id)) throw invalid(`The issue area "${id}" does not exist (it may have been deleted).`);
  for (const id of meetingIds) findMeeting(meetings, id);
  return { areaIds, meetingIds, sourceIds: unique(input?.sourceIds) };
}

export function createEvent(
  events: readonly TimelineEvent[],
  meetings: readonly Meeting[],
  input: EventInput,
  ctx: MeetingContext,
): TimelineEvent {
  if (events.length >= meetingLimits.events) throw invalid(`A timeline can have at most ${meetingLimits.events} events.`);
  const now = ctx.clock.now();
  return {
    id: ctx.newId('e'),
    title: required(input.title, 'An event title'),
    date: assertDate(input.date, 'The event date'),
    kind: input.kind,
    notes: input.notes ?? '',
    links: links(input.links, ctx, meetings),
    createdAt: now,
    updatedAt: now,
  };
}

export function updateEvent(
  event: TimelineEvent,
  meetings: readonly Meeting[],
  patch: Partial<EventInput>,
  ctx: MeetingContext,
): TimelineEvent {
  const next: TimelineEvent = {
    ...event,
    ...(patch.title === undefined ? {} : { title: required(patch.title, 'An event title') }),
    ...(patch.date === undefined ? {} : { date: assertDate(patch.date, 'The event date') }),
    ...(patch.kind === undefined ? {} : { kind: patch.kind }),
    ...(patch.notes === undefined ? {} : { notes: patch.notes }),
    ...(patch.links === undefined ? {} : { links: links({ ...event.links, ...patch.links }, ctx, meetings) }),
  };
  if (JSON.stringify(next) === JSON.stringify(event)) return event;
  return { ...next, updatedAt: ctx.clock.now() };
}

export function findEvent(events: readonly TimelineEvent[], id: string): TimelineEvent {
  const found = events.find((e) => e.id === id);
  if (!found) throw notFound('Timeline event', id);
  return found;
}

export function assertNoConflict(ok: boolean, message: string): void {
  if (!ok) throw new AppError('conflict', message);
}
