import { z } from 'zod';
import { IdSchema, lineText } from '../model/common';
import {
  AnnotationColorSchema,
  AnnotationRefSchema,
  AnnotationSchema,
  ResolvedRefSchema,
  SourceKindSchema,
  SourceMetaPatchSchema,
  SourceMetaSchema,
  sourceLimits,
} from '../sources/model';

/** A source in the library: its metadata and how many live annotations it has. */
export const SourceSummarySchema = SourceMetaSchema.extend({ annotationCount: z.number().int().min(0) });
export type SourceSummary = z.infer<typeof SourceSummarySchema>;

/** An opened article: metadata, live annotations, and its stored body. */
export const SourceDetailSchema = z.strictObject({
  source: SourceSummarySchema,
  annotations: z.array(AnnotationSchema),
  html: z.string(),
  text: z.string(),
});
export type SourceDetail = z.infer<typeof SourceDetailSchema>;

export const ImportResultSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('imported'), source: SourceSummarySchema }),
  /** The same text is already in the library: nothing was written. */
  z.strictObject({ status: z.literal('duplicate'), existing: SourceSummarySchema }),
]);
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const PickedFileSchema = z.strictObject({
  /** Stands for the file's path, which stays in the main process. */
  token: z.string().min(1).max(100),
  name: z.string(),
  size: z.number().int().min(0),
});
export type PickedFile = z.infer<typeof PickedFileSchema>;

export const ImportTextSchema = z.strictObject({
  /** Pasted text, or a dropped file's text as the renderer read it. */
  text: z
    .string()
    .max(sourceLimits.fileBytes, `The text is too long to import (at most ${sourceLimits.fileBytes.toLocaleString('en-US')} characters)`),
  format: SourceKindSchema,
  fileName: lineText(sourceLimits.fileName, 'The file name').nullable().optional(),
  /** Details the user typed while pasting; they win over what the text says about itself. */
  metadata: SourceMetaPatchSchema.optional(),
});

/** Where a new annotation is, as the reader saw it. The service anchors it in the stored text. */
export const SelectionSchema = z.strictObject({
  exact: z.string().min(1, 'Select some text first').max(sourceLimits.quote, `A quote can be at most ${sourceLimits.quote} characters`),
  prefix: z.string().max(sourceLimits.context),
  suffix: z.string().max(sourceLimits.context),
  start: z.number().int().min(0).max(sourceLimits.text),
  end: z.number().int().min(1).max(sourceLimits.text),
});
export type Selection = z.infer<typeof SelectionSchema>;

export const AnnotationPatchSchema = z.strictObject({
  color: AnnotationColorSchema.optional(),
  comment: AnnotationSchema.shape.comment.optional(),
  areaIds: AnnotationSchema.shape.areaIds.optional(),
});
export type AnnotationPatch = z.infer<typeof AnnotationPatchSchema>;

export const NewAnnotationSchema = z.strictObject({
  sourceId: IdSchema,
  selection: SelectionSchema,
  color: AnnotationColorSchema,
  comment: AnnotationSchema.shape.comment.optional(),
  areaIds: AnnotationSchema.shape.areaIds.optional(),
});

export const AreaRefSchema = z.strictObject({ areaId: IdSchema, title: z.string() });

export const DependantsSchema = z.strictObject({
  annotations: z.number().int().min(0),
  citations: z.number().int().min(0),
  /** Notes that cite the source, with how often. */
  notes: z.array(AreaRefSchema.extend({ citations: z.number().int().min(1) })),
});
export type Dependants = z.infer<typeof DependantsSchema>;

export const BacklinksSchema = z.strictObject({
  /** Issue areas its annotations are linked to, with how many annotations each. */
  areas: z.array(AreaRefSchema.extend({ annotations: z.number().int().min(1) })),
  /** Briefing notes that cite it, with how many citations each. */
  notes: z.array(AreaRefSchema.extend({ citations: z.number().int().min(1) })),
});
export type Backlinks = z.infer<typeof BacklinksSchema>;

export const EvidenceItemSchema = z.strictObject({
  annotation: AnnotationSchema,
  state: z.enum(['ok', 'orphan']),
  /** The area's briefing note cites this annotation. */
  cited: z.boolean(),
});

export const EvidenceSchema = z.strictObject({
  areaId: IdSchema,
  groups: z.array(z.strictObject({ source: SourceSummarySchema, items: z.array(EvidenceItemSchema) })),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** An annotation a user can cite or attach, for pickers. */
export const CandidateSchema = ResolvedRefSchema.extend({
  /** Linked to the area the picker was opened for. */
  linked: z.boolean(),
  comment: z.string(),
});
export type Candidate = z.infer<typeof CandidateSchema>;

export const RefsInputSchema = z.strictObject({ refs: z.array(AnnotationRefSchema).max(sourceLimits.refs) });
