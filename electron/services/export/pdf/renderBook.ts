import type { PageSize } from '../../../core/contract/exportViews';
import type { PrintBook } from '../../../core/print/model';
import type { FsPort } from '../../fs/fsPort';
import { PrintFonts } from '../print/fonts';
import { PrintMarkdown } from '../print/markdown';
import { bookHtml, prepareBook } from '../print/printHtml';
import { throwIfAborted, type PdfEngine } from './engine';
import { paginate, type PaginatedPdf, type PaginateProgress } from './paginate';

export interface RenderBookOptions {
  readonly engine: PdfEngine;
  readonly fs: FsPort;
  /** See PrintFonts: node_modules/@fontsource in a checkout, the app's own copy when built. */
  readonly fontRoot: string;
  readonly pageSize: PageSize;
  readonly signal: AbortSignal;
  readonly onPrepared?: () => void;
  readonly onProgress?: (progress: PaginateProgress) => void;
}

/**
 * The one pipeline: book → one HTML document (Markdown through marked,
 * sanitized with DOMPurify, print CSS, embedded fonts) → Chromium → PDF whose
 * contents carry the real page numbers.
 */
export async function renderBookPdf(book: PrintBook, options: RenderBookOptions): Promise<PaginatedPdf> {
  const fonts = await PrintFonts.load(options.fs, options.fontRoot);
  throwIfAborted(options.signal);
  const prepared = prepareBook(book, await PrintMarkdown.create(), options.pageSize);
  const [fontCss, templateFontCss] = await Promise.all([
    fonts.css(bookHtml(prepared, '', null)),
    fonts.css(`${book.title} ${book.marking} ${book.dateLabel}`, true),
  ]);
  throwIfAborted(options.signal);
  options.onPrepared?.();
  return paginate(prepared, options.engine, fontCss, templateFontCss, options.signal, options.onProgress);
}
