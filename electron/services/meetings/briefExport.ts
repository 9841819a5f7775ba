import type { PageSize, PdfExportResult } from '../../core/contract/exportViews';
import { AppError } from '../../core/errors';
import { formatLongDate } from '../../core/print/model';
import { safeFileName } from '../export/fileNames';
import type { PdfEngine } from '../export/pdf/engine';
import type { DesktopFilesPort } from '../export/ports';
import type { FsPort } from '../fs/fsPort';
import { writeFileDurably, type DurableWriteOptions } from '../store/durableWrite';
import { describeFsError } from '../store/storageError';
import { renderMeetingBriefPdf } from './briefPdf';
import type { MeetingsService } from './meetingsService';

export interface MeetingBriefExportDeps {
  readonly meetings: MeetingsService;
  /** Null where there is no desktop (tests without one, the command line): exporting is then refused with a message. */
  readonly desktop: DesktopFilesPort | null;
  readonly engine: PdfEngine;
  readonly fontRoot: string;
  readonly fs: FsPort;
  readonly durable: DurableWriteOptions;
  readonly today: () => string;
}

/** "Export meeting brief PDF": asks where to save, prints through the export pipeline, writes a temp file renamed into place. */
export class MeetingBriefExport {
  private running = false;

  constructor(private readonly deps: MeetingBriefExportDeps) {}

  async exportBrief(input: { id: string; pageSize: PageSize; viewerZone?: string | undefined }): Promise<PdfExportResult> {
    if (this.running) throw new AppError('conflict', 'A meeting brief is already being exported. Wait for it to finish.');
    const { desktop } = this.deps;
    if (!desktop) throw new AppError('conflict', 'The meeting brief cannot be exported here: there is no desktop to ask where to save it.');
    this.running = true;
    try {
      const brief = await this.deps.meetings.brief(input.id);
      const chosen = await desktop.chooseSavePath({
        title: 'Export meeting brief',
        defaultName: `${safeFileName(brief.meeting.title, 'Meeting brief')} ${brief.meeting.date}.pdf`,
        filters: [{ name: 'PDF document', extensions: ['pdf'] }],
      });
      if (chosen === null) return { saved: false, path: null, pages: 0, bytes: 0 };
      const path = /\.pdf$/i.test(chosen) ? chosen : `${chosen}.pdf`;
      const pdf = await renderMeetingBriefPdf(brief, {
        engine: this.deps.engine,
        fs: this.deps.fs,
        fontRoot: this.deps.fontRoot,
        pageSize: input.pageSize,
        signal: new AbortController().signal,
        dateLabel: formatLongDate(this.deps.today()),
        viewerZone: input.viewerZone ?? brief.meeting.timeZone,
      });
      try {
        await writeFileDurably(this.deps.fs, path, pdf.pdf, this.deps.durable);
      } catch (error) {
        throw new AppError(
          'storage',
          `The PDF could not be saved: ${describeFsError(error)}. No file was written, and anything already at that place was left as it was.`,
          [path],
        );
      }
      return { saved: true, path, pages: pdf.pages, bytes: pdf.pdf.byteLength };
    } finally {
      this.running = false;
    }
  }
}
