import { z } from 'zod';
import { DateOnlySchema, IdSchema, TimestampSchema, blockText, lineText } from '../model/common';

/**
 * Sources: articles a delegation reads, with annotations that quote them.
 * An article's metadata and annotations live in sources/<id>.json and change;
 * its body (sanitized HTML and the canonical text the selectors point into)
 * lives in sources/<id>.snapshot.json and never changes after import.
 */
export const sourceLimits = {
  title: 300,
  outlet: 200,
  author: 300,
  url: 2_000,
  language: 35,
  fileName: 255,
  excerpt: 320,
  /** A quote: a long one is a few paragraphs. */
  quote: 10_000,
  /** Prefix and suffix context kept with a quote. */
  context: 64,
  comment: 20_000,
  areaLinks: 50,
  /** Characters of pasted or dropped text, and of the canonical text of one article. */
  text: 2_000_000,
  /** Sanitized HTML of one article. */
  html: 6_000_000,
  /** A file picked or dropped for import, in bytes. */
  fileBytes: 10_000_000,
  /** Files imported at once. */
  files: 200,
  /** References resolved in one call. */
  refs: 1_000,
} as const;

export const annotationColors = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export const AnnotationColorSchema = z.enum(annotationColors);
export type AnnotationColor = z.infer<typeof AnnotationColorSchema>;

export const colorLabels: Record<AnnotationColor, string> = {
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  pink: 'Pink',
  purple: 'Purple',
};

export const sourceKinds = ['html', 'markdown', 'text'] as const;
export const SourceKindSchema = z.enum(sourceKinds);
export type SourceKind = z.infer<typeof SourceKindSchema>;

export const DirectionSchema = z.enum(['ltr', 'rtl']);
export type Direction = z.infer<typeof DirectionSchema>;

/** W3C Web Annotation TextQuoteSelector: the exact text and a little context either side. */
export const TextQuoteSelectorSchema = z.strictObject({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1).max(sourceLimits.quote),
  prefix: z.string().max(sourceLimits.context),
  suffix: z.string().max(sourceLimits.context),
});
export type TextQuoteSelector = z.infer<typeof TextQuoteSelectorSchema>;

/** W3C Web Annotation TextPositionSelector: offsets into the article's canonical text (UTF-16 code units). */
export const TextPositionSelectorSchema = z
  .strictObject({
    type: z.literal('TextPositionSelector'),
    start: z.number().int().min(0).max(sourceLimits.text),
    end: z.number().int().min(1).max(sourceLimits.text),
  })
  .refine((s) => s.end > s.start, 'end must come after start');
export type TextPositionSelector = z.infer<typeof TextPositionSelectorSchema>;

export const AnnotationTargetSchema = z.strictObject({
  selector: z.tuple([TextQuoteSelectorSchema, TextPositionSelectorSchema]),
});
export type AnnotationTarget = z.infer<typeof AnnotationTargetSchema>;

export const AnnotationSchema = z.strictObject({
  id: IdSchema,
  color: AnnotationColorSchema,
  /** Markdown. */
  comment: blockText(sourceLimits.comment, 'The comment'),
  /** Issue areas this quote is evidence for. */
  areaIds: z.array(IdSchema).max(sourceLimits.areaLinks),
  target: AnnotationTargetSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  /** Deleted annotations stay in the file so that delete can be undone. */
  deletedAt: TimestampSchema.nullable(),
});
export type Annotation = z.infer<typeof AnnotationSchema>;

const httpUrl = z
  .string()
  .max(sourceLimits.url)
  .refine((s) => s === '' || /^https?:\/\/[^\s]+$/i.test(s), 'The address must start with http:// or https://');

export const SourceMetaSchema = z.strictObject({
  id: IdSchema,
  title: lineText(sourceLimits.title, 'The title').refine((s) => s.trim().length > 0, 'A source needs a title'),
  outlet: lineText(sourceLimits.outlet, 'The outlet'),
  author: lineText(sourceLimits.author, 'The author'),
  /** The day the article was published, when known. */
  publishedOn: DateOnlySchema.nullable(),
  /** Where the article was published; empty when unknown. */
  url: httpUrl,
  /** BCP 47 language tag (en, zh-CN, ar); empty when unknown. */
  language: z
    .string()
    .max(sourceLimits.language)
    .regex(/^$|^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, 'The language must be a tag such as en, zh-CN or ar'),
  direction: DirectionSchema,
  kind: SourceKindSchema,
  /** The file it came from, for a file import. */
  fileName: lineText(sourceLimits.fileName, 'The file name').nullable(),
  /** SHA-256 of the canonical text: the same article imported twice has the same hash. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  textLength: z.number().int().min(0),
  words: z.number().int().min(0),
  excerpt: z.string().max(sourceLimits.excerpt),
  importedAt: TimestampSchema,
  updatedAt: TimestampSchema,
  deletedAt: TimestampSchema.nullable(),
});
export type SourceMeta = z.infer<typeof SourceMetaSchema>;

/** What a user may change about a source after import. */
export const SourceMetaPatchSchema = z.strictObject({
  title: SourceMetaSchema.shape.title.optional(),
  outlet: SourceMetaSchema.shape.outlet.optional(),
  author: SourceMetaSchema.shape.author.optional(),
  publishedOn: SourceMetaSchema.shape.publishedOn.optional(),
  url: SourceMetaSchema.shape.url.optional(),
  language: SourceMetaSchema.shape.language.optional(),
  direction: DirectionSchema.optional(),
});
export type SourceMetaPatch = z.infer<typeof SourceMetaPatchSchema>;

/** A reference to an annotation, as citations and positions store it. */
export const AnnotationRefSchema = z.strictObject({ sourceId: IdSchema, annotationId: IdSchema });
export type AnnotationRef = z.infer<typeof AnnotationRefSchema>;

export const RESOLVED_STATES = ['ok', 'orphan', 'removed'] as const;

export const ResolvedRefSchema = z.strictObject({
  sourceId: IdSchema,
  annotationId: IdSchema,
  /** ok: the quote is in the article; orphan: it could not be placed; removed: the annotation or article was deleted. */
  state: z.enum(RESOLVED_STATES),
  quote: z.string(),
  outlet: z.string(),
  /** YYYY-MM-DD, or null when unknown. */
  date: z.string().nullable(),
  title: z.string(),
  color: AnnotationColorSchema.nullable(),
});
export type ResolvedRef = z.infer<typeof ResolvedRefSchema>;

export function annotationQuote(annotation: Annotation): string {
  return annotation.target.selector[0].exact;
}

export function annotationPosition(annotation: Annotation): TextPositionSelector {
  return annotation.target.selector[1];
}

export function liveAnnotations(annotations: readonly Annotation[]): Annotation[] {
  return annotations.filter((a) => a.deletedAt === null);
}
