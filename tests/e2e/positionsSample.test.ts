import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scanAccessibility } from '../harness/axe';
import { LibraryEvidenceResolver, sampleLibrary } from '../harness/evidence';
import { closeAll, launchApp, type AppHandle } from '../harness/launch';
import { screenshotPath, tempDir } from '../harness/paths';

/**
 * The sample book's positions in real Chromium: its boards, the overview a head of delegation
 * reads first, the rounds with "what changed since", in light and dark, each scanned for
 * accessibility and saved as a screenshot to look at.
 */
let app: AppHandle;

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage });
}

beforeAll(async () => {
  // The sample's sources, as the Sources feature will resolve them.
  const evidence = new LibraryEvidenceResolver(sampleLibrary());
  app = await launchApp({
    dataDir: await tempDir('briefing-e2e-sample-'),
    colorScheme: 'light',
    viewport: { width: 1440, height: 900 },
    services: { evidence },
  });
});

afterAll(async () => {
  await app.close();
  await closeAll();
});

describe('the sample positions in real Chromium', () => {
  test('a sample board reads as a page of the delegation book', async () => {
    const { page } = app;
    await page.locator('.area-link', { hasText: 'Forced technology transfer' }).click();
    await page.getByRole('tab', { name: /Positions/ }).click();
    const grid = page.getByRole('grid', { name: 'Positions on Forced technology transfer' });
    await grid.waitFor();
    expect(await grid.locator('thead th').allTextContents()).toEqual([
      'Point',
      'Status',
      'United States',
      'China',
      'Our assessment of the gap',
    ]);
    expect(await grid.locator('.pos-point-title').allTextContents()).toEqual([
      'Joint-venture requirements',
      'Licensing terms',
      'Administrative approvals',
      'Form of the commitment',
    ]);
    await shot(page, 'positions-sample-board-light');
    expect(await scanAccessibility(page)).toEqual([]);
  });

  test('the overview lists every area × party with statuses in colour and words', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Positions overview' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    const table = page.locator('.pos-overview-table');
    await table.waitFor();
    expect(await table.locator('thead th').allTextContents()).toEqual([
      'Issue area',
      'Point',
      'Status',
      'United States',
      'China',
      'Our assessment of the gap',
    ]);
    await shot(page, 'positions-overview-light');
    await shot(page, 'positions-overview-light-full', true);
    expect(await scanAccessibility(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'positions-overview-dark');
    expect(await scanAccessibility(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('the rounds and what changed since Buenos Aires', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Negotiation rounds' }).click();
    await page.getByRole('heading', { name: 'What changed since' }).waitFor();
    await page.locator('.pos-since-point').first().waitFor();
    await shot(page, 'positions-rounds-light');
    expect(await scanAccessibility(page)).toEqual([]);
  });

  test('the page never requested anything outside its own origin, and logged no errors', () => {
    expect(app.foreignRequests).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
