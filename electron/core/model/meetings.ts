import { z } from 'zod';
import { DateOnlySchema, IdSchema, TimestampSchema, blockText, lineText } from './common';

/**
 * Meetings and the timeline. A meeting has a local date and time in an IANA time zone, a format,
 * the round it belongs to, participants on each side, objectives, an ordered agenda and, after it,
 * outcomes and follow-ups. Timeline events are dated facts and deadlines entered by hand; rounds,
 * meetings and follow-up due dates join the timeline without being stored twice.
 * Everything lives in book.json (version 3, section `meetings`): see docs/decisions/0006-meetings-storage.md.
 */
export const meetingLimits = {
  title: 200,
  place: 200,
  timeZone: 64,
  objectives: 20_000,
  participants: 80,
  personName: 120,
  personRole: 160,
  agendaItems: 60,
  itemText: 20_000,
  minutes: 24 * 60,
  followUps: 200,
  followUpText: 1_000,
  owner: 120,
  meetings: 500,
  events: 2_000,
  eventNotes: 4_000,
  links: 50,
} as const;

export const meetingFormats = ['plenary', 'working-group', 'leaders', 'call'] as const;
export const MeetingFormatSchema = z.enum(meetingFormats, { error: `must be one of: ${meetingFormats.join(', ')}` });
export type MeetingFormat = z.infer<typeof MeetingFormatSchema>;
export const meetingFormatLabels: Record<MeetingFormat, string> = {
  plenary: 'Plenary',
  'working-group': 'Working group',
  leaders: 'Leaders',
  call: 'Call',
};

export const followUpStates = ['open', 'in-progress', 'done', 'dropped'] as const;
export const FollowUpStateSchema = z.enum(followUpStates, { error: `must be one of: ${followUpStates.join(', ')}` });
export type FollowUpState = z.infer<typeof FollowUpStateSchema>;
export const followUpStateLabels: Record<FollowUpState, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

export const eventKinds = ['deadline', 'event'] as const;
export const EventKindSchema = z.enum(eventKinds, { error: `must be one of: ${eventKinds.join(', ')}` });
export type EventKind = z.infer<typeof EventKindSchema>;

/** A local wall-clock time, HH:MM (24 hours). */
export const LocalTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (24 hours), e.g. 09:30');

/** An IANA time zone name such as Asia/Shanghai; checked against the runtime's time zone data by the operations. */
export const TimeZoneNameSchema = z
  .string()
  .min(1, 'A time zone is needed, e.g. Asia/Shanghai')
  .max(meetingLimits.timeZone)
  .regex(/^[A-Za-z][A-Za-z0-9_+\-/]*$/, 'must be an IANA time zone name such as Asia/Shanghai or America/New_York');

export const MeetingTitleSchema = lineText(meetingLimits.title, 'A meeting title').refine(
  (s) => s.trim().length > 0,
  'A meeting needs a title',
);
const ItemTextSchema = (label: string) => blockText(meetingLimits.itemText, label);

export const ParticipantSchema = z.strictObject({
  id: IdSchema,
  name: lineText(meetingLimits.personName, 'A participant name').refine((s) => s.trim().length > 0, 'A participant needs a name'),
  role: lineText(meetingLimits.personRole, 'A role'),
  /** One of the book's parties (or an archived one, kept as it was). */
  partyId: IdSchema,
});
export type Participant = z.infer<typeof ParticipantSchema>;

export const AgendaItemSchema = z.strictObject({
  id: IdSchema,
  /** The issue area this item is about, or null for a free item. */
  areaId: IdSchema.nullable(),
  /** A free item's title; for an area item, an optional heading that replaces the area's title. */
  title: lineText(meetingLimits.title, 'An agenda item title'),
  talkingPoints: ItemTextSchema('The talking points'),
  asks: ItemTextSchema('Our asks'),
  offers: ItemTextSchema('What we can offer'),
  questions: ItemTextSchema('The questions to raise'),
  minutes: z.number().int().min(0).max(meetingLimits.minutes),
  /** What happened on this item (written after the meeting). */
  outcome: ItemTextSchema('The outcome'),
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export const FollowUpSchema = z.strictObject({
  id: IdSchema,
  text: lineText(meetingLimits.followUpText, 'A follow-up').refine((s) => s.trim().length > 0, 'A follow-up needs a description'),
  owner: lineText(meetingLimits.owner, 'An owner'),
  due: DateOnlySchema.nullable(),
  state: FollowUpStateSchema,
  /** The agenda item it came from, if any. */
  itemId: IdSchema.nullable(),
  updatedAt: TimestampSchema,
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

export const MeetingSchema = z.strictObject({
  id: IdSchema,
  title: MeetingTitleSchema,
  /** The meeting's local date and time, in its own time zone. */
  date: DateOnlySchema,
  time: LocalTimeSchema,
  timeZone: TimeZoneNameSchema,
  durationMinutes: z.number().int().min(0).max(meetingLimits.minutes),
  place: lineText(meetingLimits.place, 'A place'),
  format: MeetingFormatSchema,
  roundId: IdSchema.nullable(),
  participants: z.array(ParticipantSchema).max(meetingLimits.participants),
  objectives: blockText(meetingLimits.objectives, 'The objectives'),
  /** In agenda order. */
  agenda: z.array(AgendaItemSchema).max(meetingLimits.agendaItems),
  followUps: z.array(FollowUpSchema).max(meetingLimits.followUps),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  deletedAt: TimestampSchema.nullable(),
});
export type Meeting = z.infer<typeof MeetingSchema>;

/**
 * What a timeline event links to. Source ids are kept as plain ids, so that the Sources
 * library resolves them when it is wired in, without a change of format.
 */
export const EventLinksSchema = z.strictObject({
  areaIds: z.array(IdSchema).max(meetingLimits.links),
  meetingIds: z.array(IdSchema).max(meetingLimits.links),
  sourceIds: z.array(IdSchema).max(meetingLimits.links),
});
export type EventLinks = z.infer<typeof EventLinksSchema>;

export const TimelineEventSchema = z.strictObject({
  id: IdSchema,
  title: lineText(meetingLimits.title, 'An event title').refine((s) => s.trim().length > 0, 'An event needs a title'),
  date: DateOnlySchema,
  kind: EventKindSchema,
  notes: blockText(meetingLimits.eventNotes, 'The notes'),
  links: EventLinksSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

/** book.json's `meetings` section (version 3). */
export const BookMeetingsSchema = z.strictObject({
  meetings: z.array(MeetingSchema).max(meetingLimits.meetings * 2),
  events: z.array(TimelineEventSchema).max(meetingLimits.events),
});
export type BookMeetings = z.infer<typeof BookMeetingsSchema>;

export function emptyBookMeetings(): BookMeetings {
  return { meetings: [], events: [] };
}
