import { z } from 'zod';
import { AreaStatusSchema, PartySchema } from '../model/book';
import { DateOnlySchema, IdSchema, TimestampSchema, blockText, lineText } from '../model/common';
import {
  AgendaItemSchema,
  EventKindSchema,
  EventLinksSchema,
  FollowUpSchema,
  FollowUpStateSchema,
  LocalTimeSchema,
  MeetingFormatSchema,
  MeetingSchema,
  TimeZoneNameSchema,
  TimelineEventSchema,
  meetingLimits,
} from '../model/meetings';
import { PointStatusSchema, StanceKindSchema } from '../model/positions';
import { EvidenceStateSchema } from './positionsViews';

/** What the meetings and timeline methods of the contract take and return (issue 7). */

const ParticipantInputSchema = z.strictObject({
  id: IdSchema.optional(),
  name: lineText(meetingLimits.personName, 'A participant name'),
  role: lineText(meetingLimits.personRole, 'A role'),
  partyId: IdSchema,
});

const meetingFields = {
  title: lineText(meetingLimits.title, 'A meeting title'),
  date: z.string().max(40),
  time: LocalTimeSchema,
  timeZone: TimeZoneNameSchema,
  durationMinutes: z.number().int().min(0).max(meetingLimits.minutes).optional(),
  place: lineText(meetingLimits.place, 'A place').optional(),
  format: MeetingFormatSchema.optional(),
  roundId: IdSchema.nullable().optional(),
  objectives: blockText(meetingLimits.objectives, 'The objectives').optional(),
  participants: z.array(ParticipantInputSchema).max(meetingLimits.participants).optional(),
};

export const NewMeetingSchema = z.strictObject(meetingFields);
export const MeetingPatchSchema = z.strictObject({
  ...meetingFields,
  title: meetingFields.title.optional(),
  date: meetingFields.date.optional(),
  time: meetingFields.time.optional(),
  timeZone: meetingFields.timeZone.optional(),
});

const itemText = (label: string) => blockText(meetingLimits.itemText, label).optional();
export const AgendaItemPatchSchema = z.strictObject({
  areaId: IdSchema.nullable().optional(),
  title: lineText(meetingLimits.title, 'An agenda item title').optional(),
  talkingPoints: itemText('The talking points'),
  asks: itemText('Our asks'),
  offers: itemText('What we can offer'),
  questions: itemText('The questions to raise'),
  minutes: z.number().int().min(0).max(meetingLimits.minutes).optional(),
  outcome: itemText('The outcome'),
});

export const FollowUpInputSchema = z.strictObject({
  meetingId: IdSchema,
  id: IdSchema.optional(),
  text: lineText(meetingLimits.followUpText, 'A follow-up'),
  owner: lineText(meetingLimits.owner, 'An owner'),
  due: z.string().max(40).nullable(),
  state: FollowUpStateSchema,
  itemId: IdSchema.nullable(),
});

const eventFields = {
  title: lineText(meetingLimits.title, 'An event title'),
  date: z.string().max(40),
  kind: EventKindSchema,
  notes: blockText(meetingLimits.eventNotes, 'The notes').optional(),
  links: z
    .strictObject({
      areaIds: z.array(IdSchema).max(meetingLimits.links).optional(),
      meetingIds: z.array(IdSchema).max(meetingLimits.links).optional(),
      sourceIds: z.array(IdSchema).max(meetingLimits.links).optional(),
    })
    .optional(),
};
export const NewEventSchema = z.strictObject(eventFields);
export const EventPatchSchema = z.strictObject({
  title: eventFields.title.optional(),
  date: eventFields.date.optional(),
  kind: eventFields.kind.optional(),
  notes: eventFields.notes,
  links: eventFields.links,
});

/** An agenda item with what its issue area is now: its title, or "area removed". */
export const AgendaItemViewSchema = AgendaItemSchema.extend({
  /** The heading to show: the item's own title, else the area's title, else "Area removed". */
  heading: z.string(),
  areaTitle: z.string().nullable(),
  /** The item points at an issue area that was deleted. */
  areaRemoved: z.boolean(),
});
export type AgendaItemView = z.infer<typeof AgendaItemViewSchema>;

export const ZonedTimeSchema = z.strictObject({
  date: DateOnlySchema,
  time: z.string(),
  label: z.string(),
  offset: z.string(),
  timeZone: z.string(),
  city: z.string(),
});

export const MeetingViewSchema = MeetingSchema.omit({ agenda: true }).extend({
  agenda: z.array(AgendaItemViewSchema),
  startsAt: TimestampSchema,
  local: ZonedTimeSchema,
  roundName: z.string().nullable(),
});
export type MeetingView = z.infer<typeof MeetingViewSchema>;

export const MeetingSummarySchema = z.strictObject({
  id: IdSchema,
  title: z.string(),
  date: DateOnlySchema,
  time: z.string(),
  timeZone: z.string(),
  startsAt: TimestampSchema,
  local: ZonedTimeSchema,
  place: z.string(),
  format: MeetingFormatSchema,
  roundId: IdSchema.nullable(),
  roundName: z.string().nullable(),
  items: z.number().int().min(0),
  openFollowUps: z.number().int().min(0),
  overdueFollowUps: z.number().int().min(0),
  daysFromToday: z.number().int(),
});
export type MeetingSummary = z.infer<typeof MeetingSummarySchema>;

export const MeetingListSchema = z.strictObject({
  today: DateOnlySchema,
  meetings: z.array(MeetingSummarySchema),
  /** Deleted meetings, newest deletion first, so one can be brought back. */
  deleted: z.array(z.strictObject({ id: IdSchema, title: z.string(), date: DateOnlySchema, deletedAt: TimestampSchema })),
});
export type MeetingList = z.infer<typeof MeetingListSchema>;

export const BriefItemSchema = z.strictObject({
  item: AgendaItemViewSchema,
  /** The area's summary and status, when the item is about a live area. */
  area: z.strictObject({ id: IdSchema, title: z.string(), summary: z.string(), status: AreaStatusSchema }).nullable(),
  points: z.array(
    z.strictObject({
      id: IdSchema,
      title: z.string(),
      status: PointStatusSchema,
      assessment: z.string(),
      stances: z.array(z.strictObject({ partyId: IdSchema, kind: StanceKindSchema, text: z.string(), roundId: IdSchema.nullable() })),
    }),
  ),
  evidence: z.array(
    z.strictObject({
      quote: z.string(),
      outlet: z.string(),
      title: z.string(),
      date: DateOnlySchema.nullable(),
      state: EvidenceStateSchema,
      partyId: IdSchema,
      pointTitle: z.string(),
    }),
  ),
  followUps: z.array(FollowUpSchema),
});
export type BriefItem = z.infer<typeof BriefItemSchema>;

export const MeetingBriefSchema = z.strictObject({
  meeting: MeetingViewSchema,
  parties: z.array(PartySchema),
  items: z.array(BriefItemSchema),
  marking: z.string(),
  bookTitle: z.string(),
});
export type MeetingBrief = z.infer<typeof MeetingBriefSchema>;

export const timelineEntryKinds = ['round', 'meeting', 'follow-up', 'deadline', 'event'] as const;
export const TimelineEntrySchema = z.strictObject({
  key: z.string(),
  kind: z.enum(timelineEntryKinds),
  date: DateOnlySchema,
  endDate: DateOnlySchema.nullable(),
  title: z.string(),
  detail: z.string(),
  /** The stored thing it comes from: a round, a meeting, a follow-up's meeting, an event. */
  refId: IdSchema,
  meetingId: IdSchema.nullable(),
  areaIds: z.array(IdSchema),
  sourceIds: z.array(IdSchema),
  /** Entered by hand (a timeline event): it can be edited from the timeline. */
  editable: z.boolean(),
  daysFromToday: z.number().int(),
  /** Follow-ups only. */
  standing: z.enum(['done', 'dropped', 'overdue', 'due-today', 'due', 'no-date']).nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const TimelineViewSchema = z.strictObject({
  today: DateOnlySchema,
  entries: z.array(TimelineEntrySchema),
  events: z.array(TimelineEventSchema),
});
export type TimelineView = z.infer<typeof TimelineViewSchema>;

export const UpcomingSchema = z.strictObject({
  today: DateOnlySchema,
  meetings: z.array(MeetingSummarySchema),
  deadlines: z.array(TimelineEntrySchema),
  overdue: z.array(TimelineEntrySchema),
});
export type Upcoming = z.infer<typeof UpcomingSchema>;

export { EventLinksSchema };
