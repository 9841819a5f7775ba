import type { Clock } from '../core/ops/areas';
import type { SampleBook } from '../core/sample/sampleBook';
import { createHandlers } from './api/handlers';
import { AppService, type EventSink, type PlatformPort } from './app/appService';
import { BookService, type IdSource } from './book/bookService';
import type { FsPort } from './fs/fsPort';
import { BookStore } from './store/bookStore';
import { DataFolder } from './store/dataFolder';
import type { DurableWriteOptions } from './store/durableWrite';
import { WindowStateService } from './window/windowStateService';
import { IndexCache } from './search/indexCache';
import { InProcessIndexHost } from './search/indexHost';
import { AreaNoteProvider } from './search/providers/areaNoteProvider';
import { MeetingsProvider } from './search/providers/meetingsProvider';
import { PositionsProvider } from './search/providers/positionsProvider';
import { SourcesProvider } from './search/providers/sourcesProvider';
import type { SearchProvider } from './search/provider';
import { SearchService } from './search/searchService';
import { WorkerIndexHost } from './search/workerHost';
import { defaultDurableOptions } from './store/durableWrite';
import type { EvidenceResolver } from './positions/evidence';
import { PositionsService } from './positions/positionsService';
import { MeetingsService } from './meetings/meetingsService';
import { MeetingBriefExport } from './meetings/briefExport';
import { unavailablePdfEngine } from './export/pdf/engine';
import type { Handlers } from '../core/contract/api';
import { sampleSources } from '../core/sample/sampleSources';
import { noFilePicker, type FilePickerPort } from './sources/filePicker';
import { SourceService } from './sources/sourceService';
import { SourceStore } from './sources/sourceStore';
import { SourcesEvidenceResolver } from './sources/positionsEvidence';
import { librarySourceLookup } from './export/positionsContent';
import { createExportServices, localDate, type ExportServices, type ExportWiring } from './export/wiring';

export interface ContainerDeps {
  readonly dataDir: string;
  readonly fs: FsPort;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly sample: SampleBook;
  readonly platform: PlatformPort;
  readonly emit: EventSink;
  readonly version: string;
  readonly platformName: string;
  readonly today: string | null;
  readonly durable?: DurableWriteOptions;
  readonly flushTimeoutMs?: number;
  /** The native Open dialog for importing sources. */
  readonly filePicker?: FilePickerPort;
  /** The built search worker (dist/electron/searchWorker.cjs); without it the index runs on this thread. */
  readonly searchWorker?: string | null;
  /** Where the search index is kept between runs (outside the book folder); null to rebuild it at each start. */
  readonly searchCacheDir?: string | null;
  /** More search providers besides the built-in ones. */
  readonly searchProviders?: readonly SearchProvider[];
  /** PDF engine, desktop dialogs, fonts and snapshot policy (issue 6); without it PDFs and dialogs are unavailable. */
  readonly exports?: ExportWiring;
  /** Where the positions boards find quotes; by default the Sources library. */
  readonly evidence?: EvidenceResolver;
}

export interface Services {
  readonly folder: DataFolder;
  readonly book: BookService;
  readonly positions: PositionsService;
  readonly meetings: MeetingsService;
  readonly app: AppService;
  readonly windowState: WindowStateService;
  readonly sources: SourceService;
  readonly search: SearchService;
  readonly exports: ExportServices;
  readonly handlers: Handlers;
  /** Opens the store (creating the sample book in an empty folder). */
  boot(): Promise<void>;
  /** Waits for pending writes, then refuses new ones. */
  shutdown(): Promise<void>;
}

/** The sample book was made on this boot (book.state() refuses a book that could not be opened). */
/**
 * Builds every service with its dependencies passed in. The Electron main
 * process, the browser test harness, the benchmark and the command-line tools
 * all start the app's logic through this one function.
 */
export function createServices(deps: ContainerDeps): Services {
  const folder = new DataFolder({
    fs: deps.fs,
    dataDir: deps.dataDir,
    clock: deps.clock,
    ...(deps.durable ? { durable: deps.durable } : {}),
  });
  const store = new BookStore(folder);
  const book: BookService = new BookService({
    store,
    clock: deps.clock,
    ids: deps.ids,
    sample: deps.sample,
    // A snapshot restore cut short is settled before the book is read (issue 6).
    beforeOpen: () => exports.snapshots.beforeOpen(),
    // The sample sources are part of a new sample book (issue 3).
    writeSampleExtras: (): Promise<void> => sources.writeSample(),
    reloadOthers: (): Promise<void> => sources.reload(),
  });
  const sourceStore = new SourceStore(folder);
  const sources: SourceService = new SourceService({
    store: sourceStore,
    fs: deps.fs,
    clock: deps.clock,
    ids: deps.ids,
    files: deps.filePicker ?? noFilePicker,
    sample: sampleSources,
    notes: {
      areas: () => book.state().areas.map((a) => ({ id: a.id, title: a.title })),
      markdown: (areaId) => book.getNote(areaId).markdown,
      save: (areaId, markdown) => book.saveNote(areaId, markdown),
    },
  });
  const positions = new PositionsService({
    store,
    clock: deps.clock,
    ids: deps.ids,
    evidence: deps.evidence ?? new SourcesEvidenceResolver(sources),
    assertOpen: () => book.assertOpen(),
  });
  const meetings = new MeetingsService({
    store,
    clock: deps.clock,
    ids: deps.ids,
    today: () => deps.today ?? localDate(deps.clock.now()),
    board: (areaId) => positions.board(areaId),
    assertOpen: () => book.assertOpen(),
  });
  const windowState = new WindowStateService(folder);
  const app = new AppService({
    version: deps.version,
    platform: deps.platformName,
    dataDir: deps.dataDir,
    today: deps.today,
    port: deps.platform,
    emit: deps.emit,
    ...(deps.flushTimeoutMs === undefined ? {} : { flushTimeoutMs: deps.flushTimeoutMs }),
  });
  const searchWorker = deps.searchWorker ?? null;
  const search = new SearchService({
    providers: [
      new AreaNoteProvider(store),
      new PositionsProvider(store),
      new SourcesProvider(sourceStore, () => sources.open()),
      new MeetingsProvider(store),
      ...(deps.searchProviders ?? []),
    ],
    host: () => (searchWorker ? new WorkerIndexHost(searchWorker) : new InProcessIndexHost()),
    cache: deps.searchCacheDir ? new IndexCache(deps.fs, deps.searchCacheDir, deps.dataDir) : null,
    available: () => {
      try {
        book.state();
        return true;
      } catch {
        return false;
      }
    },
  });
  const exports = createExportServices(deps, {
    folder,
    book,
    positions,
    sources: librarySourceLookup(() => sources.list()),
    reloadOthers: () => sources.reload(),
  });
  const meetingBriefs = new MeetingBriefExport({
    meetings,
    desktop: deps.exports?.desktop ?? null,
    engine: deps.exports?.engine ?? unavailablePdfEngine,
    fontRoot: deps.exports?.fontRoot ?? '',
    fs: deps.fs,
    durable: deps.durable ?? defaultDurableOptions,
    today: () => deps.today ?? localDate(deps.clock.now()),
  });
  const handlers = createHandlers({ app, book, sources, search, exports, positions, meetings, meetingBriefs });
  const booted: { shutdown(): Promise<void> }[] = [];
  return {
    folder,
    book,
    positions,
    meetings,
    app,
    windowState,
    sources,
    search,
    exports,
    handlers,
    async boot() {
      await book.boot();
      booted.push(book);
      // The source files are read in the background, once the areas are in (reading both at once slows the
      // area list down): the area list does not wait for them; sources methods and book.notices do.
      void sources.boot();
      booted.push(sources);
      await windowState.boot();
      booted.push(windowState);
      await search.boot();
      booted.push(search);
      await exports.boot();
      booted.push(exports);
    },
    async shutdown() {
      for (const service of booted.reverse()) await service.shutdown();
      booted.length = 0;
    },
  };
}
