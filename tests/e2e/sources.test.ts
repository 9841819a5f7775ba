import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scanAccessibility } from '../harness/axe';
import { closeAll, launchApp, type AppHandle } from '../harness/launch';
import { repoRoot, screenshotPath, tempDir } from '../harness/paths';

/**
 * Sources end to end, in real Chromium with the real handlers and store:
 * import a hostile saved page through the Open dialog, select text in the
 * reader and annotate it, link it to an area, cite it in that area's note,
 * click the citation and land on the flashing highlight, drop several files
 * at once (Chinese, Arabic, a duplicate, an unsupported file), restart and find
 * everything again. No request may leave the app's origin, and no script of an
 * imported page may run.
 */
const FIXTURES = join(repoRoot, 'tests', 'fixtures', 'sources');
let app: AppHandle;
let dataDir: string;
const dialogs: string[] = [];

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage: false });
}

/** Selects the first occurrence of `text` inside the article, as a user dragging over it would. */
async function selectInArticle(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const article = document.querySelector('.article-body');
    if (!article) throw new Error('no article');
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.nodeValue ?? '').indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = document.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not in one text node of the article`);
  }, text);
}

async function dropFiles(page: Page, files: { name: string; content: string; type: string }[]): Promise<void> {
  await page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([f.content], f.name, { type: f.type }));
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files);
}

beforeAll(async () => {
  dataDir = await tempDir('briefing-e2e-sources-');
  app = await launchApp({ dataDir, colorScheme: 'light' });
  app.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

afterAll(async () => {
  await app.close();
  await closeAll();
});

describe('sources in real Chromium', () => {
  test('the library lists the sample sources with outlet, date and annotation counts', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Sources', exact: true }).click();
    await page.getByRole('heading', { name: 'Sources', level: 1 }).waitFor();
    const rows = page.locator('.sources-table tbody tr');
    await expect.poll(() => rows.count()).toBe(4);
    await expect(page.locator('.sources-table').textContent()).resolves.toContain('Office of the US Trade Representative');
    await expect(page.locator('.sources-table').textContent()).resolves.toContain('商务部新闻发言人');
    expect(await scanAccessibility(page), 'library').toEqual([]);
    await shot(page, 'sources-library-light');
  });

  test('imports a hostile saved page through the Open dialog: metadata prefilled, nothing executable or remote kept', async () => {
    const { page } = app;
    app.filePicker.answers.push([join(FIXTURES, 'wire-beijing-round.html')]);
    await page.getByRole('button', { name: 'Open files…' }).click();
    const form = page.getByRole('form', { name: 'Source details' });
    await form.waitFor();
    await expect(form.getByLabel('Title').inputValue()).resolves.toBe('US and China extend Beijing trade talks into a third day');
    await expect(form.getByLabel('Outlet').inputValue()).resolves.toBe('Meridian Wire');
    await expect(form.getByLabel('Published').inputValue()).resolves.toBe('2019-01-09');
    await expect(form.getByLabel('Original address').inputValue()).resolves.toBe(
      'https://wire.example.com/world/asia/2019/01/09/us-china-talks-extra-day',
    );
    await form.getByLabel('Outlet').fill('Meridian Wire (Asia desk)');
    await form.getByRole('button', { name: 'Save details' }).click();
    await page.getByRole('heading', { name: 'US and China extend Beijing trade talks into a third day', level: 1 }).waitFor();
    await expect(page.locator('.reader-facts').textContent()).resolves.toContain('Meridian Wire (Asia desk)');

    const body = page.locator('.article-body');
    await expect(body.textContent()).resolves.toContain('scheduled to rise from 10% to 25%');
    expect(await body.locator('script, iframe, object, embed, img, video, svg, form, style, link, base').count()).toBe(0);
    expect(await body.locator('[onclick], [onerror], [onload], [style], [src], [srcset]').count()).toBe(0);
    const hrefs = await body.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) expect(href).toMatch(/^https:\/\//);
    await expect(body.locator('[data-bb-image]').first().getAttribute('aria-label')).resolves.toBe(
      'Image not loaded: Delegates arrive at the commerce ministry in Beijing',
    );
    expect(await page.evaluate(() => (window as unknown as { __stolen?: unknown }).__stolen)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  test('selects text, annotates it with a comment and links it to an issue area', async () => {
    const { page } = app;
    await selectInArticle(page, 'US tariffs on $200 billion of Chinese imports are scheduled to rise from 10% to 25%');
    const annotate = page.getByRole('button', { name: 'Annotate…' });
    await expect.poll(() => annotate.isEnabled()).toBe(true);
    await annotate.click();
    const compose = page.getByRole('region', { name: 'New annotation' });
    await compose.getByLabel('Pink').check();
    await compose.getByLabel('Comment (Markdown)').fill('The **2 March** cliff, in the wire’s words.');
    await compose.getByLabel('Tariffs and the 2 March deadline').check();
    await compose.getByRole('button', { name: 'Save annotation' }).click();
    const mark = page.locator('.article-body mark.hl-pink');
    await expect.poll(() => mark.count()).toBeGreaterThan(0);
    await expect(mark.allTextContents().then((t) => t.join(''))).resolves.toBe(
      'US tariffs on $200 billion of Chinese imports are scheduled to rise from 10% to 25%',
    );
    // A second, quick highlight straight from the colour bar.
    await selectInArticle(page, 'A Chinese pledge to reopen its market to US beef took more than a decade to carry out.');
    await page.getByRole('button', { name: 'Highlight in yellow' }).click();
    await expect.poll(() => page.locator('.article-body mark.hl-yellow').count()).toBeGreaterThan(0);
    const cards = page.locator('.reader-sidebar .annotation-card');
    await expect.poll(() => cards.count()).toBe(2);
    // Reading order: the tariff sentence comes before the beef sentence.
    await expect(cards.first().textContent()).resolves.toContain('scheduled to rise');
  });

  test('cites the annotation in the area note; the citation opens the article at the flashing highlight', async () => {
    const { page } = app;
    const card = page.locator('.annotation-card', { hasText: 'scheduled to rise' });
    await card.getByRole('button', { name: 'Cite in note…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cite in a briefing note' });
    // The linked area is preselected once the annotation has loaded.
    await expect.poll(() => dialog.getByLabel('Issue area').inputValue()).toBe('tariffs-deadline');
    await dialog.getByRole('button', { name: 'Cite' }).click();
    await page.getByRole('status').getByRole('button', { name: 'Open note' }).click();
    const preview = page.getByRole('article', { name: 'Preview of the briefing note' });
    const citation = preview.locator('a.citation', { hasText: 'scheduled to rise from 10% to 25%' });
    await expect.poll(() => citation.count()).toBe(1);
    await expect(citation.textContent()).resolves.toContain('Meridian Wire (Asia desk), 9 Jan 2019');
    const areaFile = JSON.parse(await readFile(join(dataDir, 'areas', 'tariffs-deadline.json'), 'utf8')) as { note: { markdown: string } };
    expect(areaFile.note.markdown).toMatch(/\[“US tariffs on \$200 billion[^\]]*”\]\(cite:src-[a-z0-9-]+\/ann-[a-z0-9-]+\)\n$/);

    await page.getByRole('button', { name: /Evidence/ }).click();
    const evidence = page.getByRole('region', { name: /Evidence/ });
    await expect.poll(() => evidence.textContent()).toContain('US and China extend Beijing trade talks into a third day');
    await expect(evidence.textContent()).resolves.toContain('cited in note');
    expect(await scanAccessibility(page), 'area with evidence').toEqual([]);
    await shot(page, 'area-evidence-light');

    await citation.click();
    await page.getByRole('heading', { name: 'US and China extend Beijing trade talks into a third day', level: 1 }).waitFor();
    const flashing = page.locator('.article-body mark.hl-flash');
    await expect.poll(() => flashing.count()).toBeGreaterThan(0);
    await expect(flashing.allTextContents().then((t) => t.join(''))).resolves.toContain('scheduled to rise from 10% to 25%');
    const inView = await flashing.first().evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
    await shot(page, 'reader-flash-light');
    // The flash ends by itself; then the highlights are checked for contrast like everything else.
    await expect.poll(() => flashing.count(), { timeout: 5_000 }).toBe(0);
    expect(await scanAccessibility(page), 'reader').toEqual([]);
    await shot(page, 'reader-highlights-light');
  });

  test('several dropped files import with progress and a result for each; Chinese and Arabic read correctly', async () => {
    const { page } = app;
    const read = (name: string) => readFile(join(FIXTURES, name), 'utf8');
    await dropFiles(page, [
      { name: 'mofcom-briefing-zh.html', content: await read('mofcom-briefing-zh.html'), type: 'text/html' },
      { name: 'arabic-rtl.html', content: await read('arabic-rtl.html'), type: 'text/html' },
      { name: 'wire-beijing-round.html', content: await read('wire-beijing-round.html'), type: 'text/html' },
      { name: 'readout.pdf', content: '%PDF-1.4 not an article', type: 'application/pdf' },
    ]);
    const jobs = page.locator('.import-job');
    await expect.poll(() => jobs.count()).toBe(4);
    await expect.poll(() => page.locator('.import-progress h2').textContent(), { timeout: 20_000 }).toBe('Import: 4 of 4 done');
    await expect(jobs.nth(0).textContent()).resolves.toContain('Imported');
    await expect(jobs.nth(1).textContent()).resolves.toContain('Imported');
    await expect(jobs.nth(2).textContent()).resolves.toContain('Already in the library');
    await expect(jobs.nth(3).textContent()).resolves.toContain('cannot be imported');
    await page.locator('.import-progress').scrollIntoViewIfNeeded();
    await shot(page, 'sources-import-results-light');

    await jobs.nth(2).getByRole('button', { name: 'Open the existing one' }).click();
    await page.getByRole('heading', { name: 'US and China extend Beijing trade talks into a third day', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Sources', exact: true }).click();
    await page.getByRole('button', { name: '商务部例行新闻发布会（2019年1月10日）' }).click();
    const zh = page.locator('.article-body');
    await expect(zh.getAttribute('lang')).resolves.toBe('zh-CN');
    await selectInArticle(page, '双方在结构性问题上取得了进展');
    await page.getByRole('button', { name: 'Highlight in green' }).click();
    await expect
      .poll(() =>
        page
          .locator('.article-body mark.hl-green')
          .allTextContents()
          .then((t) => t.join('')),
      )
      .toBe('双方在结构性问题上取得了进展');
    await shot(page, 'reader-chinese-light');

    await page.getByRole('button', { name: 'Sources', exact: true }).click();
    await page.getByRole('button', { name: 'محادثات تجارية بين الولايات المتحدة والصين في بكين' }).click();
    const ar = page.locator('.article-body');
    await expect(ar.getAttribute('dir')).resolves.toBe('rtl');
    await selectInArticle(page, 'حماية الملكية الفكرية');
    await page.getByRole('button', { name: 'Highlight in blue' }).click();
    await expect
      .poll(() =>
        page
          .locator('.article-body mark.hl-blue')
          .allTextContents()
          .then((t) => t.join('')),
      )
      .toBe('حماية الملكية الفكرية');
    const direction = await ar.evaluate((el) => getComputedStyle(el).direction);
    expect(direction).toBe('rtl');
    await shot(page, 'reader-arabic-light');
  });

  test('restarting finds the sources, annotations and citation again', async () => {
    await app.restart();
    const { page } = app;
    await page.getByRole('button', { name: 'Sources', exact: true }).click();
    await expect.poll(() => page.locator('.sources-table tbody tr').count()).toBe(7);
    const files = (await readdir(join(dataDir, 'sources'))).sort();
    expect(files.filter((f) => f.endsWith('.snapshot.json'))).toHaveLength(7);
    await page.locator('.area-link', { hasText: 'Tariffs and the 2 March deadline' }).click();
    const citation = page
      .getByRole('article', { name: 'Preview of the briefing note' })
      .locator('a.citation', { hasText: 'scheduled to rise' });
    await expect.poll(() => citation.count()).toBe(1);
    await citation.click();
    await expect.poll(() => page.locator('.article-body mark.hl-flash').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.reader-sidebar .annotation-card').count()).toBe(2);
  });

  test('dark theme screenshots of the library and the reader', async () => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'reader-highlights-dark');
    await page.getByRole('button', { name: 'Sources', exact: true }).click();
    await page.locator('.sources-table tbody tr').first().waitFor();
    await shot(page, 'sources-library-dark');
    expect(await scanAccessibility(page), 'library (dark)').toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('nothing was requested outside the app, no page script ran, and nothing was logged as an error', () => {
    expect(app.requests.length).toBeGreaterThan(3);
    expect(app.foreignRequests).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
