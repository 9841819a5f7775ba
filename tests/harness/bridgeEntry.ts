// Runs in the page before the app (an init script): it builds window.briefing
// with the same createBridge the preload uses, over a Playwright binding instead of IPC.
import { BRIDGE_GLOBAL, createBridge } from '../../electron/core/contract/bridge';
import type { ApiManifest } from '../../electron/core/contract/manifest';

declare const __BRIEFING_API_MANIFEST__: ApiManifest;

interface HarnessWindow {
  __bbInvoke?: (channel: string, payload: unknown) => Promise<unknown>;
  __bbEmit?: (channel: string, payload: unknown) => void;
}

const harness = window as unknown as HarnessWindow & Record<string, unknown>;
const listeners = new Map<string, Set<(payload: unknown) => void>>();

harness['__bbEmit'] = (channel: string, payload: unknown) => {
  for (const listener of listeners.get(channel) ?? []) listener(payload);
};

harness[BRIDGE_GLOBAL] = createBridge(
  {
    invoke: (channel, payload) => {
      const invoke = harness.__bbInvoke;
      if (!invoke) return Promise.reject(new Error('The test harness binding is missing.'));
      return invoke(channel, payload);
    },
    subscribe: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  },
  'linux',
  __BRIEFING_API_MANIFEST__,
);
