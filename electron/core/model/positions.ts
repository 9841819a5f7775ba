import { z } from 'zod';
import { DateOnlySchema, IdSchema, TimestampSchema, blockText, lineText } from './common';

/**
 * The positions model. Each issue area has a board: a list of points (sub-issues), and
 * for each point one stance per party, a status, and the team's assessment of the gap.
 * Every change to a stance or a status is kept in the point's history with the round it
 * belongs to. Rounds and archived parties belong to the book (book.json).
 */
export const positionLimits = {
  pointTitle: 200,
  stanceText: 20_000,
  assessment: 20_000,
  points: 1_000,
  evidencePerStance: 30,
  quote: 2_000,
  sourceLine: 300,
  history: 5_000,
  rounds: 200,
  roundName: 160,
  roundPlace: 160,
  query: 200,
} as const;

export const pointStatuses = ['open', 'narrowing', 'agreed', 'stalled', 'dropped'] as const;
export const PointStatusSchema = z.enum(pointStatuses);
export type PointStatus = z.infer<typeof PointStatusSchema>;

export const pointStatusLabels: Record<PointStatus, string> = {
  open: 'Open',
  narrowing: 'Narrowing',
  agreed: 'Agreed',
  stalled: 'Stalled',
  dropped: 'Dropped',
};

export const stanceKinds = ['demand', 'position', 'offer', 'red-line'] as const;
export const StanceKindSchema = z.enum(stanceKinds, {
  error: `must be one of: ${stanceKinds.join(', ')}`,
});
export type StanceKind = z.infer<typeof StanceKindSchema>;

export const stanceKindLabels: Record<StanceKind, string> = {
  demand: 'Demand',
  position: 'Position',
  offer: 'Offer',
  'red-line': 'Red line',
};

/** A quote from a source that backs a stance: an annotation of the Sources feature. */
export const EvidenceRefSchema = z.strictObject({
  sourceId: IdSchema,
  annotationId: IdSchema,
});
export type EvidenceRef = z.infer<typeof EvidenceRefSchema>;

/**
 * An evidence reference as stored on a stance: the reference, plus what it last resolved
 * to, so that a quote whose source was deleted can still be shown as "source removed".
 */
export const EvidenceLinkSchema = EvidenceRefSchema.extend({
  quote: blockText(positionLimits.quote, 'A quote'),
  outlet: lineText(positionLimits.sourceLine, 'An outlet'),
  title: lineText(positionLimits.sourceLine, 'A source title'),
  date: DateOnlySchema.nullable(),
});
export type EvidenceLink = z.infer<typeof EvidenceLinkSchema>;

export const StanceTextSchema = blockText(positionLimits.stanceText, 'A stance');
export const AssessmentSchema = blockText(positionLimits.assessment, 'The assessment');
export const PointTitleSchema = lineText(positionLimits.pointTitle, 'A point title').refine(
  (s) => s.trim().length > 0,
  'A point needs a title',
);

/** What one party holds on one point. */
export const StanceSchema = z.strictObject({
  partyId: IdSchema,
  /** Markdown. */
  text: StanceTextSchema,
  kind: StanceKindSchema,
  /** The day it was stated, if known. */
  date: DateOnlySchema.nullable(),
  /** The round it was stated in, if any. */
  roundId: IdSchema.nullable(),
  evidence: z.array(EvidenceLinkSchema).max(positionLimits.evidencePerStance),
  updatedAt: TimestampSchema,
});
export type Stance = z.infer<typeof StanceSchema>;

/** The parts of a stance whose change is a change of position (recorded in the history). */
export const StanceStateSchema = z.strictObject({
  text: StanceTextSchema,
  kind: StanceKindSchema,
  date: DateOnlySchema.nullable(),
  roundId: IdSchema.nullable(),
});
export type StanceState = z.infer<typeof StanceStateSchema>;

export const ChangeSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('created'),
    at: TimestampSchema,
    roundId: IdSchema.nullable(),
    status: PointStatusSchema,
  }),
  z.strictObject({
    type: z.literal('status'),
    at: TimestampSchema,
    roundId: IdSchema.nullable(),
    from: PointStatusSchema,
    to: PointStatusSchema,
  }),
  z.strictObject({
    type: z.literal('stance'),
    at: TimestampSchema,
    roundId: IdSchema.nullable(),
    partyId: IdSchema,
    from: StanceStateSchema.nullable(),
    to: StanceStateSchema.nullable(),
  }),
]);
export type Change = z.infer<typeof ChangeSchema>;
export type StatusChange = Extract<Change, { type: 'status' }>;
export type StanceChange = Extract<Change, { type: 'stance' }>;

export const PointSchema = z.strictObject({
  id: IdSchema,
  title: PointTitleSchema,
  status: PointStatusSchema,
  /** At most one per party, in no particular order (the board shows the book's party order). */
  stances: z.array(StanceSchema).max(64),
  /** The team's assessment of the gap (Markdown). */
  assessment: AssessmentSchema,
  /** Oldest first. */
  history: z.array(ChangeSchema).max(positionLimits.history),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  /** A deleted point stays in the file, so that delete can be undone. */
  deletedAt: TimestampSchema.nullable(),
});
export type Point = z.infer<typeof PointSchema>;

/** The board of one issue area. Points are in board order. */
export const BoardSchema = z.strictObject({
  points: z.array(PointSchema).max(positionLimits.points * 2),
});
export type Board = z.infer<typeof BoardSchema>;

export const RoundNameSchema = lineText(positionLimits.roundName, 'A round name').refine(
  (s) => s.trim().length > 0,
  'A round needs a name',
);

/** A negotiation round: "Beijing vice-ministerial talks, 7–9 Jan 2019". */
export const RoundSchema = z.strictObject({
  id: IdSchema,
  name: RoundNameSchema,
  startDate: DateOnlySchema,
  endDate: DateOnlySchema,
  place: lineText(positionLimits.roundPlace, 'A place'),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Round = z.infer<typeof RoundSchema>;

/** A party removed from the book. Its stances stay where they are, hidden, until it is restored. */
export const ArchivedPartySchema = z.strictObject({
  id: IdSchema,
  name: z.string().max(200),
  /** Where its column was (0 = first), so that restoring puts it back. */
  position: z.number().int().min(0).max(100),
  archivedAt: TimestampSchema,
});
export type ArchivedParty = z.infer<typeof ArchivedPartySchema>;
