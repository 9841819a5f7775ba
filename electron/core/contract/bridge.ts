import type { MethodName, Namespace, OutputOf } from './api';
import type { EventName, EventPayload } from './events';
import type { ApiManifest } from './manifest';
import type { WireResult } from './result';

/**
 * What the preload exposes on `window.briefing`, built from the contract's
 * manifest. The same builder runs in the browser test harness, over a different transport.
 */
export type BridgeApi = {
  [N in Namespace]: { [M in MethodName<N>]: (input: unknown) => Promise<WireResult<OutputOf<N, M>>> };
};

export interface BriefingBridge {
  readonly api: BridgeApi;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  readonly platform: string;
}

export interface BridgeTransport {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

export const BRIDGE_GLOBAL = 'briefing';

export function createBridge(transport: BridgeTransport, platform: string, manifest: ApiManifest): BriefingBridge {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const method of manifest.methods) {
    const group = (api[method.namespace] ??= {});
    group[method.name] = (input: unknown) => transport.invoke(method.channel, input);
  }
  for (const group of Object.values(api)) Object.freeze(group);
  const channels = new Map(manifest.events.map((e) => [e.name, e.channel]));
  return Object.freeze({
    // Built from the manifest, which lists exactly the contract's methods.
    api: Object.freeze(api) as unknown as BridgeApi,
    platform,
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const channel = channels.get(event);
      if (!channel) throw new Error(`Unknown event ${event}`);
      return transport.subscribe(channel, (payload) => listener(payload as EventPayload<E>));
    },
  });
}
