import { join } from 'node:path';
import { parseSnapshotId, snapshotId, type ArchiveSummary, type SnapshotInfo, type SnapshotReason } from '../../core/backup/archive';
import { backupEntries, entryForPath, entryPath } from '../../core/backup/table';
import type { SnapshotList } from '../../core/contract/exportViews';
import { AppError, notFound } from '../../core/errors';
import type { Clock } from '../../core/ops/areas';
import type { BookService } from '../book/bookService';
import type { FsPort } from '../fs/fsPort';
import type { DataFolder } from '../store/dataFolder';
import { writeFileDurably, type DurableWriteOptions } from '../store/durableWrite';
import { describeFsError } from '../store/storageError';
import { buildArchive, collectBookFiles, contentDigest, readArchiveFile, writeBookFiles } from './archive/archive';

export const SNAPSHOT_DIR = 'snapshots';
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SnapshotPolicy {
  /** Take snapshots at start, daily and before a migration. Off, the user can still take and restore them. */
  readonly automatic: boolean;
  /** How many snapshots are kept; older ones are deleted. */
  readonly keep: number;
  /** How often to check whether the daily snapshot is due. */
  readonly checkEveryMs: number;
}

export const defaultSnapshotPolicy: SnapshotPolicy = { automatic: true, keep: 20, checkEveryMs: 60 * 60 * 1000 };
export const manualSnapshotPolicy: SnapshotPolicy = { ...defaultSnapshotPolicy, automatic: false };

export interface Timers {
  /** Calls `run` every `ms` until the returned function is called. */
  every(ms: number, run: () => void): () => void;
}

export const realTimers: Timers = {
  every(ms, run) {
    const timer = setInterval(run, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

export interface SnapshotDeps {
  readonly book: BookService;
  readonly folder: DataFolder;
  readonly fs: FsPort;
  readonly clock: Clock;
  readonly appVersion: string;
  readonly durable: DurableWriteOptions;
  readonly policy: SnapshotPolicy;
  readonly timers: Timers;
  /** What else reads the book folder and must read it again after a restore (the Sources library). */
  readonly reloadOthers?: () => Promise<void>;
}

/**
 * Automatic local snapshots of the book, in <data>/snapshots/<id>.zip (the
 * archive format): at start, daily and before a migration writes a file in a
 * new format, keeping the last N. A snapshot identical to the newest one is not
 * taken again. Restoring one first snapshots the current state. Every file
 * operation goes through the FsPort.
 */
export class SnapshotService {
  /** Snapshot work runs one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private stopTimer: (() => void) | null = null;
  private lastProblem: string | null = null;

  constructor(private readonly deps: SnapshotDeps) {}

  private get dir(): string {
    return this.deps.folder.path(SNAPSHOT_DIR);
  }

  /**
   * After the book has opened. Files read in an older format are still old on
   * disk (a migration is only written with the next change), so the
   * before-migration snapshot is taken now, and boot waits for it. The start
   * snapshot runs in the background.
   */
  async boot(): Promise<void> {
    const { policy, book, folder } = this.deps;
    if (!policy.automatic || book.openError) return;
    const migrated = folder.migratedFiles().filter((rel) => entryForPath(rel) !== null);
    if (migrated.length > 0) await this.take('before-migration', false).catch((e: unknown) => this.remember(e));
    // A sample book made just now has nothing earlier worth keeping.
    else if (!book.state().createdSample) void this.take('start', true).catch((e: unknown) => this.remember(e));
    this.stopTimer = this.deps.timers.every(policy.checkEveryMs, () => void this.takeDailyIfDue().catch((e: unknown) => this.remember(e)));
  }

  async shutdown(): Promise<void> {
    this.stopTimer?.();
    this.stopTimer = null;
    await this.queue.catch(() => undefined);
  }

  /** Resolves when the snapshot work queued so far has finished. */
  async idle(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  private remember(error: unknown): void {
    this.lastProblem = `The last automatic snapshot failed: ${error instanceof AppError ? error.message : describeFsError(error)}`;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Takes a snapshot now. With `skipIfSame`, nothing is written when the book equals the newest snapshot. */
  take(reason: SnapshotReason, skipIfSame: boolean): Promise<SnapshotInfo | null> {
    return this.serial(() => this.takeNow(reason, skipIfSame));
  }

  private async takeNow(reason: SnapshotReason, skipIfSame: boolean): Promise<SnapshotInfo | null> {
    const { deps } = this;
    await deps.book.idle();
    const collected = await collectBookFiles(deps.fs, deps.folder.dir);
    if (!collected.files.some((f) => f.rel === 'book.json')) return null;
    const digest = contentDigest(collected.files);
    if (skipIfSame) {
      const newest = (await this.listSnapshots())[0];
      if (newest && parseSnapshotId(newest.id)?.digest === digest.slice(0, 12)) return null;
    }
    const takenAt = deps.clock.now();
    const id = snapshotId(takenAt, reason, digest);
    const bytes = await buildArchive(collected.files, {
      createdAt: takenAt,
      appVersion: deps.appVersion,
      snapshotReason: reason,
      level: 1,
    });
    await deps.fs.mkdir(this.dir);
    await writeFileDurably(deps.fs, join(this.dir, `${id}.zip`), bytes, deps.durable);
    this.lastProblem = null;
    await this.rotate();
    return { id, takenAt, reason, bytes: bytes.byteLength };
  }

  /** The daily snapshot, when the newest one is a day old or more. */
  takeDailyIfDue(): Promise<SnapshotInfo | null> {
    return this.serial(async () => {
      if (this.deps.book.openError) return null;
      const newest = (await this.listSnapshots())[0];
      if (newest && Date.parse(this.deps.clock.now()) - Date.parse(newest.takenAt) < DAY_MS) return null;
      return this.takeNow('daily', true);
    });
  }

  async createManual(): Promise<SnapshotInfo> {
    const error = this.deps.book.openError;
    if (error) throw error;
    const taken = await this.take('manual', false);
    if (!taken) throw new AppError('conflict', 'There is no book to snapshot yet.');
    return taken;
  }

  async list(): Promise<SnapshotList> {
    return {
      snapshots: await this.listSnapshots(),
      keep: this.deps.policy.keep,
      automatic: this.deps.policy.automatic && this.deps.book.openError === null,
      problem: this.lastProblem,
    };
  }

  /** Newest first. Only files named like a snapshot are listed (and ever deleted). */
  private async listSnapshots(): Promise<SnapshotInfo[]> {
    const names = await this.deps.fs.readdir(this.dir);
    const out: SnapshotInfo[] = [];
    for (const name of names) {
      if (!name.endsWith('.zip')) continue;
      const id = name.slice(0, -'.zip'.length);
      const parts = parseSnapshotId(id);
      if (!parts) continue;
      const stat = await this.deps.fs.stat(join(this.dir, name));
      if (!stat || stat.isDirectory) continue;
      out.push({ id, takenAt: parts.takenAt, reason: parts.reason, bytes: stat.size });
    }
    return out.sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : a.id < b.id ? 1 : -1));
  }

  private async rotate(): Promise<void> {
    const all = await this.listSnapshots();
    for (const old of all.slice(this.deps.policy.keep)) {
      await this.deps.fs.unlink(join(this.dir, `${old.id}.zip`));
    }
  }

  private async readSnapshot(id: string) {
    const path = join(this.dir, `${id}.zip`);
    if (!parseSnapshotId(id) || (await this.deps.fs.stat(path)) === null) throw notFound('Snapshot', id);
    return readArchiveFile(this.deps.fs, path, 'snapshot');
  }

  async inspect(id: string): Promise<ArchiveSummary> {
    return (await this.readSnapshot(id)).summary;
  }

  /**
   * Puts the book back as it was in a snapshot: the snapshot is checked in full,
   * the current state is snapshotted, writes are paused, the snapshot's files
   * are written (each durably, the book file last) and files it does not have
   * are removed, then the book is read again.
   */
  restore(id: string): Promise<{ restored: SnapshotInfo; safety: SnapshotInfo }> {
    return this.serial(async () => {
      const { deps } = this;
      const openError = deps.book.openError;
      if (openError) {
        throw new AppError('conflict', `A snapshot cannot be restored while the book cannot be opened: ${openError.message}`);
      }
      const info = (await this.listSnapshots()).find((s) => s.id === id);
      const archive = await this.readSnapshot(id);
      if (!info) throw notFound('Snapshot', id);
      let safety: SnapshotInfo | null;
      try {
        safety = await this.takeNow('before-restore', false);
      } catch (error) {
        throw new AppError(
          'storage',
          `Nothing was restored: the current book could not be snapshotted first (${error instanceof AppError ? error.message : describeFsError(error)}).`,
        );
      }
      if (!safety) throw new AppError('conflict', 'Nothing was restored: the current book has no settings file to snapshot first.');
      deps.folder.pauseWrites(
        new AppError(
          'conflict',
          'Not saved: a snapshot is being restored. Your change is kept; it will be saved once the book has reopened.',
        ),
      );
      try {
        await deps.book.idle();
        const keep = new Set(archive.files.map((f) => f.rel));
        const extra: string[] = [];
        for (const entry of backupEntries) {
          for (const name of await deps.fs.readdir(deps.folder.path(entry.dir))) {
            const rel = entryPath(entry, name);
            if (entry.file.test(name) && !keep.has(rel)) extra.push(rel);
          }
        }
        await writeBookFiles(deps.fs, deps.folder.dir, archive.files, deps.durable);
        for (const rel of extra) await deps.fs.unlink(deps.folder.path(rel));
      } catch (error) {
        await deps.book.reload();
        await deps.reloadOthers?.();
        throw new AppError(
          'storage',
          `The snapshot was only partly restored: ${describeFsError(error)}. The state from just before is kept as snapshot ${safety.id}; restore that one to go back.`,
        );
      }
      await deps.book.reload();
      await deps.reloadOthers?.();
      return { restored: info, safety };
    });
  }
}
