import { readFile, readdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { AreaSummary } from '../../electron/core/contract/views';
import type { SearchResponse } from '../../electron/core/search/schemas';
import { sampleBook } from '../../electron/core/sample/sampleBook';
import { expectFound } from './searchSupport';
import { boot, freshDir, listFiles, type Booted } from './support';

/**
 * Search through the real services: the sample book on a temp folder, the index in its worker
 * thread, every edit made through the API, and the index persisted between runs.
 */

async function find(b: Booted, query: string): Promise<SearchResponse> {
  await b.services.search.idle();
  return b.ok<SearchResponse>('bb:search.query', { query });
}

function keys(response: SearchResponse): string[] {
  return response.groups.flatMap((g) => g.hits.map((h) => h.key)).sort();
}

async function started(options: { cache?: string } = {}): Promise<{ b: Booted; dir: string; cache: string }> {
  const dir = await freshDir('briefing-search-');
  const cache = options.cache ?? (await freshDir('briefing-search-cache-'));
  const b = await boot(dir, { searchCacheDir: cache });
  await b.services.search.whenReady();
  return { b, dir, cache };
}

describe('search over the sample book', () => {
  test('an English phrase and a Chinese run inside a longer sentence are found, with snippets', async () => {
    const { b } = await started();
    const phrase = await find(b, '"technology transfer and intellectual property"');
    expect(keys(phrase)).toEqual(['note:forced-technology-transfer']);
    const hit = phrase.groups[0]?.hits[0];
    expect(hit?.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['technology transfer and intellectual property']);
    // The same words apart are not the phrase.
    expect(keys(await find(b, 'technology intellectual kind:note'))).toContain('note:forced-technology-transfer');
    expect(keys(await find(b, '"technology intellectual"'))).toEqual([]);
    expect(hit?.title.map((s) => s.text).join('')).toBe('Forced technology transfer');

    // The MOFCOM article and the annotation quoting it have the words too.
    expect(keys(await find(b, '结构性问题'))).toEqual([
      'annotation:src-mofcom-briefing/ann-structural-progress',
      'note:forced-technology-transfer',
      'source:src-mofcom-briefing',
    ]);
    const chinese = await find(b, '结构性问题 kind:note');
    expect(keys(chinese)).toEqual(['note:forced-technology-transfer']);
    const target = chinese.groups[0]?.hits[0]?.target;
    const note = sampleBook.areas.find((a) => a.id === 'forced-technology-transfer')?.note ?? '';
    expect(target).toEqual({ field: 'text', offset: note.indexOf('结构性问题'), length: 5, text: '结构性问题' });
    expect((await find(b, '知识产权 kind:note')).groups[0]?.hits[0]?.key).toBe('note:forced-technology-transfer');
    await b.services.shutdown();
  });

  test('results are grouped by kind, filters become chips, and mistakes are explained', async () => {
    const { b } = await started();
    const response = await find(b, 'enforcement area:"enforcement and" kind:note');
    expect(response.chips.map((c) => c.label)).toEqual(['Area: Enforcement and verification', 'Kind: Briefing notes']);
    expect(keys(response)).toEqual(['note:enforcement']);
    const wrong = await find(b, 'tariffs area:shipping');
    expect(wrong.groups).toEqual([]);
    expect(wrong.chips[0]?.problem).toBe('No issue area is called "shipping".');
    const grouped = await find(b, 'tariffs');
    expect(grouped.groups.map((g) => g.kind).sort()).toEqual(['annotation', 'area', 'event', 'meeting', 'note', 'position', 'source']);
    expect(grouped.groups.every((g) => g.total >= g.hits.length && g.hits.length > 0)).toBe(true);
    expect(grouped.status.state).toBe('ready');
    await b.services.shutdown();
  });

  test('area: and party: filters follow renames at once (the names are kept between queries only while nothing changed)', async () => {
    const { b } = await started();
    expect((await find(b, 'tariffs area:"currency matters"')).chips[0]?.problem).toBe('No issue area is called "currency matters".');
    await b.ok('bb:areas.update', { id: 'enforcement', patch: { title: 'Currency matters' } });
    const renamed = await find(b, 'enforcement area:"currency matters"');
    expect(renamed.chips[0]).toMatchObject({ label: 'Area: Currency matters', problem: null });
    const settings = await b.ok<{ parties: { id: string; name: string }[] }>('bb:book.updateSettings', {});
    const parties = settings.parties.map((p, i) => (i === 0 ? { ...p, name: 'Washington' } : p));
    await b.ok('bb:book.updateSettings', { parties });
    expect((await find(b, 'tariffs party:washington')).chips[0]).toMatchObject({ label: 'Party: Washington', problem: null });
    await b.services.shutdown();
  });

  test('every kind of edit updates the index at once; a deleted area and its note are no longer found', async () => {
    const { b } = await started();
    const created = await b.ok<AreaSummary>('bb:areas.create', { title: 'Currency commitments', summary: 'No competitive devaluation.' });
    expect(keys(await find(b, 'currency'))).toEqual([`area:${created.id}`]);
    expect(keys(await find(b, 'devaluation'))).toEqual([`area:${created.id}`]);

    await b.ok('bb:notes.save', { areaId: created.id, markdown: 'Publish intervention data **fortnightly**. 汇率操纵不可接受。' });
    expect(keys(await find(b, 'fortnightly'))).toEqual([`note:${created.id}`]);
    expect(keys(await find(b, '汇率操纵'))).toEqual([`note:${created.id}`]);

    await b.ok('bb:notes.save', { areaId: created.id, markdown: 'Rewritten: exchange rate transparency.' });
    expect(keys(await find(b, 'fortnightly'))).toEqual([]);
    expect(keys(await find(b, '汇率操纵'))).toEqual([]);
    expect(keys(await find(b, 'transparency'))).toContain(`note:${created.id}`);

    await b.ok('bb:areas.update', {
      id: created.id,
      patch: { title: 'Exchange rates', summary: 'Sterilised intervention.', tags: ['fx', 'Macro'] },
    });
    expect(keys(await find(b, 'currency'))).toEqual([]);
    expect(keys(await find(b, 'sterilised'))).toEqual([`area:${created.id}`]);
    expect(keys(await find(b, 'tag:macro'))).toEqual([`area:${created.id}`, `note:${created.id}`]);
    expect(keys(await find(b, 'exchange kind:area'))).toEqual([`area:${created.id}`]);

    await b.ok('bb:areas.setArchived', { id: created.id, archived: true });
    expect(keys(await find(b, 'sterilised'))).toEqual([`area:${created.id}`]);

    await b.ok('bb:areas.delete', { id: created.id });
    expect(keys(await find(b, 'sterilised'))).toEqual([]);
    expect(keys(await find(b, 'transparency'))).not.toContain(`note:${created.id}`);
    expect(keys(await find(b, 'tag:fx'))).toEqual([]);

    await b.ok('bb:areas.undelete', { id: created.id });
    expect(keys(await find(b, 'transparency'))).toContain(`note:${created.id}`);

    await b.ok('bb:notes.save', { areaId: created.id, markdown: '' });
    expect(keys(await find(b, 'transparency'))).not.toContain(`note:${created.id}`);
    await b.services.shutdown();
  });

  test('after a restart the index comes from the cache; only what changed meanwhile is indexed again', async () => {
    const { b, dir, cache } = await started();
    // 8 areas, 8 notes, and the sample's stances, assessments and rounds.
    const total = b.services.search.startupReport().indexed;
    expect(total).toBeGreaterThan(16);
    expect(b.services.search.startupReport()).toMatchObject({ fromCache: 0, indexed: total });
    await b.services.shutdown();
    // The cache is outside the book folder: the book folder holds only the book. It is one SQLite database (and
    // SQLite's -wal and -shm files beside it, the -wal empty once the index is closed).
    const index = b.services.search.cacheFile() ?? '';
    const files = (await readdir(cache)).filter((f) => f.startsWith('search-index-'));
    expect(files.filter((f) => !f.endsWith('-wal') && !f.endsWith('-shm'))).toEqual([basename(index)]);
    expect((await readFile(index)).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    if (files.includes(`${basename(index)}-wal`)) expect((await readFile(`${index}-wal`)).length).toBe(0);
    expect((await listFiles(dir)).some((f) => f.includes('search'))).toBe(false);

    // Edited on disk while the app was closed (a restored backup, a hand edit).
    const file = join(dir, 'areas', 'tariffs-deadline.json');
    const doc = JSON.parse(await readFile(file, 'utf8')) as { note: { markdown: string; revision: number; updatedAt: string } };
    doc.note = {
      ...doc.note,
      markdown: 'Snapback clause drafted overnight.',
      revision: doc.note.revision + 1,
      updatedAt: '2019-01-11T08:00:00.000Z',
    };
    await writeFile(file, JSON.stringify(doc, null, 2));

    const again = await boot(dir, { searchCacheDir: cache });
    await again.services.search.whenReady();
    expect(again.services.search.startupReport()).toMatchObject({ fromCache: total, indexed: 1, removed: 0, cacheError: null });
    expect(keys(await find(again, 'snapback'))).toEqual(['note:tariffs-deadline']);
    expect(keys(await find(again, '"2 March" kind:note'))).not.toContain('note:tariffs-deadline');
    await again.services.shutdown();
  });

  test('after a restart, areas, notes, sources and annotations are answered from the kept index: nothing is indexed again', async () => {
    const { b, dir, cache } = await started();
    const first = b.services.search.startupReport();
    // The first start wrote every document: the sample's areas, notes, sources, annotations, positions, meetings…
    expect(first.written).toBe(first.indexed);
    await b.services.shutdown();

    const again = await boot(dir, { searchCacheDir: cache });
    await again.services.search.whenReady();
    expect(again.services.search.startupReport()).toMatchObject({
      fromCache: first.indexed,
      indexed: 0,
      removed: 0,
      written: 0,
      cacheError: null,
    });
    await expectFound(again, [
      ['kind:area tariffs deadline', ['area:tariffs-deadline']],
      ['"technology transfer and intellectual property"', ['note:forced-technology-transfer']],
      ['kind:source "hardest part of any deal"', ['source:src-wire-round-ends']],
      ['kind:annotation "standing line"', ['annotation:src-wire-third-day/ann-deny-forced']],
    ]);
    // Answering only read the index: the index itself counts no document written since it was opened.
    expect(await again.services.search.indexWrites()).toBe(0);
    await again.services.shutdown();
  });

  test('a damaged cache is ignored and rebuilt; search still answers', async () => {
    const { b, dir, cache } = await started();
    const total = b.services.search.startupReport().indexed;
    await b.services.shutdown();
    const file = b.services.search.cacheFile() ?? '';
    const bytes = await readFile(file);
    // Not a database any more: refused when opened, and every document is indexed again.
    await writeFile(file, Buffer.concat([Buffer.alloc(100, 0x2a), bytes.subarray(100)]));
    const again = await boot(dir, { searchCacheDir: cache });
    await again.services.search.whenReady();
    const report = again.services.search.startupReport();
    expect(report.cacheError).toMatch(/not a database|not a search index/);
    expect(report).toMatchObject({ fromCache: 0, indexed: total, written: total });
    expect(keys(await find(again, '"technology transfer and intellectual property"'))).toEqual(['note:forced-technology-transfer']);
    expect(keys(await find(again, 'kind:area tariffs'))).not.toEqual([]);
    await again.services.shutdown();

    // Cut in half: found damaged when opened or by the first search that reads the missing half. Either way it is
    // started again and the book indexed again, and the next searches answer in full.
    const whole = await readFile(file);
    await writeFile(file, whole.subarray(0, Math.floor(whole.length / 2)));
    const cut = await boot(dir, { searchCacheDir: cache });
    await cut.services.search.whenReady();
    for (const query of ['tariffs', 'technology', '结构性问题']) await find(cut, query);
    expect(keys(await find(cut, '"technology transfer and intellectual property"'))).toEqual(['note:forced-technology-transfer']);
    expect(keys(await find(cut, 'kind:area tariffs'))).not.toEqual([]);
    expect((await find(cut, 'tariffs')).status.state).toBe('ready');
    await cut.services.shutdown();
  });

  test('an empty query or one of only excluded words answers nothing, quickly', async () => {
    const { b } = await started();
    expect((await find(b, '   ')).groups).toEqual([]);
    expect((await find(b, '-tariffs')).groups).toEqual([]);
    await b.services.shutdown();
  });
});
