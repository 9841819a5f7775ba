import { basename } from 'node:path';
import type { ExportProgress, PdfExportInput, PdfExportResult } from '../../core/contract/exportViews';
import { AppError, notFound } from '../../core/errors';
import type { EventSink } from '../app/appService';
import type { BookService } from '../book/bookService';
import type { FsPort } from '../fs/fsPort';
import { NotDurableError, writeFileDurably, type DurableWriteOptions } from '../store/durableWrite';
import { describeFsError } from '../store/storageError';
import { collectPrintBook } from './collect';
import { cancelledError, throwIfAborted, type PdfEngine } from './pdf/engine';
import { renderBookPdf } from './pdf/renderBook';
import type { DesktopFilesPort, PrintContentSource } from './ports';
import { safeFileName } from './fileNames';

export interface PdfExportDeps {
  readonly book: BookService;
  readonly fs: FsPort;
  readonly desktop: DesktopFilesPort;
  readonly engine: PdfEngine;
  readonly fontRoot: string;
  readonly content: PrintContentSource;
  /** Today as YYYY-MM-DD, for the cover. */
  readonly today: () => string;
  readonly emit: EventSink;
  readonly durable: DurableWriteOptions;
}

/**
 * "Export briefing PDF": asks where to save, prints the book through the one
 * pipeline, reports progress, can be cancelled, and writes the file through
 * the FsPort as a temp file renamed into place, so a failed or cancelled
 * export never leaves a half-written file where a good one was.
 */
export class PdfExportService {
  private running: { readonly jobId: string; readonly controller: AbortController } | null = null;
  /** Jobs cancelled before their export reached this service (the last few). */
  private readonly cancelledEarly = new Set<string>();
  /** Exported files by job, for Open and Show in folder. Only paths this service wrote can be opened. */
  private readonly saved = new Map<string, string>();

  constructor(private readonly deps: PdfExportDeps) {}

  async exportPdf(input: PdfExportInput): Promise<PdfExportResult> {
    // The window sends Cancel as soon as the user clicks it; under load it can arrive before the export it stops.
    if (this.cancelledEarly.delete(input.jobId)) throw cancelledError();
    if (this.running) throw new AppError('conflict', 'A PDF export is already running. Wait for it to finish, or cancel it.');
    const controller = new AbortController();
    this.running = { jobId: input.jobId, controller };
    try {
      return await this.run(input, controller.signal);
    } finally {
      this.running = null;
    }
  }

  private async run(input: PdfExportInput, signal: AbortSignal): Promise<PdfExportResult> {
    const { deps } = this;
    const progress = (stage: ExportProgress['stage'], message: string, fraction: number, pages: number | null = null) => {
      deps.emit('pdf.progress', { jobId: input.jobId, stage, message, fraction, pages });
    };
    const today = deps.today();
    // What will be printed is settled (and a wrong selection refused) before the user is asked where to save it.
    await deps.book.idle();
    const book = await collectPrintBook(deps.book, deps.content, { areaIds: input.areaIds, includeArchived: input.includeArchived, today });
    const chosen = await deps.desktop.chooseSavePath({
      title: 'Export briefing PDF',
      defaultName: `${safeFileName(book.title, 'Briefing book')} ${today}.pdf`,
      filters: [{ name: 'PDF document', extensions: ['pdf'] }],
    });
    if (chosen === null) return { saved: false, path: null, pages: 0, bytes: 0 };
    const path = /\.pdf$/i.test(chosen) ? chosen : `${chosen}.pdf`;
    if (signal.aborted) throw cancelledError();
    progress('collecting', `Gathered ${book.areas.length} issue ${book.areas.length === 1 ? 'area' : 'areas'}.`, 0.03);
    const pdf = await renderBookPdf(book, {
      engine: deps.engine,
      fs: deps.fs,
      fontRoot: deps.fontRoot,
      pageSize: input.pageSize,
      signal,
      onPrepared: () => progress('building', `Typesetting ${book.areas.length} issue ${book.areas.length === 1 ? 'area' : 'areas'}…`, 0.12),
      onProgress: ({ pass, pages }) => {
        if (pass === 1) {
          if (pages === null) progress('layout', 'Laying out the pages…', 0.15);
          else progress('layout', `Laid out ${pages} pages.`, 0.55, pages);
        } else if (pages === null) {
          progress('numbering', `Putting the page numbers in the contents (pass ${pass})…`, Math.min(0.9, 0.55 + 0.2 * (pass - 1)));
        } else {
          progress('numbering', `Checked the page numbers of ${pages} pages.`, Math.min(0.92, 0.6 + 0.2 * (pass - 1)), pages);
        }
      },
    });
    throwIfAborted(signal);
    progress('writing', `Saving ${basename(path)}…`, 0.95, pdf.pages);
    try {
      await writeFileDurably(deps.fs, path, pdf.pdf, deps.durable);
    } catch (error) {
      throw new AppError(
        'storage',
        error instanceof NotDurableError
          ? `The PDF was written to ${path}, but the disk did not confirm that it is stored safely (${describeFsError(error)}). Export it again once the problem is fixed.`
          : `The PDF could not be saved: ${describeFsError(error)}. No file was written, and anything already at that place was left as it was.`,
        [path],
      );
    }
    this.saved.set(input.jobId, path);
    progress('done', `Saved ${pdf.pages} pages to ${basename(path)}.`, 1, pdf.pages);
    return { saved: true, path, pages: pdf.pages, bytes: pdf.pdf.byteLength };
  }

  cancel(jobId: string): { cancelled: boolean } {
    if (!this.running || this.running.jobId !== jobId) {
      // Not started yet (the cancel overtook it): remembered, so that the export stops as soon as it arrives.
      if (!this.saved.has(jobId)) {
        this.cancelledEarly.add(jobId);
        if (this.cancelledEarly.size > 20) this.cancelledEarly.delete(this.cancelledEarly.values().next().value ?? jobId);
      }
      return { cancelled: false };
    }
    this.running.controller.abort();
    return { cancelled: true };
  }

  private exported(jobId: string): string {
    const path = this.saved.get(jobId);
    if (!path) throw notFound('Exported PDF', jobId);
    return path;
  }

  async open(jobId: string): Promise<null> {
    await this.deps.desktop.openPath(this.exported(jobId));
    return null;
  }

  async reveal(jobId: string): Promise<null> {
    await this.deps.desktop.showInFolder(this.exported(jobId));
    return null;
  }

  /** Stops a running export (the app is quitting). */
  async shutdown(): Promise<void> {
    this.running?.controller.abort();
  }
}
