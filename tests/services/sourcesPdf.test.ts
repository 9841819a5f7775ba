import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { PdfExportResult } from '../../electron/core/contract/exportViews';
import { sampleQuotes } from '../../electron/core/sample/samplePositions';
import { PlaywrightPdfEngine } from '../../electron/cli/playwrightPdf';
import { sourceFontRoot } from '../../electron/services/export/print/fonts';
import { ScriptedDesktop } from '../harness/desktop';
import { repoRoot } from '../harness/paths';
import { pageTexts, savePages } from '../harness/poppler';
import { boot, freshDir, type Booted } from './support';

/**
 * The briefing PDF with the Sources feature behind it (the app's own wiring, no fixtures):
 * the boards' evidence notes quote the sample sources, citations in the notes print as
 * numbered references to the sources appendix, and the appendix lists each source with its
 * title, outlet, date and the passages the book quotes. Read back with pdftotext.
 */
const engine = new PlaywrightPdfEngine();
const started: Booted[] = [];
afterAll(async () => {
  for (const b of started) await b.services.shutdown();
  await engine.close();
});

async function exportPdf(areaIds: string[] | null, before?: (b: Booted) => Promise<void>): Promise<{ pages: string[]; pdf: string }> {
  const dir = await freshDir('briefing-sources-pdf-');
  const desktop = new ScriptedDesktop();
  const b = await boot(join(dir, 'book'), { today: '2019-01-10', exports: { desktop, engine, fontRoot: sourceFontRoot(repoRoot) } });
  started.push(b);
  await before?.(b);
  const pdf = join(dir, 'book.pdf');
  desktop.saveAnswers.push(pdf);
  await b.ok<PdfExportResult>('bb:pdf.export', { jobId: 'job-1', areaIds, includeArchived: false, pageSize: 'a4' });
  return { pages: (await pageTexts(pdf)).map((p) => p.replace(/\s+/g, ' ')), pdf };
}

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('the briefing PDF quotes the sources', () => {
  test('evidence notes, citations in notes as numbered references, and the sources appendix with the passages quoted', async () => {
    const { pages, pdf } = await exportPdf(['tariffs-deadline', 'forced-technology-transfer']);
    const text = pages.join('\n');
    const appendixAt = pages.findIndex((p) => p.includes('Every source quoted'));
    expect(appendixAt).toBeGreaterThan(0);
    const appendix = pages.slice(appendixAt).join(' ');
    // The appendix: the sources in the order first cited (areas print in book order: forced technology transfer
    // first), each with title, outlet, date and address, and the passages quoted from it.
    const mofcom = sampleQuotes.structuralProgress;
    expect(appendix).toContain(`S1 ${mofcom.title}. ${mofcom.outlet}, 10 January 2019. “${mofcom.quote}”`);
    const wire = sampleQuotes.tariffRise;
    expect(appendix).toContain(`S2 ${wire.title}. ${wire.outlet}, 9 January 2019. https://wire.example.com/`);
    expect(appendix).toContain(flat(`“${wire.quote}”`));
    expect(appendix).toContain(flat(`“${sampleQuotes.denyForced.quote}”`));
    // Nothing else in the library is listed: the USTR readout and the round-ends wire are not quoted by these two areas.
    expect(appendix).not.toContain(sampleQuotes.verification.title);

    // The tariffs note's citation: the quote, then the reference to S2 (a superscript, extracted as "S2").
    const tariffs = pages.find((p) => p.includes('The deadline as reported from Beijing:')) ?? '';
    expect(tariffs).toMatch(/will rise from 10% to 25%\.”\s*S2/);
    expect(tariffs).not.toContain('source removed');
    // The evidence notes under the boards point at the appendix too.
    expect(text).toMatch(/Ministry of Commerce \(MOFCOM\), 10 January 2019 — 商务部新闻发言人[^[]*\[S1\]/);
    expect(text).toMatch(/Meridian Wire, 9 January 2019 — US and China add a third day to Beijing trade talks \[S2\]/);
    const notePage = pages.findIndex((p) => p.includes('The deadline as reported from Beijing:'));
    await savePages(pdf, 'pdf', { 'sources-note-citation': notePage + 1, 'sources-appendix': appendixAt + 1 });
  }, 120_000);

  test('a deleted source leaves the appendix, and the notes that cite it say so', async () => {
    const { pages } = await exportPdf(['tariffs-deadline'], async (b) => {
      await b.ok('bb:sources.delete', { id: sampleQuotes.tariffRise.sourceId });
    });
    const text = pages.join('\n');
    const tariffs = pages.find((p) => p.includes('The deadline as reported from Beijing:')) ?? '';
    expect(tariffs).toMatch(/will rise from 10% to 25%\.” \(source removed from the book\)/);
    expect(text).not.toContain(`S1 ${sampleQuotes.tariffRise.title}`);
  }, 120_000);
});
