import type { ContainerDeps } from '../container';
import type { BookService } from '../book/bookService';
import type { DataFolder } from '../store/dataFolder';
import { defaultDurableOptions, type DurableWriteOptions } from '../store/durableWrite';
import { BackupService } from './backupService';
import { unavailablePdfEngine, type PdfEngine } from './pdf/engine';
import { PdfExportService } from './pdfExportService';
import type { PositionsService } from '../positions/positionsService';
import { noDesktop, type DesktopFilesPort, type PrintContentSource } from './ports';
import { positionsPrintContent, type SourceLookup } from './positionsContent';
import { manualSnapshotPolicy, realTimers, SnapshotService, type SnapshotPolicy, type Timers } from './snapshotService';

/** What the export feature needs from its host: the Electron main process, the test harness or the command line. */
export interface ExportWiring {
  readonly desktop: DesktopFilesPort;
  readonly engine: PdfEngine;
  /** Where the print fonts are (see PrintFonts). */
  readonly fontRoot: string;
  /** Boards, evidence and sources to print; by default the book's own positions boards. */
  readonly content?: PrintContentSource;
  /** Automatic snapshots are off unless the host turns them on (the app does). */
  readonly snapshots?: SnapshotPolicy;
  readonly timers?: Timers;
}

export interface ExportServices {
  readonly pdf: PdfExportService;
  readonly backup: BackupService;
  readonly snapshots: SnapshotService;
  /** What the printed book holds beyond areas and notes (boards, evidence, sources). */
  readonly content: PrintContentSource;
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
  core: {
    readonly folder: DataFolder;
    readonly book: BookService;
    readonly positions: PositionsService;
    /** The sources the evidence quotes, for the appendix; without it, what the quotes last said about them. */
    readonly sources?: SourceLookup;
    /** Reads the rest of the book folder again after a snapshot is restored (the Sources library). */
    readonly reloadOthers?: () => Promise<void>;
  },
): ExportServices {
  const wiring = deps.exports;
  const durable = deps.durable ?? defaultDurableOptions;
  // PDFs and archives are written outside the book: their own list of temp files a failure could not remove,
  // which the next export that succeeds removes.
  const outside: DurableWriteOptions = { ...durable, leftovers: new Set<string>() };
  const desktop = wiring?.desktop ?? noDesktop;
  const today = () => deps.today ?? localDate(deps.clock.now());
  const content = wiring?.content ?? positionsPrintContent(core.positions, core.book, core.sources ?? null);
  const pdf = new PdfExportService({
    book: core.book,
    fs: deps.fs,
    desktop,
    engine: wiring?.engine ?? unavailablePdfEngine,
    fontRoot: wiring?.fontRoot ?? '',
    content,
    today,
    emit: deps.emit,
    durable: outside,
  });
  const backup = new BackupService({
    book: core.book,
    fs: deps.fs,
    dataDir: deps.dataDir,
    desktop,
    clock: deps.clock,
    ids: deps.ids,
    appVersion: deps.version,
    durable: outside,
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
    ...(core.reloadOthers ? { reloadOthers: core.reloadOthers } : {}),
  });
  return {
    pdf,
    backup,
    snapshots,
    content,
    boot: () => snapshots.boot(),
    async shutdown() {
      await pdf.shutdown();
      await snapshots.shutdown();
    },
  };
}
