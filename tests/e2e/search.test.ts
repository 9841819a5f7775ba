import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scanAccessibility } from '../harness/axe';
import { closeAll, launchApp, type AppHandle } from '../harness/launch';
import { screenshotPath, tempDir } from '../harness/paths';

/**
 * Search and the command palette in real Chromium, over the real handlers, store and search
 * worker: an English phrase, a Chinese run inside a longer Chinese sentence, Enter putting the
 * editor's selection on the match, filters as chips, the palette going to an area and running a
 * command, and the index following what is typed in a note.
 */
let app: AppHandle;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage: false });
}

const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Search the book' });
const results = (page: Page) => page.getByRole('listbox', { name: 'Results' });

async function search(page: Page, query: string): Promise<void> {
  if (!(await searchBox(page).isVisible())) await page.keyboard.press('Control+f');
  await searchBox(page).fill(query);
}

/** Enter on the active result closes the search box and opens the result's issue area. */
async function enterOpensArea(page: Page, title: string): Promise<void> {
  await searchBox(page).press('Enter');
  await expect.poll(() => searchBox(page).count()).toBe(0);
  await expect.poll(() => page.locator('.area-link[aria-current="page"] .area-link-title').textContent()).toBe(title);
}

async function resultTitles(page: Page): Promise<string[]> {
  return results(page).locator('.search-hit-title').allTextContents();
}

beforeAll(async () => {
  app = await launchApp({ dataDir: await tempDir('briefing-e2e-search-'), colorScheme: 'light' });
  await app.page.locator('.area-link').first().waitFor();
  await app.services.search.whenReady();
});

afterAll(async () => {
  await app.close();
  await closeAll();
});

describe('search in real Chromium', () => {
  test('Ctrl+F opens the search box; an English phrase finds the note, highlighted, grouped by kind', async () => {
    const { page } = app;
    await page.keyboard.press('Control+f');
    await expect.poll(() => searchBox(page).isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    await shot(page, 'search-empty');

    await search(page, '"technology transfer and intellectual property"');
    await expect.poll(() => resultTitles(page)).toEqual(['Forced technology transfer']);
    const marks = await results(page).locator('.search-snippet mark').allTextContents();
    expect(marks).toEqual(['technology transfer and intellectual property']);
    const groups = () =>
      results(page)
        .getByRole('group')
        .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    await expect(groups()).resolves.toEqual(['Briefing notes, 1']);

    // Without quotes the words may stand apart: more results, in more groups (notes, areas, positions).
    await search(page, 'technology transfer');
    await expect.poll(async () => (await groups()).length).toBe(3);
    expect((await groups()).map((g) => g?.replace(/, \d+\+?$/, '')).sort()).toEqual(['Briefing notes', 'Issue areas', 'Positions']);
    await shot(page, 'search-results-english');
  });

  test('a Chinese run inside a longer Chinese sentence is found; Enter opens the note with the match selected', async () => {
    const { page } = app;
    await search(page, '结构性问题');
    await expect.poll(() => results(page).locator('mark').allTextContents()).toEqual(['结构性问题']);
    expect(await resultTitles(page)).toEqual(['Forced technology transfer']);
    await shot(page, 'search-results-chinese');

    await enterOpensArea(page, 'Forced technology transfer');
    // The editor has the focus and its selection is exactly the match.
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);
    await expect.poll(() => page.evaluate(() => document.getSelection()?.toString())).toBe('结构性问题');
    const line = await page.locator('.cm-activeLine').textContent();
    expect(line).toContain('商务部新闻发言人高峰表示');
    await shot(page, 'search-jump-note');
  });

  test("a party's stance is found; Enter opens the positions board with the keyboard on that cell", async () => {
    const { page } = app;
    await search(page, '"rejecting the word" party:china');
    await expect.poll(() => resultTitles(page)).toEqual(['China on Joint-venture requirements']);
    expect(await results(page).locator('.search-snippet mark').allTextContents()).toEqual(['rejecting the word']);
    await shot(page, 'search-results-stance');

    await enterOpensArea(page, 'Forced technology transfer');
    // Columns: point, status, United States, China, assessment: the keyboard is on China's stance.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe('ftt-joint-ventures:3');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('rejecting the word');
    await shot(page, 'search-jump-stance');
    // Back to the note tab, as the later steps expect.
    await page.keyboard.press('Control+f');
    await search(page, '结构性问题');
    await expect.poll(() => resultTitles(page)).toEqual(['Forced technology transfer']);
    await searchBox(page).press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);
  });

  test('filters show as chips, can be removed, and narrow the results', async () => {
    const { page } = app;
    await search(page, 'tariffs kind:note area:tariffs');
    const chips = page.getByRole('list', { name: 'Filters' }).getByRole('listitem');
    await expect.poll(() => chips.allTextContents()).toEqual(['Kind: Briefing notes×', 'Area: Tariffs and the 2 March deadline×']);
    await expect.poll(() => resultTitles(page)).toEqual(['Tariffs and the 2 March deadline']);
    await shot(page, 'search-chips');

    await page.getByRole('button', { name: 'Remove filter Area: Tariffs and the 2 March deadline' }).click();
    await expect.poll(() => searchBox(page).inputValue()).toBe('tariffs kind:note');
    await expect.poll(async () => (await resultTitles(page)).length).toBeGreaterThan(1);

    await page.getByRole('combobox', { name: 'Filter by kind' }).selectOption('area');
    await expect.poll(() => searchBox(page).inputValue()).toBe('tariffs kind:note kind:area ');

    await search(page, 'tariffs area:shipping');
    await expect.poll(() => page.getByRole('alert').allTextContents()).toContain('No issue area is called "shipping".');
    await page.keyboard.press('Escape');
  });

  test('what is typed in a note is found as soon as it is saved, and no longer once deleted', async () => {
    const { page } = app;
    await page.locator('.area-link', { hasText: 'Industrial subsidies' }).click();
    const editor = page.locator('.cm-content');
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n\nSemiconductor fund: 国家集成电路产业投资基金 second phase.');
    await expect.poll(() => page.locator('[data-save-state]').getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');

    await search(page, '集成电路');
    await expect.poll(() => resultTitles(page)).toEqual(['Industrial subsidies and "Made in China 2025"']);
    await search(page, 'semicond');
    await expect.poll(() => resultTitles(page)).toEqual(['Industrial subsidies and "Made in China 2025"']);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete issue area' }).click();
    await search(page, 'semicond');
    await expect.poll(() => page.locator('.search-none').textContent()).toContain('Nothing matches');
    expect(await resultTitles(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  });

  test('Ctrl+K: the palette goes to an area by a fuzzy name and runs a command, shortcuts shown', async () => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('combobox', { name: 'Go to an issue area or run a command' });
    await expect.poll(() => palette.isVisible()).toBe(true);
    await expect(page.locator('.palette-item', { hasText: 'New Issue Area' }).locator('kbd').textContent()).resolves.toBe('Ctrl+N');
    await shot(page, 'palette-open');

    await palette.fill('intel prop');
    await expect
      .poll(() => page.locator('.palette-item').first().locator('.palette-name').textContent())
      .toBe('Intellectual property protection');
    await shot(page, 'palette-fuzzy');
    await palette.press('Enter');
    await expect
      .poll(() => page.locator('.area-link[aria-current="page"] .area-link-title').textContent())
      .toBe('Intellectual property protection');

    await page.keyboard.press('Control+k');
    await palette.fill('new area');
    await expect.poll(() => page.locator('.palette-item.active .palette-name').textContent()).toBe('New Issue Area');
    await palette.press('Enter');
    await expect.poll(() => page.getByRole('dialog', { name: 'New issue area' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');

    // Rounds are places to go too.
    await page.keyboard.press('Control+k');
    await palette.fill('beijing vice');
    await expect
      .poll(() => page.locator('.palette-item').first().locator('.palette-name').textContent())
      .toBe('Beijing vice-ministerial talks');
    await expect(page.locator('.palette-item').first().locator('.palette-hint').textContent()).resolves.toBe('7–9 Jan 2019, Beijing');
    await shot(page, 'palette-round');
    await palette.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Negotiation rounds');
    await expect.poll(() => page.locator('.pos-since select').inputValue()).toBe('beijing-2019-01');
    await shot(page, 'palette-round-opened');
    await page.locator('.area-link', { hasText: 'Intellectual property protection' }).click();

    // The palette hands a query to the search box.
    await page.keyboard.press('Control+k');
    await palette.fill('soybeans');
    await page.locator('.palette-item', { hasText: 'Search the book for' }).click();
    await expect.poll(() => searchBox(page).inputValue()).toBe('soybeans');
    await expect.poll(() => resultTitles(page)).toContain('Purchase commitments');
    await page.keyboard.press('Escape');
  });

  test('the search box and the palette pass an accessibility scan, in light and dark', async () => {
    const { page } = app;
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await search(page, 'enforcement');
      await expect.poll(async () => (await resultTitles(page)).length).toBeGreaterThan(1);
      expect(await scanAccessibility(page), `search (${scheme})`).toEqual([]);
      await shot(page, `search-${scheme}`);
      await page.keyboard.press('Escape');

      await page.keyboard.press('Control+k');
      await page.getByRole('combobox', { name: 'Go to an issue area or run a command' }).fill('tech');
      expect(await scanAccessibility(page), `palette (${scheme})`).toEqual([]);
      await shot(page, `palette-${scheme}`);
      await page.keyboard.press('Escape');
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('the page requested nothing outside its origin and logged no errors', () => {
    expect(app.foreignRequests).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
