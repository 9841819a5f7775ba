import { dirname, join } from 'node:path';
import { parseSnapshotId, snapshotId, type ArchiveSummary, type SnapshotInfo, type SnapshotReason } from '../../core/backup/archive';
import { backupEntries, entryForPath, entryPath } from '../../core/backup/table';
import type { SnapshotList } from '../../core/contract/exportViews';
import { AppError, notFound } from '../../core/errors';
import type { Clock } from '../../core/ops/areas';
import type { BookService } from '../book/bookService';
import { errorCode, type FsPort } from '../fs/fsPort';
import type { DataFolder } from '../store/dataFolder';
import {
  isTempName,
  NotDurableError,
  renameWithRetry,
  syncDirectory,
  writeFileDurably,
  type DurableWriteOptions,
} from '../store/durableWrite';
import { describeFsError } from '../store/storageError';
import {
  ArchiveRefusal,
  assertComplete,
  buildArchive,
  collectBookFiles,
  contentDigest,
  readArchiveFile,
  writeBookFiles,
  type BookFile,
  type ReadArchive,
} from './archive/archive';

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
 * The journal of a restore under way, in the snapshots folder:
 *   <safety id>~<target id>.restoring   written (durably) before the first file of the book changes;
 *   <safety id>~<target id>.restored    the same file renamed once every file of the target is in place;
 * removed once the restore is complete. Found when the book is opened, a ".restoring" mark means the
 * restore was cut short: the book is put back from the safety snapshot. A ".restored" mark means it had
 * finished: the mark goes and the restored book stays. Either way the book is one or the other, never a mix.
 */
const MARK = /^(s-[0-9a-z-]+)~(s-[0-9a-z-]+)\.(restoring|restored)$/;

interface RestoreMark {
  readonly name: string;
  readonly safetyId: string;
  readonly targetId: string;
  /** Every file of the target had been written. */
  readonly done: boolean;
}

function markName(safetyId: string, targetId: string, done: boolean): string {
  return `${safetyId}~${targetId}.${done ? 'restored' : 'restoring'}`;
}

function parseMark(name: string): RestoreMark | null {
  const m = MARK.exec(name);
  if (!m?.[1] || !m[2] || !parseSnapshotId(m[1]) || !parseSnapshotId(m[2])) return null;
  return { name, safetyId: m[1], targetId: m[2], done: m[3] === 'restored' };
}

/** A snapshot just written, with the files it holds. */
interface Taken {
  readonly info: SnapshotInfo;
  readonly files: readonly BookFile[];
}

/** What went wrong, as a phrase: "the disk is full". */
function reasonOf(error: unknown): string {
  if (error instanceof ArchiveRefusal) return error.problem;
  if (error instanceof AppError) return error.message.replace(/\.$/, '');
  return describeFsError(error);
}

/**
 * Automatic local snapshots of the book, in <data>/snapshots/<id>.zip (the
 * archive format): at start, daily and before a migration writes a file in a
 * new format, keeping the last N. A snapshot identical to the newest one is not
 * taken again. Every snapshot listed is read and checked, so a damaged one is
 * shown as damaged and never restored. Restoring one pauses writes, snapshots
 * the current state, and keeps a journal (see MARK) so that a restore cut short
 * by a crash, a power cut or a failing disk leaves the book as it was or fully
 * restored. Every file operation goes through the FsPort.
 */
export class SnapshotService {
  /** Snapshot work runs one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private stopTimer: (() => void) | null = null;
  private lastProblem: string | null = null;
  private rotationProblem: string | null = null;
  /** Snapshots read and checked in this session (a snapshot file never changes once written): what is wrong, if anything. */
  private readonly checked = new Map<string, { readonly bytes: number; readonly damaged: string | null }>();
  /** A restore failed and its book could not be reopened (book.open or the next restore reopens it first). */
  private get unsettled(): boolean {
    return this.deps.book.openError !== null;
  }
  /** Reopening after a failed restore: that restore's own message says what happened, so no notice. */
  private quiet = false;

  constructor(private readonly deps: SnapshotDeps) {}

  private get dir(): string {
    return this.deps.folder.path(SNAPSHOT_DIR);
  }

  /** The caller's durable-write options, sharing the data folder's list of temp files to remove once the disk works. */
  private get durable(): DurableWriteOptions {
    return { ...this.deps.durable, leftovers: this.deps.folder.durable.leftovers ?? new Set<string>() };
  }

  private readonly sleep = (ms: number): Promise<void> => this.deps.durable.sleep(ms);

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
    this.lastProblem = `The last automatic snapshot failed: ${reasonOf(error)}. It is tried again within the hour.`;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  // ---- opening the book ----------------------------------------------------

  /**
   * Runs before the book's files are read, at start and at every reopen: removes
   * temp files of snapshots a crash cut short, and settles a restore that was cut
   * short (see MARK). Throws when that cannot be done now; the book is then not
   * opened, since its files may hold parts of two books.
   */
  async beforeOpen(): Promise<void> {
    const { fs, folder } = this.deps;
    const names = await folder.retryRead(() => fs.readdir(this.dir));
    for (const name of names.filter(isTempName)) await fs.unlink(join(this.dir, name)).catch(() => undefined);
    const marks = names.flatMap((name) => parseMark(name) ?? []).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const mark of marks) {
      let outcome: 'kept' | 'undone' | 'no-safety';
      try {
        outcome = await this.settle(mark);
      } catch (error) {
        throw new AppError(
          'storage',
          mark.done
            ? `The book could not be opened: a snapshot restore could not be finished (${reasonOf(error)}). Nothing is lost: restart Briefing Book once the problem is fixed, and the restore will be finished.`
            : `The book could not be opened: a snapshot restore that was cut short could not be undone yet (${reasonOf(error)}). Nothing is lost: restart Briefing Book once the problem is fixed, and the book will be put back as it was before that restore (it is kept in snapshot ${mark.safetyId}).`,
          [mark.name],
        );
      }
      if (this.quiet && outcome !== 'no-safety') continue;
      if (outcome === 'kept') {
        folder.report(
          'info',
          'A snapshot restore was finished',
          null,
          null,
          'Briefing Book stopped just as a snapshot was being restored, after every file had been written: the book is the restored one.',
        );
      } else if (outcome === 'undone') {
        folder.report(
          'info',
          'A snapshot restore was undone',
          null,
          null,
          `Briefing Book stopped while a snapshot was being restored, so the book was put back as it was just before (kept as snapshot ${mark.safetyId}). Restore the snapshot again if you still want it.`,
        );
      } else {
        folder.report(
          'error',
          'A snapshot restore could not be undone',
          null,
          null,
          `Briefing Book stopped while a snapshot was being restored, and the snapshot of the book from just before (${mark.safetyId}) is missing or damaged, so the restore could not be undone. The book may hold some areas as they were in each; check it, and restore a snapshot if needed.`,
        );
      }
    }
  }

  /** Finishes or undoes the restore a mark describes, then removes the mark. */
  private async settle(mark: RestoreMark): Promise<'kept' | 'undone' | 'no-safety'> {
    if (mark.done) {
      await this.removeMark(mark.name);
      return 'kept';
    }
    const path = join(this.dir, `${mark.safetyId}.zip`);
    let safety: ReadArchive | null = null;
    if ((await this.deps.folder.retryRead(() => this.deps.fs.stat(path))) !== null) {
      try {
        safety = await readArchiveFile(this.deps.fs, path, 'snapshot', this.sleep);
      } catch (error) {
        if (!(error instanceof ArchiveRefusal)) throw error;
      }
    }
    if (!safety) {
      await this.removeMark(mark.name);
      return 'no-safety';
    }
    await this.putBookFiles(safety.files);
    await this.removeMark(mark.name);
    return 'undone';
  }

  private async removeMark(name: string): Promise<void> {
    try {
      await this.deps.fs.unlink(join(this.dir, name));
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
    if (this.deps.durable.syncDirectory) await syncDirectory(this.deps.fs, this.dir);
  }

  /**
   * Makes the book's files exactly `files`: each written durably (the book file
   * last), then every other file of the book removed and its folder synced.
   */
  private async putBookFiles(files: readonly BookFile[]): Promise<void> {
    const { fs, folder } = this.deps;
    const keep = new Set(files.map((f) => f.rel));
    const extra: string[] = [];
    for (const entry of backupEntries) {
      for (const name of await folder.retryRead(() => fs.readdir(folder.path(entry.dir)))) {
        const rel = entryPath(entry, name);
        if (entry.file.test(name) && !keep.has(rel)) extra.push(rel);
      }
    }
    await writeBookFiles(fs, folder.dir, files, this.durable);
    const emptied = new Set<string>();
    for (const rel of extra) {
      await fs.unlink(folder.path(rel));
      emptied.add(dirname(folder.path(rel)));
    }
    if (this.deps.durable.syncDirectory) for (const dir of emptied) await syncDirectory(fs, dir);
  }

  // ---- taking snapshots ----------------------------------------------------

  /** Takes a snapshot now. With `skipIfSame`, nothing is written when the book equals the newest (intact) snapshot. */
  async take(reason: SnapshotReason, skipIfSame: boolean): Promise<SnapshotInfo | null> {
    return (await this.serial(() => said('No snapshot was taken', this.takeNow(reason, skipIfSame))))?.info ?? null;
  }

  private async takeNow(reason: SnapshotReason, skipIfSame: boolean, protect: readonly string[] = []): Promise<Taken | null> {
    const { deps } = this;
    const openError = deps.book.openError;
    if (openError) throw new AppError('conflict', `No snapshot was taken: the book is not open. ${openError.message}`);
    await deps.book.idle();
    const collected = await collectBookFiles(deps.fs, deps.folder.dir, this.sleep);
    // A folder or file that could not be read is said as such, never taken for "no book yet".
    assertComplete(collected, 'No snapshot was taken');
    if (!collected.files.some((f) => f.rel === 'book.json')) return null;
    const digest = contentDigest(collected.files);
    if (skipIfSame) {
      const newest = (await this.listSnapshots())[0];
      if (newest && parseSnapshotId(newest.id)?.digest === digest.slice(0, 12) && (await this.check(newest)) === null) return null;
    }
    const takenAt = deps.clock.now();
    const id = snapshotId(takenAt, reason, digest);
    const bytes = await buildArchive(collected.files, {
      createdAt: takenAt,
      appVersion: deps.appVersion,
      snapshotReason: reason,
      level: 1,
    });
    try {
      await deps.fs.mkdir(this.dir);
      await writeFileDurably(deps.fs, join(this.dir, `${id}.zip`), bytes, this.durable);
    } catch (error) {
      throw new AppError(
        'storage',
        error instanceof NotDurableError
          ? `The snapshot was written, but the disk did not confirm that it is stored safely (${describeFsError(error)}). Take it again once the problem is fixed.`
          : `The snapshot could not be saved: ${describeFsError(error)}. The book itself was not changed.`,
      );
    }
    this.checked.set(id, { bytes: bytes.byteLength, damaged: null });
    this.lastProblem = null;
    // The snapshot just taken is never the one rotated away, even when the clock has gone back since older ones
    // were taken (then it sorts among the oldest): a restore's safety snapshot, above all, must stay.
    await this.rotate([...protect, id]);
    return { info: { id, takenAt, reason, bytes: bytes.byteLength, damaged: null }, files: collected.files };
  }

  /** The daily snapshot, when the newest intact one is a day old or more. */
  takeDailyIfDue(): Promise<SnapshotInfo | null> {
    return this.serial(() =>
      said(
        'No snapshot was taken',
        (async () => {
          if (this.deps.book.openError) return null;
          const newest = (await this.listChecked()).find((s) => s.damaged === null);
          if (newest && Date.parse(this.deps.clock.now()) - Date.parse(newest.takenAt) < DAY_MS) return null;
          return (await this.takeNow('daily', true))?.info ?? null;
        })(),
      ),
    );
  }

  async createManual(): Promise<SnapshotInfo> {
    const error = this.deps.book.openError;
    if (error) throw error;
    const taken = await this.take('manual', false);
    if (!taken) throw new AppError('conflict', 'There is no book to snapshot yet.');
    return taken;
  }

  /**
   * Deletes the snapshots beyond the last N, never one a restore under way needs. A failure here loses
   * nothing (the snapshot just taken is safe): it is reported in the list and tried again next time.
   */
  private async rotate(protect: readonly string[]): Promise<void> {
    try {
      const names = await this.deps.fs.readdir(this.dir);
      const kept = new Set([...protect, ...names.flatMap((n) => parseMark(n) ?? []).flatMap((m) => [m.safetyId, m.targetId])]);
      for (const old of (await this.listSnapshots(names)).slice(this.deps.policy.keep)) {
        if (kept.has(old.id)) continue;
        try {
          await this.deps.fs.unlink(join(this.dir, `${old.id}.zip`));
        } catch (error) {
          if (errorCode(error) !== 'ENOENT') throw error;
        }
        this.checked.delete(old.id);
      }
      this.rotationProblem = null;
    } catch (error) {
      this.rotationProblem = `Older snapshots could not be removed (${describeFsError(error)}); that is tried again after the next snapshot.`;
    }
  }

  // ---- listing and checking ------------------------------------------------

  async list(): Promise<SnapshotList> {
    const problems = [this.lastProblem, this.rotationProblem].filter((p): p is string => p !== null);
    return {
      snapshots: await said('The snapshots could not be listed', this.listChecked()),
      keep: this.deps.policy.keep,
      automatic: this.deps.policy.automatic && this.deps.book.openError === null,
      problem: problems.length > 0 ? problems.join(' ') : null,
    };
  }

  /** Newest first, each read and checked (once per session). */
  private async listChecked(): Promise<SnapshotInfo[]> {
    const out: SnapshotInfo[] = [];
    for (const info of await this.listSnapshots()) out.push({ ...info, damaged: await this.check(info) });
    return out;
  }

  /** Newest first, from the file names. Only files named like a snapshot are listed (and ever deleted). */
  private async listSnapshots(names?: readonly string[]): Promise<SnapshotInfo[]> {
    const { fs, folder } = this.deps;
    const out: SnapshotInfo[] = [];
    for (const name of names ?? (await folder.retryRead(() => fs.readdir(this.dir)))) {
      if (!name.endsWith('.zip')) continue;
      const id = name.slice(0, -'.zip'.length);
      const parts = parseSnapshotId(id);
      if (!parts) continue;
      const stat = await folder.retryRead(() => fs.stat(join(this.dir, name)));
      if (!stat || stat.isDirectory) continue;
      out.push({ id, takenAt: parts.takenAt, reason: parts.reason, bytes: stat.size, damaged: null });
    }
    return out.sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : a.id < b.id ? 1 : -1));
  }

  /** Why the snapshot cannot be restored, or null when it is whole. A file that cannot be read now is not remembered. */
  private async check(info: SnapshotInfo): Promise<string | null> {
    const known = this.checked.get(info.id);
    if (known && known.bytes === info.bytes) return known.damaged;
    try {
      await this.readSnapshot(info.id);
    } catch (error) {
      if (error instanceof ArchiveRefusal) {
        this.checked.set(info.id, { bytes: info.bytes, damaged: error.problem });
        return error.problem;
      }
      return `it could not be read (${reasonOf(error)})`;
    }
    this.checked.set(info.id, { bytes: info.bytes, damaged: null });
    return null;
  }

  /** Reads and checks a snapshot in full. Throws not_found, a storage error, or an ArchiveRefusal worded for a snapshot. */
  private async readSnapshot(id: string): Promise<ReadArchive> {
    const path = join(this.dir, `${id}.zip`);
    if (!parseSnapshotId(id) || (await this.deps.folder.retryRead(() => this.deps.fs.stat(path))) === null) throw notFound('Snapshot', id);
    try {
      return await readArchiveFile(this.deps.fs, path, 'snapshot', this.sleep);
    } catch (error) {
      if (!(error instanceof ArchiveRefusal)) throw error;
      throw new ArchiveRefusal(
        error.code === 'newer_version' ? 'newer_version' : 'invalid_input',
        `This snapshot cannot be restored: ${error.problem}.`,
        error.details,
        error.problem,
      );
    }
  }

  async inspect(id: string): Promise<ArchiveSummary> {
    return (await this.readSnapshot(id)).summary;
  }

  // ---- restoring -------------------------------------------------------------

  private openProblem(): string {
    return this.deps.book.openError?.message ?? '';
  }

  /** Reads the book again; a restore mark left on disk is settled first (see beforeOpen). */
  private async reopen(): Promise<void> {
    this.quiet = true;
    try {
      await this.deps.book.reload();
      // Other features' files (the Sources library) were put back too: read them again.
      await this.deps.reloadOthers?.();
    } finally {
      this.quiet = false;
    }
  }

  /**
   * Puts the book back as it was in a snapshot. The snapshot is checked in
   * full; writes are paused (an edit saved meanwhile would be in neither book);
   * the current state is snapshotted; a ".restoring" mark is written; the
   * snapshot's files are written (each durably, the book file last) and the
   * book's other files removed; the mark becomes ".restored" and is removed;
   * the book is read again. Whatever fails, the book ends up as it was or fully
   * restored, and the message says which.
   */
  restore(id: string): Promise<{ restored: SnapshotInfo; safety: SnapshotInfo }> {
    return this.serial(async () => {
      const { deps } = this;
      const { fs, folder, book } = deps;
      if (this.unsettled) await this.reopen();
      const openError = book.openError;
      if (openError) {
        throw new AppError('conflict', `A snapshot cannot be restored while the book cannot be opened: ${openError.message}`);
      }
      const info = (await said('Nothing was restored', this.listSnapshots())).find((s) => s.id === id);
      if (!info) throw notFound('Snapshot', id);
      const target = await said('Nothing was restored', this.readSnapshot(id)).catch((error: unknown) => {
        // The disk would not give the snapshot back: say that nothing was restored, and why.
        if (error instanceof AppError && error.code === 'storage' && !error.message.startsWith('Nothing was restored'))
          throw new AppError(
            'storage',
            `Nothing was restored: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`,
            error.details,
          );
        throw error;
      });
      this.checked.set(id, { bytes: info.bytes, damaged: null });

      folder.pauseWrites(
        new AppError(
          'conflict',
          'Not saved: a snapshot is being restored. Your change is kept; it will be saved once the book has reopened.',
        ),
      );
      let safety: Taken;
      try {
        await book.idle();
        const taken = await this.takeNow('before-restore', false, [id]);
        if (!taken) throw new AppError('conflict', 'the current book has no settings file to snapshot');
        safety = taken;
      } catch (error) {
        folder.resumeWrites();
        throw new AppError('storage', `Nothing was restored: the current book could not be snapshotted first (${reasonOf(error)}).`);
      }

      const restoring = markName(safety.info.id, id, false);
      const restored = markName(safety.info.id, id, true);
      let done = false;
      try {
        await writeFileDurably(fs, join(this.dir, restoring), new Uint8Array(), this.durable);
        await this.putBookFiles(target.files);
        await renameWithRetry(fs, join(this.dir, restoring), join(this.dir, restored), this.durable);
        done = true;
        await this.removeMark(restored);
      } catch (error) {
        // Settle it now, through a reopen: the book is put back as it was (or, when every file was written, kept).
        const why = reasonOf(error);
        await this.reopen();
        if (this.unsettled) {
          throw new AppError(
            'storage',
            done
              ? `The snapshot was restored, but the restore could not be finished: ${why}. Nothing is lost: restart Briefing Book once the problem is fixed (or try the restore again), and the restore will be finished.`
              : `Nothing was restored: ${why}. Nothing is lost: the book as it was is kept in snapshot ${safety.info.id}, and its files will be put back once the problem is fixed: restart Briefing Book then, or try the restore again.`,
          );
        }
        if (!done) throw new AppError('storage', `Nothing was restored: ${why}. The book is as it was.`);
        return { restored: { ...info, damaged: null }, safety: safety.info };
      }
      await this.reopen();
      if (this.unsettled) {
        throw new AppError('storage', `The snapshot was restored, but then the book could not be read again. ${this.openProblem()}`.trim());
      }
      return { restored: { ...info, damaged: null }, safety: safety.info };
    });
  }
}

/** A disk error outside the steps that say their own outcome, said with what did not happen (never an internal error). */
async function said<T>(what: string, step: Promise<T>): Promise<T> {
  try {
    return await step;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('storage', `${what}: ${reasonOf(error)}.`);
  }
}
