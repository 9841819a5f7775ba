import type { WireResult } from '../../electron/core/contract/result';

/** Runs a service call the main process makes, turning a thrown error into a failed result as dispatch does. */
export async function service(run: () => Promise<unknown>): Promise<WireResult<unknown>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    const e = error as { code?: unknown; message?: unknown; details?: unknown };
    return {
      ok: false,
      error: {
        code: typeof e.code === 'string' ? (e.code as 'storage') : 'internal',
        message: typeof e.message === 'string' ? e.message : String(error),
        details: Array.isArray(e.details) ? (e.details as string[]) : [],
      },
    };
  }
}
