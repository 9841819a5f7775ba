import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { APP_ENTRY } from '../../electron/core/contract/sender';
import type { Services } from '../../electron/services/container';
import { WINDOW_STATE_FILE, defaultWindowSize } from '../../electron/services/window/windowStateService';
import { FakeBrowserWindow, fake, fakeEvent, resetFakeElectron } from '../harness/fakeElectron';
import { tempDir } from '../harness/paths';
import { testServices } from '../harness/services';

vi.mock('electron', async () => (await import('../harness/fakeElectron')).electron);

const { createMainWindow, currentWindowState } = await import('../../electron/main/window');
const { secureWebPreferences } = await import('../../electron/main/security');

const preload = '/opt/briefing/resources/app.asar/dist/electron/preload.cjs';
let dataDir: string;
let running: Services[] = [];

async function bootServices(): Promise<Services> {
  const services = testServices(dataDir);
  await services.boot();
  running.push(services);
  return services;
}

function open(services: Services, icon?: string): FakeBrowserWindow {
  const win = createMainWindow({ preload, windowState: services.windowState, title: 'Briefing Book', ...(icon ? { icon } : {}) });
  expect(win).toBeInstanceOf(FakeBrowserWindow);
  return win as unknown as FakeBrowserWindow;
}

beforeEach(async () => {
  resetFakeElectron({ ready: true });
  dataDir = await tempDir('briefing-window-');
});

afterEach(async () => {
  for (const services of running) await services.shutdown();
  running = [];
});

describe('createMainWindow', () => {
  test('uses the secure web preferences with the preload, and loads the app entry over app://', async () => {
    const win = open(await bootServices(), '/opt/briefing/icon.png');
    expect(win.options.webPreferences).toEqual(secureWebPreferences(preload));
    expect(win.loaded).toEqual([APP_ENTRY]);
    expect(APP_ENTRY).toBe('app://briefing/index.html');
    expect(win.options['title']).toBe('Briefing Book');
    expect(win.options['icon']).toBe('/opt/briefing/icon.png');
  });

  test('locks down its contents: no navigation, no new windows, no webview', async () => {
    const win = open(await bootServices());
    const navigate = fakeEvent();
    win.webContents.emit('will-navigate', navigate, 'https://example.org/');
    expect(navigate.defaultPrevented).toBe(true);
    const redirect = fakeEvent();
    win.webContents.emit('will-redirect', redirect, 'https://example.org/');
    expect(redirect.defaultPrevented).toBe(true);
    const webview = fakeEvent();
    win.webContents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
    expect(
      win.webContents.windowOpenHandler?.({ url: 'https://example.org/', frameName: '', features: '', disposition: 'new-window' }),
    ).toEqual({
      action: 'deny',
    });
  });

  test('stays hidden until the first paint is ready', async () => {
    const win = open(await bootServices());
    expect(win.options['show']).toBe(false);
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
  });

  test('first run: default size, not maximized', async () => {
    const win = open(await bootServices());
    expect(win.bounds).toEqual({ width: defaultWindowSize.width, height: defaultWindowSize.height });
    expect(win.maximized).toBe(false);
  });

  test('restores the bounds and maximized state saved by the last run (real WindowStateService on disk)', async () => {
    const first = await bootServices();
    const before = open(first);
    before.bounds = { x: 140, y: 90, width: 1100, height: 760 };
    before.maximize();
    await first.windowState.save(currentWindowState(before as never));
    await first.shutdown();
    running = [];
    expect(existsSync(join(dataDir, WINDOW_STATE_FILE))).toBe(true);

    resetFakeElectron({ ready: true });
    const win = open(await bootServices());
    expect(win.bounds).toEqual({ x: 140, y: 90, width: 1100, height: 760 });
    expect(win.maximized).toBe(true);
  });

  test('a window saved on a display that is gone comes back on screen', async () => {
    const first = await bootServices();
    await first.windowState.save({ bounds: { x: 2600, y: 200, width: 1000, height: 700 }, maximized: false });
    await first.shutdown();
    running = [];

    resetFakeElectron({ ready: true });
    fake.screen.displays = [{ bounds: { x: 0, y: 0, width: 1280, height: 800 }, workArea: { x: 0, y: 0, width: 1280, height: 770 } }];
    const win = open(await bootServices());
    const { x = -1, y = -1, width, height } = win.bounds;
    expect(x).toBeGreaterThanOrEqual(0);
    expect(y).toBeGreaterThanOrEqual(0);
    expect(x + width).toBeLessThanOrEqual(1280);
    expect(y + height).toBeLessThanOrEqual(770);
  });

  test('the background follows the system theme, so the first frame does not flash', async () => {
    fake.nativeTheme.shouldUseDarkColors = true;
    const dark = open(await bootServices());
    fake.nativeTheme.shouldUseDarkColors = false;
    const light = open(await bootServices());
    expect(dark.options['backgroundColor']).not.toBe(light.options['backgroundColor']);
  });
});
