import { z } from 'zod';
import { AreaStatusSchema, PartySchema, PrioritySchema } from '../model/book';
import { DateOnlySchema, IdSchema, TimestampSchema, limits, lineText } from '../model/common';
import {
  AssessmentSchema,
  ChangeSchema,
  EvidenceLinkSchema,
  EvidenceRefSchema,
  PointSchema,
  PointStatusSchema,
  PointTitleSchema,
  RoundNameSchema,
  RoundSchema,
  StanceKindSchema,
  StanceSchema,
  StanceStateSchema,
  StanceTextSchema,
  positionLimits,
} from '../model/positions';

/** What the positions, rounds and parties methods of the contract take and return. */

export const evidenceStates = ['ok', 'orphan', 'removed'] as const;
export const EvidenceStateSchema = z.enum(evidenceStates);
export type EvidenceState = z.infer<typeof EvidenceStateSchema>;

/** A cited quote as shown under a stance: what the source says now, or what it last said if it is gone. */
export const ResolvedEvidenceSchema = EvidenceLinkSchema.extend({ state: EvidenceStateSchema });
export type ResolvedEvidence = z.infer<typeof ResolvedEvidenceSchema>;

export const StanceViewSchema = StanceSchema.extend({ evidence: z.array(ResolvedEvidenceSchema) });
export type StanceView = z.infer<typeof StanceViewSchema>;

/** A point as the board shows it: stances of the book's parties, evidence resolved, the history counted not sent. */
export const PointViewSchema = PointSchema.omit({ history: true, stances: true }).extend({
  stances: z.array(StanceViewSchema),
  /** Changes recorded in its history. */
  changes: z.number().int().min(0),
});
export type PointView = z.infer<typeof PointViewSchema>;

export const BoardViewSchema = z.strictObject({
  areaId: IdSchema,
  points: z.array(PointViewSchema),
});
export type BoardView = z.infer<typeof BoardViewSchema>;

export const BoardOrderSchema = z.strictObject({
  areaId: IdSchema,
  /** The ids of the board's points, in order. */
  order: z.array(IdSchema),
});

export const PointHistorySchema = z.strictObject({
  areaId: IdSchema,
  pointId: IdSchema,
  title: z.string(),
  /** Oldest first. */
  changes: z.array(ChangeSchema),
});
export type PointHistory = z.infer<typeof PointHistorySchema>;

export const RoundViewSchema = RoundSchema.extend({
  /** Stances and recorded changes that refer to this round; a round in use cannot be deleted. */
  uses: z.number().int().min(0),
  /** Changes of stance or status recorded with this round. */
  changes: z.number().int().min(0),
});
export type RoundView = z.infer<typeof RoundViewSchema>;

export const RoundsViewSchema = z.strictObject({
  /** In the order they took place. */
  rounds: z.array(RoundViewSchema),
  currentRoundId: IdSchema.nullable(),
});
export type RoundsView = z.infer<typeof RoundsViewSchema>;

export const PointMoveSchema = z.strictObject({
  areaId: IdSchema,
  areaTitle: z.string(),
  pointId: IdSchema,
  pointTitle: z.string(),
  currentStatus: PointStatusSchema,
  added: z.boolean(),
  status: z.strictObject({ from: PointStatusSchema, to: PointStatusSchema }).nullable(),
  stances: z.array(z.strictObject({ partyId: IdSchema, from: StanceStateSchema.nullable(), to: StanceStateSchema.nullable() })),
  changes: z.number().int().min(0),
  lastAt: TimestampSchema,
});
export type PointMoveView = z.infer<typeof PointMoveSchema>;

export const ChangesSinceSchema = z.strictObject({
  roundId: IdSchema,
  points: z.array(PointMoveSchema),
});
export type ChangesSinceView = z.infer<typeof ChangesSinceSchema>;

export const OverviewSchema = z.strictObject({
  parties: z.array(PartySchema),
  total: z.number().int().min(0),
  offset: z.number().int().min(0),
  counts: z.record(PointStatusSchema, z.number().int().min(0)),
  areas: z.array(
    z.strictObject({
      id: IdSchema,
      title: z.string(),
      status: AreaStatusSchema,
      priority: PrioritySchema,
      tags: z.array(z.string()),
      totalPoints: z.number().int().min(0),
      points: z.array(
        z.strictObject({
          id: IdSchema,
          title: z.string(),
          status: PointStatusSchema,
          stances: z.array(
            z.strictObject({ partyId: IdSchema, kind: StanceKindSchema, excerpt: z.string(), evidence: z.number().int().min(0) }),
          ),
          assessment: z.string(),
        }),
      ),
    }),
  ),
});
export type OverviewView = z.infer<typeof OverviewSchema>;

export const EvidenceCandidateSchema = EvidenceLinkSchema;
export type EvidenceCandidate = z.infer<typeof EvidenceCandidateSchema>;

const PartyUseSchema = z.strictObject({
  id: IdSchema,
  name: z.string(),
  stances: z.number().int().min(0),
  areas: z.number().int().min(0),
});

export const PartiesViewSchema = z.strictObject({
  /** The book's parties, in column order, with how many stances each has. */
  active: z.array(PartyUseSchema),
  archived: z.array(PartyUseSchema.extend({ archivedAt: TimestampSchema })),
});
export type PartiesView = z.infer<typeof PartiesViewSchema>;

export const ArchivedStancesSchema = z.strictObject({
  partyId: IdSchema,
  stances: z.array(
    z.strictObject({ areaId: IdSchema, areaTitle: z.string(), pointId: IdSchema, pointTitle: z.string(), stance: StanceSchema }),
  ),
});
export type ArchivedStancesView = z.infer<typeof ArchivedStancesSchema>;

// ---- inputs --------------------------------------------------------------

/** The round a change is recorded with: omitted means the book's current round, null means none. */
const RecordRoundSchema = IdSchema.nullable().optional();

export const StanceInputSchema = z.strictObject({
  text: StanceTextSchema,
  kind: StanceKindSchema,
  date: DateOnlySchema.nullable(),
  roundId: IdSchema.nullable(),
  evidence: z.array(EvidenceRefSchema).max(positionLimits.evidencePerStance, `At most ${positionLimits.evidencePerStance} quotes`),
});

export const NewPointSchema = z.strictObject({
  areaId: IdSchema,
  title: PointTitleSchema,
  status: PointStatusSchema.optional(),
  assessment: AssessmentSchema.optional(),
  beforeId: IdSchema.nullable().optional(),
  roundId: RecordRoundSchema,
});

export const UpdatePointSchema = z.strictObject({
  areaId: IdSchema,
  pointId: IdSchema,
  patch: z.strictObject({
    title: PointTitleSchema.optional(),
    status: PointStatusSchema.optional(),
    assessment: AssessmentSchema.optional(),
  }),
  roundId: RecordRoundSchema,
});

export const SetStanceSchema = z.strictObject({
  areaId: IdSchema,
  pointId: IdSchema,
  partyId: IdSchema,
  /** null clears the party's stance on this point. */
  stance: StanceInputSchema.nullable(),
  roundId: RecordRoundSchema,
});

export const PointRefSchema = z.strictObject({ areaId: IdSchema, pointId: IdSchema });

export const MovePointSchema = z.strictObject({ areaId: IdSchema, pointId: IdSchema, beforeId: IdSchema.nullable() });

export const OverviewQuerySchema = z.strictObject({
  statuses: z.array(PointStatusSchema).max(10).optional(),
  priorities: z.array(PrioritySchema).max(10).optional(),
  tags: z.array(lineText(limits.tag, 'A tag')).max(limits.tags).optional(),
  offset: z.number().int().min(0).max(1_000_000).optional(),
  limit: z.number().int().min(1).max(500).optional(),
});

export const RoundInputSchema = z.strictObject({
  name: RoundNameSchema,
  startDate: DateOnlySchema,
  endDate: DateOnlySchema,
  place: RoundSchema.shape.place.optional(),
});

export const RoundPatchSchema = z.strictObject({
  name: RoundNameSchema.optional(),
  startDate: DateOnlySchema.optional(),
  endDate: DateOnlySchema.optional(),
  place: RoundSchema.shape.place.optional(),
});

export const EvidenceQuerySchema = z.strictObject({
  areaId: IdSchema,
  query: lineText(positionLimits.query, 'The search'),
});
