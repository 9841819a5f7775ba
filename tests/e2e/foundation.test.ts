import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scanAccessibility } from '../harness/axe';
import { launchApp, closeAll, type AppHandle } from '../harness/launch';
import { screenshotPath, tempDir } from '../harness/paths';

/**
 * The foundation, end to end, in real Chromium: the sample book on first run,
 * creating, renaming, reordering, deleting and undoing areas, writing a note,
 * restarting on the same folder, both themes, and an accessibility scan of
 * every main view. No request may leave the app's origin.
 */
let app: AppHandle;
let dataDir: string;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage: false });
}

async function sidebarTitles(page: Page): Promise<string[]> {
  return page.locator('nav[aria-label="Issue areas"] ol.area-list .area-link-title').allTextContents();
}

async function typeIntoEditor(page: Page, text: string): Promise<void> {
  const editor = page.locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

beforeAll(async () => {
  dataDir = await tempDir('briefing-e2e-');
  app = await launchApp({ dataDir, colorScheme: 'light' });
});

afterAll(async () => {
  await app.close();
  await closeAll();
});

describe('foundation in real Chromium', () => {
  test('first run opens the sample book on the January 2019 talks', async () => {
    const { page } = app;
    await expect.poll(() => sidebarTitles(page)).toContain('Forced technology transfer');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('US–China Trade Talks');
    await expect(page.getByRole('note', { name: 'Classification marking' }).textContent()).resolves.toBe(
      'SENSITIVE — NEGOTIATING TEAM ONLY',
    );
    expect(await sidebarTitles(page)).toHaveLength(8);
    const files = await readdir(join(dataDir, 'areas'));
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(8);
    await shot(page, 'home-light');
  });

  test('an area shows its note rendered, Chinese emphasis included', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Forced technology transfer' }).first().click();
    const preview = page.getByRole('article', { name: 'Preview of the briefing note' });
    await expect.poll(() => preview.locator('h2').first().textContent()).toBe('Where we stand');
    // CommonMark alone would leave these asterisks visible next to Chinese punctuation.
    await expect(preview.locator('blockquote strong').first().textContent()).resolves.toBe('“结构性问题”');
    expect(await preview.locator('input[type=checkbox]').count()).toBe(3);
    await shot(page, 'area-light');
  });

  test('creates, renames and writes a note; the note is saved to disk', async () => {
    const { page } = app;
    await page.keyboard.press('Control+n');
    const dialog = page.getByRole('dialog', { name: 'New issue area' });
    await dialog.getByLabel('Title').fill('Exchange rate commitments');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => sidebarTitles(page)).toContain('Exchange rate commitments');

    const title = page.getByLabel('Issue area title');
    await title.fill('Currency and exchange rates');
    await title.press('Enter');
    await expect.poll(() => sidebarTitles(page)).toContain('Currency and exchange rates');

    await typeIntoEditor(page, '## Our ask\n\nNo competitive devaluation; publish intervention data **quarterly**.');
    const status = page.locator('[data-save-state]');
    await expect.poll(() => status.getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');
    await expect(page.getByRole('article', { name: 'Preview of the briefing note' }).locator('strong').first().textContent()).resolves.toBe(
      'quarterly',
    );
    const areaFiles = await readdir(join(dataDir, 'areas'));
    const contents = await Promise.all(areaFiles.map((f) => readFile(join(dataDir, 'areas', f), 'utf8')));
    expect(contents.some((c) => c.includes('publish intervention data **quarterly**'))).toBe(true);
  });

  test('reorders by keyboard and by drag and drop', async () => {
    const { page } = app;
    const before = await sidebarTitles(page);
    expect(before.at(-1)).toBe('Currency and exchange rates');
    await page.locator('.area-link', { hasText: 'Currency and exchange rates' }).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(async () => (await sidebarTitles(page)).at(-2)).toBe('Currency and exchange rates');

    const source = page.locator('.area-item', { hasText: 'Enforcement and verification' });
    const target = page.locator('.area-item', { hasText: 'Forced technology transfer' });
    await source.dragTo(target, { targetPosition: { x: 20, y: 4 } });
    await expect.poll(async () => (await sidebarTitles(page))[0]).toBe('Enforcement and verification');
  });

  test('deletes with confirmation, and undo brings the area back', async () => {
    const { page } = app;
    await page.locator('.area-link', { hasText: 'Cyber intrusions' }).click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.textContent()).resolves.toContain('Delete "Cyber intrusions and theft of commercial secrets"?');
    await dialog.getByRole('button', { name: 'Delete issue area' }).click();
    await expect.poll(() => sidebarTitles(page)).not.toContain('Cyber intrusions and theft of commercial secrets');
    // The next area opens and the keyboard focus lands on it in the sidebar, not on the page body.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('aria-current'))).toBe('page');
    await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => sidebarTitles(page)).toContain('Cyber intrusions and theft of commercial secrets');
  });

  test('restarting on the same folder finds everything again, including text typed just before quitting', async () => {
    const { page } = app;
    await page.locator('.area-link', { hasText: 'Currency and exchange rates' }).click();
    await typeIntoEditor(page, '\n\nTyped just before quitting.');
    // No wait for autosave: quitting must flush it.
    await app.restart();
    const reopened = app.page;
    await expect.poll(() => sidebarTitles(reopened)).toContain('Currency and exchange rates');
    const order = await sidebarTitles(reopened);
    expect(order[0]).toBe('Enforcement and verification');
    expect(order).toContain('Cyber intrusions and theft of commercial secrets');
    await reopened.locator('.area-link', { hasText: 'Currency and exchange rates' }).click();
    const preview = reopened.getByRole('article', { name: 'Preview of the briefing note' });
    await expect.poll(() => preview.textContent()).toContain('Typed just before quitting.');
    await expect(preview.textContent()).resolves.toContain('publish intervention data quarterly');
  });

  test('every main view passes an accessibility scan, in light and dark', async () => {
    const { page } = app;
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.getByRole('button', { name: 'US–China Trade Talks — January 2019 Round' }).click();
      await page.getByRole('heading', { name: 'Issue areas', level: 2 }).last().waitFor();
      expect(await scanAccessibility(page), `home (${scheme})`).toEqual([]);
      await shot(page, `home-${scheme}`);

      await page.locator('.area-link', { hasText: 'Tariffs and the 2 March deadline' }).click();
      await page.getByRole('article', { name: 'Preview of the briefing note' }).locator('table').waitFor();
      expect(await scanAccessibility(page), `area (${scheme})`).toEqual([]);
      await shot(page, `area-${scheme}`);

      await page.getByRole('button', { name: 'Book settings' }).click();
      await page.getByRole('heading', { name: 'Book settings' }).waitFor();
      expect(await scanAccessibility(page), `settings (${scheme})`).toEqual([]);
      await shot(page, `settings-${scheme}`);

      await page.keyboard.press('Control+/');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      expect(await scanAccessibility(page), `shortcuts (${scheme})`).toEqual([]);
      await shot(page, `shortcuts-${scheme}`);
      await page.keyboard.press('Escape');
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('keyboard shortcuts move between areas and focus the editor', async () => {
    const { page } = app;
    await page.locator('.area-link', { hasText: 'Intellectual property protection' }).click();
    await page.keyboard.press('Control+PageDown');
    const current = () => page.locator('.area-link[aria-current="page"] .area-link-title').textContent();
    const order = await sidebarTitles(page);
    const index = order.indexOf('Intellectual property protection');
    await expect.poll(current).toBe(order[index + 1]);
    await page.keyboard.press('Control+PageUp');
    await expect.poll(current).toBe('Intellectual property protection');
    await page.keyboard.press('Control+e');
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);

    // From the overview, Ctrl+E opens the first area and focuses its editor once the note has loaded.
    await page.keyboard.press('Control+Shift+H');
    await page.getByRole('heading', { name: 'Issue areas', level: 2 }).last().waitFor();
    await page.keyboard.press('Control+e');
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);
    await expect(current()).resolves.toBe(order[0]);
  });

  test('book settings change the marking shown in the window', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Book settings' }).click();
    await page.getByRole('textbox', { name: 'Classification marking' }).fill('RESTRICTED — DELEGATION ONLY');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('note', { name: 'Classification marking' }).textContent()).toBe('RESTRICTED — DELEGATION ONLY');
    const book = JSON.parse(await readFile(join(dataDir, 'book.json'), 'utf8')) as { settings: { marking: string } };
    expect(book.settings.marking).toBe('RESTRICTED — DELEGATION ONLY');
  });

  test('the page never requested anything outside its own origin, and logged no errors', () => {
    expect(app.requests.length).toBeGreaterThan(3);
    expect(app.foreignRequests).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
