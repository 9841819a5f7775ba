import { basename, dirname, join } from 'node:path';
import type { ArchiveExportResult, ChosenArchive, ImportArchiveResult } from '../../core/contract/exportViews';
import { slugify } from '../../core/backup/readable';
import { AppError, notFound } from '../../core/errors';
import type { Clock } from '../../core/ops/areas';
import type { BookService } from '../book/bookService';
import type { IdSource } from '../book/bookService';
import { areaKind, type AreaDoc } from '../../core/persistence/documents';
import type { FsPort } from '../fs/fsPort';
import { removeTree } from '../fs/tree';
import { NotDurableError, renameWithRetry, syncDirectory, writeFileDurably, type DurableWriteOptions } from '../store/durableWrite';
import { describeFsError } from '../store/storageError';
import {
  assertComplete,
  buildArchive,
  collectBookFiles,
  readArchiveFile,
  writeBookFiles,
  type BookFile,
  type ReadArchive,
} from './archive/archive';
import { safeFileName } from './fileNames';
import type { DesktopFilesPort } from './ports';

export interface BackupDeps {
  readonly book: BookService;
  readonly fs: FsPort;
  readonly dataDir: string;
  readonly desktop: DesktopFilesPort;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly appVersion: string;
  readonly durable: DurableWriteOptions;
  /** Today where the app runs, YYYY-MM-DD: in file and folder names. */
  readonly today: () => string;
}

export const ARCHIVE_EXTENSION = 'bbook.zip';
/** The hidden folder an import is written into before it is renamed into place: ".<folder name>.importing". */
export const STAGING_SUFFIX = '.importing';
/** Files the desktop puts in folders by itself; an "empty" folder may hold them. */
const desktopLitter = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

/**
 * The portable backup: "Export book" writes the whole book to one archive
 * (JSON as stored, plus readable Markdown); "Import book" checks an archive
 * completely and restores it as a new book, beside the current one or into an
 * empty folder the user picks. It never writes into a folder that holds
 * anything, so nothing is ever silently overwritten. Every file operation goes
 * through the FsPort.
 */
export class BackupService {
  /** The archive last chosen for import: checked, held in memory until it is imported. */
  private pending: { readonly importId: string; readonly archive: ReadArchive } | null = null;
  /** Books imported in this session, which the app may restart on. */
  private readonly imported = new Map<string, string>();

  constructor(private readonly deps: BackupDeps) {}

  private assertOpen(): void {
    const error = this.deps.book.openError;
    if (error) throw error;
  }

  async exportArchive(): Promise<ArchiveExportResult> {
    this.assertOpen();
    const { deps } = this;
    const now = deps.clock.now();
    const settings = deps.book.state().settings;
    const chosen = await deps.desktop.chooseSavePath({
      title: 'Export book archive',
      defaultName: `${safeFileName(settings.title, 'Briefing book')} ${deps.today()}.${ARCHIVE_EXTENSION}`,
      filters: [{ name: 'Briefing Book archive', extensions: [ARCHIVE_EXTENSION, 'zip'] }],
    });
    if (chosen === null) return { saved: false, path: null, areas: 0, bytes: 0 };
    const path = /\.zip$/i.test(chosen) ? chosen : `${chosen}.${ARCHIVE_EXTENSION}`;
    if (path === deps.dataDir || path.startsWith(`${deps.dataDir}/`) || path.startsWith(`${deps.dataDir}\\`)) {
      throw new AppError('invalid_input', 'Save the archive outside the book’s own folder, so that it survives if that folder is lost.');
    }
    await deps.book.idle();
    const collected = await collectBookFiles(deps.fs, deps.dataDir, deps.durable.sleep);
    assertComplete(collected, 'The archive was not written');
    const bytes = await buildArchive(collected.files, { createdAt: now, appVersion: deps.appVersion, snapshotReason: null, level: 6 });
    try {
      await writeFileDurably(deps.fs, path, bytes, deps.durable);
    } catch (error) {
      throw new AppError(
        'storage',
        error instanceof NotDurableError
          ? `The archive was written to ${path}, but the disk did not confirm that it is stored safely (${describeFsError(error)}). Export it again once the problem is fixed.`
          : `The archive could not be saved: ${describeFsError(error)}. Nothing was written.`,
        [path],
      );
    }
    const areas = collected.files.filter((f) => f.format === areaKind.format && (f.doc as AreaDoc).area.deletedAt === null).length;
    return { saved: true, path, areas, bytes: bytes.byteLength };
  }

  async chooseArchive(): Promise<ChosenArchive> {
    const { deps } = this;
    const chosen = await deps.desktop.chooseOpenPath({
      title: 'Import book archive',
      filters: [{ name: 'Briefing Book archive', extensions: [ARCHIVE_EXTENSION, 'zip'] }],
    });
    if (chosen === null) return { chosen: false, importId: null, fileName: null, summary: null, besidePath: null };
    const archive = await readArchiveFile(deps.fs, chosen, 'archive', deps.durable.sleep);
    const importId = deps.ids.next('import');
    this.pending = { importId, archive };
    return {
      chosen: true,
      importId,
      fileName: basename(chosen),
      summary: archive.summary,
      besidePath: await this.besidePath(archive.summary.title),
    };
  }

  async importArchive(importId: string, destination: 'beside' | 'folder'): Promise<ImportArchiveResult> {
    const { deps } = this;
    const pending = this.pending;
    if (!pending || pending.importId !== importId) throw notFound('Archive to import', importId);
    let target: string;
    if (destination === 'beside') {
      target = await nothingWritten(this.besidePath(pending.archive.summary.title));
    } else {
      const folder = await deps.desktop.chooseFolder({ title: 'Choose an empty folder for the imported book' });
      if (folder === null) return { imported: false, dataDir: null, areas: 0 };
      target = folder;
    }
    const junk = await nothingWritten(this.assertEmptyTarget(target));
    await this.writeAsOneFolder(target, junk, pending.archive.files);
    this.pending = null;
    this.imported.set(importId, target);
    return { imported: true, dataDir: target, areas: pending.archive.summary.areas };
  }

  async openImported(importId: string): Promise<{ opening: boolean }> {
    const dir = this.imported.get(importId);
    if (!dir) throw notFound('Imported book', importId);
    await this.deps.desktop.relaunchOn(dir);
    return { opening: true };
  }

  /** A new folder next to the current book's, named after the imported book: never one that exists. */
  private async besidePath(title: string): Promise<string> {
    const parent = dirname(this.deps.dataDir);
    const base = `${slugify(title, 'book')}-imported-${this.deps.today()}`;
    for (let n = 1; n < 1000; n += 1) {
      const candidate = join(parent, n === 1 ? base : `${base}-${n}`);
      if ((await this.deps.fs.stat(candidate)) === null) return candidate;
    }
    throw new AppError('conflict', `There are too many imported books in ${parent}; choose a folder instead.`);
  }

  /**
   * Writes the imported book into a hidden folder beside `target` (named after it, so an import cut short is
   * cleared by the next one there), then renames that folder into place: at `target` there is never anything
   * but nothing (or the empty folder the user picked) or the whole book. On failure the hidden folder is removed.
   */
  private async writeAsOneFolder(target: string, junk: readonly string[], files: readonly BookFile[]): Promise<void> {
    const { fs, durable } = this.deps;
    const parent = dirname(target);
    const staging = join(parent, `.${basename(target)}${STAGING_SUFFIX}`);
    let emptied = false;
    try {
      await removeTree(fs, staging);
      await fs.mkdir(staging);
      await writeBookFiles(fs, staging, files, durable);
      // The empty folder the user picked gives way to the finished one (its desktop litter goes with it).
      if (junk.length > 0 || (await fs.stat(target)) !== null) {
        for (const name of junk) await fs.unlink(join(target, name));
        await fs.rmdir(target);
        emptied = true;
      }
      await renameWithRetry(fs, staging, target, durable);
    } catch (error) {
      const cleared = await removeTree(fs, staging).then(
        () => true,
        () => false,
      );
      if (emptied) await fs.mkdir(target).catch(() => undefined);
      throw new AppError(
        'storage',
        `The book could not be imported: ${describeFsError(error)}. ${
          cleared ? 'Nothing was written' : `Only a hidden folder, ${staging}, may be left; the next import there removes it`
        }. Your current book was not touched.`,
        [target],
      );
    }
    // Every file in it is durable; the folder's own entry is made durable too. Should that fail, the book is
    // imported all the same (a power cut in the next moments could only lose this copy, never the archive or the current book).
    if (durable.syncDirectory) await syncDirectory(fs, parent).catch(() => undefined);
  }

  /**
   * Import never writes where something is: the target must not exist, or be an empty folder (desktop litter
   * such as .DS_Store aside). Returns that litter, which the import removes.
   */
  private async assertEmptyTarget(target: string): Promise<string[]> {
    const { fs, dataDir } = this.deps;
    if (target === dataDir) throw new AppError('conflict', 'That is the folder of the book that is open now. Choose an empty folder.');
    const stat = await fs.stat(target);
    if (stat === null) return [];
    if (!stat.isDirectory) throw new AppError('conflict', `${target} is a file, not a folder. Choose an empty folder.`);
    const all = await fs.readdir(target);
    const junk = all.filter((n) => desktopLitter.has(n));
    const entries = all.filter((n) => !desktopLitter.has(n));
    if (entries.length > 0) {
      throw new AppError(
        'conflict',
        `The folder ${target} is not empty (it holds ${entries.length} ${entries.length === 1 ? 'item' : 'items'}). An import never writes over anything: choose an empty folder.`,
      );
    }
    return junk;
  }
}

/** A disk error while looking where to import (before anything is written) said as such, not as an internal error. */
async function nothingWritten<T>(step: Promise<T>): Promise<T> {
  try {
    return await step;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'storage',
      `The book could not be imported: ${describeFsError(error)}. Nothing was written. Your current book was not touched.`,
    );
  }
}
