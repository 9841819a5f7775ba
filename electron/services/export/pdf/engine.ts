import type { PageSize } from '../../../core/contract/exportViews';
import { AppError } from '../../../core/errors';

/**
 * Prints one HTML document to PDF with Chromium. In the app this is
 * webContents.printToPDF in a hidden, sandboxed window (electron/main); in
 * tests and on the command line it is Playwright's page.pdf (electron/cli).
 * Both are Chromium, so they lay the pages out the same way.
 */
export interface PdfRenderOptions {
  readonly pageSize: PageSize;
  readonly headerTemplate: string;
  readonly footerTemplate: string;
}

export interface PdfEngine {
  /** Rejects with a 'cancelled' AppError once `signal` aborts. */
  render(html: string, options: PdfRenderOptions, signal: AbortSignal): Promise<Uint8Array>;
}

/** Where no Chromium is available (a misconfigured install): every export says so. */
export const unavailablePdfEngine: PdfEngine = {
  async render() {
    throw new AppError('internal', 'PDF export is not available in this build of Briefing Book (no print engine was provided).');
  },
};

export function cancelledError(): AppError {
  return new AppError('cancelled', 'The export was cancelled. No file was written.');
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw cancelledError();
}

/**
 * One print job that `signal` can stop: `stop` (close the page or window) runs on abort, and the job ends with
 * the 'cancelled' error at once, whether or not the print under way notices its page going (a print engine can
 * keep waiting on a page that is being closed). `cleanup` runs at the end either way; after a cancel it is not
 * waited for, for the same reason.
 */
export async function printJob(
  signal: AbortSignal,
  stop: () => void,
  job: () => Promise<{ readonly buffer: ArrayBufferLike; readonly byteOffset: number; readonly byteLength: number }>,
  cleanup: () => Promise<void> | void,
): Promise<Uint8Array> {
  throwIfAborted(signal);
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => {
      stop();
      reject(cancelledError());
    };
  });
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const running = job();
    // Once cancelled, how the print under way ends no longer matters.
    running.catch(() => undefined);
    const pdf = await Promise.race([running, aborted]);
    throwIfAborted(signal);
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } catch (error) {
    throwIfAborted(signal);
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
    aborted.catch(() => undefined);
    const cleaned = Promise.resolve()
      .then(cleanup)
      .catch(() => undefined);
    if (!signal.aborted) await cleaned;
  }
}
