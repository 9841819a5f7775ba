// The renderer's window.briefing for component tests: the same createBridge the
// preload uses, over an in-process transport that calls the real handlers of the
// real services on a temp folder. Nothing in the API is mocked.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BRIDGE_GLOBAL, createBridge } from '../../electron/core/contract/bridge';
import { createDispatch, type Dispatch } from '../../electron/core/contract/dispatch';
import { eventChannel, eventContract, type EventName, type EventPayload } from '../../electron/core/contract/events';
import { buildManifest } from '../../electron/core/contract/manifest';
import type { AreaDoc, BookDoc } from '../../electron/core/persistence/documents';
import type { ContainerDeps, Services } from '../../electron/services/container';
import type { FileHandlePort, FsPort } from '../../electron/services/fs/fsPort';
import { nodeFs } from '../../electron/services/fs/nodeFs';
import { resetApiClient } from '../../renderer/src/api/client';
import { useNavigation } from '../../renderer/src/app/navigation';
import { useUi } from '../../renderer/src/app/uiState';
import { useBook } from '../../renderer/src/features/book/bookState';
import { noteAutosave } from '../../renderer/src/features/notes/noteAutosave';
import { useAreaTab } from '../../renderer/src/features/positions/areaTab';
import { usePositions } from '../../renderer/src/features/positions/positionsState';
import { useToasts } from '../../renderer/src/shared/ui/toasts';
import { useSources } from '../../renderer/src/features/sources/sourcesState';
import { testServices } from '../harness/services';

export const APP_ORIGIN = 'app://briefing';
const SENDER = { url: 'app://briefing/index.html', isMainFrame: true } as const;

// The stores as the app starts them, captured before any test changes them.
const initialStores = {
  book: useBook.getState(),
  navigation: useNavigation.getState(),
  ui: useUi.getState(),
  toasts: useToasts.getState(),
  sources: useSources.getState(),
  positions: usePositions.getState(),
  areaTab: useAreaTab.getState(),
};

export interface ApiCall {
  readonly channel: string;
  readonly payload: unknown;
  /** performance.now() when the renderer made the call. */
  readonly at: number;
}

export interface BridgeOptions {
  /** Extra container dependencies (e.g. a faulty fs). */
  readonly overrides?: Partial<ContainerDeps>;
  /** Reuse this folder instead of a new temp folder (it is not deleted afterwards). */
  readonly dir?: string;
}

export interface TestBridge {
  readonly dir: string;
  /** The services the bridge is talking to now (changes after reboot). */
  readonly services: Services;
  /** Every call the renderer made, in order, with the payload as sent. */
  readonly calls: ApiCall[];
  /** Sends an event from the "main process" to the renderer, as the preload would forward it. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Shuts the services down and boots new ones on the same folder; the bridge then talks to those. */
  reboot(overrides?: Partial<ContainerDeps>): Promise<Services>;
  /** The stored file of an issue area, read from disk. */
  readArea(id: string): Promise<AreaDoc>;
  readBook(): Promise<BookDoc>;
  /** File names under <dataDir>/areas. */
  areaFiles(): Promise<string[]>;
}

let current: { bridge: TestBridge; cleanup: () => Promise<void> } | null = null;

/** Resets the renderer's module state: API client cache, zustand stores, local storage. */
export function resetRendererState(): void {
  resetApiClient();
  useBook.setState(initialStores.book, true);
  useNavigation.setState(initialStores.navigation, true);
  useUi.setState(initialStores.ui, true);
  useToasts.setState(initialStores.toasts, true);
  useSources.setState(initialStores.sources, true);
  usePositions.setState(initialStores.positions, true);
  useAreaTab.setState(initialStores.areaTab, true);
  window.localStorage.clear();
}

/**
 * Creates a temp folder, boots the real services on it and installs
 * window.briefing over them. Call once per test (setup.ts tears it down).
 */
export async function installBridge(options: BridgeOptions = {}): Promise<TestBridge> {
  if (current) throw new Error('installBridge was called twice in one test.');
  const ownsDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'bb-renderer-')));
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: ApiCall[] = [];

  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    // The preload only forwards payloads of the event contract.
    const checked: unknown = eventContract[event].parse(payload);
    for (const listener of [...(listeners.get(eventChannel(event)) ?? [])]) listener(structuredClone(checked));
  };

  let services: Services;
  let dispatch: Dispatch;
  const start = async (overrides: Partial<ContainerDeps> | undefined): Promise<Services> => {
    services = testServices(dir, { emit, ...overrides });
    await services.boot();
    dispatch = createDispatch(services.handlers, { appOrigin: APP_ORIGIN });
    return services;
  };
  await start(options.overrides);

  window[BRIDGE_GLOBAL] = createBridge(
    {
      // Payloads and results cross a process boundary in the app: clone them as IPC would.
      invoke: async (channel, payload) => {
        calls.push({ channel, payload, at: performance.now() });
        return structuredClone(await dispatch(channel, structuredClone(payload), SENDER));
      },
      subscribe: (channel, listener) => {
        const set = listeners.get(channel) ?? new Set();
        set.add(listener);
        listeners.set(channel, set);
        return () => set.delete(listener);
      },
    },
    'linux',
    buildManifest(),
  );
  resetApiClient();

  const readJson = async <T>(rel: string): Promise<T> => JSON.parse(await readFile(join(dir, rel), 'utf8')) as T;

  const bridge: TestBridge = {
    dir,
    get services() {
      return services;
    },
    calls,
    emit,
    async reboot(overrides) {
      await services.shutdown();
      return start(overrides ?? options.overrides);
    },
    readArea: (id) => readJson<AreaDoc>(`areas/${id}.json`),
    readBook: () => readJson<BookDoc>('book.json'),
    async areaFiles() {
      return (await readdir(join(dir, 'areas'))).filter((n) => n.endsWith('.json')).sort();
    },
  };

  current = {
    bridge,
    cleanup: async () => {
      // Let saves started by unmounting finish, then drop every autosave entry
      // (pending retry timers included) so the next test starts clean.
      await noteAutosave.flush();
      const ids = (await readdir(join(dir, 'areas')).catch(() => [] as string[])).map((n) => n.replace(/\.json$/, ''));
      for (const id of ids) noteAutosave.forget(id);
      await services.shutdown();
      Reflect.deleteProperty(window, BRIDGE_GLOBAL);
      if (ownsDir) await rm(dir, { recursive: true, force: true });
    },
  };
  return bridge;
}

/** Shuts down the services of the current test and removes its folder. Called by setup.ts after each test. */
export async function teardownBridge(): Promise<void> {
  const active = current;
  current = null;
  if (active) await active.cleanup();
  resetRendererState();
}

/** A file-system error as Node reports it. */
export function fsError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated failure, ${syscall} '${path}'`), { code, syscall, path });
}

/** The real file system, with writes that fail with `code` while `failing` is true. */
export class FaultyFs implements FsPort {
  failing = false;
  constructor(
    private readonly code = 'ENOSPC',
    private readonly base: FsPort = nodeFs,
  ) {}
  readFile(path: string) {
    return this.base.readFile(path);
  }
  readdir(path: string) {
    return this.base.readdir(path);
  }
  mkdir(path: string) {
    return this.base.mkdir(path);
  }
  async open(path: string, flags: 'wx' | 'r'): Promise<FileHandlePort> {
    const handle = await this.base.open(path, flags);
    return {
      write: async (data) => {
        if (this.failing) throw fsError(this.code, 'write', path);
        return handle.write(data);
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  }
  rename(from: string, to: string) {
    return this.base.rename(from, to);
  }
  unlink(path: string) {
    return this.base.unlink(path);
  }
  stat(path: string) {
    return this.base.stat(path);
  }
}
