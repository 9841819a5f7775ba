import { createHash } from 'node:crypto';
import type { MeetingList, MeetingView, TimelineView } from '../../electron/core/contract/meetingsViews';
import type { BookMeetings } from '../../electron/core/model/meetings';
import { randomText } from '../reliability/random';
import { observeMeetings } from '../reliability/observe';
import type { Effect } from './protocol';
import type { OpContext, TortureOp } from './ops';
import { bookPartOp } from './positionsOps';

/**
 * The meetings and timeline saves of the crash loop (issue 7): meetings created, edited, deleted and
 * brought back, agenda items added, written, moved and removed, follow-ups saved and removed, and timeline
 * events created, edited and deleted, all in book.json. What the parent checks is a hash of the meetings
 * and events as a user sees them (tests/reliability/observe.ts), read back through the API once a save is
 * acknowledged and read from book.json after each kill. One book.json save runs at a time ('book' locked),
 * as the rounds and settings saves do.
 */
const hash = (value: unknown): string => createHash('sha1').update(JSON.stringify(value)).digest('hex');

type Stored = BookMeetings['meetings'][number];

function byCreation<T extends { readonly createdAt: string; readonly id: string }>(list: readonly T[]): T[] {
  return [...list].sort((x, y) => (x.createdAt < y.createdAt ? -1 : x.createdAt > y.createdAt ? 1 : x.id < y.id ? -1 : 1));
}

/** From book.json: every meeting (deleted ones by title) and every event. */
export function meetingsHashOnDisk(stored: BookMeetings): string {
  // The API reads live meetings in full and deleted ones by title: the same split here.
  const live = stored.meetings.filter((m: Stored) => m.deletedAt === null);
  const deleted = stored.meetings.filter((m: Stored) => m.deletedAt !== null).map((m) => m.title);
  return hash([observeMeetings(byCreation(live), stored.events), [...deleted].sort()]);
}

async function meetingsEffect(ctx: OpContext): Promise<Effect> {
  const list = await ctx.call<MeetingList>('bb:meetings.list', {});
  const views: MeetingView[] = [];
  for (const m of list.meetings) views.push(await ctx.call<MeetingView>('bb:meetings.get', { id: m.id }));
  const timeline = await ctx.call<TimelineView>('bb:timeline.list', {});
  const deleted = list.deleted.map((d) => d.title);
  return { book: { meetingsHash: hash([observeMeetings(byCreation(views), timeline.events), [...deleted].sort()]) } };
}

interface Now {
  readonly list: MeetingList;
  readonly timeline: TimelineView;
  /** A live meeting, read in full, or null when there is none. */
  readonly meeting: MeetingView | null;
  /** For a save that links an area: a live one, locked while the save runs (null when there is none). */
  readonly areaId: string | null;
}

function meetingOp(method: string, weight: number, make: (ctx: OpContext, now: Now) => unknown, linksArea = false): TortureOp {
  return bookPartOp(
    method,
    weight,
    'meetingsHash',
    async (ctx, areaId) => {
      const list = await ctx.call<MeetingList>('bb:meetings.list', {});
      const timeline = await ctx.call<TimelineView>('bb:timeline.list', {});
      const picked = list.meetings.length > 0 ? ctx.random.pick(list.meetings) : null;
      const meeting = picked ? await ctx.call<MeetingView>('bb:meetings.get', { id: picked.id }) : null;
      return make(ctx, { list, timeline, meeting, areaId });
    },
    meetingsEffect,
    linksArea,
  );
}

const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/Brussels', 'UTC'] as const;
const day = (ctx: OpContext) => `2019-${String(ctx.random.int(1, 12)).padStart(2, '0')}-${String(ctx.random.int(1, 28)).padStart(2, '0')}`;
const time = (ctx: OpContext) => `${String(ctx.random.int(0, 23)).padStart(2, '0')}:${ctx.random.pick(['00', '15', '30', '45'])}`;
const line = (ctx: OpContext, max: number) => randomText(ctx.random, ctx.random.int(1, max)).replace(/\s+/g, ' ').trim() || 'Talks';

export const meetingsOps: Record<string, TortureOp> = {
  createMeeting: meetingOp('meetings.create', 2, (ctx, { list }) =>
    list.meetings.length >= 30
      ? null
      : {
          title: line(ctx, 80),
          date: day(ctx),
          time: time(ctx),
          timeZone: ctx.random.pick(zones),
          format: ctx.random.pick(['plenary', 'working-group', 'leaders', 'call']),
          place: line(ctx, 60),
        },
  ),
  updateMeeting: meetingOp('meetings.update', 2, (ctx, { meeting }) =>
    meeting
      ? {
          id: meeting.id,
          patch: { objectives: randomText(ctx.random, ctx.random.int(0, 3_000)), time: time(ctx), timeZone: ctx.random.pick(zones) },
        }
      : null,
  ),
  deleteMeeting: meetingOp('meetings.delete', 1, (_ctx, { meeting, list }) =>
    meeting && list.meetings.length > 2 ? { id: meeting.id } : null,
  ),
  restoreMeeting: meetingOp('meetings.restore', 1, (ctx, { list }) =>
    list.deleted.length > 0 ? { id: ctx.random.pick(list.deleted).id } : null,
  ),
  addItem: meetingOp(
    'meetings.addItem',
    2,
    (ctx, { meeting, areaId }) => {
      if (!meeting || meeting.agenda.length >= 20) return null;
      const before = meeting.agenda.length > 0 && ctx.random.chance(0.5) ? ctx.random.pick(meeting.agenda).id : null;
      const item = areaId !== null && ctx.random.chance(0.7) ? { areaId } : { title: line(ctx, 80) };
      return { meetingId: meeting.id, beforeId: before, item };
    },
    // The area an item is about is locked while it is added: an area deleted meanwhile would refuse the save.
    true,
  ),
  updateItem: meetingOp('meetings.updateItem', 3, (ctx, { meeting }) => {
    if (!meeting || meeting.agenda.length === 0) return null;
    return {
      meetingId: meeting.id,
      itemId: ctx.random.pick(meeting.agenda).id,
      patch: { talkingPoints: randomText(ctx.random, ctx.random.int(0, 5_000)), minutes: ctx.random.int(5, 120) },
    };
  }),
  moveItem: meetingOp('meetings.moveItem', 1, (ctx, { meeting }) => {
    if (!meeting || meeting.agenda.length < 2) return null;
    const item = ctx.random.pick(meeting.agenda);
    const others = meeting.agenda.filter((i) => i.id !== item.id);
    return { meetingId: meeting.id, itemId: item.id, beforeId: ctx.random.chance(0.3) ? null : ctx.random.pick(others).id };
  }),
  removeItem: meetingOp('meetings.removeItem', 1, (ctx, { meeting }) =>
    meeting && meeting.agenda.length > 0 ? { meetingId: meeting.id, itemId: ctx.random.pick(meeting.agenda).id } : null,
  ),
  saveFollowUp: meetingOp('meetings.saveFollowUp', 2, (ctx, { meeting }) => {
    if (!meeting || meeting.followUps.length >= 20) return null;
    const existing = meeting.followUps.length > 0 && ctx.random.chance(0.4) ? ctx.random.pick(meeting.followUps) : null;
    return {
      meetingId: meeting.id,
      ...(existing ? { id: existing.id } : {}),
      text: line(ctx, 200),
      owner: line(ctx, 40),
      due: ctx.random.chance(0.8) ? day(ctx) : null,
      state: ctx.random.pick(['open', 'in-progress', 'done', 'dropped']),
      itemId: null,
    };
  }),
  removeFollowUp: meetingOp('meetings.removeFollowUp', 1, (ctx, { meeting }) =>
    meeting && meeting.followUps.length > 0 ? { meetingId: meeting.id, followUpId: ctx.random.pick(meeting.followUps).id } : null,
  ),
  createEvent: meetingOp('timeline.createEvent', 2, (ctx, { timeline }) =>
    timeline.events.length >= 30
      ? null
      : {
          title: line(ctx, 120),
          date: day(ctx),
          kind: ctx.random.pick(['deadline', 'event']),
          notes: randomText(ctx.random, ctx.random.int(0, 500)),
        },
  ),
  updateEvent: meetingOp('timeline.updateEvent', 1, (ctx, { timeline }) =>
    timeline.events.length > 0 ? { id: ctx.random.pick(timeline.events).id, patch: { date: day(ctx), title: line(ctx, 120) } } : null,
  ),
  deleteEvent: meetingOp('timeline.deleteEvent', 1, (ctx, { timeline }) =>
    timeline.events.length > 1 ? { id: ctx.random.pick(timeline.events).id } : null,
  ),
};
