import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { listMethods, type Handlers } from '../../electron/core/contract/api';
import { createDispatch } from '../../electron/core/contract/dispatch';
import type { WireResult } from '../../electron/core/contract/result';
import { APP_ENTRY, APP_ORIGIN } from '../../electron/core/contract/sender';
import type { BookState } from '../../electron/core/contract/views';
import type { Services } from '../../electron/services/container';
import { FakeWebContents, fake, ipcEvent, resetFakeElectron } from '../harness/fakeElectron';
import { tempDir } from '../harness/paths';
import { testServices } from '../harness/services';

vi.mock('electron', async () => (await import('../harness/fakeElectron')).electron);

const { registerIpc, senderOf } = await import('../../electron/main/ipc');
const { electronPlatform } = await import('../../electron/main/platform');
const { FakeBrowserWindow } = await import('../harness/fakeElectron');

let services: Services;
/** Every handler call that got through the dispatcher, by channel. */
let calls: string[];
let window: FakeWebContents;

/** The real handlers, wrapped so a test can see whether one ran. */
function recorded(handlers: Handlers): Handlers {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [namespace, group] of Object.entries(
    handlers as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>,
  )) {
    out[namespace] = {};
    for (const [name, run] of Object.entries(group)) {
      out[namespace][name] = (input: unknown) => {
        calls.push(`${namespace}.${name}`);
        return run(input);
      };
    }
  }
  return out as unknown as Handlers;
}

async function invoke(channel: string, payload: unknown, frame = window.mainFrame, sender = window): Promise<WireResult<unknown>> {
  return (await fake.ipcMain.invoke(channel, ipcEvent(sender, frame), payload)) as WireResult<unknown>;
}

beforeEach(async () => {
  resetFakeElectron({ ready: true });
  calls = [];
  const win = new FakeBrowserWindow({});
  window = win.webContents;
  services = testServices(await tempDir('briefing-ipc-'), { platform: electronPlatform(() => win as never) });
  await services.boot();
  registerIpc(createDispatch(recorded(services.handlers), { appOrigin: APP_ORIGIN }));
});

afterEach(async () => {
  await services.shutdown();
});

describe('registerIpc', () => {
  test('one ipcMain handler per contract method, and nothing else', () => {
    const channels = listMethods().map((m) => m.channel);
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...channels].sort());
    expect(new Set(channels).size).toBe(channels.length);
  });

  test('registering twice fails, as in Electron (no silent second handler)', () => {
    expect(() => registerIpc(createDispatch(services.handlers, { appOrigin: APP_ORIGIN }))).toThrow(/second handler/);
  });

  test("a good message from the app's own page runs the real handler", async () => {
    const result = await invoke('bb:book.open', {});
    expect(result.ok).toBe(true);
    expect(calls).toEqual(['book.open']);
    const state = (result as { value: BookState }).value;
    expect(state.areas.length).toBeGreaterThan(0);
    expect(window.mainFrame.url).toBe(APP_ENTRY);
  });

  test('a write from the app page reaches the store', async () => {
    const created = await invoke('bb:areas.create', { title: 'Currency' });
    expect(created.ok).toBe(true);
    const state = (await invoke('bb:book.open', {})) as { ok: true; value: BookState };
    expect(state.value.areas.map((a) => a.title)).toContain('Currency');
  });
});

describe('the sender check', () => {
  test('a subframe of the app page is refused, and no handler runs', async () => {
    const before = services.book.state();
    const result = await invoke('bb:areas.create', { title: 'From an iframe' }, window.subframe(APP_ENTRY));
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    expect(calls).toEqual([]);
    expect(services.book.state().areas).toHaveLength(before.areas.length);
  });

  test.each([
    'https://example.org/index.html',
    'http://briefing/index.html',
    'app://evil/index.html',
    'app://briefing.evil/index.html',
    'file:///opt/briefing/index.html',
    'about:blank',
    'data:text/html,<script>1</script>',
    '',
  ])('a main frame at %j is refused, and no handler runs', async (url) => {
    const other = new FakeWebContents(url);
    const result = await invoke('bb:areas.create', { title: 'Elsewhere' }, other.mainFrame, other);
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    expect(calls).toEqual([]);
  });

  test('a message without a sender frame (the frame is gone) is refused', async () => {
    const result = await invoke('bb:book.open', {}, null as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    expect(calls).toEqual([]);
  });

  test('senderOf tells the main frame from a subframe by identity, not by URL', () => {
    expect(senderOf(ipcEvent(window) as never)).toEqual({ url: APP_ENTRY, isMainFrame: true });
    expect(senderOf(ipcEvent(window, window.subframe(APP_ENTRY)) as never)).toEqual({ url: APP_ENTRY, isMainFrame: false });
  });
});

describe('the payload check', () => {
  test.each([
    ['a wrong type', 'bb:areas.create', { title: 42 }],
    ['an unknown property', 'bb:areas.create', { title: 'Ok', admin: true }],
    ['a missing property', 'bb:notes.get', {}],
    ['not an object', 'bb:areas.create', 'DROP TABLE'],
    ['an oversized string', 'bb:app.openExternal', { url: `https://example.org/${'a'.repeat(5_000)}` }],
  ])('%s is refused before any handler runs', async (_label, channel, payload) => {
    const result = await invoke(channel, payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(calls).toEqual([]);
  });
});

describe('links leave the app only as http(s), after the user confirms (electronPlatform)', () => {
  test('a file: link is refused without asking', async () => {
    const result = await invoke('bb:app.openExternal', { url: 'file:///etc/passwd' });
    expect(result.ok).toBe(false);
    expect(fake.dialog.messageBoxes).toHaveLength(0);
    expect(fake.shell.opened).toEqual([]);
  });

  test('Cancel keeps the link in the app', async () => {
    fake.dialog.response = 1;
    const result = await invoke('bb:app.openExternal', { url: 'https://example.org/report' });
    expect(result).toEqual({ ok: true, value: { opened: false } });
    expect(fake.dialog.messageBoxes).toHaveLength(1);
    expect(fake.dialog.messageBoxes[0]?.options['detail']).toBe('https://example.org/report');
    expect(fake.dialog.messageBoxes[0]?.options['cancelId']).toBe(1);
    expect(fake.shell.opened).toEqual([]);
  });

  test('Open in Browser opens it in the system browser', async () => {
    fake.dialog.response = 0;
    const result = await invoke('bb:app.openExternal', { url: 'https://example.org/report' });
    expect(result).toEqual({ ok: true, value: { opened: true } });
    expect(fake.shell.opened).toEqual(['https://example.org/report']);
  });
});
