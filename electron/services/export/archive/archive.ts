import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { unzipSync, Zip, ZipDeflate, type UnzipFileInfo } from 'fflate';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  DATA_PREFIX,
  MANIFEST_NAME,
  ManifestHeadSchema,
  ManifestSchema,
  READABLE_PREFIX,
  type ArchiveSummary,
  type Manifest,
  type SnapshotReason,
} from '../../../core/backup/archive';
import { readableBook } from '../../../core/backup/readable';
import { backupEntries, entryForPath, entryPath } from '../../../core/backup/table';
import { AppError } from '../../../core/errors';
import { areaKind, bookKind, documentKinds, type AreaDoc, type BookDoc, type DocumentKind } from '../../../core/persistence/documents';
import { errorCode, type FsPort } from '../../fs/fsPort';
import { writeFileDurably, type DurableWriteOptions } from '../../store/durableWrite';
import { retryRead } from '../../store/dataFolder';
import { decodeFile, FileDecodeError } from '../../store/loader';
import { describeFsError } from '../../store/storageError';

/** One stored file of the book, with its bytes exactly as on disk. */
export interface BookFile {
  /** Relative to the data folder: "book.json", "areas/x.json". */
  readonly rel: string;
  readonly bytes: Uint8Array;
  readonly format: string;
  /** The version written in the file (before any migration). */
  readonly schemaVersion: number;
  /** The document after decoding (and migrating). */
  readonly doc: unknown;
}

export interface CollectedBook {
  readonly files: readonly BookFile[];
  /** Files that could not be read or decoded; they are left out, and said so. */
  readonly skipped: readonly { readonly rel: string; readonly reason: string }[];
  /** A file was written by a newer version of the app. */
  readonly newer: readonly string[];
}

/** Limits that keep a hostile or broken archive from exhausting memory. */
export const archiveLimits = {
  /** The archive file itself. */
  maxArchiveBytes: 2 * 1024 ** 3 - 1,
  /** All files once expanded. */
  maxExpandedBytes: 3 * 1024 ** 3,
  maxFiles: 200_000,
} as const;

const kindByFormat = new Map<string, DocumentKind<unknown>>(documentKinds.map((k) => [k.format, k as DocumentKind<unknown>]));

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function rawVersion(bytes: Uint8Array): number {
  try {
    const parsed: unknown = JSON.parse(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    );
    const v = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['schemaVersion'] : undefined;
    return typeof v === 'number' ? v : 0;
  } catch {
    return 0;
  }
}

/**
 * Reads every file of the book that the backup table lists, decoding each so
 * a damaged one is never packed as if it were good. Nothing is written.
 */
export async function collectBookFiles(
  fs: FsPort,
  dataDir: string,
  sleep: (ms: number) => Promise<void> = noPause,
): Promise<CollectedBook> {
  const files: BookFile[] = [];
  const skipped: { rel: string; reason: string }[] = [];
  const newer: string[] = [];
  const sorted = [...backupEntries].sort((a, b) => a.restoreOrder - b.restoreOrder);
  for (const entry of sorted) {
    const kind = kindByFormat.get(entry.format);
    if (!kind) throw new AppError('internal', `The backup table names an unknown kind of file: ${entry.format}.`);
    let listed: string[];
    try {
      listed = await retryRead(() => fs.readdir(join(dataDir, entry.dir)), sleep);
    } catch (error) {
      // A folder that cannot be listed makes the book incomplete: the caller refuses it with this reason.
      skipped.push({
        rel: entry.dir === '' ? 'the book folder' : `${entry.dir}/`,
        reason: `could not be listed (${describeFsError(error)})`,
      });
      continue;
    }
    const names = listed.filter((n) => entry.file.test(n)).sort();
    for (const name of names) {
      const rel = entryPath(entry, name);
      let bytes: Uint8Array;
      try {
        bytes = await retryRead(() => fs.readFile(join(dataDir, rel)), sleep);
      } catch (error) {
        skipped.push({ rel, reason: `could not be read (${describeFsError(error)})` });
        continue;
      }
      try {
        const { doc } = decodeFile(kind, bytes);
        files.push({ rel, bytes, format: entry.format, schemaVersion: rawVersion(bytes), doc });
      } catch (error) {
        if (!(error instanceof FileDecodeError)) throw error;
        if (error.reason === 'newer') newer.push(rel);
        else skipped.push({ rel, reason: `could not be opened (${error.message})` });
      }
    }
  }
  return { files, skipped, newer };
}

const noPause = async (): Promise<void> => undefined;

/**
 * Refuses a book that was not read completely: an archive or snapshot without some of its files would be
 * presented as the whole book, and restoring it would remove what it left out. `action` says what was
 * refused: "The archive was not written".
 */
export function assertComplete(collected: CollectedBook, action: string): void {
  if (collected.newer.length > 0) {
    throw new AppError(
      'newer_version',
      `${action}: some of this book's files were written by a newer version of Briefing Book; update the app first.`,
      [...collected.newer],
    );
  }
  if (collected.skipped.length > 0) {
    const [first] = collected.skipped;
    const more = collected.skipped.length - 1;
    throw new AppError(
      'storage',
      `${action}: ${first?.rel} ${first?.reason}${more > 0 ? ` (and ${more} more ${more === 1 ? 'file' : 'files'})` : ''}. Restart Briefing Book to have damaged files set aside, then try again.`,
      collected.skipped.map((s) => `${s.rel}: ${s.reason}`),
    );
  }
}

/** Paths and bytes of every data file: equal digests mean the same book. */
export function contentDigest(files: readonly Pick<BookFile, 'rel' | 'bytes'>[]): string {
  const lines = [...files].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0)).map((f) => `${f.rel}\u0000${sha256(f.bytes)}\n`);
  return sha256(lines.join(''));
}

export interface ArchiveOptions {
  readonly createdAt: string;
  readonly appVersion: string;
  readonly snapshotReason: SnapshotReason | null;
  /** 0 (store) to 9; text compresses well at 6. */
  readonly level: 0 | 1 | 6 | 9;
}

function bookDocOf(files: readonly BookFile[]): BookDoc {
  const book = files.find((f) => f.format === bookKind.format);
  if (!book)
    throw new AppError('conflict', 'The book has no settings file (book.json), so it cannot be archived. Restart the app to repair it.');
  return book.doc as BookDoc;
}

function areaDocsOf(files: readonly BookFile[]): AreaDoc[] {
  return files.filter((f) => f.format === areaKind.format).map((f) => f.doc as AreaDoc);
}

/**
 * Packs the book: manifest.json, every stored file under data/ byte for byte,
 * and a readable Markdown copy under readable/. Every entry carries the
 * manifest's time, so the same book makes the same entries.
 */
export async function buildArchive(files: readonly BookFile[], options: ArchiveOptions): Promise<Uint8Array> {
  const book = bookDocOf(files);
  const areas = areaDocsOf(files);
  const manifest: Manifest = {
    format: ARCHIVE_FORMAT,
    archiveVersion: ARCHIVE_VERSION,
    createdAt: options.createdAt,
    app: { name: 'Briefing Book', version: options.appVersion },
    book: { bookId: book.bookId, title: book.settings.title, areas: areas.filter((a) => a.area.deletedAt === null).length },
    snapshot: options.snapshotReason ? { reason: options.snapshotReason } : null,
    contentDigest: contentDigest(files),
    files: files.map((f) => ({
      path: `${DATA_PREFIX}${f.rel}`,
      format: f.format,
      schemaVersion: f.schemaVersion,
      bytes: f.bytes.byteLength,
      sha256: sha256(f.bytes),
    })),
  };
  const encoder = new TextEncoder();
  const entries: [string, Uint8Array][] = [
    [MANIFEST_NAME, encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`)],
    ...files.map((f): [string, Uint8Array] => [`${DATA_PREFIX}${f.rel}`, f.bytes]),
    ...readableBook(book, areas).map((r): [string, Uint8Array] => [`${READABLE_PREFIX}${r.path}`, encoder.encode(r.text)]),
  ];
  const chunks: Uint8Array[] = [];
  const failures: Error[] = [];
  const zip = new Zip((error, data) => {
    if (error) failures.push(error);
    else chunks.push(data);
  });
  const mtime = new Date(options.createdAt);
  let sinceYield = 0;
  for (const [name, data] of entries) {
    const file = new ZipDeflate(name, { level: options.level });
    file.mtime = mtime;
    zip.add(file);
    file.push(data, true);
    // Compress a large book in slices, so the main process keeps answering the window meanwhile.
    sinceYield += data.byteLength;
    if (sinceYield > 512 * 1024) {
      sinceYield = 0;
      await yieldToEvents();
    }
  }
  zip.end();
  const [failure] = failures;
  if (failure) throw failure;
  return concat(chunks);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

export interface ReadArchive {
  readonly manifest: Manifest;
  /** Data files in restore order (the book file last). */
  readonly files: readonly BookFile[];
  readonly summary: ArchiveSummary;
}

/**
 * An archive that cannot be used, with the message for "Import book" and a
 * short phrase saying what is wrong ("it is not a zip file"), from which the
 * snapshot list and a refused restore word their own messages.
 */
export class ArchiveRefusal extends AppError {
  constructor(
    code: AppError['code'],
    message: string,
    details: readonly string[],
    /** What is wrong, as a phrase: "it is damaged or incomplete (data/book.json does not match its checksum)". */
    readonly problem: string,
  ) {
    super(code, message, details);
  }
}

function damaged(detail: string): ArchiveRefusal {
  return new ArchiveRefusal(
    'invalid_input',
    'This archive is damaged or incomplete (it may have been cut short while it was copied). Nothing was imported.',
    [detail],
    `it is damaged or incomplete (${detail})`,
  );
}

/**
 * Opens an archive and checks all of it before anything is written: the zip,
 * the manifest and its version, every file's size and SHA-256, and every file
 * decoded as its kind. Throws an ArchiveRefusal saying what is wrong.
 */
export function readArchive(bytes: Uint8Array): ReadArchive {
  if (bytes.byteLength > archiveLimits.maxArchiveBytes) {
    throw new ArchiveRefusal(
      'invalid_input',
      'This file is too large to be a Briefing Book archive. Nothing was imported.',
      [],
      'it is too large to be a Briefing Book archive',
    );
  }
  let entries: Record<string, Uint8Array>;
  let expanded = 0;
  let count = 0;
  try {
    entries = unzipSync(bytes, {
      filter: (info: UnzipFileInfo) => {
        count += 1;
        expanded += info.originalSize;
        if (count > archiveLimits.maxFiles || expanded > archiveLimits.maxExpandedBytes) {
          throw new Error('the archive expands to more than this app will read');
        }
        return info.name === MANIFEST_NAME || info.name.startsWith(DATA_PREFIX);
      },
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (bytes.byteLength >= 4 && !(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
      throw new ArchiveRefusal(
        'invalid_input',
        'This file is not a Briefing Book archive (it is not a zip file). Nothing was imported.',
        [detail],
        'it is not a zip file any more',
      );
    }
    throw damaged(detail);
  }
  const manifestBytes = entries[MANIFEST_NAME];
  if (!manifestBytes) {
    throw new ArchiveRefusal(
      'invalid_input',
      'This zip file is not a Briefing Book archive (it has no manifest.json). Nothing was imported.',
      [],
      'it has no manifest.json',
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes));
  } catch (error) {
    throw damaged(`manifest.json is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const head = ManifestHeadSchema.safeParse(raw);
  if (!head.success) {
    throw new ArchiveRefusal(
      'invalid_input',
      'This zip file is not a Briefing Book archive (its manifest is of another kind). Nothing was imported.',
      [],
      'its manifest is not a Briefing Book manifest',
    );
  }
  if (head.data.archiveVersion > ARCHIVE_VERSION) {
    throw new ArchiveRefusal(
      'newer_version',
      `This archive was made by a newer version of Briefing Book (archive format ${head.data.archiveVersion}; this version reads format ${ARCHIVE_VERSION}). Update the app to import it. Nothing was imported.`,
      [],
      `it was made by a newer version of Briefing Book (archive format ${head.data.archiveVersion})`,
    );
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const detail = `${first?.path.join('.') || 'manifest'}: ${first?.message ?? 'invalid'}`;
    throw new ArchiveRefusal(
      'invalid_input',
      `This archive's manifest is not one this version of Briefing Book understands (archive format ${head.data.archiveVersion}). Nothing was imported.`,
      [detail],
      // Said in the snapshot list: where the manifest is wrong, not the schema library's wording.
      `its manifest is damaged or not one this version understands (at ${first?.path.join('.') || 'the top'})`,
    );
  }
  const manifest = parsed.data;
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const name of Object.keys(entries)) {
    if (name !== MANIFEST_NAME && !listed.has(name)) throw damaged(`${name} is in the archive but not in its manifest`);
  }
  const files: BookFile[] = [];
  for (const item of manifest.files) {
    const rel = item.path.startsWith(DATA_PREFIX) ? item.path.slice(DATA_PREFIX.length) : '';
    const entry = rel ? entryForPath(rel) : null;
    const kind = kindByFormat.get(item.format);
    if (!kind || !entry || entry.format !== item.format) {
      if (!kind || item.schemaVersion > kind.currentVersion) {
        throw new ArchiveRefusal(
          'newer_version',
          `This archive holds data this version of Briefing Book does not know (${item.format} in ${item.path}); it was probably made by a newer version. Update the app to import it. Nothing was imported.`,
          [],
          `it holds data this version does not know (${item.format})`,
        );
      }
      throw damaged(`${item.path} is not a place where a ${item.format} file can be`);
    }
    const data = entries[item.path];
    if (!data) throw damaged(`${item.path} is missing`);
    if (data.byteLength !== item.bytes || sha256(data) !== item.sha256) throw damaged(`${item.path} does not match its checksum`);
    let doc: unknown;
    try {
      doc = decodeFile(kind, data).doc;
    } catch (error) {
      if (error instanceof FileDecodeError && error.reason === 'newer') {
        throw new ArchiveRefusal(
          'newer_version',
          `This archive was made by a newer version of Briefing Book (${item.path}: ${error.message}). Nothing was imported.`,
          [],
          `it was made by a newer version of Briefing Book (${item.path})`,
        );
      }
      throw damaged(`${item.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    files.push({ rel, bytes: data, format: item.format, schemaVersion: item.schemaVersion, doc });
  }
  if (contentDigest(files) !== manifest.contentDigest) throw damaged('the files do not add up to the content the manifest describes');
  if (!files.some((f) => f.format === bookKind.format)) throw damaged('it holds no book settings file (book.json)');
  const order = (f: BookFile) => entryForPath(f.rel)?.restoreOrder ?? 0;
  files.sort((a, b) => order(a) - order(b) || (a.rel < b.rel ? -1 : 1));
  return {
    manifest,
    files,
    summary: {
      title: manifest.book.title,
      createdAt: manifest.createdAt,
      appVersion: manifest.app.version,
      areas: manifest.book.areas,
      files: files.length,
      bytes: bytes.byteLength,
    },
  };
}

/** Reads an archive file through the FsPort and checks it (see readArchive). `what` names it in messages: "archive", "snapshot". */
export async function readArchiveFile(fs: FsPort, path: string, what: string, sleep?: (ms: number) => Promise<void>): Promise<ReadArchive> {
  let bytes: Uint8Array;
  try {
    bytes = await retryRead(() => fs.readFile(path), sleep ?? noPause);
  } catch (error) {
    const why = errorCode(error) === 'ENOENT' ? 'the file is no longer there' : describeFsError(error);
    throw new AppError('storage', `The ${what} could not be read: ${why}.`, [path]);
  }
  return readArchive(bytes);
}

/**
 * Writes the files of a checked archive into `dir`, each durably (temp file,
 * fsync, rename), in restore order: the book file last, because its presence
 * marks a complete book.
 */
export async function writeBookFiles(fs: FsPort, dir: string, files: readonly BookFile[], durable: DurableWriteOptions): Promise<void> {
  const made = new Set<string>();
  for (const file of files) {
    const slash = file.rel.lastIndexOf('/');
    const sub = slash < 0 ? '' : file.rel.slice(0, slash);
    if (!made.has(sub)) {
      await fs.mkdir(join(dir, sub));
      made.add(sub);
    }
    await writeFileDurably(fs, join(dir, file.rel), file.bytes, durable);
  }
}
