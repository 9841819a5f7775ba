import { z } from 'zod';
import { IdSchema, TimestampSchema } from '../model/common';

/**
 * The portable archive ("Export book") and the automatic snapshots share one
 * format: a zip with manifest.json, the stored files under data/ exactly as
 * they are on disk, and a readable Markdown copy of the book under readable/.
 */
export const ARCHIVE_FORMAT = 'briefing-book/archive';
export const ARCHIVE_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';
export const DATA_PREFIX = 'data/';
export const READABLE_PREFIX = 'readable/';

export const snapshotReasons = ['start', 'daily', 'before-migration', 'before-restore', 'manual'] as const;
export type SnapshotReason = (typeof snapshotReasons)[number];

export const snapshotReasonLabels: Record<SnapshotReason, string> = {
  start: 'When the app started',
  daily: 'Daily',
  'before-migration': 'Before a format update',
  'before-restore': 'Before a restore',
  manual: 'Taken by hand',
};

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex');

export const ArchiveFileSchema = z.strictObject({
  /** Path inside the archive, "data/areas/x.json". */
  path: z.string().min(1).max(300),
  format: z.string().min(1).max(100),
  schemaVersion: z.number().int().min(1),
  bytes: z.number().int().min(0),
  sha256: Sha256Schema,
});
export type ArchiveFile = z.infer<typeof ArchiveFileSchema>;

/** Only the fields every version of the manifest will keep; checked before anything else is read. */
export const ManifestHeadSchema = z.looseObject({
  format: z.literal(ARCHIVE_FORMAT),
  archiveVersion: z.number().int().min(1),
});

export const ManifestSchema = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT),
  archiveVersion: z.literal(ARCHIVE_VERSION),
  createdAt: TimestampSchema,
  app: z.strictObject({ name: z.string().max(100), version: z.string().max(100) }),
  book: z.strictObject({
    bookId: IdSchema,
    title: z.string().max(400),
    areas: z.number().int().min(0),
  }),
  /** Set on the automatic snapshots. */
  snapshot: z.strictObject({ reason: z.enum(snapshotReasons) }).nullable(),
  /** Digest of every data file (paths and bytes): equal digests mean equal books. */
  contentDigest: Sha256Schema,
  files: z.array(ArchiveFileSchema).max(200_000),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** What the app says about an archive or a snapshot before it is restored. */
export const ArchiveSummarySchema = z.strictObject({
  title: z.string(),
  createdAt: TimestampSchema,
  appVersion: z.string(),
  areas: z.number().int().min(0),
  files: z.number().int().min(0),
  bytes: z.number().int().min(0),
});
export type ArchiveSummary = z.infer<typeof ArchiveSummarySchema>;

/**
 * Snapshot ids name their file (snapshots/<id>.zip) and say when and why it
 * was taken, and a short digest of its content:
 *   s-20190110-090000-000-start-3fa9c2d1e0b4
 */
const SNAPSHOT_ID = /^s-(\d{8})-(\d{6})-(\d{3})-([a-z-]+)-([0-9a-f]{12})$/;

export interface SnapshotIdParts {
  readonly takenAt: string;
  readonly reason: SnapshotReason;
  readonly digest: string;
}

export function snapshotId(takenAt: string, reason: SnapshotReason, contentDigest: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})Z$/.exec(takenAt);
  if (!m) throw new Error(`not a UTC timestamp: ${takenAt}`);
  return `s-${m[1]}${m[2]}${m[3]}-${m[4]}${m[5]}${m[6]}-${m[7]}-${reason}-${contentDigest.slice(0, 12)}`;
}

export function parseSnapshotId(id: string): SnapshotIdParts | null {
  const m = SNAPSHOT_ID.exec(id);
  if (!m) return null;
  const [, date = '', time = '', ms = '', reason = '', digest = ''] = m;
  if (!(snapshotReasons as readonly string[]).includes(reason)) return null;
  const takenAt = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}.${ms}Z`;
  if (Number.isNaN(Date.parse(takenAt))) return null;
  return { takenAt, reason: reason as SnapshotReason, digest };
}

export const SnapshotInfoSchema = z.strictObject({
  id: IdSchema,
  takenAt: TimestampSchema,
  reason: z.enum(snapshotReasons),
  bytes: z.number().int().min(0),
  /** Why it cannot be restored ("it is damaged or incomplete (…)"), or null when it was read and found whole. */
  damaged: z.string().max(2_000).nullable(),
});
export type SnapshotInfo = z.infer<typeof SnapshotInfoSchema>;
