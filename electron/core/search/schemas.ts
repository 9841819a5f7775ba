import { z } from 'zod';
import { IdSchema } from '../model/common';
import { SearchKindSchema } from './kinds';
import { filterKeys } from './query';

/** What search answers, as it crosses to the renderer. */

export const SegmentSchema = z.strictObject({ text: z.string(), hit: z.boolean() });

export const SearchTargetSchema = z.strictObject({
  /** The indexed field the match is in: title, tags or text (a note's Markdown, a summary…). */
  field: z.enum(['title', 'tags', 'text']),
  /** Where the match starts in that field's text, and its length, in UTF-16 units. */
  offset: z.number().int().min(0),
  length: z.number().int().min(0),
  /** The matched text itself, so the place can be found again if the text has moved since indexing. */
  text: z.string(),
});
export type SearchTarget = z.infer<typeof SearchTargetSchema>;

export const SearchHitSchema = z.strictObject({
  key: z.string(),
  kind: SearchKindSchema,
  id: IdSchema,
  /** The issue area it belongs to, if any (for opening it). */
  areaId: IdSchema.nullable(),
  title: z.array(SegmentSchema),
  snippet: z.array(SegmentSchema),
  date: z.string().nullable(),
  /** Where to jump: the best match in the snippet. Null when only the filters matched. */
  target: SearchTargetSchema.nullable(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const SearchGroupSchema = z.strictObject({
  kind: SearchKindSchema,
  label: z.string(),
  /** Results of this kind in all (or at least this many, when `atLeast`). */
  total: z.number().int().min(0),
  atLeast: z.boolean(),
  hits: z.array(SearchHitSchema),
});
export type SearchGroup = z.infer<typeof SearchGroupSchema>;

export const SearchChipSchema = z.strictObject({
  key: z.enum(filterKeys),
  value: z.string(),
  /** "Area: Tariffs and the 2 March deadline". */
  label: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  /** Set when the value matches nothing. */
  problem: z.string().nullable(),
});
export type SearchChip = z.infer<typeof SearchChipSchema>;

export const SearchStatusSchema = z.strictObject({
  state: z.enum(['starting', 'indexing', 'ready', 'failed']),
  indexed: z.number().int().min(0),
  total: z.number().int().min(0),
  message: z.string().nullable(),
});
export type SearchStatus = z.infer<typeof SearchStatusSchema>;

export const SearchResponseSchema = z.strictObject({
  query: z.string(),
  groups: z.array(SearchGroupSchema),
  chips: z.array(SearchChipSchema),
  problems: z.array(z.string()),
  status: SearchStatusSchema,
  /** Time spent answering, in the main process. */
  tookMs: z.number().min(0),
});
export type SearchResponse = z.infer<typeof SearchResponseSchema>;

export const QUERY_MAX = 1_000;

export const SearchRequestSchema = z.strictObject({
  query: z.string().max(QUERY_MAX, `A search is at most ${QUERY_MAX} characters`),
  /** Results shown per kind; more when the query asks for one kind. */
  perKind: z.number().int().min(1).max(200).optional(),
});
export type SearchRequest = z.infer<typeof SearchRequestSchema>;
