import { dirname, join } from 'node:path';
import type { StoreNotice } from '../../core/contract/views';
import { AppError } from '../../core/errors';
import type { Clock } from '../../core/ops/areas';
import type { DocumentKind } from '../../core/persistence/documents';
import { errorCode, type FsPort } from '../fs/fsPort';
import { DurableJsonAdapter, StoredDocument } from './document';
import { defaultDurableOptions, isTempName, syncDirectory, type DurableWriteOptions } from './durableWrite';
import { decodeFile, FileDecodeError } from './loader';
import { describeFsError } from './storageError';

export const CORRUPT_DIR = 'corrupt';

/** Pauses before a failed read is tried again (a file held by a virus scanner, too many files open, a disk hiccup). */
const READ_RETRY_DELAYS_MS = [10, 50];

export type LoadResult<T> =
  | { readonly kind: 'ok'; readonly doc: T; readonly migratedFrom: number | null }
  | { readonly kind: 'missing' }
  | { readonly kind: 'newer'; readonly message: string }
  /**
   * Damaged: moved to corrupt/, or left in place when even that failed; or it could not be read at all
   * (`unreadable` says what the disk said), and was left in place. Either way, never written.
   */
  | { readonly kind: 'set-aside'; readonly unreadable?: string };

/**
 * Runs a read, trying again twice when it fails (not when the file is simply not there): reading is harmless
 * to repeat, and a fault that passes (EMFILE, EBUSY, a disk hiccup) should not cost the user anything.
 */
export async function retryRead<T>(read: () => Promise<T>, sleep: (ms: number) => Promise<void>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await read();
    } catch (error) {
      const delay = READ_RETRY_DELAYS_MS[attempt];
      const code = errorCode(error);
      if (delay === undefined || code === 'ENOENT' || code === 'ENOTDIR') throw error;
      await sleep(delay);
    }
  }
}

export interface DataFolderDeps {
  readonly fs: FsPort;
  readonly dataDir: string;
  readonly clock: Clock;
  readonly durable?: DurableWriteOptions;
}

/**
 * The data folder and its rules for reading: every read is decoded and
 * validated; a damaged file is moved aside into corrupt/ (never deleted or
 * overwritten) and reported as a notice; a file from a newer version is left
 * alone. Stores for the book, the window state and later features share it.
 */
export class DataFolder {
  private readonly noticeList: StoreNotice[] = [];
  private closed = false;
  readonly durable: DurableWriteOptions;

  constructor(private readonly deps: DataFolderDeps) {
    // One list of leftover temp files per folder, so a save that succeeds clears what an earlier failure left.
    this.durable = { ...(deps.durable ?? defaultDurableOptions), leftovers: new Set<string>() };
  }

  get fs(): FsPort {
    return this.deps.fs;
  }

  get dir(): string {
    return this.deps.dataDir;
  }

  path(rel: string): string {
    return join(this.deps.dataDir, rel);
  }

  notices(): StoreNotice[] {
    return [...this.noticeList, ...[...this.migrated.values()].map(migrationNotice)];
  }

  /** Files read in an older format, one summary per kind: a book of 2,000 areas gets one notice, not 2,000. */
  private readonly migrated = new Map<string, Migrated>();

  private noteMigrated(rel: string, kind: DocumentKind<unknown>, from: number): void {
    const entry = this.migrated.get(kind.format) ?? {
      format: kind.format,
      label: kind.label,
      files: [],
      from: new Set(),
      to: kind.currentVersion,
    };
    entry.files.push(rel);
    entry.from.add(from);
    this.migrated.set(kind.format, entry);
    this.migratedList.push(rel);
  }

  /**
   * Runs a read, trying again twice when it fails: reading is harmless to repeat, and a fault that
   * passes (EMFILE, EBUSY, a disk hiccup) should not cost the user a notice or a read-only book.
   */
  retryRead<T>(read: () => Promise<T>): Promise<T> {
    return retryRead(read, this.durable.sleep);
  }

  /** JSON files of a sub-folder, without temp files. */
  async listJson(relDir: string): Promise<string[]> {
    const names = await this.retryRead(() => this.deps.fs.readdir(this.path(relDir)));
    return names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
  }

  async exists(rel: string): Promise<boolean> {
    return (await this.retryRead(() => this.deps.fs.stat(this.path(rel)))) !== null;
  }

  /** Sub-folders made durable by this process (see ensureFolder). */
  private readonly durableFolders = new Set<string>();

  /**
   * Makes a sub-folder (sources/, areas/) and its entry in the data folder durable before a file is written in it:
   * a durable write fsyncs the file's own folder, not the data folder, so without this a power cut after the first
   * acknowledged save in a new sub-folder could take the whole sub-folder away. Once per folder per process.
   */
  async ensureFolder(relDir: string): Promise<void> {
    await this.deps.fs.mkdir(this.path(relDir));
    if (this.durableFolders.has(relDir)) return;
    if (this.durable.syncDirectory) await syncDirectory(this.deps.fs, dirname(this.path(relDir)));
    this.durableFolders.add(relDir);
  }

  /** Deletes temp files left by a write that never finished (they were never renamed into place). */
  async removeTempFiles(relDir: string): Promise<void> {
    const names = await this.retryRead(() => this.deps.fs.readdir(this.path(relDir)));
    for (const name of names.filter(isTempName)) {
      await this.deps.fs.unlink(this.path(join(relDir, name))).catch(() => undefined);
    }
  }

  /**
   * Writes the file of a document just made (an area, a source). When the file was renamed into place but its
   * folder fsync failed, the create is refused, so the file is taken away again (a retry must not make a second
   * one); if even that fails, `kept` runs (memory must then follow the disk). The error is thrown either way.
   */
  async persistNew<T>(created: StoredDocument<T>, rel: string, kept: () => void): Promise<void> {
    try {
      await created.persist();
    } catch (error) {
      if (created.isUnconfirmed) {
        const removed = await this.deps.fs.unlink(this.path(rel)).then(
          () => true,
          () => false,
        );
        if (!removed) kept();
      }
      throw error;
    }
  }

  document<T>(rel: string, kind: DocumentKind<T>, value: T, onChange?: (value: T) => void): StoredDocument<T> {
    const adapter = new DurableJsonAdapter<T>(this.deps.fs, this.path(rel), (bytes) => decodeFile(kind, bytes).doc, this.durable);
    return new StoredDocument<T>(rel, adapter, value, () => this.assertWritable(), onChange);
  }

  private refusal: AppError | null = null;

  /** After close, or when the folder belongs to a newer version, every write is refused with a clear message. */
  assertWritable(): void {
    if (this.refusal) throw this.refusal;
    if (this.pausedFor) throw this.pausedFor;
    if (this.closed) throw new AppError('storage', 'Not saved: the app is shutting down.');
  }

  /** Nothing may be written to this folder (e.g. its book is from a newer version). */
  refuseWrites(reason: AppError): void {
    this.refusal = reason;
  }

  close(): void {
    this.closed = true;
  }

  // ---- restore support (issue 6) ----
  private readonly migratedList: string[] = [];
  private pausedFor: AppError | null = null;

  /** Files read in an older format and updated in memory, not yet written back: a snapshot must come first. */
  migratedFiles(): string[] {
    return [...this.migratedList];
  }

  /** While a snapshot is restored, every write is refused with this message. */
  pauseWrites(reason: AppError): void {
    this.pausedFor = reason;
  }

  /** Writes go on again (a restore stopped before it changed anything). */
  resumeWrites(): void {
    this.pausedFor = null;
  }

  /** Starts over for a reopen after a restore: writable, no notices, nothing migrated yet. */
  reset(): void {
    this.closed = false;
    this.pausedFor = null;
    // A reopen that failed (the disk, a restore that could not be finished) refused writes; the next reopen decides again.
    this.refusal = null;
    this.noticeList.length = 0;
    this.migratedList.length = 0;
    // A restore may have replaced sub-folders: the next write in each makes it durable again.
    this.durableFolders.clear();
    this.migrated.clear();
  }

  /** A file's bytes, or null if it cannot be read now (the caller then uses `load`, which says why). */
  async readBytes(rel: string): Promise<Uint8Array | null> {
    try {
      return await this.deps.fs.readFile(this.path(rel));
    } catch {
      return null;
    }
  }

  async load<T>(rel: string, kind: DocumentKind<T>): Promise<LoadResult<T>> {
    let bytes: Uint8Array;
    try {
      bytes = await this.retryRead(() => this.deps.fs.readFile(this.path(rel)));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { kind: 'missing' };
      this.report(
        'error',
        'A file could not be read',
        rel,
        null,
        `${rel} could not be read (${describeFsError(error)}). It was left where it is and will not be changed.`,
      );
      return { kind: 'set-aside', unreadable: describeFsError(error) };
    }
    try {
      const decoded = decodeFile(kind, bytes);
      if (decoded.migratedFrom !== null) this.noteMigrated(rel, kind, decoded.migratedFrom);
      return { kind: 'ok', doc: decoded.doc, migratedFrom: decoded.migratedFrom };
    } catch (error) {
      if (!(error instanceof FileDecodeError)) throw error;
      if (error.reason === 'newer') {
        this.report('error', 'A file needs a newer version of Briefing Book', rel, null, `${rel}: ${error.message}`);
        return { kind: 'newer', message: error.message };
      }
      await this.setAside(rel, error.message);
      return { kind: 'set-aside' };
    }
  }

  /** Moves a damaged file into corrupt/ under a dated name and tells the user. */
  async setAside(rel: string, reason: string): Promise<void> {
    const stamp = this.deps.clock.now().replace(/[:.]/g, '-');
    const target = `${CORRUPT_DIR}/${stamp}-${rel.replace(/[\\/]/g, '__')}`;
    try {
      await this.deps.fs.mkdir(this.path(CORRUPT_DIR));
      if (await this.exists(target)) throw Object.assign(new Error('a file of that name is already set aside'), { code: 'EEXIST' });
      await this.deps.fs.rename(this.path(rel), this.path(target));
      await this.syncMove(rel);
      this.report(
        'warning',
        'A damaged file was set aside',
        rel,
        target,
        `${rel} could not be opened: ${reason}. It was moved to ${target} so nothing in it is lost, and everything else opened normally.`,
      );
    } catch (error) {
      this.report(
        'error',
        'A damaged file could not be set aside',
        rel,
        null,
        `${rel} could not be opened (${reason}) and could not be moved aside (${describeFsError(error)}). It was left where it is and will not be changed.`,
      );
    }
  }

  /**
   * Makes a move into corrupt/ survive a power loss: the new corrupt/ folder's entry in the data folder,
   * the file's entry in corrupt/, and its removal from its old folder. Best effort: the move has happened.
   */
  private async syncMove(rel: string): Promise<void> {
    if (!this.durable.syncDirectory) return;
    const folders = new Set([this.dir, this.path(CORRUPT_DIR), dirname(this.path(rel))]);
    for (const folder of folders) await syncDirectory(this.deps.fs, folder).catch(() => undefined);
  }

  report(severity: StoreNotice['severity'], title: string, file: string | null, movedTo: string | null, message: string): void {
    this.noticeList.push({ id: `n${this.noticeList.length + 1}`, severity, title, message, file, movedTo });
  }
}

interface Migrated {
  readonly format: string;
  readonly label: string;
  readonly files: string[];
  readonly from: Set<number>;
  readonly to: number;
}

function migrationNotice(m: Migrated): StoreNotice {
  const versions = [...m.from].sort((a, b) => a - b).join(' and ');
  const [first] = m.files;
  const one = m.files.length === 1;
  return {
    id: `migrated-${m.format}`,
    severity: 'info',
    title: one ? 'A file was updated to the current format' : 'Files were updated to the current format',
    message: one
      ? `${first ?? ''} was written in format version ${versions}. It was read and will be saved in version ${m.to}.`
      : `${m.files.length.toLocaleString('en-US')} ${m.label}s (such as ${first ?? ''}) were written in format version ${versions}. They were read and will be saved in version ${m.to} when they next change.`,
    file: one ? (first ?? null) : null,
    movedTo: null,
  };
}
