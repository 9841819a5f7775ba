import type { z } from 'zod';
import { AppError } from '../errors';
import { listMethods, type Handlers, type MethodSpec } from './api';
import type { WireResult } from './result';
import { isTrustedSender, type SenderInfo } from './sender';

export interface DispatchOptions {
  readonly appOrigin: string;
  /** Called with unexpected errors (bugs), which reach the user only as a generic message. */
  readonly onInternalError?: (error: unknown, channel: string) => void;
  /** Validate handler results too. On by default; a wrong result is a bug caught at the boundary. */
  readonly checkOutput?: boolean;
}

export type Dispatch = (channel: string, payload: unknown, sender: SenderInfo) => Promise<WireResult<unknown>>;

type AnyHandler = (input: unknown) => Promise<unknown>;

/** Formats zod issues as short lines a person can read: "patch.title: An issue area needs a title". */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'payload';
    return `${where}: ${issue.message}`;
  });
}

/**
 * Turns the handlers into one function that the transport calls (ipcMain in the
 * app, a Playwright binding in tests). It checks the sender, validates the
 * payload, runs the handler and wraps the outcome. It never throws.
 */
export function createDispatch(handlers: Handlers, options: DispatchOptions): Dispatch {
  const table = new Map<string, { spec: MethodSpec; run: AnyHandler; label: string }>();
  for (const entry of listMethods()) {
    const group = handlers[entry.namespace] as Record<string, AnyHandler | undefined>;
    const run = group[entry.name];
    if (typeof run !== 'function') throw new Error(`No handler for ${entry.channel}`);
    table.set(entry.channel, { spec: entry.spec, run: run.bind(group), label: `${entry.namespace}.${entry.name}` });
  }
  const checkOutput = options.checkOutput ?? true;

  return async (channel, payload, sender) => {
    const method = table.get(channel);
    if (!method) {
      return fail('unknown_method', `There is no API method called "${channel}".`);
    }
    if (!isTrustedSender(sender, options.appOrigin)) {
      return fail('untrusted_sender', `${method.label} refused: the request did not come from the app's own window.`);
    }
    const parsed = method.spec.input.safeParse(payload === undefined ? {} : payload);
    if (!parsed.success) {
      return fail('invalid_input', `${method.label} refused: the request is not valid.`, describeIssues(parsed.error));
    }
    try {
      const value = await method.run(parsed.data);
      if (checkOutput) {
        const out = method.spec.output.safeParse(value);
        if (!out.success) {
          options.onInternalError?.(out.error, channel);
          return fail('internal', `${method.label} produced an invalid result. This is a bug; nothing else was affected.`);
        }
        return { ok: true, value: out.data };
      }
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) return fail(error.code, error.message, error.details);
      options.onInternalError?.(error, channel);
      const detail = error instanceof Error ? error.message : String(error);
      return fail('internal', `${method.label} failed unexpectedly: ${detail}`);
    }
  };
}

function fail(code: AppError['code'], message: string, details: readonly string[] = []): WireResult<never> {
  return { ok: false, error: { code, message, details: [...details] } };
}
