import { z } from 'zod';
import { ArchiveSummarySchema, SnapshotInfoSchema } from '../backup/archive';
import { IdSchema } from '../model/common';

/** Schemas of the export feature's methods: briefing PDFs, the portable archive and the snapshots. */

export const pageSizes = ['a4', 'letter'] as const;
export const PageSizeSchema = z.enum(pageSizes);
export type PageSize = z.infer<typeof PageSizeSchema>;

/** Chosen by the renderer for one export, so that progress events and Cancel can name it. */
export const JobIdSchema = IdSchema;

export const PdfExportInputSchema = z.strictObject({
  jobId: JobIdSchema,
  /** The areas to print, in any order (they print in book order); null for the whole book. */
  areaIds: z.array(IdSchema).min(1, 'Choose at least one issue area').max(10_000).nullable(),
  /** With the whole book: also print archived areas. */
  includeArchived: z.boolean(),
  pageSize: PageSizeSchema,
});
export type PdfExportInput = z.infer<typeof PdfExportInputSchema>;

export const PdfExportResultSchema = z.strictObject({
  /** False when the user closed the save dialog. */
  saved: z.boolean(),
  path: z.string().nullable(),
  pages: z.number().int().min(0),
  bytes: z.number().int().min(0),
});
export type PdfExportResult = z.infer<typeof PdfExportResultSchema>;

export const exportStages = ['collecting', 'building', 'layout', 'numbering', 'writing', 'done'] as const;
export const ExportProgressSchema = z.strictObject({
  jobId: JobIdSchema,
  stage: z.enum(exportStages),
  message: z.string().max(500),
  /** 0 to 1. */
  fraction: z.number().min(0).max(1),
  pages: z.number().int().min(0).nullable(),
});
export type ExportProgress = z.infer<typeof ExportProgressSchema>;

export const ArchiveExportResultSchema = z.strictObject({
  saved: z.boolean(),
  path: z.string().nullable(),
  areas: z.number().int().min(0),
  bytes: z.number().int().min(0),
});
export type ArchiveExportResult = z.infer<typeof ArchiveExportResultSchema>;

export const ChosenArchiveSchema = z.strictObject({
  chosen: z.boolean(),
  /** Names the checked archive for backup.importArchive; null when nothing was chosen. */
  importId: IdSchema.nullable(),
  fileName: z.string().nullable(),
  summary: ArchiveSummarySchema.nullable(),
  /** Where "beside the current book" would put it. */
  besidePath: z.string().nullable(),
});
export type ChosenArchive = z.infer<typeof ChosenArchiveSchema>;

export const importDestinations = ['beside', 'folder'] as const;
export const ImportArchiveInputSchema = z.strictObject({
  importId: IdSchema,
  /** 'beside': a new folder next to the current book's; 'folder': an empty folder the user picks. */
  destination: z.enum(importDestinations),
});

export const ImportArchiveResultSchema = z.strictObject({
  imported: z.boolean(),
  dataDir: z.string().nullable(),
  areas: z.number().int().min(0),
});
export type ImportArchiveResult = z.infer<typeof ImportArchiveResultSchema>;

export const SnapshotListSchema = z.strictObject({
  snapshots: z.array(SnapshotInfoSchema),
  /** How many the app keeps. */
  keep: z.number().int().min(1),
  /** False when automatic snapshots are off (e.g. the book could not be opened). */
  automatic: z.boolean(),
  /** Why the last automatic snapshot failed, if it did. */
  problem: z.string().nullable(),
});
export type SnapshotList = z.infer<typeof SnapshotListSchema>;

export const SnapshotRestoreResultSchema = z.strictObject({
  restored: SnapshotInfoSchema,
  /** The snapshot of the state just before the restore. */
  safety: SnapshotInfoSchema,
});

export const SnapshotSummarySchema = ArchiveSummarySchema;
