import { listMethods } from './api';
import { eventChannel, eventNames } from './events';

/**
 * The contract reduced to names and channels. The preload is built with this
 * manifest inlined, so it stays small (no schemas) yet still exposes exactly
 * the contract's methods; the test harness builds the same manifest at run time.
 */
export interface ApiManifest {
  readonly methods: readonly { readonly namespace: string; readonly name: string; readonly channel: string }[];
  readonly events: readonly { readonly name: string; readonly channel: string }[];
}

export function buildManifest(): ApiManifest {
  return {
    methods: listMethods().map(({ namespace, name, channel }) => ({ namespace, name, channel })),
    events: eventNames.map((name) => ({ name, channel: eventChannel(name) })),
  };
}
