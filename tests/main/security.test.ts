import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Session, WebContents } from 'electron';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { FakeSession, FakeWebContents, fakeEvent, resetFakeElectron } from '../harness/fakeElectron';
import { repoRoot } from '../harness/paths';

vi.mock('electron', async () => (await import('../harness/fakeElectron')).electron);

const { denyAllPermissions, lockDownContents, secureWebPreferences } = await import('../../electron/main/security');

beforeEach(() => {
  resetFakeElectron({ ready: true });
});

/** Every permission name Electron knows, read from the electron.d.ts of the installed version. */
function electronPermissions(): string[] {
  const dts = readFileSync(join(repoRoot, 'node_modules', 'electron', 'electron.d.ts'), 'utf8');
  const line = dts.split('\n').find((l) => l.includes('setPermissionRequestHandler(handler:'));
  const union = /permission: ((?:'[^']+'(?: \| )?)+)/.exec(line ?? '')?.[1] ?? '';
  return [...union.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/dist/electron/preload.cjs');

  test('isolated, sandboxed, no Node anywhere', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  test('none of the switches the security checklist forbids', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(prefs.plugins).not.toBe(true);
  });

  test('the preload path is passed through', () => {
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
  });
});

describe('denyAllPermissions', () => {
  const permissions = electronPermissions();

  test('the permission list was read from electron.d.ts', () => {
    expect(permissions.length).toBeGreaterThan(20);
    expect(permissions).toEqual(expect.arrayContaining(['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']));
  });

  test('every permission request is answered no', () => {
    const session = new FakeSession();
    denyAllPermissions(session as unknown as Session);
    const request = session.permissionRequestHandler;
    expect(request).toBeTypeOf('function');
    for (const permission of permissions) {
      const callback = vi.fn();
      request!(new FakeWebContents(), permission, callback, { requestingUrl: 'app://briefing/index.html', isMainFrame: true });
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
    }
  });

  test('every permission check says no, and no device is granted', () => {
    const session = new FakeSession();
    denyAllPermissions(session as unknown as Session);
    for (const permission of permissions) {
      expect(session.permissionCheckHandler!(new FakeWebContents(), permission, 'app://briefing', {}), permission).toBe(false);
    }
    expect(session.devicePermissionHandler!({ deviceType: 'usb', origin: 'app://briefing' })).toBe(false);
  });
});

describe('lockDownContents', () => {
  const urls = [
    'https://example.org/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://briefing/index.html',
    'app://briefing/other.html',
    'about:blank',
  ];

  function lockedDown(): FakeWebContents {
    const contents = new FakeWebContents();
    lockDownContents(contents as unknown as WebContents);
    return contents;
  }

  test.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('%s is prevented, whatever the URL', (eventName) => {
    const contents = lockedDown();
    expect(contents.listenerCount(eventName)).toBeGreaterThan(0);
    for (const url of urls) {
      const event = fakeEvent();
      contents.emit(eventName, event, url, false, true);
      expect(event.defaultPrevented, `${eventName} ${url}`).toBe(true);
    }
  });

  test('a <webview> is refused before its preferences are even looked at', () => {
    const contents = lockedDown();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, { nodeIntegration: true, preload: '/tmp/evil.js' }, { src: 'https://example.org/' });
    expect(event.defaultPrevented).toBe(true);
  });

  test('no new window, for any URL', () => {
    const contents = lockedDown();
    expect(contents.windowOpenHandler).toBeTypeOf('function');
    for (const url of urls) {
      for (const disposition of ['new-window', 'foreground-tab', 'background-tab', 'default']) {
        expect(contents.windowOpenHandler!({ url, frameName: '', features: '', disposition }), url).toEqual({ action: 'deny' });
      }
    }
  });
});
