import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Clock } from '../../electron/core/ops/areas';
import { createDispatch, type Dispatch } from '../../electron/core/contract/dispatch';
import type { WireResult } from '../../electron/core/contract/result';
import { APP_ENTRY, APP_ORIGIN, type SenderInfo } from '../../electron/core/contract/sender';
import type { IdSource } from '../../electron/services/book/bookService';
import type { ContainerDeps, Services } from '../../electron/services/container';
import type { DurableWriteOptions } from '../../electron/services/store/durableWrite';
import { tempDir } from '../harness/paths';
import { testServices } from '../harness/services';

/** The app's own top-level page. */
export const appSender: SenderInfo = { url: APP_ENTRY, isMainFrame: true };

/** Temp folders made by a test file, removed after each test. */
const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

export async function freshDir(prefix = 'briefing-test-'): Promise<string> {
  const dir = await tempDir(prefix);
  made.push(dir);
  return dir;
}

/** A clock that moves one second on every read, so every change has its own timestamp. */
export class StepClock implements Clock {
  private t = Date.parse('2019-01-10T09:00:00.000Z');
  now(): string {
    this.t += 1000;
    return new Date(this.t).toISOString();
  }
}

/** Predictable ids: prefix-1, prefix-2... */
export class CountingIds implements IdSource {
  private n = 0;
  next(prefix: string): string {
    this.n += 1;
    return `${prefix}-${this.n}`;
  }
}

/** Durable-write options that never sleep, recording the pauses asked for. */
export function instantDurable(sleeps: number[] = []): DurableWriteOptions {
  return {
    syncDirectory: true,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
}

export interface Booted {
  readonly services: Services;
  readonly dispatch: Dispatch;
  /** Calls a method as the renderer would, from the app's own page. */
  readonly call: (channel: string, payload?: unknown) => Promise<WireResult<unknown>>;
  /** Like call, but fails the test unless the call succeeded; returns the value. */
  readonly ok: <T = unknown>(channel: string, payload?: unknown) => Promise<T>;
  readonly internalErrors: unknown[];
}

/** Boots the real services on `dir` and wires the real handlers through createDispatch. */
export async function boot(dir: string, overrides: Partial<ContainerDeps> = {}): Promise<Booted> {
  const services = testServices(dir, { clock: new StepClock(), durable: instantDurable(), ...overrides });
  await services.boot();
  const internalErrors: unknown[] = [];
  const dispatch = createDispatch(services.handlers, {
    appOrigin: APP_ORIGIN,
    onInternalError: (error) => internalErrors.push(error),
  });
  const call = (channel: string, payload?: unknown) => dispatch(channel, payload, appSender);
  return {
    services,
    dispatch,
    call,
    internalErrors,
    async ok<T>(channel: string, payload?: unknown): Promise<T> {
      const result = await call(channel, payload);
      if (!result.ok)
        throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message} ${result.error.details.join(' | ')}`);
      return result.value as T;
    },
  };
}

/** Every file under `dir`, relative path to bytes (folders are listed with a trailing slash and no bytes). */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(rel: string): Promise<void> {
    const names = (await readdir(join(dir, rel))).sort();
    for (const name of names) {
      const child = rel ? `${rel}/${name}` : name;
      const s = await stat(join(dir, child));
      if (s.isDirectory()) {
        out.set(`${child}/`, '');
        await walk(child);
      } else {
        out.set(child, (await readFile(join(dir, child))).toString('base64'));
      }
    }
  }
  await walk('');
  return out;
}

/** Relative paths of every file under `dir`. */
export async function listFiles(dir: string): Promise<string[]> {
  return [...(await snapshot(dir)).keys()].filter((k) => !k.endsWith('/'));
}

export async function readJson(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
}
