import { describe, expect, test } from 'vitest';
import type { ImportResult } from '../../electron/core/contract/sourceViews';
import type { Annotation } from '../../electron/core/sources/model';
import { expectFound, find, hits, keys, startedSample, titleOf } from './searchSupport';
import { boot, freshDir, type Booted } from './support';

/**
 * Search over the Sources library, through the real services on the sample book in a temp folder: an
 * article's full text and its details, and each annotation's quote and comment, are found; every edit
 * (import, details, annotation, delete, undo) changes what is found, and a restart keeps it.
 */

async function started(): Promise<Booted> {
  return startedSample('briefing-search-sources-');
}

const article = [
  '# Shipping lanes and port fees',
  '',
  'Harbour masters in Rotterdam met on Tuesday.',
  '',
  'The delegation said the levy on container cranes would be reviewed before the summit. 港口收费将在峰会前审查。',
  '',
  'Nothing else was agreed.',
].join('\n');

describe('search over sources and annotations', () => {
  test("a phrase inside an article's text is found, with where it is; a Chinese run inside a sentence too", async () => {
    const b = await started();
    // The sample's note and annotation on enforcement quote it too; the article is among them.
    expect(keys(await find(b, '"hardest part of any deal"'))).toContain('source:src-wire-round-ends');
    const response = await find(b, 'kind:source "hardest part of any deal"');
    expect(keys(response)).toEqual(['source:src-wire-round-ends']);
    const hit = hits(response)[0];
    expect(hit?.kind).toBe('source');
    expect(hit?.target?.field).toBe('text');
    expect(hit?.target?.text.toLowerCase()).toBe('hardest part of any deal');
    const detail = await b.ok<{ text: string }>('bb:sources.get', { id: 'src-wire-round-ends' });
    // The target points into the article's canonical text, which the reader maps onto the page.
    expect(detail.text.slice(hit?.target?.offset ?? 0, (hit?.target?.offset ?? 0) + (hit?.target?.length ?? 0))).toBe(
      'hardest part of any deal',
    );
    // 副部长级磋商 is only in the MOFCOM article's body (no annotation quotes it).
    expect(keys(await find(b, '副部长级磋商'))).toEqual(['source:src-mofcom-briefing']);
    expect(keys(await find(b, 'kind:source 强制技术转让'))).toEqual(['source:src-mofcom-briefing']);
    await b.services.shutdown();
  });

  test("an article's details (outlet, author, date, address) are found, and area: keeps sources its quotes link to", async () => {
    const b = await started();
    await expectFound(b, [
      ['kind:source "Office of the US Trade Representative"', ['source:src-ustr-readout']],
      ['kind:source ustr.example.gov', ['source:src-ustr-readout']],
      ['kind:sources readout area:"market access"', ['source:src-ustr-readout']],
      ['kind:article readout area:tariffs', []],
    ]);
    await b.services.shutdown();
  });

  test('annotations are found by quote and comment, under their source, filed under their linked areas', async () => {
    const b = await started();
    const byComment = await find(b, 'kind:annotation "standing line"');
    expect(keys(byComment)).toEqual(['annotation:src-wire-third-day/ann-deny-forced']);
    // Shown under its source's title.
    expect(titleOf(hits(byComment)[0])).toMatch(/^US and China add a third day to Beijing trade talks/);
    await expectFound(b, [
      ['kind:quote 认真的', ['annotation:src-mofcom-briefing/ann-serious-honest']],
      ['kind:annotation verification area:enforcement', ['annotation:src-ustr-readout/ann-verification']],
      ['kind:annotation verification area:tariffs', []],
    ]);
    await b.services.shutdown();
  });

  test('every edit changes what is found; a deleted source and its annotations are gone, and come back on undo', async () => {
    const b = await started();
    const imported = await b.ok<ImportResult>('bb:sources.importText', { text: article, format: 'markdown', fileName: 'ports.md' });
    if (imported.status !== 'imported') throw new Error('expected an import');
    const id = imported.source.id;
    expect(keys(await find(b, '"container cranes"'))).toEqual([`source:${id}`]);
    expect(keys(await find(b, '港口收费'))).toEqual([`source:${id}`]);

    // Details: the new title and outlet are found, the old title no longer.
    await b.ok('bb:sources.update', { id, patch: { title: 'Port levies review', outlet: 'Lloyd Harbour Gazette' } });
    const renamed = hits(await find(b, 'kind:source levies'));
    expect(renamed.map((h) => h.key)).toEqual([`source:${id}`]);
    expect(renamed[0]?.title.map((s) => s.text).join('')).toBe('Port levies review');
    // The old title is still in the article's own heading, so the source is found by it, under its new title.
    expect(hits(await find(b, 'kind:source "shipping lanes"')).map((h) => h.title.map((s) => s.text).join(''))).toEqual([
      'Port levies review',
    ]);
    expect(keys(await find(b, 'kind:source gazette'))).toEqual([`source:${id}`]);

    // An annotation: created, its comment edited, deleted.
    const detail = await b.ok<{ text: string }>('bb:sources.get', { id });
    const quote = 'Harbour masters in Rotterdam met on Tuesday.';
    const at = detail.text.indexOf(quote);
    const ann = await b.ok<Annotation>('bb:annotations.create', {
      sourceId: id,
      selection: { exact: quote, prefix: '', suffix: '', start: at, end: at + quote.length },
      color: 'yellow',
      comment: 'Who chaired it?',
    });
    const annKey = `annotation:${id}/${ann.id}`;
    expect(keys(await find(b, 'kind:annotation rotterdam'))).toEqual([annKey]);
    expect(keys(await find(b, 'kind:annotation chaired'))).toEqual([annKey]);
    await b.ok('bb:annotations.update', {
      sourceId: id,
      id: ann.id,
      patch: { comment: 'Ask for the minutes.', areaIds: ['tariffs-deadline'] },
    });
    expect(keys(await find(b, 'kind:annotation chaired'))).toEqual([]);
    expect(keys(await find(b, 'kind:annotation minutes area:tariffs'))).toEqual([annKey]);
    // The annotation's link files the source under that area too.
    expect(keys(await find(b, 'kind:source cranes area:tariffs'))).toEqual([`source:${id}`]);
    await b.ok('bb:annotations.delete', { sourceId: id, id: ann.id });
    expect(keys(await find(b, 'kind:annotation rotterdam'))).toEqual([]);
    await b.ok('bb:annotations.undelete', { sourceId: id, id: ann.id });
    expect(keys(await find(b, 'kind:annotation rotterdam'))).toEqual([annKey]);

    // The source deleted: neither it nor its annotations are found; undo brings both back.
    await b.ok('bb:sources.delete', { id });
    expect(keys(await find(b, '"container cranes"'))).toEqual([]);
    expect(keys(await find(b, 'rotterdam'))).toEqual([]);
    await b.ok('bb:sources.undelete', { id });
    expect(keys(await find(b, 'rotterdam'))).toEqual([annKey, `source:${id}`].sort());
    await b.services.shutdown();
  });

  test('after a restart sources and annotations come from the cache, and a delete still takes them out', async () => {
    const dir = await freshDir('briefing-search-sources-restart-');
    const cache = await freshDir('briefing-search-sources-cache-');
    const first = await boot(dir, { searchCacheDir: cache });
    await first.services.search.whenReady();
    expect(keys(await find(first, 'kind:source "hardest part of any deal"'))).toEqual(['source:src-wire-round-ends']);
    await first.services.shutdown();

    const second = await boot(dir, { searchCacheDir: cache });
    await second.services.search.whenReady();
    const report = second.services.search.startupReport();
    expect(report.indexed).toBe(0);
    expect(report.fromCache).toBeGreaterThan(0);
    expect(keys(await find(second, 'kind:source "hardest part of any deal"'))).toEqual(['source:src-wire-round-ends']);
    expect(keys(await find(second, 'kind:annotation "standing line"'))).toEqual(['annotation:src-wire-third-day/ann-deny-forced']);
    await second.ok('bb:sources.delete', { id: 'src-wire-round-ends' });
    expect(keys(await find(second, 'kind:source "hardest part of any deal"'))).toEqual([]);
    await second.ok('bb:sources.delete', { id: 'src-wire-third-day' });
    expect(keys(await find(second, 'kind:annotation "standing line"'))).toEqual([]);
    await second.services.shutdown();
  });
});
