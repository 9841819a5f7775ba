import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FaultyFs } from '../harness/faultyFs';
import { closeAll, launchApp, type AppHandle } from '../harness/launch';
import { screenshotPath, tempDir } from '../harness/paths';

/**
 * The disk fills up while a negotiator is typing. In real Chromium, over the
 * real store on a file system that fails its writes: the note pane says
 * "Not saved: the disk is full", the text stays in the editor, nothing on disk
 * changes; once space is freed the save goes through and the indicator says so.
 * (The fault-injecting file system needs the browser harness: the Electron
 * target cannot swap its file system, so this spec runs only in Chromium.)
 */
let app: AppHandle;
let dataDir: string;
const fs = new FaultyFs();
const AREA = 'enforcement';

async function noteOnDisk(): Promise<string> {
  const doc = JSON.parse(await readFile(join(dataDir, 'areas', `${AREA}.json`), 'utf8')) as { note: { markdown: string } };
  return doc.note.markdown;
}

describe.skipIf(process.env['BB_E2E_TARGET'] === 'electron')('a full disk while typing', () => {
  beforeAll(async () => {
    dataDir = await tempDir('briefing-e2e-full-');
    app = await launchApp({ dataDir, fs });
  });

  afterAll(async () => {
    await app.close();
    await closeAll();
  });

  test('the note says it is not saved and why, keeps the text, and saves it once space is freed', async () => {
    const { page } = app;
    await page.locator('.area-link', { hasText: 'Enforcement and verification' }).click();
    const editor = page.locator('.cm-content');
    await editor.waitFor();
    const before = await noteOnDisk();

    fs.failOp('write', 'ENOSPC', { permanent: true });
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n\nFallback: a joint review every ninety days.');

    const status = page.locator('[data-save-state]');
    await expect.poll(() => status.getAttribute('data-save-state'), { timeout: 10_000 }).toBe('failed');
    expect(await status.textContent()).toContain('Not saved: the disk is full. Your changes are kept in the app');
    await expect(status.getByRole('button', { name: 'Retry now' }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath('disk-full-not-saved') });
    expect(await editor.textContent()).toContain('Fallback: a joint review every ninety days.');
    expect(await noteOnDisk()).toBe(before);

    // Still typing while the disk is full: the next attempt fails too, the warning comes back, nothing is lost.
    await page.keyboard.type(' Quarterly reports.');
    await expect.poll(() => status.getAttribute('data-save-state'), { timeout: 10_000 }).toBe('failed');
    expect(await editor.textContent()).toContain('Quarterly reports.');
    expect(await noteOnDisk()).toBe(before);

    fs.clear();
    await status.getByRole('button', { name: 'Retry now' }).click();
    await expect.poll(() => status.getAttribute('data-save-state'), { timeout: 10_000 }).toBe('saved');
    expect(await status.textContent()).toMatch(/^✓?\s*Saved/);
    expect(await noteOnDisk()).toContain('Fallback: a joint review every ninety days. Quarterly reports.');
    await page.screenshot({ path: screenshotPath('disk-full-saved-again') });
    expect(app.foreignRequests).toEqual([]);
  });
});
