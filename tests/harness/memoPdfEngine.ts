import { createHash } from 'node:crypto';
import { PlaywrightPdfEngine } from '../../electron/cli/playwrightPdf';
import type { PdfEngine, PdfRenderOptions } from '../../electron/services/export/pdf/engine';

/**
 * The real print engine (Chromium through Playwright, as the command line and
 * the PDF tests use it), remembering what it printed: the same HTML with the
 * same options gives the same PDF, so tests that export the same book hundreds
 * of times (each file operation failing in turn, power cut at each one) pay for
 * Chromium once per distinct document. Every PDF is one Chromium really made.
 */
export class MemoPdfEngine implements PdfEngine {
  private readonly printed = new Map<string, Uint8Array>();
  /** How many documents Chromium really printed. */
  renders = 0;

  constructor(private readonly engine: PlaywrightPdfEngine = new PlaywrightPdfEngine()) {}

  async render(html: string, options: PdfRenderOptions, signal: AbortSignal): Promise<Uint8Array> {
    const key = createHash('sha256').update(JSON.stringify(options)).update(html).digest('hex');
    const known = this.printed.get(key);
    if (known) return known.slice();
    const pdf = await this.engine.render(html, options, signal);
    this.renders += 1;
    this.printed.set(key, pdf.slice());
    return pdf;
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}

let shared: MemoPdfEngine | null = null;

/** One engine for a test file; close it in afterAll with closeSharedEngine. */
export function sharedPdfEngine(): MemoPdfEngine {
  shared ??= new MemoPdfEngine();
  return shared;
}

export async function closeSharedEngine(): Promise<void> {
  const engine = shared;
  shared = null;
  await engine?.close();
}
