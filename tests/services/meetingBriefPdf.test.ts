import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PdfExportResult } from '../../electron/core/contract/exportViews';
import { SAMPLE_MEETING_NEXT } from '../../electron/core/sample/sampleMeetings';
import { PlaywrightPdfEngine } from '../../electron/cli/playwrightPdf';
import { sourceFontRoot } from '../../electron/services/export/print/fonts';
import { ScriptedDesktop } from '../harness/desktop';
import { LibraryEvidenceResolver } from '../harness/evidence';
import { repoRoot, tempDir } from '../harness/paths';
import { pageTexts, pdfDests, pdfFonts, savePages } from '../harness/poppler';
import { boot, type Booted } from './support';

/**
 * The sample book's prepared meeting printed as a meeting brief through the export pipeline, by real
 * Chromium, read back with poppler: the cover with the marking, the agenda with the page each item
 * starts on, the participants, a section per item, the marking and "Page X of Y" on every page.
 */
const engine = new PlaywrightPdfEngine();
let b: Booted;
let desktop: ScriptedDesktop;
let pdf: string;
let result: PdfExportResult;
let pages: string[];

beforeAll(async () => {
  const dir = await tempDir('briefing-meeting-pdf-');
  desktop = new ScriptedDesktop();
  b = await boot(join(dir, 'book'), {
    today: '2019-01-10',
    evidence: new LibraryEvidenceResolver(),
    exports: { desktop, engine, fontRoot: sourceFontRoot(repoRoot) },
  });
  await b.ok('bb:book.open');
  pdf = join(dir, 'washington-brief');
  desktop.saveAnswers.push(pdf);
  result = await b.ok<PdfExportResult>('bb:meetings.exportBrief', { id: SAMPLE_MEETING_NEXT, pageSize: 'a4', viewerZone: 'Asia/Shanghai' });
  pdf = `${pdf}.pdf`;
  pages = await pageTexts(pdf);
}, 120_000);

afterAll(async () => {
  await b.services.shutdown();
  await engine.close();
});

const MARKING = 'SENSITIVE — NEGOTIATING TEAM ONLY';
const ITEMS = [
  'Forced technology transfer',
  'Enforcement and verification',
  'Purchase commitments',
  'Calendar to 2 March and the next meeting',
];

describe('the meeting brief PDF', () => {
  test('is saved where the user chose, with a name from the meeting', () => {
    expect(result).toMatchObject({ saved: true, path: pdf });
    expect(result.pages).toBe(pages.length);
    expect(desktop.asked[0]).toMatchObject({
      kind: 'save',
      title: 'Export meeting brief',
      defaultName: 'Washington round — opening plenary 2019-01-30.pdf',
    });
  });

  test('the cover carries the marking, the title, both clocks and the round', () => {
    const cover = pages[0] ?? '';
    expect(cover.toLowerCase()).toContain('meeting brief');
    expect(cover).toContain('Washington round — opening plenary');
    expect(cover).toContain(MARKING);
    expect(cover).toContain('Wed 30 Jan 2019, 09:30 New York time (GMT−5)');
    // The reader's zone was Beijing: 22:30 the same day.
    expect(cover).toContain('Wed 30 Jan 2019, 22:30 Shanghai time (GMT+8)');
    expect(cover).toContain('Washington ministerial talks');
  });

  test('the agenda lists every item with the page it starts on, and those pages are right', async () => {
    // Read with the layout kept, so that each entry and its page number stay on one line.
    const agenda = (await pageTexts(pdf, true))[1] ?? '';
    expect(agenda).toContain('Agenda');
    const dests = await pdfDests(pdf);
    for (const [i, title] of ITEMS.entries()) {
      const line = agenda.split('\n').find((l) => l.includes(title));
      expect(line, title).toBeDefined();
      const page = Number(/(\d+)\s*$/.exec(line ?? '')?.[1]);
      expect(page, title).toBeGreaterThan(2);
      expect(pages[page - 1]?.toLowerCase(), `${title} on page ${page}`).toContain(`agenda item ${i + 1} of ${ITEMS.length}`);
      expect(pages[page - 1]).toContain(title);
    }
    expect(dests.size).toBeGreaterThanOrEqual(ITEMS.length + 1);
    const participants = agenda.split('\n').find((l) => l.includes('Objectives and participants'));
    const pPage = Number(/(\d+)\s*$/.exec(participants ?? '')?.[1]);
    expect(pages[pPage - 1]).toContain('Vice Premier (counterpart)');
    expect(pages[pPage - 1]).toContain('Head of Delegation');
  });

  test('each item has its positions, talking points, asks and offers; every page has the marking and its number', () => {
    const all = pages.join('\n');
    expect(all).toContain('Positions now');
    expect(all).toContain('No joint-venture or licensing condition may require a transfer of technology.');
    expect(all).toContain('A two-tier review mechanism with fixed dates');
    expect(all).toContain('Questions to raise');
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain(MARKING);
      expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  test('fonts are embedded, and the pages are saved as PNG for a person to look at', async () => {
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    const saved = await savePages(pdf, 'meeting-brief-pdf', { cover: 1, agenda: 2, participants: 3, 'first-item': 4, last: pages.length });
    expect(saved).toHaveLength(5);
  });

  test('Cancel in the save dialog writes nothing', async () => {
    desktop.saveAnswers.push(null);
    expect(await b.ok('bb:meetings.exportBrief', { id: SAMPLE_MEETING_NEXT, pageSize: 'letter' })).toEqual({
      saved: false,
      path: null,
      pages: 0,
      bytes: 0,
    });
  });
});
