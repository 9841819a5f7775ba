import { z } from 'zod';
import { IdSchema, TimestampSchema, blockText, limits, lineText } from './common';

export const PartySchema = z.strictObject({
  id: IdSchema,
  name: lineText(limits.partyName, 'A party name').refine((s) => s.trim().length > 0, 'A party needs a name'),
});
export type Party = z.infer<typeof PartySchema>;

export const BookSettingsSchema = z.strictObject({
  title: lineText(limits.bookTitle, 'The book title').refine((s) => s.trim().length > 0, 'The book needs a title'),
  marking: lineText(limits.marking, 'The classification marking'),
  preparedFor: lineText(limits.personLine, '"Prepared for"'),
  preparedBy: lineText(limits.personLine, '"Prepared by"'),
  parties: z
    .array(PartySchema)
    .min(2, 'A book needs at least two parties')
    .max(limits.parties, `A book can have at most ${limits.parties} parties`),
  updatedAt: TimestampSchema,
});
export type BookSettings = z.infer<typeof BookSettingsSchema>;

export const areaStatuses = ['open', 'progressing', 'agreed', 'stalled'] as const;
export const AreaStatusSchema = z.enum(areaStatuses);
export type AreaStatus = z.infer<typeof AreaStatusSchema>;

export const priorities = ['high', 'medium', 'low'] as const;
export const PrioritySchema = z.enum(priorities);
export type Priority = z.infer<typeof PrioritySchema>;

export const TagSchema = lineText(limits.tag, 'A tag').refine(
  (s) => s.trim().length > 0 && s === s.trim(),
  'A tag cannot be empty or start or end with spaces',
);

export const AreaTitleSchema = lineText(limits.title, 'An issue-area title').refine(
  (s) => s.trim().length > 0,
  'An issue area needs a title',
);

export const AreaSchema = z.strictObject({
  id: IdSchema,
  title: AreaTitleSchema,
  summary: blockText(limits.summary, 'The summary'),
  status: AreaStatusSchema,
  priority: PrioritySchema,
  tags: z.array(TagSchema).max(limits.tags, `At most ${limits.tags} tags`),
  /** Fractional-index key: areas sort by it, and a move rewrites only the moved area. */
  rank: z.string().min(1).max(200),
  archivedAt: TimestampSchema.nullable(),
  /** Deleted areas stay on disk until purged, so that delete can be undone. */
  deletedAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Area = z.infer<typeof AreaSchema>;

export const NoteSchema = z.strictObject({
  markdown: blockText(limits.note, 'The briefing note'),
  /** Increases by one with every saved change. */
  revision: z.number().int().min(0),
  /** Word count, kept with the text so that opening a large book does not count 40 MB of words. */
  words: z.number().int().min(0),
  updatedAt: TimestampSchema,
});
export type Note = z.infer<typeof NoteSchema>;

export const statusLabels: Record<AreaStatus, string> = {
  open: 'Open',
  progressing: 'Progressing',
  agreed: 'Agreed',
  stalled: 'Stalled',
};

export const priorityLabels: Record<Priority, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};
