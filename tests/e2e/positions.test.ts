import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sampleBook } from '../../electron/core/sample/sampleBook';
import { scanAccessibility } from '../harness/axe';
import { LibraryEvidenceResolver } from '../harness/evidence';
import { closeAll, launchApp, type AppHandle } from '../harness/launch';
import { screenshotPath, tempDir } from '../harness/paths';

/**
 * Positions side by side, end to end in real Chromium with the real handlers and store: a board
 * for "Forced technology transfer" built from the keyboard with three points, two parties and
 * evidence on one cell; a point moved from open to narrowing across two rounds, with its history
 * and "what changed since"; undo; copy as Markdown; a restart that finds everything again.
 * The book starts without sample positions, so the board is built from nothing.
 */
let app: AppHandle;
let dataDir: string;
const AREA = 'forced-technology-transfer';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage: false });
}

function grid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Positions on Forced technology transfer' });
}

function cell(page: Page, row: number, col: number): Locator {
  return grid(page).locator('tbody tr').nth(row).locator('td').nth(col);
}

async function focused(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-cell') ?? document.activeElement?.tagName ?? null);
}

async function areaOnDisk(): Promise<{
  board: {
    points: {
      id: string;
      title: string;
      status: string;
      stances: { partyId: string; text: string; kind: string; evidence: { annotationId: string }[] }[];
      deletedAt: string | null;
    }[];
  };
}> {
  return JSON.parse(await readFile(join(dataDir, 'areas', `${AREA}.json`), 'utf8')) as never;
}

async function openBoard(page: Page): Promise<void> {
  await page.locator('.area-link', { hasText: 'Forced technology transfer' }).click();
  await page.getByRole('tab', { name: /^Positions/ }).click();
  await page.locator('.pos-board').waitFor();
}

beforeAll(async () => {
  dataDir = await tempDir('briefing-e2e-positions-');
  app = await launchApp({
    dataDir,
    colorScheme: 'light',
    viewport: { width: 1440, height: 900 },
    services: { evidence: new LibraryEvidenceResolver(), sample: { ...sampleBook, positions: undefined } },
  });
});

afterAll(async () => {
  await app.close();
  await closeAll();
});

describe('positions side by side in real Chromium', () => {
  test('the two rounds are entered; the first becomes the current one', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Negotiation rounds' }).click();
    const form = page.getByRole('form', { name: 'New round' });
    await form.getByLabel('Name').fill("Buenos Aires leaders' meeting");
    await form.getByLabel('From').fill('2018-12-01');
    await form.getByLabel('Place').fill('Buenos Aires');
    await form.getByRole('button', { name: 'Add round' }).click();
    await page.getByRole('rowheader', { name: /Buenos Aires leaders' meeting/ }).waitFor();
    await form.getByLabel('Name').fill('Beijing vice-ministerial talks');
    await form.getByLabel('From').fill('2019-01-07');
    await form.getByLabel('To').fill('2019-01-09');
    await form.getByLabel('Place').fill('Beijing');
    await form.getByRole('button', { name: 'Add round' }).click();
    await page.getByRole('rowheader', { name: /Beijing vice-ministerial talks/ }).waitFor();
    const rows = page.locator('.pos-rounds-table tbody tr');
    expect(await rows.locator('th').allTextContents()).toEqual(["Buenos Aires leaders' meetingcurrent", 'Beijing vice-ministerial talks']);
    expect(await rows.nth(1).locator('td').first().textContent()).toBe('7–9 Jan 2019');
  });

  test('builds a board of three points from the keyboard, with two parties and a quote on one cell', async () => {
    const { page } = app;
    await openBoard(page);
    await page.getByRole('button', { name: 'Add the first point' }).click();
    const title = page.getByLabel('New point');
    for (const t of ['Joint-venture requirements', 'Licensing terms', 'Administrative approvals']) {
      await title.fill(t);
      await title.press('Enter');
      await expect.poll(() => grid(page).locator('.pos-point-title').allTextContents()).toContain(t);
    }
    await title.press('Escape');
    expect(await grid(page).locator('thead th').allTextContents()).toEqual([
      'Point',
      'Status',
      'United States',
      'China',
      'Our assessment of the gap',
    ]);
    // Escape put the keyboard back on the board: on the first point.
    await expect.poll(() => focused(page)).toMatch(/:0$/);

    // Arrows to the United States cell of the first point, Enter edits, Escape saves and leaves.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const usEditor = page.getByRole('group', { name: "Edit United States's stance on Joint-venture requirements" });
    await usEditor.getByLabel('Kind').selectOption('demand');
    await page.keyboard.type('End joint-venture and equity requirements used as a lever for technology.');
    await page.keyboard.press('Escape');
    await expect.poll(() => cell(page, 0, 2).textContent()).toContain('End joint-venture and equity requirements');
    expect(await cell(page, 0, 2).locator('.pos-kind').textContent()).toBe('Demand');
    await expect.poll(() => focused(page)).toMatch(/:2$/);

    // China's cell, with a quote from a source.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const cnEditor = page.getByRole('group', { name: "Edit China's stance on Joint-venture requirements" });
    await page.keyboard.type('Says no transfer is forced; reports "progress on structural issues".');
    await cnEditor.getByLabel('Stated on').fill('2019-01-10');
    await cnEditor.getByRole('button', { name: 'Cite a quote…' }).click();
    await cnEditor.getByLabel('Find a quote in your sources').fill('Gao Feng');
    await cnEditor.getByRole('button', { name: /Spokesman Gao Feng said/ }).click();
    await cnEditor.getByRole('button', { name: 'Done' }).click();
    const quote = cell(page, 0, 3).locator('.pos-quote');
    await expect.poll(() => quote.textContent()).toContain('Spokesman Gao Feng said the two sides had made progress on structural issues');
    expect(await quote.locator('.pos-quote-source').textContent()).toBe('— Ministry of Commerce press conference, 10 Jan 2019');
    expect(await cell(page, 0, 3).locator('.pos-no-evidence').count()).toBe(0);
    // The stance without a quote is marked.
    expect(await cell(page, 0, 2).locator('.pos-no-evidence').textContent()).toContain('No evidence');

    // Second point, China only; third point, the United States only.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: "Edit China's stance on Licensing terms" }).getByLabel('Kind').selectOption('offer');
    await page.keyboard.type('"Voluntary, market-based" transfer in the new foreign investment law.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => cell(page, 1, 3).textContent()).toContain('market-based');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await page
      .getByRole('group', { name: "Edit United States's stance on Administrative approvals" })
      .getByLabel('Kind')
      .selectOption('red-line');
    await page.keyboard.type('No approval may require disclosure of source code.');
    await page.keyboard.press('Escape');
    await expect.poll(() => cell(page, 2, 2).locator('.pos-kind').textContent()).toBe('Red line');

    const doc = await areaOnDisk();
    expect(doc.board.points.map((p) => p.title)).toEqual(['Joint-venture requirements', 'Licensing terms', 'Administrative approvals']);
    const jv = doc.board.points[0]!;
    expect(jv.stances.map((s) => [s.partyId, s.kind])).toEqual([
      ['united-states', 'demand'],
      ['china', 'position'],
    ]);
    expect(jv.stances[1]?.evidence.map((e) => e.annotationId)).toEqual(['gao-progress']);
  });

  test('moves a point from open to narrowing across two rounds; its history and "what changed since" show it', async () => {
    const { page } = app;
    // Recorded so far with Buenos Aires (the current round). Beijing now becomes current.
    await page.getByLabel('Changes are recorded with').selectOption({ label: 'Beijing vice-ministerial talks (7–9 Jan 2019)' });
    await expect.poll(() => page.getByLabel('Changes are recorded with').inputValue()).not.toBe('');
    await cell(page, 0, 1).click();
    await page.keyboard.press('Enter');
    const status = page.getByRole('combobox', { name: 'Status of Joint-venture requirements' });
    await status.selectOption('narrowing');
    await status.press('Enter');
    await expect.poll(() => cell(page, 0, 1).textContent()).toContain('Narrowing');
    await expect.poll(() => focused(page)).toMatch(/:1$/);

    await page.keyboard.press('h');
    const history = page.getByRole('dialog', { name: 'Status of “Joint-venture requirements”' });
    await history.waitFor();
    const entries = history.locator('.pos-history > li');
    await expect.poll(() => entries.count()).toBe(2);
    expect(await entries.nth(0).textContent()).toMatch(/^Beijing vice-ministerial talks \(7–9 Jan 2019\).*Open.*Narrowing/);
    expect(await entries.nth(1).textContent()).toMatch(/^Buenos Aires leaders' meeting \(1 Dec 2018\).*Point added as.*Open/);
    await shot(page, 'positions-history-light');
    expect(await scanAccessibility(page)).toEqual([]);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Negotiation rounds' }).click();
    const since = page.getByRole('region', { name: 'What changed since' });
    await since.getByRole('combobox').selectOption({ label: "Buenos Aires leaders' meeting (1 Dec 2018)" });
    const item = since.locator('.pos-since-point', { hasText: 'Joint-venture requirements' });
    await item.waitFor();
    expect(await item.locator('.pos-since-title').textContent()).toMatch(/Joint-venture requirements.*Open.*→.*Narrowing/);
    expect(await since.locator('.pos-since-point').count()).toBe(1);
    await since.getByRole('combobox').selectOption({ label: 'Beijing vice-ministerial talks (7–9 Jan 2019)' });
    await expect.poll(() => since.textContent()).toContain('Nothing has moved since Beijing vice-ministerial talks');
  });

  test('reorders with Alt+arrows, deletes with Delete and brings it back with Ctrl+Z', async () => {
    const { page } = app;
    await openBoard(page);
    const titles = () => grid(page).locator('.pos-point-title').allTextContents();
    await cell(page, 2, 0).click();
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(titles).toEqual(['Joint-venture requirements', 'Administrative approvals', 'Licensing terms']);
    await expect.poll(() => focused(page)).toMatch(/:0$/);
    const deleted = await focused(page);
    await page.keyboard.press('Delete');
    await expect.poll(titles).toEqual(['Joint-venture requirements', 'Licensing terms']);
    expect((await areaOnDisk()).board.points.find((p) => p.title === 'Administrative approvals')?.deletedAt).not.toBeNull();
    // The keyboard lands on the next point once the delete is done (and its undo recorded), as a user sees it.
    await expect.poll(() => focused(page)).not.toBe(deleted);
    await expect.poll(() => focused(page)).toMatch(/:0$/);
    await page.keyboard.press('Control+z');
    await expect.poll(titles).toEqual(['Joint-venture requirements', 'Administrative approvals', 'Licensing terms']);
    await page.keyboard.press('Control+z');
    await expect.poll(titles).toEqual(['Joint-venture requirements', 'Licensing terms', 'Administrative approvals']);
  });

  test('copies the board as a Markdown table', async () => {
    const { page } = app;
    await page.evaluate(() => {
      const w = window as unknown as { copied?: string };
      window.addEventListener('copy', (event) => {
        w.copied = event.clipboardData?.getData('text/plain');
      });
    });
    await page.getByRole('button', { name: 'Copy as Markdown' }).click();
    await page.getByRole('status').getByText('Copied the board as a Markdown table').waitFor();
    const copied = await page.evaluate(() => (window as unknown as { copied?: string }).copied ?? '');
    expect(copied.split('\n').slice(0, 5)).toEqual([
      '**Positions: Forced technology transfer**',
      '',
      '| Point | Status | United States | China | Assessment |',
      '| --- | --- | --- | --- | --- |',
      '| Joint-venture requirements | Narrowing | **Demand** (Buenos Aires leaders\' meeting): End joint-venture and equity requirements used as a lever for technology. *(no evidence)* | **Position** (Buenos Aires leaders\' meeting, 10 Jan 2019): Says no transfer is forced; reports "progress on structural issues". [1] | — |',
    ]);
    expect(copied).toContain('1. “Spokesman Gao Feng said');
  });

  test('after a restart everything is still there, including text typed into a cell just before quitting', async () => {
    await cell(app.page, 1, 4).click();
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.type('Wide gap: a principle against a list.');
    // No leaving the cell: quitting must save it.
    await app.restart();
    const { page } = app;
    await openBoard(page);
    await expect
      .poll(() => grid(page).locator('.pos-point-title').allTextContents())
      .toEqual(['Joint-venture requirements', 'Licensing terms', 'Administrative approvals']);
    expect(await cell(page, 0, 1).textContent()).toContain('Narrowing');
    expect(await cell(page, 0, 3).locator('.pos-quote-text').textContent()).toContain('Spokesman Gao Feng');
    expect(await cell(page, 2, 2).locator('.pos-kind').textContent()).toBe('Red line');
    expect(await cell(page, 1, 4).textContent()).toBe('Wide gap: a principle against a list.');
    expect(await page.getByLabel('Changes are recorded with').locator('option:checked').textContent()).toBe(
      'Beijing vice-ministerial talks (7–9 Jan 2019)',
    );
    // Select the cell at its corner: its middle holds the quote, which (with Sources) opens the reader.
    await cell(page, 0, 3).click({ position: { x: 4, y: 4 } });
    await page.keyboard.press('h');
    const history = page.getByRole('dialog', { name: 'China on “Joint-venture requirements”' });
    await expect.poll(() => history.locator('.pos-history > li').count()).toBe(1);
    await page.keyboard.press('Escape');

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.locator('.main').evaluate((main) => main.scrollTo(0, 0));
      await shot(page, `positions-board-${scheme}`);
      expect(await scanAccessibility(page), scheme).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Positions overview' }).click();
    await page.locator('.pos-overview-table').waitFor();
    await shot(page, 'positions-overview-built-light');
  });

  test('keyboard shortcuts: Ctrl+Shift+O the overview, Ctrl+Shift+B the board with the keyboard on it, Ctrl+E the note editor', async () => {
    const { page } = app;
    await page.keyboard.press('Control+Shift+O');
    await page.getByText('Positions overview', { exact: true }).first().waitFor();
    await page.locator('.pos-overview-table').waitFor();
    await page.locator('.area-link', { hasText: 'Forced technology transfer' }).click();
    await page.getByRole('tab', { name: 'Briefing note' }).click();
    await page.keyboard.press('Control+Shift+B');
    await grid(page).waitFor();
    await expect.poll(() => focused(page)).toMatch(/^[a-z0-9-]+:0$/);
    await page.keyboard.press('Control+e');
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);
  });

  test('the page never requested anything outside its own origin, and logged no errors', () => {
    expect(app.requests.length).toBeGreaterThan(3);
    expect(app.foreignRequests).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
