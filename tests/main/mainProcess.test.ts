import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { commands } from '../../electron/core/commands';
import { listMethods } from '../../electron/core/contract/api';
import { eventChannel } from '../../electron/core/contract/events';
import type { WireResult } from '../../electron/core/contract/result';
import { APP_ENTRY, APP_SCHEME } from '../../electron/core/contract/sender';
import type { BookState } from '../../electron/core/contract/views';
import { WINDOW_STATE_FILE } from '../../electron/services/window/windowStateService';
import { FakeWebContents, fake, fakeEvent, ipcEvent, resetFakeElectron, type FakeBrowserWindow } from '../harness/fakeElectron';
import { tempDir } from '../harness/paths';

vi.mock('electron', async () => (await import('../harness/fakeElectron')).electron);

/**
 * electron/main/index.ts as a whole, on the stand-in runtime with the real
 * services on a temp folder: what must happen before `ready`, what is wired
 * after it, and the quit sequence (renderer flush, then every write finished).
 */
let dataDir: string;
let win: FakeBrowserWindow;
const { secureWebPreferences } = await import('../../electron/main/security');

beforeAll(async () => {
  resetFakeElectron();
  dataDir = await tempDir('briefing-main-');
  fake.app.paths.set('userData', await tempDir('briefing-userdata-'));
  vi.stubEnv('BRIEFING_DATA_DIR', dataDir);
  await import('../../electron/main/index');
});

afterAll(() => {
  vi.unstubAllEnvs();
});

describe('before the app is ready', () => {
  test('the sandbox is on for every renderer and app:// is registered as a privileged scheme', () => {
    expect(fake.app.sandboxEnabled).toBe(true);
    expect(fake.protocol.privileged.map((s) => s.scheme)).toEqual([APP_SCHEME]);
  });

  test('nothing is served, handled or shown yet', () => {
    expect(fake.windows).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(fake.protocol.handlers.size).toBe(0);
  });
});

describe('once ready', () => {
  beforeAll(async () => {
    fake.app.markReady();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 10_000 });
    win = fake.windows[0]!;
  });

  test('every permission is denied on the default session', () => {
    const session = fake.session.defaultSession;
    const callback = vi.fn();
    session.permissionRequestHandler?.(win.webContents, 'media', callback, {});
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    expect(session.permissionCheckHandler?.(win.webContents, 'notifications', APP_ENTRY, {})).toBe(false);
  });

  test('every web contents created later (a devtools page, a popup that slipped through) is locked down too', () => {
    const contents = new FakeWebContents('app://briefing/index.html');
    fake.app.emit('web-contents-created', fakeEvent(), contents);
    const navigate = fakeEvent();
    contents.emit('will-navigate', navigate, 'https://example.org/');
    expect(navigate.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/', frameName: '', features: '', disposition: 'new-window' })).toEqual({
      action: 'deny',
    });
  });

  test('the window is isolated and sandboxed, with the bundled preload, and loads app://briefing/index.html', () => {
    const preload = win.options.webPreferences?.['preload'];
    expect(preload).toMatch(/preload\.cjs$/);
    expect(win.options.webPreferences).toEqual(secureWebPreferences(preload as string));
    expect(win.loaded).toEqual([APP_ENTRY]);
    const navigate = fakeEvent();
    win.webContents.emit('will-navigate', navigate, 'https://example.org/');
    expect(navigate.defaultPrevented).toBe(true);
  });

  test('app:// is served, and every contract method has its IPC handler', () => {
    expect(fake.protocol.isProtocolHandled(APP_SCHEME)).toBe(true);
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(
      listMethods()
        .map((m) => m.channel)
        .sort(),
    );
  });

  test('the window talks to the real store in the data folder', async () => {
    const result = (await fake.ipcMain.invoke('bb:book.open', ipcEvent(win.webContents), {})) as WireResult<BookState>;
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.dataDir).toBe(dataDir);
    expect(await readdir(dataDir)).not.toHaveLength(0);
  });

  test('a frame inside the window cannot call the API', async () => {
    const result = (await fake.ipcMain.invoke(
      'bb:book.open',
      ipcEvent(win.webContents, win.webContents.subframe(APP_ENTRY)),
      {},
    )) as WireResult<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
  });

  test('the menu sends its commands to the window', () => {
    const menu = fake.Menu.applicationMenu;
    expect(menu).not.toBeNull();
    type Item = { label?: string; click?: () => void; submenu?: Item[] };
    const flatten = (items: Item[]): Item[] => items.flatMap((i) => [i, ...flatten(i.submenu ?? [])]);
    const spec = commands[0]!;
    flatten(menu!.template as Item[])
      .find((i) => i.label === spec.label)
      ?.click?.();
    expect(win.webContents.sent).toContainEqual({ channel: eventChannel('menu.command'), args: [{ command: spec.id }] });
  });

  test('quitting (File > Quit, Ctrl+Q) asks the renderer to save, waits for it, saves the window size, finishes writing, then quits', async () => {
    win.bounds = { x: 50, y: 60, width: 1111, height: 777 };
    const open = (await fake.ipcMain.invoke('bb:book.open', ipcEvent(win.webContents), {})) as { ok: true; value: BookState };
    const areaId = open.value.areas[0]!.id;

    fake.app.quit();
    // The quit is held until everything is on disk.
    expect(fake.app.exited).toBe(false);
    const flushChannel = eventChannel('app.flushRequest');
    await vi.waitFor(() => expect(win.webContents.sent.some((m) => m.channel === flushChannel)).toBe(true));
    expect(win.destroyed).toBe(false);

    // The renderer saves what was typed last, then answers the flush request.
    const request = win.webContents.sent.find((m) => m.channel === flushChannel)?.args[0] as { requestId: string };
    const saved = fake.ipcMain.invoke('bb:notes.save', ipcEvent(win.webContents), { areaId, markdown: 'Typed just before quitting.' });
    await fake.ipcMain.invoke('bb:app.flushed', ipcEvent(win.webContents), { requestId: request.requestId });
    await expect(saved).resolves.toMatchObject({ ok: true });

    await vi.waitFor(() => expect(fake.app.exited).toBe(true), { timeout: 10_000 });
    expect(win.destroyed).toBe(true);
    const state = JSON.parse(await readFile(join(dataDir, WINDOW_STATE_FILE), 'utf8')) as { bounds: unknown };
    expect(state.bounds).toEqual({ x: 50, y: 60, width: 1111, height: 777 });
    const areaFiles = await readdir(join(dataDir, 'areas'));
    const contents = await Promise.all(areaFiles.map((f) => readFile(join(dataDir, 'areas', f), 'utf8')));
    expect(contents.some((c) => c.includes('Typed just before quitting.'))).toBe(true);
  });
});

describe('closing the window (Windows and Linux)', () => {
  test('saves, then quits the app once everything is written', async () => {
    resetFakeElectron();
    const folder = await tempDir('briefing-main-close-');
    vi.stubEnv('BRIEFING_DATA_DIR', folder);
    vi.resetModules();
    await import('../../electron/main/index');
    fake.app.markReady();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 10_000 });
    const window = fake.windows[0]!;

    window.close();
    expect(window.destroyed).toBe(false);
    const flushChannel = eventChannel('app.flushRequest');
    await vi.waitFor(() => expect(window.webContents.sent.some((m) => m.channel === flushChannel)).toBe(true));
    const request = window.webContents.sent.find((m) => m.channel === flushChannel)?.args[0] as { requestId: string };
    await fake.ipcMain.invoke('bb:app.flushed', ipcEvent(window.webContents), { requestId: request.requestId });
    await vi.waitFor(() => expect(fake.app.exited).toBe(true), { timeout: 10_000 });
    expect(window.destroyed).toBe(true);
    expect(existsSync(join(folder, WINDOW_STATE_FILE))).toBe(true);
  });
});

describe('a second instance', () => {
  test('quits at once, without opening the data folder or a window', async () => {
    resetFakeElectron();
    fake.app.hasSingleInstanceLock = false;
    vi.resetModules();
    await import('../../electron/main/index');
    expect(fake.app.quitCalls).toBe(1);
    fake.app.markReady();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.windows).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });
});
