import type { ClientApi } from '../../../electron/core/contract/api';
import { BRIDGE_GLOBAL, type BriefingBridge } from '../../../electron/core/contract/bridge';
import type { EventName, EventPayload } from '../../../electron/core/contract/events';
import type { WireError, WireResult } from '../../../electron/core/contract/result';

/**
 * The only module that touches `window.briefing`. It turns the bridge's
 * results into values, or into thrown ApiErrors with the message from the main process.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: WireError['code'];
  readonly details: readonly string[];
  constructor(error: WireError) {
    super(error.message);
    this.code = error.code;
    this.details = error.details;
  }
}

declare global {
  interface Window {
    [BRIDGE_GLOBAL]?: BriefingBridge;
  }
}

function bridge(): BriefingBridge {
  const found = window[BRIDGE_GLOBAL];
  if (!found) throw new Error('Briefing Book must run inside its desktop app (the API bridge is missing).');
  return found;
}

function unwrap<T>(result: WireResult<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error);
}

function buildClient(): ClientApi {
  const source = bridge().api as unknown as Record<string, Record<string, (input: unknown) => Promise<WireResult<unknown>>>>;
  const client: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const [namespace, methods] of Object.entries(source)) {
    const group: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [name, call] of Object.entries(methods)) {
      group[name] = async (input: unknown) => unwrap(await call(input));
    }
    client[namespace] = group;
  }
  return client as unknown as ClientApi;
}

let cached: ClientApi | null = null;

/** The typed API. Created on first use, so tests can install a bridge before it is needed. */
export const api: ClientApi = new Proxy({} as ClientApi, {
  get(_target, namespace: string) {
    cached ??= buildClient();
    return cached[namespace as keyof ClientApi];
  },
});

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return bridge().on(event, listener);
}

export function platform(): string {
  return window[BRIDGE_GLOBAL]?.platform ?? 'linux';
}

/** Forgets the cached client (tests install a new bridge per test). */
export function resetApiClient(): void {
  cached = null;
}

export function errorMessage(error: unknown): string {
  // A refused request says only that it is not valid; its details say what to fix ("parties.2.name: A party needs a name").
  if (error instanceof ApiError && error.code === 'invalid_input') {
    const reasons = new Set(error.details.flatMap((d) => /^[\w.]+: (.+)$/.exec(d)?.[1] ?? []));
    if (reasons.size > 0) return `${error.message} ${[...reasons].join('. ')}.`;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
