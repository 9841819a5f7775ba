import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scanAccessibility } from '../harness/axe';
import { closeAll, launchApp, type AppHandle } from '../harness/launch';
import { screenshotPath, tempDir } from '../harness/paths';

/**
 * Search and the command palette in real Chromium, over the real handlers, store and search
 * worker: an English phrase, a Chinese run inside a longer Chinese sentence, Enter putting the
 * editor's selection on the match, filters as chips, the palette going to an area and running a
 * command, and the index following what is typed in a note. Sources: a phrase only in an article's
 * text opens the reader with its sentence marked and scrolled into view; the palette imports a source,
 * jumps to one by name, and switches the theme.
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

    // Without quotes the words may stand apart: more results, in more groups (notes, areas, positions,
    // sources and their annotations, meetings).
    await search(page, 'technology transfer');
    await expect.poll(async () => (await groups()).length).toBeGreaterThan(3);
    expect((await groups()).map((g) => g?.replace(/, \d+\+?$/, ''))).toEqual(
      expect.arrayContaining(['Briefing notes', 'Issue areas', 'Positions', 'Sources', 'Annotations', 'Meetings']),
    );
    await shot(page, 'search-results-english');
  });

  test('a Chinese run inside a longer Chinese sentence is found; Enter opens the note with the match selected', async () => {
    const { page } = app;
    // The MOFCOM article and an annotation quoting it have the words too: kind:note keeps the note.
    await search(page, '结构性问题 kind:note');
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
    await search(page, '结构性问题 kind:note');
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
    // The area is back (and opened) before the next test presses its keys.
    await expect.poll(() => page.locator('.toasts').textContent()).toContain('Restored "Industrial subsidies');
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

  test('the palette imports a source; a phrase only in its text opens the reader with the sentence marked, in view', async () => {
    const { page } = app;
    // A long article, so that the sentence is far below the first screen.
    const filler = (n: number) =>
      Array.from({ length: n }, (_, i) => `Paragraph ${i + 1}. The harbour committee reviewed berth schedules and pilotage again.`).join(
        '\n\n',
      );
    const file = join(app.dataDir, '..', 'port-levies.md');
    await writeFile(
      file,
      [
        '# Port levies and the crane dispute',
        '',
        filler(60),
        '',
        'Officials said the crane levy would be frozen until the summit. 双方同意在峰会之前冻结起重机征费。 Talks resume on Monday.',
        '',
        filler(20),
      ].join('\n'),
    );
    app.filePicker.answers.push([file]);
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('combobox', { name: 'Go to an issue area or run a command' });
    await palette.fill('import source');
    await expect.poll(() => page.locator('.palette-item.active .palette-name').textContent()).toBe('Import Source');
    await palette.press('Enter');
    // One file imported: it opens in the reader, its details ready to check.
    await page.getByRole('heading', { name: 'Port levies and the crane dispute', level: 1 }).waitFor();
    await app.services.search.idle();

    await search(page, '"levy would be frozen"');
    await expect.poll(() => resultTitles(page)).toEqual(['Port levies and the crane dispute']);
    await expect(results(page).getByRole('group').first().getAttribute('aria-label')).resolves.toBe('Sources, 1');
    expect(await results(page).locator('.search-snippet mark').allTextContents()).toEqual(['levy would be frozen']);
    await shot(page, 'search-results-source');
    await searchBox(page).press('Enter');
    await expect.poll(() => searchBox(page).count()).toBe(0);
    const sentence = page.locator('.article-body mark.search-sentence');
    await expect.poll(() => sentence.allTextContents()).toEqual(['Officials said the crane levy would be frozen until the summit.']);
    await expect.poll(() => page.locator('.article-body mark.search-match').allTextContents()).toEqual(['levy would be frozen']);
    // Scrolled to it: the marked sentence is on screen, 60 paragraphs down.
    const inView = () =>
      sentence.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      });
    await expect.poll(inView).toBe(true);
    await shot(page, 'search-jump-source');

    // A Chinese run inside the article's Chinese sentence: the sentence and the run are marked.
    await search(page, '冻结起重机');
    // The same title as the last results: wait for this query's snippet before pressing Enter.
    await expect.poll(() => results(page).locator('.search-snippet mark').allTextContents()).toEqual(['冻结起重机']);
    expect(await resultTitles(page)).toEqual(['Port levies and the crane dispute']);
    await searchBox(page).press('Enter');
    await expect.poll(() => sentence.allTextContents()).toEqual(['双方同意在峰会之前冻结起重机征费。']);
    await expect.poll(() => page.locator('.article-body mark.search-match').allTextContents()).toEqual(['冻结起重机']);
    await expect.poll(inView).toBe(true);
    await shot(page, 'search-jump-source-chinese');
  });

  test('an annotation opens its article at the highlight; a deadline opens the timeline at the event', async () => {
    const { page } = app;
    await search(page, 'kind:annotation "standing line"');
    await expect.poll(() => resultTitles(page)).toEqual(['US and China add a third day to Beijing trade talks']);
    await searchBox(page).press('Enter');
    await expect
      .poll(() => page.locator('.article-body mark.hl-flash').allTextContents())
      .toEqual(['reject the charge that foreign companies are forced to transfer technology']);
    await shot(page, 'search-jump-annotation');

    await search(page, 'kind:deadline truce');
    await expect.poll(() => resultTitles(page)).toEqual(['US tariffs on $200bn of imports rise to 25% if no deal']);
    await searchBox(page).press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Dates and deadlines');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.querySelector('.timeline-title')?.textContent))
      .toBe('US tariffs on $200bn of imports rise to 25% if no deal');
    await shot(page, 'search-jump-event');
  });

  test('the palette jumps to a source by a fuzzy name, and Switch Theme goes System → Light → Dark → System', async () => {
    const { page } = app;
    const palette = page.getByRole('combobox', { name: 'Go to an issue area or run a command' });
    await page.keyboard.press('Control+k');
    await palette.fill('readout beij');
    const first = page.locator('.palette-item').first();
    await expect.poll(() => first.locator('.palette-name').textContent()).toBe('Readout of the United States–China trade talks in Beijing');
    await expect(first.locator('.palette-hint').textContent()).resolves.toBe('Office of the US Trade Representative, 9 Jan 2019');
    await shot(page, 'palette-source');
    await palette.press('Enter');
    // The reader's header (the article's own heading follows in its text).
    await page
      .locator('header')
      .getByRole('heading', { name: 'Readout of the United States–China trade talks in Beijing', level: 1 })
      .waitFor();

    const theme = () => page.evaluate(() => document.documentElement.dataset['theme']);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await theme()).toBe('system');
    const light = await background();
    const switchTheme = async () => {
      await page.keyboard.press('Control+k');
      await palette.fill('switch theme');
      await expect.poll(() => page.locator('.palette-item.active .palette-name').textContent()).toBe('Switch Theme');
      await palette.press('Enter');
    };
    await switchTheme();
    await expect.poll(theme).toBe('light');
    expect(await background()).toBe(light);
    await switchTheme();
    await expect.poll(theme).toBe('dark');
    // The OS says light (emulated), yet the page is dark: the dark colours are in force.
    await expect.poll(background).toBe('rgb(22, 24, 27)');
    await shot(page, 'theme-dark');
    // Remembered with the other UI preferences, and applied again after a reload.
    await page.reload();
    await page.locator('.area-link').first().waitFor();
    expect(await theme()).toBe('dark');
    await expect.poll(background).toBe('rgb(22, 24, 27)');
    await switchTheme();
    await expect.poll(theme).toBe('system');
    await expect.poll(background).toBe(light);
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
