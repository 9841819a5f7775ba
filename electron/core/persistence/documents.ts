import { z } from 'zod';
import { AreaSchema, BookSettingsSchema, NoteSchema } from '../model/book';
import { IdSchema, TimestampSchema } from '../model/common';
import { snapshotKind, sourceKind } from './sourceDocuments';
import { BoardSchema } from '../model/positions';
import { BookPositionsSchema, areaV1toV2, bookV1toV2 } from './positionsMigrations';
import { BookMeetingsSchema } from '../model/meetings';
import { bookV2toV3 } from './meetingsMigrations';

/**
 * Every stored file is a JSON document with a `format` and a `schemaVersion`.
 * A document kind knows its current version, its schema and the migrations
 * that bring an older document up to date. Decoding is pure: the services do the I/O.
 */
export interface Migration {
  /** Upgrades a document of version `from` to version `from + 1`. */
  readonly from: number;
  readonly description: string;
  up(doc: Record<string, unknown>): Record<string, unknown>;
}

export interface DocumentKind<T> {
  readonly format: string;
  readonly label: string;
  readonly currentVersion: number;
  readonly schema: z.ZodType<T>;
  readonly migrations: readonly Migration[];
}

export class DocumentError extends Error {
  override readonly name = 'DocumentError';
  constructor(
    readonly reason: 'corrupt' | 'newer',
    message: string,
  ) {
    super(message);
  }
}

export interface Decoded<T> {
  readonly doc: T;
  /** The version the document had on disk, when a migration ran. */
  readonly migratedFrom: number | null;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function decodeDocument<T>(kind: DocumentKind<T>, raw: unknown): Decoded<T> {
  if (!isPlainRecord(raw)) throw new DocumentError('corrupt', 'the file does not hold a JSON object');
  if (raw['format'] !== kind.format) {
    throw new DocumentError('corrupt', `the file is not a ${kind.label} (format is ${JSON.stringify(raw['format'])})`);
  }
  const version = raw['schemaVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new DocumentError('corrupt', 'the file has no valid schemaVersion');
  }
  if (version > kind.currentVersion) {
    throw new DocumentError(
      'newer',
      `the ${kind.label} was written by a newer version of Briefing Book (format version ${version}; this version reads up to ${kind.currentVersion}). Update the app to open it. The file has not been changed.`,
    );
  }
  let doc: Record<string, unknown> = raw;
  for (let v = version; v < kind.currentVersion; v += 1) {
    const step = kind.migrations.find((m) => m.from === v);
    if (!step) throw new DocumentError('corrupt', `no migration from format version ${v} of the ${kind.label}`);
    let upgraded: Record<string, unknown>;
    try {
      upgraded = step.up(doc);
    } catch (error) {
      // Old data the migration cannot handle is damaged data: set that file aside, don't fail the whole open.
      const detail = error instanceof Error ? error.message : String(error);
      throw new DocumentError('corrupt', `the ${kind.label} could not be updated from format version ${v} (${detail})`);
    }
    doc = { ...upgraded, schemaVersion: v + 1 };
  }
  const parsed = kind.schema.safeParse(doc);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? first.path.join('.') : 'document';
    throw new DocumentError('corrupt', `the ${kind.label} has an invalid shape (${where}: ${first?.message ?? 'invalid'})`);
  }
  return { doc: parsed.data, migratedFrom: version === kind.currentVersion ? null : version };
}

export const BOOK_FORMAT = 'briefing-book/book';
export const AREA_FORMAT = 'briefing-book/area';
export const WINDOW_FORMAT = 'briefing-book/window-state';

export const BookDocSchema = z.strictObject({
  format: z.literal(BOOK_FORMAT),
  schemaVersion: z.literal(3),
  bookId: IdSchema,
  createdAt: TimestampSchema,
  settings: BookSettingsSchema,
  /** Rounds, the current round and archived parties (version 2). */
  positions: BookPositionsSchema,
  /** Meetings and timeline events (version 3). */
  meetings: BookMeetingsSchema,
});
export type BookDoc = z.infer<typeof BookDocSchema>;

export const AreaDocSchema = z.strictObject({
  format: z.literal(AREA_FORMAT),
  schemaVersion: z.literal(2),
  area: AreaSchema,
  note: NoteSchema,
  /** The positions board (version 2). */
  board: BoardSchema,
});
export type AreaDoc = z.infer<typeof AreaDocSchema>;

export const WindowStateSchema = z.strictObject({
  format: z.literal(WINDOW_FORMAT),
  schemaVersion: z.literal(1),
  bounds: z.strictObject({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().min(200).max(20_000),
    height: z.number().int().min(200).max(20_000),
  }),
  maximized: z.boolean(),
});
export type WindowStateDoc = z.infer<typeof WindowStateSchema>;

export const bookKind: DocumentKind<BookDoc> = {
  format: BOOK_FORMAT,
  label: 'book settings file',
  currentVersion: 3,
  schema: BookDocSchema,
  migrations: [bookV1toV2, bookV2toV3],
};

export const areaKind: DocumentKind<AreaDoc> = {
  format: AREA_FORMAT,
  label: 'issue-area file',
  currentVersion: 2,
  schema: AreaDocSchema,
  migrations: [areaV1toV2],
};

export const windowStateKind: DocumentKind<WindowStateDoc> = {
  format: WINDOW_FORMAT,
  label: 'window state file',
  currentVersion: 1,
  schema: WindowStateSchema,
  migrations: [],
};

/** Every document kind, so tests can enumerate them (fuzzing, migrations). */
export const documentKinds = [bookKind, areaKind, windowStateKind, sourceKind, snapshotKind] as const;
