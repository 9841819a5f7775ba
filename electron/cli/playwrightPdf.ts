import { chromium, type Browser } from 'playwright-core';
import type { PdfEngine, PdfRenderOptions } from '../services/export/pdf/engine';
import { cancelledError, printJob } from '../services/export/pdf/engine';
import { pageGeometry } from '../services/export/print/printCss';
import { chromiumArgs, findChromium } from './chromium';

/**
 * The print engine outside Electron: Chromium driven by Playwright, printing
 * with page.pdf. Same engine as the app's webContents.printToPDF. The page runs
 * without JavaScript and every request is refused, so nothing in a note can
 * reach the network.
 */
export class PlaywrightPdfEngine implements PdfEngine {
  private browser: Promise<Browser> | null = null;

  constructor(
    private readonly executablePath: () => Promise<string> = () => findChromium(),
    private readonly shared: Browser | null = null,
  ) {}

  private launch(): Promise<Browser> {
    if (this.shared) return Promise.resolve(this.shared);
    this.browser ??= (async () => chromium.launch({ executablePath: await this.executablePath(), args: chromiumArgs, headless: true }))();
    return this.browser;
  }

  async render(html: string, options: PdfRenderOptions, signal: AbortSignal): Promise<Uint8Array> {
    if (signal.aborted) throw cancelledError();
    const browser = await this.launch();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const close = () => context.close().catch(() => undefined);
    return printJob(
      signal,
      () => void close(),
      async () => {
        await context.route('**/*', (route) => route.abort('blockedbyclient'));
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        return page.pdf({
          format: pageGeometry[options.pageSize].size,
          preferCSSPageSize: true,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: options.headerTemplate,
          footerTemplate: options.footerTemplate,
          outline: true,
          tagged: true,
        });
      },
      close,
    );
  }

  async close(): Promise<void> {
    if (!this.browser) return;
    const browser = await this.browser.catch(() => null);
    this.browser = null;
    await browser?.close();
  }
}
