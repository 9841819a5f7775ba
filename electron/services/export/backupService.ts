import { basename, dirname, join } from 'node:path';
import type { ArchiveExportResult, ChosenArchive, ImportArchiveResult } from '../../core/contract/exportViews';
import { slugify } from '../../core/backup/readable';
import { AppError, notFound } from '../../core/errors';
import type { Clock } from '../../core/ops/areas';
import type { BookService } from '../book/bookService';
import type { IdSource } from '../book/bookService';
import { areaKind, type AreaDoc } from '../../core/persistence/documents';
import type { FsPort } from '../fs/fsPort';
import { writeFileDurably, type DurableWriteOptions } from '../store/durableWrite';
import { describeFsError } from '../store/storageError';
import { buildArchive, collectBookFiles, readArchiveFile, writeBookFiles, type ReadArchive } from './archive/archive';
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
    const collected = await collectBookFiles(deps.fs, deps.dataDir);
    if (collected.newer.length > 0) {
      throw new AppError(
        'newer_version',
        'Some of this book’s files were written by a newer version of Briefing Book; update the app first.',
        [...collected.newer],
      );
    }
    const bytes = await buildArchive(collected.files, { createdAt: now, appVersion: deps.appVersion, snapshotReason: null, level: 6 });
    try {
      await writeFileDurably(deps.fs, path, bytes, deps.durable);
    } catch (error) {
      throw new AppError('storage', `The archive could not be saved: ${describeFsError(error)}. Nothing was written.`, [path]);
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
    const archive = await readArchiveFile(deps.fs, chosen, 'archive');
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
      target = await this.besidePath(pending.archive.summary.title);
    } else {
      const folder = await deps.desktop.chooseFolder({ title: 'Choose an empty folder for the imported book' });
      if (folder === null) return { imported: false, dataDir: null, areas: 0 };
      target = folder;
    }
    await this.assertEmptyTarget(target);
    try {
      await deps.fs.mkdir(target);
      await writeBookFiles(deps.fs, target, pending.archive.files, deps.durable);
    } catch (error) {
      throw new AppError(
        'storage',
        `The book could not be imported: ${describeFsError(error)}. The folder ${target} may hold part of it; delete that folder and try again. Your current book was not touched.`,
        [target],
      );
    }
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

  /** Import never writes where something is: the target must not exist, or be an empty folder. */
  private async assertEmptyTarget(target: string): Promise<void> {
    const { fs, dataDir } = this.deps;
    if (target === dataDir) throw new AppError('conflict', 'That is the folder of the book that is open now. Choose an empty folder.');
    const stat = await fs.stat(target);
    if (stat === null) return;
    if (!stat.isDirectory) throw new AppError('conflict', `${target} is a file, not a folder. Choose an empty folder.`);
    const entries = (await fs.readdir(target)).filter((n) => n !== '.DS_Store' && n !== 'Thumbs.db' && n !== 'desktop.ini');
    if (entries.length > 0) {
      throw new AppError(
        'conflict',
        `The folder ${target} is not empty (it holds ${entries.length} ${entries.length === 1 ? 'item' : 'items'}). An import never writes over anything: choose an empty folder.`,
      );
    }
  }
}
