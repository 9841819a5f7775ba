import { beforeAll, describe, expect, test, vi } from 'vitest';
import { contract, listMethods } from '../../electron/core/contract/api';
import type { BriefingBridge } from '../../electron/core/contract/bridge';
import { eventChannel, eventNames } from '../../electron/core/contract/events';
import { buildManifest } from '../../electron/core/contract/manifest';
import { fake, resetFakeElectron } from '../harness/fakeElectron';

vi.mock('electron', async () => (await import('../harness/fakeElectron')).electron);

/**
 * The preload, loaded as the sandbox would run it: `electron` provides only
 * contextBridge and ipcRenderer, and the manifest is a global (esbuild inlines
 * it in the real build; see preloadBuild.test.ts for the built file).
 */
let bridge: BriefingBridge;

beforeAll(async () => {
  resetFakeElectron();
  (globalThis as Record<string, unknown>)['__BRIEFING_API_MANIFEST__'] = buildManifest();
  await import('../../electron/preload/preload');
  bridge = fake.contextBridge.exposed.get('briefing') as BriefingBridge;
});

/** Every value reachable from an object, functions and prototypes included. */
function reachable(root: unknown): Set<unknown> {
  const seen = new Set<unknown>();
  const visit = (value: unknown) => {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) return;
    seen.add(value);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor && 'value' in descriptor) visit(descriptor.value);
    }
  };
  visit(root);
  return seen;
}

describe('the preload', () => {
  test("exposes exactly one global, 'briefing'", () => {
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['briefing']);
  });

  test('never exposes ipcRenderer, nor any of its functions', () => {
    const values = reachable(bridge);
    const ipc = fake.ipcRenderer;
    expect(values.has(ipc)).toBe(false);
    for (const name of ['invoke', 'on', 'once', 'emit', 'removeListener']) expect(values.has(Reflect.get(ipc, name))).toBe(false);
    const keys = [...values].flatMap((v) => Object.keys(v as object));
    for (const name of ['ipcRenderer', 'send', 'sendSync', 'invoke', 'postMessage', 'require', 'process']) expect(keys).not.toContain(name);
  });

  test("the API object has exactly the contract's methods, and nothing can be added or replaced", () => {
    expect(Object.keys(bridge).sort()).toEqual(['api', 'on', 'platform']);
    const shape = Object.fromEntries(Object.entries(bridge.api).map(([ns, group]) => [ns, Object.keys(group).sort()]));
    const expected = Object.fromEntries(Object.entries(contract).map(([ns, group]) => [ns, Object.keys(group).sort()]));
    expect(shape).toEqual(expected);
    for (const group of Object.values(bridge.api)) {
      for (const method of Object.values(group)) expect(method).toBeTypeOf('function');
      expect(Object.isFrozen(group)).toBe(true);
    }
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.isFrozen(bridge.api)).toBe(true);
    expect(bridge.platform).toBe(process.platform);
  });

  test.each(listMethods().map((m) => [`${m.namespace}.${m.name}`, m.channel] as const))(
    'api.%s invokes %s with the payload',
    async (name, channel) => {
      const [namespace, method] = name.split('.') as [string, string];
      const api = bridge.api as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
      fake.ipcRenderer.invoked.length = 0;
      fake.ipcRenderer.reply = (ch) => ({ ok: true, value: `answer from ${ch}` });
      const payload = { probe: name };
      await expect(api[namespace]![method]!(payload)).resolves.toEqual({ ok: true, value: `answer from ${channel}` });
      expect(fake.ipcRenderer.invoked).toEqual([{ channel, args: [payload] }]);
    },
  );

  test.each(eventNames)('on(%s) listens on its channel, passes only the payload, and unsubscribes', (name) => {
    const listener = vi.fn();
    const off = bridge.on(name, listener);
    expect(fake.ipcRenderer.listenerCount(eventChannel(name))).toBe(1);
    // The IpcRendererEvent (with its sender) must not reach the page.
    fake.ipcRenderer.emit(eventChannel(name), { sender: fake.ipcRenderer, senderId: 0 }, { requestId: 'r1' });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ requestId: 'r1' });
    off();
    expect(fake.ipcRenderer.listenerCount(eventChannel(name))).toBe(0);
  });

  test('an event outside the contract is refused', () => {
    expect(() => bridge.on('not.an.event' as never, () => undefined)).toThrow(/Unknown event/);
    expect(fake.ipcRenderer.listenerCount(eventChannel('not.an.event' as never))).toBe(0);
  });
});
