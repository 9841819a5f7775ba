import type { ContainerDeps } from '../container';
import type { BookService } from '../book/bookService';
import type { DataFolder } from '../store/dataFolder';
import { defaultDurableOptions } from '../store/durableWrite';
import { BackupService } from './backupService';
import { unavailablePdfEngine, type PdfEngine } from './pdf/engine';
import { PdfExportService } from './pdfExportService';
import { noDesktop, noPrintContent, type DesktopFilesPort, type PrintContentSource } from './ports';
import { manualSnapshotPolicy, realTimers, SnapshotService, type SnapshotPolicy, type Timers } from './snapshotService';

/** What the export feature needs from its host: the Electron main process, the test harness or the command line. */
export interface ExportWiring {
  readonly desktop: DesktopFilesPort;
  readonly engine: PdfEngine;
  /** Where the print fonts are (see PrintFonts). */
  readonly fontRoot: string;
  /** Boards, evidence and sources of later features; nothing until they land. */
  readonly content?: PrintContentSource;
  /** Automatic snapshots are off unless the host turns them on (the app does). */
  readonly snapshots?: SnapshotPolicy;
  readonly timers?: Timers;
}

export interface ExportServices {
  readonly pdf: PdfExportService;
  readonly backup: BackupService;
  readonly snapshots: SnapshotService;
  boot(): Promise<void>;
  shutdown(): Promise<void>;
}

/** Today's date where the app runs, YYYY-MM-DD (the cover's date), unless the app was started with --today. */
export function localDate(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function createExportServices(
  deps: ContainerDeps,
  core: { readonly folder: DataFolder; readonly book: BookService },
): ExportServices {
  const wiring = deps.exports;
  const durable = deps.durable ?? defaultDurableOptions;
  const desktop = wiring?.desktop ?? noDesktop;
  const today = () => deps.today ?? localDate(deps.clock.now());
  const pdf = new PdfExportService({
    book: core.book,
    fs: deps.fs,
    desktop,
    engine: wiring?.engine ?? unavailablePdfEngine,
    fontRoot: wiring?.fontRoot ?? '',
    content: wiring?.content ?? noPrintContent,
    today,
    emit: deps.emit,
    durable,
  });
  const backup = new BackupService({
    book: core.book,
    fs: deps.fs,
    dataDir: deps.dataDir,
    desktop,
    clock: deps.clock,
    ids: deps.ids,
    appVersion: deps.version,
    durable,
    today,
  });
  const snapshots = new SnapshotService({
    book: core.book,
    folder: core.folder,
    fs: deps.fs,
    clock: deps.clock,
    appVersion: deps.version,
    durable,
    policy: wiring?.snapshots ?? manualSnapshotPolicy,
    timers: wiring?.timers ?? realTimers,
  });
  return {
    pdf,
    backup,
    snapshots,
    boot: () => snapshots.boot(),
    async shutdown() {
      await pdf.shutdown();
      await snapshots.shutdown();
    },
  };
}
