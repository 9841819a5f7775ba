import { app, BrowserWindow, dialog, session } from 'electron';
import { join, resolve } from 'node:path';
import { createDispatch } from '../core/contract/dispatch';
import { eventChannel } from '../core/contract/events';
import { APP_ORIGIN } from '../core/contract/sender';
import { sampleBook } from '../core/sample/sampleBook';
import { createServices, type Services } from '../services/container';
import { nodeFs } from '../services/fs/nodeFs';
import { parseLaunchOptions, randomIds, systemClock } from '../services/runtime';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { electronPlatform } from './platform';
import { electronDesktop, electronPdfEngine } from './exportPlatform';
import { defaultSnapshotPolicy } from '../services/export/snapshotService';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { denyAllPermissions, lockDownContents } from './security';
import { createMainWindow, currentWindowState } from './window';

// The main process only wires things together: the logic is in the services.
const here = __dirname;
const rendererRoot = join(here, '..', 'renderer');
const preloadPath = join(here, 'preload.cjs');
const iconPath = join(here, '..', '..', 'assets', 'icon.png');
// The print fonts, copied next to main.cjs by scripts/build-electron.ts.
const fontRoot = join(here, 'fonts');

app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another window already owns the data: it gets the focus, and this process ends.
  app.quit();
} else {
  void main();
}

async function main(): Promise<void> {
  const launch = (() => {
    try {
      return parseLaunchOptions(process.argv, process.env);
    } catch (error) {
      dialog.showErrorBox('Briefing Book', error instanceof Error ? error.message : String(error));
      app.exit(2);
      throw error;
    }
  })();
  await app.whenReady();
  const dataDir = launch.dataDir ? resolve(launch.dataDir) : join(app.getPath('userData'), 'book');
  let win: BrowserWindow | null = null;

  const services: Services = createServices({
    dataDir,
    fs: nodeFs,
    clock: systemClock,
    ids: randomIds,
    sample: sampleBook,
    platform: electronPlatform(() => win),
    emit: (event, payload) => win?.webContents.send(eventChannel(event), payload),
    version: app.getVersion(),
    platformName: process.platform,
    today: launch.today,
    searchWorker: join(here, 'searchWorker.cjs'),
    searchCacheDir: join(app.getPath('userData'), 'search-cache'),
    exports: { desktop: electronDesktop(() => win), engine: electronPdfEngine(), fontRoot, snapshots: defaultSnapshotPolicy },
  });

  denyAllPermissions(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  handleAppProtocol(rendererRoot);
  registerIpc(
    createDispatch(services.handlers, {
      appOrigin: APP_ORIGIN,
      onInternalError: (error, channel) => console.error(`[briefing] ${channel}:`, error),
    }),
  );

  try {
    await services.boot();
  } catch (error) {
    // A newer book or an unreadable folder: the renderer shows the message from book.open.
    console.error('[briefing] boot:', error);
  }

  installMenu(
    (command) => win?.webContents.send(eventChannel('menu.command'), { command }),
    process.platform === 'darwin',
    !app.isPackaged,
  );

  const open = () => {
    win = createMainWindow({ preload: preloadPath, windowState: services.windowState, title: 'Briefing Book', icon: iconPath });
    let flushed = false;
    win.on('close', (event) => {
      const closing = win;
      if (!closing || flushed) return;
      // Keep the window until the renderer has saved what was typed, then close for real.
      event.preventDefault();
      void (async () => {
        await services.windowState.save(currentWindowState(closing)).catch(() => undefined);
        await services.app.requestFlush();
        flushed = true;
        closing.close();
      })();
    });
    win.on('closed', () => {
      win = null;
    });
  };
  open();

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // One shutdown, however many times before-quit fires (closing the last window quits again on Linux and Windows).
  let shutDown = false;
  let shuttingDown: Promise<void> | null = null;
  app.on('before-quit', (event) => {
    if (shutDown) return;
    event.preventDefault();
    shuttingDown ??= (async () => {
      // Closing the window flushes the renderer; then every queued write finishes before exit.
      if (win) {
        const closed = new Promise<void>((done) => win?.once('closed', () => done()));
        win.close();
        await closed;
      }
      await services.shutdown().catch((error: unknown) => console.error('[briefing] shutdown:', error));
      shutDown = true;
      app.quit();
    })();
  });
}
