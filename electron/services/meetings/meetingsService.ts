import type {
  AgendaItemView,
  BriefItem,
  MeetingBrief,
  MeetingList,
  MeetingView,
  TimelineView,
  Upcoming,
} from '../../core/contract/meetingsViews';
import type { BoardView } from '../../core/contract/positionsViews';
import {
  addAgendaItem,
  createEvent,
  createMeeting,
  findEvent,
  findMeeting,
  liveMeetings,
  moveAgendaItem,
  removeAgendaItem,
  removeFollowUp,
  saveFollowUp,
  checkFollowUpInput,
  setMeetingDeleted,
  sortMeetings,
  updateAgendaItem,
  updateEvent,
  updateMeeting,
  type AgendaItemInput,
  type EventInput,
  type FollowUpInput,
  type MeetingContext,
  type MeetingInput,
  type MeetingPatch,
} from '../../core/meetings/ops';
import { buildTimeline, buildUpcoming, summarizeMeeting } from '../../core/meetings/timeline';
import { inZone, zonedToUtc } from '../../core/meetings/time';
import { notFound } from '../../core/errors';
import type { Meeting, TimelineEvent } from '../../core/model/meetings';
import { liveAreas, type Clock } from '../../core/ops/areas';
import type { BookDoc } from '../../core/persistence/documents';
import type { IdSource } from '../book/bookService';
import type { BookStore } from '../store/bookStore';
import type { StoredDocument } from '../store/document';

export interface MeetingsServiceDeps {
  readonly store: BookStore;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** The day "today" is (the app's fixed --today, or the clock's date). */
  readonly today: () => string;
  /** An area's positions board with its quotes resolved (the positions service). */
  readonly board: (areaId: string) => Promise<BoardView>;
  readonly assertOpen: () => void;
}

/** How many quotes the brief shows per agenda item. */
const BRIEF_QUOTES = 3;

/**
 * Meetings, their agendas and follow-ups, and the timeline. The rules are in the core
 * (core/meetings); this service applies them to book.json's `meetings` section, one durable
 * write per change.
 */
export class MeetingsService {
  constructor(private readonly deps: MeetingsServiceDeps) {}

  private book(): StoredDocument<BookDoc> {
    this.deps.assertOpen();
    return this.deps.store.book();
  }

  private context(doc: BookDoc): MeetingContext {
    const areas = liveAreas(this.deps.store.areas().map((d) => d.value.area));
    return {
      clock: this.deps.clock,
      newId: (prefix) => this.deps.ids.next(prefix),
      partyIds: new Set([...doc.settings.parties.map((p) => p.id), ...doc.positions.archivedParties.map((p) => p.id)]),
      roundIds: new Set(doc.positions.rounds.map((r) => r.id)),
      areaIds: new Set(areas.map((a) => a.id)),
    };
  }

  /** Applies a change to one meeting and stores it; returns the meeting's view. */
  private async changeMeeting(id: string, op: (meeting: Meeting, ctx: MeetingContext) => Meeting): Promise<MeetingView> {
    const out: { meeting?: Meeting } = {};
    await this.book().update((doc) => {
      const meeting = findMeeting(doc.meetings.meetings, id);
      const next = op(meeting, this.context(doc));
      out.meeting = next;
      if (next === meeting) return doc;
      return { ...doc, meetings: { ...doc.meetings, meetings: doc.meetings.meetings.map((m) => (m.id === id ? next : m)) } };
    });
    return this.view(out.meeting ?? findMeeting(this.book().value.meetings.meetings, id));
  }

  private areaTitles(): Map<string, { title: string; live: boolean }> {
    return new Map(
      this.deps.store.areas().map((d) => [d.value.area.id, { title: d.value.area.title, live: d.value.area.deletedAt === null }]),
    );
  }

  private itemViews(meeting: Meeting): AgendaItemView[] {
    const areas = this.areaTitles();
    return meeting.agenda.map((item) => {
      const area = item.areaId ? areas.get(item.areaId) : undefined;
      const areaRemoved = item.areaId !== null && (!area || !area.live);
      const areaTitle = area && area.live ? area.title : null;
      return { ...item, areaTitle, areaRemoved, heading: item.title || areaTitle || 'Area removed' };
    });
  }

  private view(meeting: Meeting): MeetingView {
    const round = meeting.roundId ? this.book().value.positions.rounds.find((r) => r.id === meeting.roundId) : undefined;
    const startsAt = zonedToUtc(meeting.date, meeting.time, meeting.timeZone);
    return {
      ...meeting,
      agenda: this.itemViews(meeting),
      startsAt,
      local: inZone(startsAt, meeting.timeZone),
      roundName: round?.name ?? null,
    };
  }

  // ---- reads ------------------------------------------------------------------

  list(): MeetingList {
    const doc = this.book().value;
    const today = this.deps.today();
    const rounds = new Map(doc.positions.rounds.map((r) => [r.id, r.name]));
    return {
      today,
      meetings: sortMeetings(liveMeetings(doc.meetings.meetings)).map((m) =>
        summarizeMeeting(m, today, m.roundId ? (rounds.get(m.roundId) ?? null) : null),
      ),
      deleted: doc.meetings.meetings
        .filter((m) => m.deletedAt !== null)
        .sort((a, b) => ((a.deletedAt ?? '') < (b.deletedAt ?? '') ? 1 : -1))
        .map((m) => ({ id: m.id, title: m.title, date: m.date, deletedAt: m.deletedAt ?? '' })),
    };
  }

  get(id: string): MeetingView {
    return this.view(findMeeting(this.book().value.meetings.meetings, id));
  }

  /** The read-only brief: for each agenda item, the area's summary, the positions side by side, top quotes, talking points. */
  async brief(id: string): Promise<MeetingBrief> {
    const doc = this.book().value;
    const meeting = this.view(findMeeting(doc.meetings.meetings, id));
    const areaDocs = new Map(this.deps.store.areas().map((d) => [d.value.area.id, d.value]));
    const items: BriefItem[] = [];
    for (const item of meeting.agenda) {
      const area = item.areaId && !item.areaRemoved ? areaDocs.get(item.areaId) : undefined;
      const board = area ? await this.deps.board(area.area.id) : null;
      const points = (board?.points ?? []).filter((p) => p.deletedAt === null);
      const evidence = points
        .flatMap((p) => p.stances.flatMap((s) => s.evidence.map((e) => ({ e, partyId: s.partyId, pointTitle: p.title }))))
        .sort((a, b) => (a.e.state === 'ok' ? 0 : 1) - (b.e.state === 'ok' ? 0 : 1))
        .slice(0, BRIEF_QUOTES)
        .map(({ e, partyId, pointTitle }) => ({
          quote: e.quote,
          outlet: e.outlet,
          title: e.title,
          date: e.date,
          state: e.state,
          partyId,
          pointTitle,
        }));
      items.push({
        item,
        area: area ? { id: area.area.id, title: area.area.title, summary: area.area.summary, status: area.area.status } : null,
        points: points.map((p) => ({
          id: p.id,
          title: p.title,
          status: p.status,
          assessment: p.assessment,
          stances: p.stances.map((s) => ({ partyId: s.partyId, kind: s.kind, text: s.text, roundId: s.roundId })),
        })),
        evidence,
        followUps: meeting.followUps.filter((f) => f.itemId === item.id),
      });
    }
    return { meeting, parties: doc.settings.parties, items, marking: doc.settings.marking, bookTitle: doc.settings.title };
  }

  timeline(): TimelineView {
    const doc = this.book().value;
    return {
      today: this.deps.today(),
      entries: buildTimeline({
        today: this.deps.today(),
        rounds: doc.positions.rounds,
        meetings: doc.meetings.meetings,
        events: doc.meetings.events,
      }),
      events: doc.meetings.events,
    };
  }

  upcoming(): Upcoming {
    const doc = this.book().value;
    return buildUpcoming({
      today: this.deps.today(),
      rounds: doc.positions.rounds,
      meetings: doc.meetings.meetings,
      events: doc.meetings.events,
    });
  }

  // ---- meetings ---------------------------------------------------------------

  async create(input: MeetingInput): Promise<MeetingView> {
    const out: { meeting?: Meeting } = {};
    await this.book().update((doc) => {
      const meeting = createMeeting(doc.meetings.meetings, input, this.context(doc));
      out.meeting = meeting;
      return { ...doc, meetings: { ...doc.meetings, meetings: [...doc.meetings.meetings, meeting] } };
    });
    if (!out.meeting) throw notFound('Meeting', 'new');
    return this.view(out.meeting);
  }

  update(id: string, patch: MeetingPatch): Promise<MeetingView> {
    return this.changeMeeting(id, (m, ctx) => updateMeeting(m, patch, ctx));
  }

  async delete(id: string): Promise<MeetingList> {
    await this.changeMeeting(id, (m, ctx) => setMeetingDeleted(m, true, ctx.clock));
    return this.list();
  }

  async restore(id: string): Promise<MeetingView> {
    await this.book().update((doc) => {
      const meeting = doc.meetings.meetings.find((m) => m.id === id);
      if (!meeting) throw notFound('Meeting', id);
      const next = setMeetingDeleted(meeting, false, this.deps.clock);
      if (next === meeting) return doc;
      return { ...doc, meetings: { ...doc.meetings, meetings: doc.meetings.meetings.map((m) => (m.id === id ? next : m)) } };
    });
    return this.get(id);
  }

  addItem(meetingId: string, input: AgendaItemInput, beforeId: string | null): Promise<MeetingView> {
    return this.changeMeeting(meetingId, (m, ctx) => addAgendaItem(m, input, beforeId, ctx));
  }

  updateItem(meetingId: string, itemId: string, patch: AgendaItemInput): Promise<MeetingView> {
    return this.changeMeeting(meetingId, (m, ctx) => updateAgendaItem(m, itemId, patch, ctx));
  }

  moveItem(meetingId: string, itemId: string, beforeId: string | null): Promise<MeetingView> {
    return this.changeMeeting(meetingId, (m, ctx) => moveAgendaItem(m, itemId, beforeId, ctx));
  }

  removeItem(meetingId: string, itemId: string): Promise<MeetingView> {
    return this.changeMeeting(meetingId, (m, ctx) => removeAgendaItem(m, itemId, ctx));
  }

  saveFollowUp(input: FollowUpInput & { readonly meetingId: string }): Promise<MeetingView> {
    const { meetingId, ...rest } = input;
    checkFollowUpInput(rest);
    return this.changeMeeting(meetingId, (m, ctx) => saveFollowUp(m, rest, ctx).meeting);
  }

  removeFollowUp(meetingId: string, followUpId: string): Promise<MeetingView> {
    return this.changeMeeting(meetingId, (m, ctx) => removeFollowUp(m, followUpId, ctx));
  }

  // ---- timeline events --------------------------------------------------------

  async createEvent(input: EventInput): Promise<TimelineView> {
    await this.book().update((doc) => {
      const event = createEvent(doc.meetings.events, doc.meetings.meetings, input, this.context(doc));
      return { ...doc, meetings: { ...doc.meetings, events: [...doc.meetings.events, event] } };
    });
    return this.timeline();
  }

  async updateEvent(id: string, patch: Partial<EventInput>): Promise<TimelineView> {
    await this.book().update((doc) => {
      const event = findEvent(doc.meetings.events, id);
      const next: TimelineEvent = updateEvent(event, doc.meetings.meetings, patch, this.context(doc));
      if (next === event) return doc;
      return { ...doc, meetings: { ...doc.meetings, events: doc.meetings.events.map((e) => (e.id === id ? next : e)) } };
    });
    return this.timeline();
  }

  async deleteEvent(id: string): Promise<TimelineView> {
    await this.book().update((doc) => {
      findEvent(doc.meetings.events, id);
      return { ...doc, meetings: { ...doc.meetings, events: doc.meetings.events.filter((e) => e.id !== id) } };
    });
    return this.timeline();
  }
}
