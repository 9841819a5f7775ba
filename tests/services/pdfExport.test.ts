import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ExportProgress, PdfExportResult } from '../../electron/core/contract/exportViews';
import type { EventName, EventPayload } from '../../electron/core/contract/events';
import { sampleBook } from '../../electron/core/sample/sampleBook';
import { PlaywrightPdfEngine } from '../../electron/cli/playwrightPdf';
import { sourceFontRoot } from '../../electron/services/export/print/fonts';
import { curlQuotes } from '../../electron/services/export/print/markdown';
import { fixtureBoards, fixtureContent, fixtureSources } from '../fixtures/print/content';
import { noPrintContent } from '../../electron/services/export/ports';
import { ScriptedDesktop } from '../harness/desktop';
import { FaultyFs } from '../harness/faultyFs';
import { repoRoot, tempDir } from '../harness/paths';
import { pageTexts, pdfDests, pdfFonts, pdfInfo, pdfOutline, savePages } from '../harness/poppler';
import { boot, freshDir, type Booted } from './support';

/**
 * The briefing PDF of the sample book, printed through the one pipeline by real
 * Chromium (Playwright's page.pdf, the same engine as the app's printToPDF),
 * with the fixture boards, evidence and sources that Positions and Sources will
 * provide, and read back with poppler: every section, contents numbers that
 * match the pages, the marking and "page X of Y" on every page, Chinese text
 * in an embedded CJK font, the outline, and PNG pages for a person to look at.
 */
const engine = new PlaywrightPdfEngine();
afterAll(async () => {
  await engine.close();
});

interface Exporter {
  readonly b: Booted;
  readonly desktop: ScriptedDesktop;
  readonly events: ExportProgress[];
  readonly dir: string;
}

/** content: the fixture boards and sources (default), none at all (false), or the book's own positions boards ('book'). */
async function exporter(options: { fs?: FaultyFs; content?: boolean | 'book'; dir?: string } = {}): Promise<Exporter> {
  const dir = options.dir ?? (await freshDir('briefing-pdf-'));
  const desktop = new ScriptedDesktop();
  const events: ExportProgress[] = [];
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    if (event === 'pdf.progress') events.push(payload as ExportProgress);
  };
  const b = await boot(join(dir, 'book'), {
    emit,
    today: '2019-01-10',
    ...(options.fs ? { fs: options.fs } : {}),
    exports: {
      desktop,
      engine,
      fontRoot: sourceFontRoot(repoRoot),
      ...(options.content === 'book' ? {} : { content: options.content === false ? noPrintContent : fixtureContent }),
    },
  });
  return { b, desktop, events, dir };
}

const exportInput = { jobId: 'job-1', areaIds: null, includeArchived: false, pageSize: 'a4' } as const;

describe('the briefing PDF of the sample book', () => {
  let ex: Exporter;
  let pdf: string;
  let result: PdfExportResult;
  let pages: string[];
  let layoutPages: string[];
  // Titles print with typographic quotes: Industrial subsidies and “Made in China 2025”.
  const titles = sampleBook.areas.map((a) => curlQuotes(a.title));

  beforeAll(async () => {
    // One folder for the whole block (freshDir would remove it after the first test).
    ex = await exporter({ dir: await tempDir('briefing-pdf-') });
    pdf = join(ex.dir, 'Delegation book.pdf');
    ex.desktop.saveAnswers.push(pdf);
    result = await ex.b.ok<PdfExportResult>('bb:pdf.export', exportInput);
    pages = await pageTexts(pdf);
    layoutPages = await pageTexts(pdf, true);
  }, 120_000);

  test('the user chose where to save it, and the file is a PDF of the reported size', async () => {
    expect(ex.desktop.asked).toEqual([
      {
        kind: 'save',
        title: 'Export briefing PDF',
        defaultName: 'US–China Trade Talks — January 2019 Round 2019-01-10.pdf',
        filters: [{ name: 'PDF document', extensions: ['pdf'] }],
      },
    ]);
    expect(result).toMatchObject({ saved: true, path: pdf });
    const bytes = await readFile(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.byteLength).toBe(result.bytes);
    expect(Number((await pdfInfo(pdf))['Pages'])).toBe(result.pages);
    expect(pages).toHaveLength(result.pages);
    // Nothing but the PDF was left in the folder: the temp file was renamed into place.
    expect((await readdir(ex.dir)).sort()).toEqual(['Delegation book.pdf', 'book']);
  });

  test('the cover holds the title, the marking, the date and prepared for / by', () => {
    const cover = pages[0] ?? '';
    for (const text of [
      sampleBook.title,
      sampleBook.marking,
      '10 January 2019',
      'Head of Delegation',
      'Trade Policy Analysis Unit',
      'United States · China',
    ]) {
      expect(cover).toContain(text);
    }
    expect(cover).toMatch(/PREPARED FOR/);
    expect(cover).toMatch(/PREPARED BY/);
  });

  test('every page has the marking in its running header and footer, and "Page X of Y"', () => {
    const total = pages.length;
    pages.forEach((text, i) => {
      expect(text.split(sampleBook.marking).length - 1, `marking on page ${i + 1}`).toBeGreaterThanOrEqual(2);
      expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${total}`);
    });
  });

  test('every section is there, starting on the page the contents gives, and the contents links land there', async () => {
    const contents = layoutPages[1] ?? '';
    expect(contents).toContain('Contents');
    const dests = await pdfDests(pdf);
    titles.forEach((title, index) => {
      // The contents line of the area: its title, then its page number at the end of the entry.
      const at = contents.indexOf(title);
      expect(at, `"${title}" in the contents`).toBeGreaterThan(-1);
      const number = Number(/\s(\d+)\s*$/m.exec(contents.slice(at).split('\n').slice(0, 3).join('\n'))?.[1]);
      // Where the section really starts: the page with its heading "Issue area n of 8" followed by the title.
      const starts = pages.findIndex((p) => p.includes(`ISSUE AREA ${index + 1} OF ${titles.length}`) && p.includes(title)) + 1;
      expect(starts, `${title} starts`).toBeGreaterThan(2);
      expect(number, `contents number of ${title}`).toBe(starts);
      expect(dests.get(`area-${sampleBook.areas[index]?.id ?? ''}`), `link target of ${title}`).toBe(starts);
    });
    const sourcesPage = pages.findIndex((p) => p.includes('Every source quoted in the evidence notes')) + 1;
    expect(sourcesPage).toBe(pages.length);
    expect(contents).toMatch(new RegExp(`Sources[\\s\\S]*?${sourcesPage}\\s*$`, 'm'));
  });

  test('each area prints its summary, status, priority and briefing note', () => {
    // Straight quotes print as typographic ones.
    const plain = (t: string) => t.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, ' ');
    const text = pages.join('\n');
    for (const area of sampleBook.areas) {
      expect(plain(text), area.title).toContain(plain(area.summary.split(/\s+/).slice(0, 8).join(' ')));
    }
    const first = pages[2] ?? '';
    expect(first).toMatch(/STATUS\s+Progressing/);
    expect(first).toMatch(/PRIORITY\s+High/);
    expect(first).toContain('Where we stand');
    expect(text).toContain('Briefing note');
  });

  test('Chinese text is printed, in a CJK font embedded in the PDF', async () => {
    const text = pages.join('').replace(/\s+/g, '');
    expect(text).toContain('商务部新闻发言人高峰表示');
    expect(text).toContain('后续磋商正在安排中');
    const fonts = await pdfFonts(pdf);
    const cjk = fonts.filter((f) => /NotoSerifSC|NotoSansSC/.test(f.name));
    expect(cjk.length).toBeGreaterThan(0);
    expect(cjk.every((f) => f.embedded && f.type.includes('TrueType'))).toBe(true);
    expect(fonts.some((f) => f.name.includes('SourceSerif4') && f.embedded)).toBe(true);
    // No glyph drawn as a nameless Type 3 font: every face is a real, embedded font.
    expect(fonts.filter((f) => f.type.startsWith('Type 3'))).toEqual([]);
  });

  test('the positions table: a column per party, rows that never split, the header repeated on a new page', () => {
    const board = fixtureBoards['intellectual-property']!;
    const boardPages = pages
      .map((p, i) => ({ p: p.replace(/\s+/g, ' '), i }))
      .filter(({ p }) => board.points.some((pt) => p.includes(pt.title)));
    expect(boardPages.length).toBeGreaterThan(1);
    for (const { i } of boardPages) {
      // The header row, as one line of the laid-out page, above the first point of the page.
      const layout = layoutPages[i] ?? '';
      const header = layout.search(/Point\s+United States\s+China\s+Assessment/);
      expect(header, `header row on page ${i + 1}`).toBeGreaterThan(-1);
      // Every row of the page comes after it: its first stance kind label is below the header.
      expect(header).toBeLessThan(layout.search(/DEMAND|RED LINE/));
    }
    for (const point of board.points) {
      const on = boardPages.filter(({ p }) => p.includes(point.title));
      expect(on, point.title).toHaveLength(1);
      // The whole row is on that one page: its stances' last words are there too.
      expect(on[0]!.p).toContain(`large enough to deter repeat offenders.`);
    }
    const techText = (pages[2] ?? '').replace(/\s+/g, ' ');
    expect(techText).toContain('Joint-venture requirements');
    expect(techText).toMatch(/DEMAND/);
    expect(techText).toMatch(/RED LINE/);
    expect(techText).toContain('No stated position');
  });

  test('evidence prints as numbered notes quoting the source with outlet and date, and the sources appendix lists every source', () => {
    const text = pages.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Evidence');
    expect(text).toMatch(
      /“The talks raised forced technology transfer, intellectual property, non-tariff barriers and cyber theft\.” Office of the US Trade Representative, 9 January 2019/,
    );
    const appendix = (pages.at(-1) ?? '').replace(/\s+/g, ' ');
    fixtureSources.forEach((source, i) => {
      expect(appendix).toContain(`S${i + 1}`);
      expect(appendix).toContain(source.title);
      expect(appendix).toContain(source.url);
    });
  });

  test('the PDF has an outline: every area, with its sections under it', async () => {
    const outline = await pdfOutline(pdf);
    for (const title of ['Contents', ...titles, 'Sources']) expect(outline.map((o) => o.title)).toContain(title);
    expect(outline.filter((o) => o.title === 'Briefing note')).toHaveLength(titles.length);
    const dests = await pdfDests(pdf);
    for (const area of sampleBook.areas) {
      expect(outline.find((o) => o.title === curlQuotes(area.title))?.page).toBe(dests.get(`area-${area.id}`));
    }
  });

  test('pages saved as PNG for a person to look at: cover, contents, an area, a positions page', async () => {
    const continuation = pages.findIndex((p, i) => i > 4 && p.includes('Preliminary injunctions')) + 1;
    const saved = await savePages(pdf, 'pdf', {
      '01-cover': 1,
      '02-contents': 2,
      '03-area-with-positions': 3,
      '04-positions-continued': continuation,
      '05-evidence': 4,
      '06-sources': pages.length,
    });
    expect(saved).toHaveLength(6);
  });
});

describe('exporting', () => {
  test('progress runs from gathering to done, in order', async () => {
    const ex = await exporter({ content: false });
    ex.desktop.saveAnswers.push(join(ex.dir, 'out.pdf'));
    await ex.b.ok('bb:pdf.export', exportInput);
    const stages = ex.events.map((e) => e.stage);
    expect(stages[0]).toBe('collecting');
    expect(stages.at(-1)).toBe('done');
    expect(stages).toContain('layout');
    expect(stages).toContain('numbering');
    expect(stages).toContain('writing');
    const fractions = ex.events.map((e) => e.fraction);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(ex.events.at(-1)?.fraction).toBe(1);
    expect(ex.events.every((e) => e.jobId === 'job-1')).toBe(true);
  });

  test("the book's own positions boards print side by side, with their quotes as numbered evidence notes", async () => {
    const ex = await exporter({ content: 'book' });
    const out = join(ex.dir, 'own-boards.pdf');
    ex.desktop.saveAnswers.push(out);
    await ex.b.ok<PdfExportResult>('bb:pdf.export', { ...exportInput, areaIds: ['forced-technology-transfer'] });
    const pages = await pageTexts(out);
    const text = pages.join('\n');
    const board = pages.findIndex((p) => p.includes('Joint-venture requirements'));
    expect(board).toBeGreaterThan(0);
    const page = pages[board] ?? '';
    // The party columns in the book's order, then the assessment.
    const table = page.slice(page.indexOf('Positions'));
    expect(table).toMatch(/^Positions\s+Point\s+Joint-venture/);
    expect(table.indexOf('United States')).toBeGreaterThan(0);
    expect(table.indexOf('United States')).toBeLessThan(table.indexOf('China'));
    expect(table.indexOf('China')).toBeLessThan(table.indexOf('Assessment'));
    expect(table).toContain('End joint-venture and foreign');
    expect(table).toContain('No stated position');
    expect(text).toContain('Licensing terms');
    // The quote a stance cites is evidence note 1, with outlet and date, read from the Sources
    // library, and its source is listed in the appendix with its address.
    const notes = pages.findIndex((p) => /Evidence\s+1\s/.test(p));
    expect(notes).toBeGreaterThanOrEqual(board);
    await savePages(out, 'pdf', { 'own-board': board + 1, 'own-evidence': notes + 1 });
    const evidence = (pages[notes] ?? '').replace(/\s+/g, ' ');
    expect(evidence).toContain('双方在结构性问题上取得了进展');
    expect(evidence).toMatch(/Ministry of Commerce \(MOFCOM\), 10 January 2019 — 商务部新闻发言人.*\[S1\]/);
    expect(evidence).not.toContain('source removed');
    const appendix = pages.findIndex((p) => p.includes('Every source quoted'));
    expect(appendix).toBeGreaterThan(notes - 1);
    expect((pages[appendix] ?? '').replace(/\s+/g, ' ')).toMatch(/S1 商务部新闻发言人.*Ministry of Commerce \(MOFCOM\), 10 January 2019/);

    // Once the source is deleted, the note keeps the last-known quote and says why it can't be checked.
    await ex.b.ok('bb:sources.delete', { id: 'src-mofcom-briefing' });
    const again = join(ex.dir, 'source-gone.pdf');
    ex.desktop.saveAnswers.push(again);
    await ex.b.ok<PdfExportResult>('bb:pdf.export', { ...exportInput, jobId: 'job-2', areaIds: ['forced-technology-transfer'] });
    const after = (await pageTexts(again)).join('\n').replace(/\s+/g, ' ');
    expect(after).toContain('双方在结构性问题上取得了进展');
    expect(after).toContain('(source removed from the book)');
    // The appendix now lists only the source the note still cites (the wire report), not the deleted one.
    expect(after).not.toMatch(/S\d 商务部新闻发言人/);
    expect(after).toMatch(/S1 US and China add a third day to Beijing trade talks/);
  });

  test('a book without boards or sources prints no positions, evidence or appendix', async () => {
    const ex = await exporter({ content: false });
    const out = join(ex.dir, 'plain');
    ex.desktop.saveAnswers.push(out);
    const result = await ex.b.ok<PdfExportResult>('bb:pdf.export', exportInput);
    // The extension is added when the user typed a name without one.
    expect(result.path).toBe(`${out}.pdf`);
    const text = (await pageTexts(`${out}.pdf`)).join('\n');
    expect(text).not.toContain('Positions');
    expect(text).not.toContain('Every source quoted');
    expect(text).toContain('Enforcement and verification');
  });

  test('selected areas print alone, in book order, and say so on the cover', async () => {
    const ex = await exporter({ content: false });
    const out = join(ex.dir, 'two.pdf');
    ex.desktop.saveAnswers.push(out);
    await ex.b.ok('bb:pdf.export', { ...exportInput, areaIds: ['enforcement', 'tariffs-deadline'] });
    const pages = await pageTexts(out);
    const text = pages.join('\n');
    expect(text).toContain('selected issue areas (2 of 8)');
    expect(text.indexOf('ISSUE AREA 1 OF 2')).toBeLessThan(text.indexOf('ISSUE AREA 2 OF 2'));
    expect(pages.find((p) => p.includes('ISSUE AREA 1 OF 2'))).toContain('Tariffs and the 2 March deadline');
    expect(text).not.toContain('Forced technology transfer');
    // An unknown area is refused before any dialog opens.
    const missing = await ex.b.call('bb:pdf.export', { ...exportInput, jobId: 'job-2', areaIds: ['no-such-area'] });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toContain('"no-such-area" does not exist');
    expect(ex.desktop.asked).toHaveLength(1);
  });

  test('closing the save dialog exports nothing', async () => {
    const ex = await exporter({ content: false });
    ex.desktop.saveAnswers.push(null);
    expect(await ex.b.ok('bb:pdf.export', exportInput)).toEqual({ saved: false, path: null, pages: 0, bytes: 0 });
    expect(ex.events).toEqual([]);
    expect(await readdir(ex.dir)).toEqual(['book']);
  });

  test('Cancel stops a running export; the file that was there before is untouched and no temp file is left', async () => {
    const ex = await exporter();
    const out = join(ex.dir, 'book.pdf');
    await writeFile(out, 'the previous good PDF');
    ex.desktop.saveAnswers.push(out);
    const running = ex.b.call('bb:pdf.export', exportInput);
    await expect.poll(() => ex.events.some((e) => e.stage === 'layout'), { timeout: 30_000, interval: 5 }).toBe(true);
    expect(await ex.b.ok('bb:pdf.cancel', { jobId: 'job-1' })).toEqual({ cancelled: true });
    const result = await running;
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('cancelled');
      expect(result.error.message).toMatch(/cancelled\. No file was written/);
    }
    expect(await readFile(out, 'utf8')).toBe('the previous good PDF');
    expect((await readdir(ex.dir)).sort()).toEqual(['book', 'book.pdf']);
    // Nothing is running any more: another job is not cancelled, and a new export works.
    expect(await ex.b.ok('bb:pdf.cancel', { jobId: 'job-1' })).toEqual({ cancelled: false });
  });

  test('a full disk while saving leaves the earlier file in place and no temp file, with a clear message', async () => {
    const fs = new FaultyFs();
    const ex = await exporter({ fs, content: false });
    const out = join(ex.dir, 'book.pdf');
    await writeFile(out, 'the previous good PDF');
    fs.failOp('write', 'ENOSPC', { path: (p) => p.includes('book.pdf'), permanent: true });
    ex.desktop.saveAnswers.push(out);
    const result = await ex.b.call('bb:pdf.export', exportInput);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('storage');
      expect(result.error.message).toBe(
        'The PDF could not be saved: the disk is full. No file was written, and anything already at that place was left as it was.',
      );
    }
    expect(await readFile(out, 'utf8')).toBe('the previous good PDF');
    expect((await readdir(ex.dir)).sort()).toEqual(['book', 'book.pdf']);
    expect(fs.calls.some((c) => c.op === 'rename' && c.path.includes('book.pdf'))).toBe(false);
  });

  test('one export at a time; Open and Show in folder work on what was exported, and only on that', async () => {
    const ex = await exporter({ content: false });
    const out = join(ex.dir, 'a.pdf');
    ex.desktop.saveAnswers.push(out, join(ex.dir, 'b.pdf'));
    const first = ex.b.call('bb:pdf.export', exportInput);
    await expect.poll(() => ex.events.length > 0, { interval: 5 }).toBe(true);
    const second = await ex.b.call('bb:pdf.export', { ...exportInput, jobId: 'job-2' });
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error.code).toBe('conflict');
    expect((await first).ok).toBe(true);
    expect(await ex.b.ok('bb:pdf.open', { jobId: 'job-1' })).toBeNull();
    expect(await ex.b.ok('bb:pdf.reveal', { jobId: 'job-1' })).toBeNull();
    expect(ex.desktop.opened).toEqual([out]);
    expect(ex.desktop.shown).toEqual([out]);
    const unknown = await ex.b.call('bb:pdf.open', { jobId: 'job-2' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('not_found');
  });
});
