import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, createBridge } from '../core/contract/bridge';
import type { ApiManifest } from '../core/contract/manifest';

/** Inlined at build time from the contract (scripts/build-electron.ts). */
declare const __BRIEFING_API_MANIFEST__: ApiManifest;
declare const process: { readonly platform: string };

// The only thing the page gets: one frozen API object built from the contract.
// ipcRenderer itself is never exposed.
contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL,
  createBridge(
    {
      invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
      subscribe: (channel, listener) => {
        const wrapped = (_event: unknown, payload: unknown) => listener(payload);
        ipcRenderer.on(channel, wrapped);
        return () => {
          ipcRenderer.removeListener(channel, wrapped);
        };
      },
    },
    process.platform,
    __BRIEFING_API_MANIFEST__,
  ),
);
