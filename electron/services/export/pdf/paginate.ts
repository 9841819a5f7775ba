import { AppError } from '../../../core/errors';
import { bookHtml, headerTemplate, footerTemplate, type PreparedBook } from '../print/printHtml';
import { readPdfFacts } from './destinations';
import { throwIfAborted, type PdfEngine } from './engine';

export interface PaginateProgress {
  readonly pass: number;
  readonly phase: 'layout' | 'numbering';
  readonly pages: number | null;
}

export interface PaginatedPdf {
  readonly pdf: Uint8Array;
  readonly pages: number;
  /** Anchor → the page it starts on, as printed in the contents. */
  readonly pageNumbers: ReadonlyMap<string, number>;
  /** How many times Chromium laid the book out. */
  readonly passes: number;
}

/** Enough for any book: the contents only grow by whole pages, and each pass settles at least one more. */
export const MAX_PASSES = 6;

/**
 * Prints the book with the contents' real page numbers. Pass 1 lays the book
 * out with the numbers blank and reads, from the PDF itself, the page each
 * contents link lands on. The next pass prints those numbers and is read back
 * too; once a pass finds every number where the previous one put it, that PDF
 * is the result. Numbers are never estimated.
 */
export async function paginate(
  prepared: PreparedBook,
  engine: PdfEngine,
  fontCss: string,
  templateFontCss: string,
  signal: AbortSignal,
  onProgress: (progress: PaginateProgress) => void = () => undefined,
): Promise<PaginatedPdf> {
  const options = {
    pageSize: prepared.pageSize,
    headerTemplate: headerTemplate(prepared.book, templateFontCss),
    footerTemplate: footerTemplate(prepared.book, templateFontCss),
  };
  const anchors = prepared.contents.map((e) => e.anchor);
  let printed: ReadonlyMap<string, number> | null = null;
  for (let pass = 1; pass <= MAX_PASSES; pass += 1) {
    throwIfAborted(signal);
    onProgress({ pass, phase: pass === 1 ? 'layout' : 'numbering', pages: null });
    const pdf = await engine.render(bookHtml(prepared, fontCss, printed), options, signal);
    throwIfAborted(signal);
    const facts = await readPdfFacts(pdf);
    const found = new Map<string, number>();
    const missing: string[] = [];
    for (const anchor of anchors) {
      const page = facts.destinations.get(anchor);
      if (page === undefined) missing.push(anchor);
      else found.set(anchor, page);
    }
    if (missing.length > 0) {
      throw new AppError(
        'internal',
        'The PDF could not be numbered: Chromium did not mark where some sections start.',
        missing.slice(0, 5),
      );
    }
    onProgress({ pass, phase: pass === 1 ? 'layout' : 'numbering', pages: facts.pages });
    if (printed !== null && sameNumbers(printed, found)) {
      return { pdf, pages: facts.pages, pageNumbers: found, passes: pass };
    }
    printed = found;
  }
  throw new AppError('internal', `The page numbers of the contents did not settle after ${MAX_PASSES} layout passes.`);
}

function sameNumbers(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}
