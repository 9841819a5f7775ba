import { createDispatch } from '../../electron/core/contract/dispatch';
import { APP_ENTRY, APP_ORIGIN } from '../../electron/core/contract/sender';
import { sampleBook } from '../../electron/core/sample/sampleBook';
import { createServices, type Services } from '../../electron/services/container';
import type { FsPort } from '../../electron/services/fs/fsPort';
import type { FilePickerPort } from '../../electron/services/sources/filePicker';
import type { DurableWriteOptions } from '../../electron/services/store/durableWrite';
import { randomIds, systemClock } from '../../electron/services/runtime';

/**
 * The real services as the main process builds them (real clock, random ids, the sample book), on the
 * file system given: the real one in the crash loop, the power-loss one in its test. No Electron, no vitest,
 * so the crash-loop worker can be bundled with it.
 */
export interface ReliabilityOptions {
  readonly durable?: DurableWriteOptions;
  /** The built search worker, as the app runs it (a worker thread); without it the index is built on this thread. */
  readonly searchWorker?: string;
  /** Where the search index is kept between runs, as the app keeps it (outside the book folder). */
  readonly searchCacheDir?: string;
  /** What the Open dialog answers (sources.chooseFiles); without it, nothing is chosen. */
  readonly filePicker?: FilePickerPort;
}

export function reliabilityServices(dataDir: string, fs: FsPort, options: ReliabilityOptions = {}): Services {
  return createServices({
    dataDir,
    fs,
    clock: systemClock,
    ids: randomIds,
    sample: sampleBook,
    platform: { confirmOpenExternal: async () => false, openExternal: async () => undefined },
    emit: () => undefined,
    version: '0.0.0-reliability',
    platformName: process.platform,
    today: null,
    ...(options.durable ? { durable: options.durable } : {}),
    ...(options.searchWorker ? { searchWorker: options.searchWorker } : {}),
    ...(options.searchCacheDir ? { searchCacheDir: options.searchCacheDir } : {}),
    ...(options.filePicker ? { filePicker: options.filePicker } : {}),
  });
}

/** Calls contract methods as the renderer does, from the app's own page; throws the error message on failure. */
export function rendererCalls(services: Services): <T>(channel: string, payload: unknown) => Promise<T> {
  const dispatch = createDispatch(services.handlers, { appOrigin: APP_ORIGIN });
  return async <T>(channel: string, payload: unknown): Promise<T> => {
    const result = await dispatch(channel, payload, { url: APP_ENTRY, isMainFrame: true });
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message} ${result.error.details.join(' | ')}`);
    return result.value as T;
  };
}
