import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { join } from 'node:path';
import { createDispatch } from '../../electron/core/contract/dispatch';
import { eventChannel, type EventName, type EventPayload } from '../../electron/core/contract/events';
import { buildManifest } from '../../electron/core/contract/manifest';
import { serveAppRequest } from '../../electron/services/appProtocol';
import type { ContainerDeps, Services } from '../../electron/services/container';
import type { FsPort } from '../../electron/services/fs/fsPort';
import { chromiumArgs, findChromium } from './chromium';
import { rendererDist, repoRoot } from './paths';
import { RecordingFilePicker, RecordingPlatform, testServices } from './services';

/**
 * The app in real Chromium. This is the browser face of the Electron-runtime
 * stand-in (fakeElectron.ts is the other): instead of a BrowserWindow with a preload and ipcMain, a Playwright page
 * gets the same bridge (createBridge, same manifest) over a binding, and the
 * binding calls the same dispatcher with the same handlers and the real store
 * on disk. The page is served from a reserved origin by the same function
 * that serves app://briefing/, with the same CSP.
 */
export const TEST_ORIGIN = 'https://briefing.invalid';

export interface LaunchOptions {
  readonly dataDir: string;
  readonly colorScheme?: 'light' | 'dark';
  readonly today?: string | null;
  readonly viewport?: { width: number; height: number };
  /**
   * Other dependencies of the services (browser harness only): e.g. the export feature's desktop and
   * print engine, or an evidence resolver for the positions boards.
   */
  readonly services?: Partial<ContainerDeps>;
  /** The file system under the store (a fault-injecting one, for disk-full tests); the real one by default. */
  readonly fs?: FsPort;
}

export interface AppHandle {
  readonly page: Page;
  readonly dataDir: string;
  /** The services behind the page (browser harness only). */
  readonly services: Services;
  readonly platform: RecordingPlatform;
  /** Answers the Open dialog of Sources (browser harness only). */
  readonly filePicker: RecordingFilePicker;
  /** Every URL the page requested, in order. */
  readonly requests: string[];
  /** Requests to any other origin: blocked, and recorded so tests can assert there were none. */
  readonly foreignRequests: string[];
  readonly consoleErrors: string[];
  /** Quits as the app does (renderer flush, then store shutdown) and starts again on the same folder. */
  restart(): Promise<void>;
  /** Quits as the app does. */
  close(): Promise<void>;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): Promise<void>;
}

let bridgeScript: Promise<string> | null = null;

function bridgeSource(): Promise<string> {
  bridgeScript ??= build({
    entryPoints: [join(repoRoot, 'tests', 'harness', 'bridgeEntry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome130',
    define: { __BRIEFING_API_MANIFEST__: JSON.stringify(buildManifest()) },
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return bridgeScript;
}

let sharedBrowser: Promise<Browser> | null = null;

function browser(): Promise<Browser> {
  sharedBrowser ??= chromium.launch({ executablePath: findChromium(), args: chromiumArgs, headless: true });
  return sharedBrowser;
}

export async function closeBrowser(): Promise<void> {
  if (!sharedBrowser) return;
  const b = await sharedBrowser;
  sharedBrowser = null;
  await b.close();
}

export async function launchBrowserApp(options: LaunchOptions): Promise<AppHandle> {
  const requests: string[] = [];
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  const platform = new RecordingPlatform();
  const filePicker = new RecordingFilePicker();
  const script = await bridgeSource();

  let context: BrowserContext;
  let page: Page;
  let services: Services;

  const emit = async <E extends EventName>(event: E, payload: EventPayload<E>): Promise<void> => {
    await page.evaluate(([channel, data]) => (window as unknown as { __bbEmit: (c: string, d: unknown) => void }).__bbEmit(channel, data), [
      eventChannel(event),
      payload,
    ] as const);
  };

  const start = async () => {
    services = testServices(options.dataDir, {
      platform,
      filePicker,
      today: options.today ?? null,
      emit: (event, payload) => void emit(event, payload).catch(() => undefined),
      flushTimeoutMs: 5_000,
      ...options.services,
      ...(options.fs ? { fs: options.fs } : {}),
    });
    await services.boot().catch(() => undefined);
    const dispatch = createDispatch(services.handlers, {
      appOrigin: TEST_ORIGIN,
      onInternalError: (error, channel) => consoleErrors.push(`${channel}: ${String(error)}`),
    });
    context = await (
      await browser()
    ).newContext({
      colorScheme: options.colorScheme ?? 'light',
      viewport: options.viewport ?? { width: 1280, height: 820 },
      deviceScaleFactor: 1,
      locale: 'en-GB',
      timezoneId: 'UTC',
    });
    context.on('request', (request) => {
      requests.push(request.url());
    });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(`${TEST_ORIGIN}/`)) {
        const response = await serveAppRequest(rendererDist, url);
        await route.fulfill({ status: response.status, headers: response.headers, body: Buffer.from(response.body) });
        return;
      }
      foreignRequests.push(url);
      await route.abort('blockedbyclient');
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    await page.exposeBinding('__bbInvoke', (source, channel: unknown, payload: unknown) =>
      dispatch(String(channel), payload, { url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() }),
    );
    await page.addInitScript({ content: script });
    await page.goto(`${TEST_ORIGIN}/index.html`);
  };

  const quit = async () => {
    // As the app's window does on close: ask the renderer to save, then finish every write.
    await services.app.requestFlush();
    await services.shutdown();
    await context.close();
  };

  await start();

  return {
    get page() {
      return page;
    },
    get services() {
      return services;
    },
    dataDir: options.dataDir,
    platform,
    filePicker,
    requests,
    foreignRequests,
    consoleErrors,
    emit,
    async restart() {
      await quit();
      await start();
    },
    close: quit,
  };
}
