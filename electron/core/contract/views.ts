import { z } from 'zod';
import { AreaSchema, AreaStatusSchema, AreaTitleSchema, BookSettingsSchema, PartySchema, PrioritySchema } from '../model/book';
import { IdSchema, TimestampSchema, blockText, limits, lineText } from '../model/common';

/** What the area list shows: the area plus a little about its note, never the note itself. */
export const AreaSummarySchema = AreaSchema.extend({
  noteUpdatedAt: TimestampSchema,
  noteWords: z.number().int().min(0),
});
export type AreaSummary = z.infer<typeof AreaSummarySchema>;

export const StoreNoticeSchema = z.strictObject({
  id: z.string().max(200),
  severity: z.enum(['info', 'warning', 'error']),
  title: z.string().max(200),
  message: z.string().max(4_000),
  /** The file concerned, relative to the data folder. */
  file: z.string().max(1_000).nullable(),
  /** Where a damaged file was moved, relative to the data folder. */
  movedTo: z.string().max(1_000).nullable(),
});
export type StoreNotice = z.infer<typeof StoreNoticeSchema>;

export const BookStateSchema = z.strictObject({
  bookId: IdSchema,
  settings: BookSettingsSchema,
  areas: z.array(AreaSummarySchema),
  notices: z.array(StoreNoticeSchema),
  dataDir: z.string(),
  /** True when this is the sample book made on first run. */
  createdSample: z.boolean(),
});
export type BookState = z.infer<typeof BookStateSchema>;

export const NoteViewSchema = z.strictObject({
  areaId: IdSchema,
  markdown: z.string(),
  revision: z.number().int().min(0),
  updatedAt: TimestampSchema,
});
export type NoteView = z.infer<typeof NoteViewSchema>;

export const AppInfoSchema = z.strictObject({
  version: z.string(),
  platform: z.string(),
  dataDir: z.string(),
  /** A fixed "today" (YYYY-MM-DD) when the app runs with --today, else null. */
  today: z.string().nullable(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

// ---- inputs --------------------------------------------------------------

export const PartyInputSchema = z.strictObject({
  /** Omitted for a new party; the service assigns an id. */
  id: IdSchema.optional(),
  name: PartySchema.shape.name,
});

export const SettingsPatchSchema = z.strictObject({
  title: BookSettingsSchema.shape.title.optional(),
  marking: BookSettingsSchema.shape.marking.optional(),
  preparedFor: BookSettingsSchema.shape.preparedFor.optional(),
  preparedBy: BookSettingsSchema.shape.preparedBy.optional(),
  parties: z.array(PartyInputSchema).min(2, 'A book needs at least two parties').max(limits.parties).optional(),
  /** Parties this patch removes whose stances the user agreed to move to the archive. */
  archiveParties: z.array(IdSchema).max(limits.parties).optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const NewAreaSchema = z.strictObject({
  title: AreaTitleSchema,
  summary: blockText(limits.summary, 'The summary').optional(),
  status: AreaStatusSchema.optional(),
  priority: PrioritySchema.optional(),
  tags: z.array(lineText(limits.tag, 'A tag')).max(limits.tags, `At most ${limits.tags} tags`).optional(),
  /** Place the new area before this one; last when omitted. */
  beforeId: IdSchema.nullable().optional(),
});

export const AreaPatchSchema = z.strictObject({
  title: AreaTitleSchema.optional(),
  summary: blockText(limits.summary, 'The summary').optional(),
  status: AreaStatusSchema.optional(),
  priority: PrioritySchema.optional(),
  tags: z.array(lineText(limits.tag, 'A tag')).max(limits.tags, `At most ${limits.tags} tags`).optional(),
});
