import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString, type PDFObject } from 'pdf-lib';

/**
 * Reads a printed PDF back: its page count, the page each named destination
 * is on, and whether it has an outline. Chromium writes a named destination
 * for every element an internal link points to (the contents' links), so this
 * is where the real page numbers of the contents come from.
 */
export interface PdfFacts {
  readonly pages: number;
  /** Destination name → 1-based page number. */
  readonly destinations: ReadonlyMap<string, number>;
  /** Number of top-level outline (bookmark) items. */
  readonly outlineItems: number;
}

export async function readPdfFacts(bytes: Uint8Array): Promise<PdfFacts> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  const pageIndex = new Map<string, number>();
  doc.getPages().forEach((page, index) => pageIndex.set(page.ref.toString(), index + 1));
  const destinations = new Map<string, number>();
  const record = (name: string, value: PDFObject | undefined) => {
    const page = destinationPage(doc, value, pageIndex);
    if (page !== null) destinations.set(name, page);
  };
  // PDF 1.1 style: a /Dests dictionary in the catalog (what Chromium writes).
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (dests) for (const [key, value] of dests.entries()) record(key.decodeText(), value);
  // PDF 1.2 style: a name tree under /Names /Dests.
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const tree = names?.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (tree) walkNameTree(doc, tree, record);
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  let outlineItems = 0;
  let item = outlines?.lookupMaybe(PDFName.of('First'), PDFDict);
  while (item && outlineItems < 100_000) {
    outlineItems += 1;
    item = item.lookupMaybe(PDFName.of('Next'), PDFDict);
  }
  return { pages: doc.getPageCount(), destinations, outlineItems };
}

function destinationPage(doc: PDFDocument, value: PDFObject | undefined, pageIndex: Map<string, number>): number | null {
  let target = value instanceof PDFRef ? doc.context.lookup(value) : value;
  if (target instanceof PDFDict) target = target.lookup(PDFName.of('D'));
  if (!(target instanceof PDFArray)) return null;
  const first = target.get(0);
  return first instanceof PDFRef ? (pageIndex.get(first.toString()) ?? null) : null;
}

function walkNameTree(doc: PDFDocument, node: PDFDict, record: (name: string, value: PDFObject | undefined) => void, depth = 0): void {
  if (depth > 32) return;
  const pairs = node.lookupMaybe(PDFName.of('Names'), PDFArray);
  if (pairs) {
    for (let i = 0; i + 1 < pairs.size(); i += 2) {
      const key = pairs.lookup(i);
      if (key instanceof PDFString || key instanceof PDFHexString) record(key.decodeText(), pairs.get(i + 1));
    }
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  if (kids) {
    for (let i = 0; i < kids.size(); i += 1) {
      const kid = kids.lookup(i);
      if (kid instanceof PDFDict) walkNameTree(doc, kid, record, depth + 1);
    }
  }
}
