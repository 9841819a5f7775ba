import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listMethods } from '../../electron/core/contract/api';
import type { AreaSummary } from '../../electron/core/contract/views';
import { closeAll, launchApp, type AppHandle } from '../harness/launch';
import { repoRoot, screenshotPath, tempDir } from '../harness/paths';
import { testServices } from '../harness/services';

/**
 * The hostile-HTML corpus (tests/fixtures/hostile): 68 short articles, each
 * carrying one attack from the well-known categories. A payload that runs sets
 * window.__bbCanary; a request it makes goes to attacker.invalid.
 *
 * Today the corpus is pasted into briefing notes and rendered in the note
 * preview in real Chromium: no script may run, no request may leave the app,
 * and the note's own text must stay readable.
 *
 * The reader run (import each page through the Sources import API, open it in
 * the reader) switches itself on once the contract has a sources import
 * method; its adapter below must then be filled in with that method's payload
 * and the reader's route. It does not fake an import.
 */
interface Vector {
  readonly file: string;
  readonly category: string;
  readonly attempts: string;
  readonly readable: string;
}
const CORPUS = join(repoRoot, 'tests', 'fixtures', 'hostile');
const corpus = JSON.parse(readFileSync(join(CORPUS, 'index.json'), 'utf8')) as {
  canary: string;
  attackerOrigin: string;
  vectors: Vector[];
};
const vectors = corpus.vectors;
const html = (v: Vector) => readFileSync(join(CORPUS, v.file), 'utf8');

describe('the corpus', () => {
  test('has at least 60 vectors, covering every category the issue names', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(60);
    expect(new Set(vectors.map((v) => v.category))).toEqual(
      new Set([
        'script tags and event handlers',
        'javascript:, data: and vbscript: URLs',
        'SVG and MathML payloads',
        'mutation XSS (noscript, template, nested forms)',
        'CSS url() and @import',
        '<base>, meta refresh, srcset, remote fonts',
        'iframes and objects',
        'dangling markup',
      ]),
    );
    for (const category of new Set(vectors.map((v) => v.category))) {
      expect(vectors.filter((v) => v.category === category).length, category).toBeGreaterThanOrEqual(5);
    }
  });

  test.each(vectors.map((v) => [v.file, v] as const))('%s is an article with its attack and its readable sentence', (_file, v) => {
    expect(existsSync(join(CORPUS, v.file))).toBe(true);
    const page = html(v);
    expect(page).toContain(v.readable);
    expect(page).toMatch(/<article>[\s\S]*<\/article>/);
    // Every attack either runs code that would set the canary, or reaches for the attacker's origin.
    expect(
      page.includes(corpus.canary) || page.includes(corpus.attackerOrigin) || /javascript:|vbscript:|data:text\/html/i.test(page),
    ).toBe(true);
  });
});

// ---- in the app, in real Chromium ----------------------------------------------

let app: AppHandle;
const areaOf = new Map<string, string>();

async function canary(page: Page): Promise<unknown> {
  return page.evaluate((name) => (window as unknown as Record<string, unknown>)[name] ?? null, corpus.canary);
}

describe('pasted into briefing notes and shown in the preview', () => {
  beforeAll(async () => {
    const dataDir = await tempDir('briefing-hostile-');
    // One area per vector, its note the hostile page between two paragraphs of the note's own text.
    const services = testServices(dataDir);
    await services.boot();
    for (const v of vectors) {
      const area: AreaSummary = await services.book.createArea({ title: `Hostile ${v.file.slice(0, 3)}: ${v.attempts}`.slice(0, 200) });
      await services.book.saveNote(area.id, `Before the pasted page (${v.file}).\n\n${html(v)}\n\nAfter the pasted page (${v.file}).`);
      areaOf.set(v.file, area.id);
    }
    await services.shutdown();
    app = await launchApp({ dataDir });
    await app.page.locator('nav[aria-label="Issue areas"]').waitFor();
  });

  afterAll(async () => {
    await app.close();
    await closeAll();
  });

  test.each(vectors.map((v) => [v.file, v] as const))(
    '%s: no script runs, nothing leaves the app, the note stays readable',
    async (file, v) => {
      const { page } = app;
      await page.locator('.area-link', { hasText: `Hostile ${file.slice(0, 3)}:` }).click();
      const preview = page.getByRole('article', { name: 'Preview of the briefing note' });
      await expect.poll(() => preview.textContent()).toContain(`After the pasted page (${v.file}).`);
      expect(await preview.textContent()).toContain(`Before the pasted page (${v.file}).`);
      // Give handlers, timers, refreshes and lazy loads a moment to fire.
      await preview.hover();
      await page.waitForTimeout(120);
      expect(await canary(page)).toBeNull();
      expect(app.foreignRequests).toEqual([]);
      expect(page.url()).toMatch(/\/index\.html$/);
      if (v.file.startsWith('v01') || v.file.startsWith('v47'))
        await page.screenshot({ path: screenshotPath(`hostile-note-${v.file.slice(0, 3)}`) });
    },
  );

  test('the page logged no errors and made no request outside its origin', () => {
    expect(app.foreignRequests).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});

// ---- the reader: imported through Sources -------------------------------------

/** Vectors whose readable line the parser nests inside the payload the sanitizer removes. */
const droppedWithPayload = new Set(['v33-mutation.html']);

const importMethod = listMethods().find((m) => (m.namespace as string) === 'sources' && /^import/i.test(m.name));
describe.skipIf(!importMethod)('imported through Sources and shown in the reader', () => {
  let reader: AppHandle;
  beforeAll(async () => {
    reader = await launchApp({ dataDir: await tempDir('briefing-hostile-reader-') });
    await reader.page.locator('nav[aria-label="Issue areas"]').waitFor();
  });
  afterAll(async () => {
    await reader.close();
  });

  /**
   * Drops the saved page on the window, as a user would: the renderer reads the file and sends its text
   * through sources.importText. A single file that is imported opens at once in the reader (with its
   * details to check); one that is refused stays in the import list with its message.
   */
  async function importAndOpen(page: Page, vector: Vector): Promise<{ opened: boolean; message: string }> {
    await page.getByRole('button', { name: 'Sources', exact: true }).click();
    await page.getByRole('heading', { name: 'Sources', level: 1 }).waitFor();
    const dismiss = page.locator('.import-progress').getByRole('button', { name: 'Dismiss' });
    if (await dismiss.count()) await dismiss.click();
    await page.evaluate(
      (file) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([file.content], file.name, { type: 'text/html' }));
        for (const type of ['dragenter', 'dragover', 'drop'])
          window.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      },
      { name: vector.file, content: html(vector) },
    );
    const reader = page.locator('.article-body');
    const refused = page.locator('.import-job.job-failed, .import-job.job-error, .import-job.job-duplicate');
    await reader.or(refused).first().waitFor({ timeout: 20_000 });
    if (await reader.count()) return { opened: true, message: '' };
    return { opened: false, message: (await refused.first().locator('.job-status').textContent()) ?? '' };
  }

  test.each(vectors.map((v) => [v.file, v] as const))(
    '%s: imported or refused with a clear error; no script runs, nothing leaves the app, the article stays readable',
    async (_file, v) => {
      const { page } = reader;
      // A few payloads make the HTML parser itself swallow the rest of the page (an unterminated attribute; markup
      // that opens a <style> in the wrong namespace): parsed by the standard, the page has no readable line, so the
      // reader is held to what parsing keeps (parse5, as in jsdom, follows the standard Chromium follows), and to the
      // paragraph before the payload. One mutation payload nests the line inside the namespace-confused subtree,
      // which the sanitizer drops whole, text included (DOMPurify's choice for such markup).
      const parsedText = new JSDOM(html(v)).window.document.body.textContent;
      const keeps = parsedText.includes(v.readable) && !droppedWithPayload.has(v.file);
      const before = /<p>([^<]+)<\/p>/.exec(html(v))?.[1] ?? '';
      expect(before.length).toBeGreaterThan(20);
      const result = await importAndOpen(page, v);
      if (result.opened) {
        await expect.poll(() => page.locator('.article-body').textContent()).toContain(keeps ? v.readable : before);
        await page.locator('.article-body').hover();
      } else {
        expect(result.message).toMatch(/^Not imported: \S.{10,}/);
      }
      await page.waitForTimeout(120);
      expect(await canary(page)).toBeNull();
      expect(reader.foreignRequests).toEqual([]);
      expect(page.url()).toMatch(/\/index\.html$/);
      if (v.file.startsWith('v01') || v.file.startsWith('v47'))
        await page.screenshot({ path: screenshotPath(`hostile-reader-${v.file.slice(0, 3)}`) });
    },
  );

  test('the reader logged no errors and made no request outside its origin', () => {
    expect(reader.foreignRequests).toEqual([]);
    expect(reader.consoleErrors).toEqual([]);
  });
});
