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
import type { Handlers } from '../core/contract/api';
import { sampleSources } from '../core/sample/sampleSources';
import { noFilePicker, type FilePickerPort } from './sources/filePicker';
import { SourceService } from './sources/sourceService';
import { SourceStore } from './sources/sourceStore';

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
}

export interface Services {
  readonly folder: DataFolder;
  readonly book: BookService;
  readonly app: AppService;
  readonly windowState: WindowStateService;
  readonly sources: SourceService;
  readonly handlers: Handlers;
  /** Opens the store (creating the sample book in an empty folder). */
  boot(): Promise<void>;
  /** Waits for pending writes, then refuses new ones. */
  shutdown(): Promise<void>;
}

/** The sample book was made on this boot (book.state() refuses a book that could not be opened). */
function sampleWasCreated(book: BookService): boolean {
  try {
    return book.state().createdSample;
  } catch {
    return false;
  }
}

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
  const book = new BookService({ store, clock: deps.clock, ids: deps.ids, sample: deps.sample });
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
  const sources = new SourceService({
    store: new SourceStore(folder),
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
  const handlers = createHandlers({ app, book, sources });
  const booted: { shutdown(): Promise<void> }[] = [];
  return {
    folder,
    book,
    app,
    windowState,
    sources,
    handlers,
    async boot() {
      // The source files are read in the background: the area list does not wait for them (sources methods do).
      void sources.open();
      await book.boot();
      booted.push(book);
      await windowState.boot();
      booted.push(windowState);
      await sources.boot({ createSample: sampleWasCreated(book) });
      booted.push(sources);
    },
    async shutdown() {
      for (const service of booted.reverse()) await service.shutdown();
      booted.length = 0;
    },
  };
}
