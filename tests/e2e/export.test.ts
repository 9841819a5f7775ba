import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PlaywrightPdfEngine } from '../../electron/cli/playwrightPdf';
import { sourceFontRoot } from '../../electron/services/export/print/fonts';
import { fixtureContent } from '../fixtures/print/content';
import { scanAccessibility } from '../harness/axe';
import { ScriptedDesktop } from '../harness/desktop';
import { closeAll, launchApp, type AppHandle } from '../harness/launch';
import { pageTexts, savePages } from '../harness/poppler';
import { repoRoot, screenshotPath, tempDir } from '../harness/paths';

/**
 * Export and backups end to end, in real Chromium: the briefing PDF from the
 * app (save dialog answered by the test, progress, Open), Cancel, the
 * portable archive out and in, and snapshots listed and restored from the UI.
 */
/** Saves that write the whole book (archives, imports, restores) take seconds on a loaded machine: wait for them, not for the 1 s default. */
const SLOW = 30_000;

let app: AppHandle;
let root: string;
const desktop = new ScriptedDesktop();
const engine = new PlaywrightPdfEngine();

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name) });
}

beforeAll(async () => {
  root = await tempDir('briefing-e2e-export-');
  app = await launchApp({
    dataDir: join(root, 'book'),
    today: '2019-01-10',
    services: {
      exports: {
        desktop,
        engine,
        fontRoot: sourceFontRoot(repoRoot),
        content: fixtureContent,
        snapshots: { automatic: true, keep: 20, checkEveryMs: 60 * 60 * 1000 },
      },
    },
  });
});

afterAll(async () => {
  await app.close();
  await engine.close();
  await closeAll();
});

describe('export and backups in real Chromium', () => {
  test('Ctrl+P exports the briefing PDF: the user picks where, watches progress, then opens it', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Issue areas', level: 2 }).last().waitFor();
    await page.keyboard.press('Control+p');
    const dialog = page.getByRole('dialog', { name: 'Export briefing PDF' });
    await dialog.waitFor();
    expect(await scanAccessibility(page)).toEqual([]);
    await shot(page, 'export-dialog');
    const out = join(root, 'Delegation book.pdf');
    desktop.saveAnswers.push(out);
    await dialog.getByRole('button', { name: 'Export 8 areas…' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent(), { timeout: 60_000 }).toMatch(/Saved \d+ pages/);
    await shot(page, 'export-dialog-done');
    await dialog.getByRole('button', { name: 'Open PDF' }).click();
    await expect.poll(() => desktop.opened, { timeout: SLOW }).toEqual([out]);
    const pages = await pageTexts(out);
    expect(pages.length).toBeGreaterThan(10);
    expect(pages[0]).toContain('SENSITIVE — NEGOTIATING TEAM ONLY');
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
    await savePages(out, 'pdf-from-app', { cover: 1, contents: 2, positions: 3 }, 80);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  test('chosen areas only, and Cancel while it runs leaves no file', async () => {
    const { page } = app;
    await page.keyboard.press('Control+p');
    const dialog = page.getByRole('dialog', { name: 'Export briefing PDF' });
    await dialog.getByRole('radio', { name: 'Chosen issue areas' }).check();
    const list = dialog.getByRole('list', { name: 'Issue areas to print' });
    for (const box of await list.getByRole('checkbox').all()) await box.uncheck();
    await expect(dialog.getByRole('button', { name: /^Export 0 areas/ }).isDisabled()).resolves.toBe(true);
    await list.getByRole('checkbox', { name: 'Enforcement and verification' }).check();
    await expect(dialog.getByRole('button', { name: 'Export 1 area…' }).isEnabled()).resolves.toBe(true);
    // Five areas: their typesetting takes seconds, so the Cancel below lands while the export runs, even on a
    // loaded machine (one area could be saved before the click arrives, and then there is nothing to cancel).
    for (const name of [
      'Tariffs and the 2 March deadline',
      'Forced technology transfer',
      'Intellectual property protection',
      'Purchase commitments',
    ])
      await list.getByRole('checkbox', { name }).check();
    await shot(page, 'export-dialog-chosen');
    const out = join(root, 'cancelled.pdf');
    desktop.saveAnswers.push(out);
    await dialog.getByRole('button', { name: 'Export 5 areas…' }).click();
    // Cancel once the export really runs in the main process (the place was chosen and typesetting began), so that
    // it is the running export that stops. (A Cancel that overtakes its export is proven in pdfCancelRace.test.ts.)
    await expect.poll(() => dialog.getByRole('status').textContent(), { timeout: SLOW }).toMatch(/Typesetting|Laying out/);
    await dialog.getByRole('button', { name: 'Cancel export' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent(), { timeout: 30_000 }).toMatch(/cancelled\. No file was written/);
    expect(await readdir(root)).not.toContain('cancelled.pdf');
    // Escape closes the dialog.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  test('Export and backups: the archive goes out and comes back in as a new book beside this one', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Export and backups' }).click();
    await page.getByRole('heading', { name: 'Export and backups', level: 1 }).waitFor();
    const archive = join(root, 'book.bbook.zip');
    desktop.saveAnswers.push(archive);
    await page.getByRole('button', { name: 'Export book archive…' }).click();
    await expect.poll(() => page.locator('.toasts').textContent(), { timeout: SLOW }).toContain('Book archived: 8 issue areas');
    desktop.openAnswers.push(archive);
    await page.getByRole('button', { name: 'Import book archive…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import book archive' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('US–China Trade Talks — January 2019 Round');
    expect(await scanAccessibility(page)).toEqual([]);
    await shot(page, 'import-dialog');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const done = page.getByRole('dialog', { name: 'Book imported' });
    await done.waitFor();
    await shot(page, 'import-done');
    await done.getByRole('button', { name: 'Open the imported book' }).click();
    await expect.poll(() => desktop.relaunched, { timeout: SLOW }).toHaveLength(1);
    expect(desktop.relaunched[0]).toBe(join(root, 'us-china-trade-talks-january-2019-round-imported-2019-01-10'));
    const imported = await readdir(join(root, 'us-china-trade-talks-january-2019-round-imported-2019-01-10', 'areas'));
    expect(imported).toHaveLength(8);
    await page.keyboard.press('Escape');
  });

  test('snapshots: taken at start, listed, and restored from the UI after a mistake', async () => {
    // A restart takes the start snapshot of the book as it is.
    await app.restart();
    const { page } = app;
    await page.getByRole('button', { name: 'Export and backups' }).click();
    const table = page.getByRole('table');
    await expect.poll(() => table.textContent(), { timeout: 20_000 }).toContain('When the app started');

    // A mistake: the enforcement note is replaced.
    await page.locator('.area-link', { hasText: 'Enforcement and verification' }).click();
    const editor = page.locator('.cm-content');
    await editor.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Deleted everything by mistake.');
    await expect.poll(() => page.locator('[data-save-state]').getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');

    await page.getByRole('button', { name: 'Export and backups' }).click();
    expect(await scanAccessibility(page)).toEqual([]);
    await shot(page, 'backups-view');
    await page
      .getByRole('button', { name: /^Restore the snapshot of/ })
      .first()
      .click();
    const confirm = page.getByRole('dialog', { name: 'Restore this snapshot?' });
    await expect.poll(() => confirm.textContent(), { timeout: SLOW }).toContain('Issue areas8');
    await shot(page, 'restore-dialog');
    await confirm.getByRole('button', { name: 'Restore snapshot' }).click();
    await expect.poll(() => page.locator('.toasts').textContent(), { timeout: SLOW }).toContain('The book is back as it was');
    await page.locator('.area-link', { hasText: 'Enforcement and verification' }).click();
    const preview = page.getByRole('article', { name: 'Preview of the briefing note' });
    await expect.poll(() => preview.textContent(), { timeout: SLOW }).not.toContain('Deleted everything by mistake.');
    // The state just before the restore is kept, and can be restored in turn.
    await page.getByRole('button', { name: 'Export and backups' }).click();
    await expect.poll(() => table.textContent(), { timeout: SLOW }).toContain('Before a restore');
  });

  test('a damaged snapshot is listed as damaged, says why, and offers no Restore', async () => {
    // A snapshot cut short by a disk that failed (the app never writes one like this; a copy tool might).
    await writeFile(join(root, 'book', 'snapshots', 's-20190109-180000-000-manual-0123456789ab.zip'), 'PK\u0003\u0004 cut short');
    await app.restart();
    const { page } = app;
    await page.getByRole('button', { name: 'Export and backups' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Cannot be restored' });
    await expect.poll(() => row.count(), { timeout: SLOW }).toBe(1);
    await expect(row.textContent()).resolves.toContain('Damaged');
    await expect(row.getByRole('button', { name: /^Restore/ }).count()).resolves.toBe(0);
    // The other snapshots can still be restored.
    await expect(page.getByRole('button', { name: /^Restore the snapshot of/ }).count()).resolves.toBeGreaterThan(1);
    expect(await scanAccessibility(page)).toEqual([]);
    await shot(page, 'backups-damaged-snapshot');
  });

  test('the page never requested anything outside its own origin, and logged no errors', () => {
    expect(app.foreignRequests).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
