import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { AreaSummary, BookState } from '../../electron/core/contract/views';
import { sampleBook } from '../../electron/core/sample/sampleBook';
import { SAMPLE_MARKER } from '../../electron/services/store/bookStore';
import { FaultyFs } from '../harness/faultyFs';
import { bootQuick, copyFolder, sampleTemplate, tempFilesIn } from '../reliability/folders';
import { freshDir, readJson } from './support';

/**
 * One test for each bug the crash, fault and power-loss proofs found in the
 * store, so that each fix stays put even if the large proofs change.
 */
async function sampleCopy(): Promise<string> {
  const dir = await copyFolder(await sampleTemplate());
  return dir;
}

describe('temp files a failed write could not remove', () => {
  test('are removed by the next write that succeeds, not left until the next start', async () => {
    const dir = await sampleCopy();
    // The write fails (disk full) and so does the unlink of its temp file.
    const fs = new FaultyFs().failOp('write', 'ENOSPC').failOp('unlink', 'EIO');
    const b = await bootQuick(dir, { fs });
    const failed = await b.call('bb:notes.save', { areaId: 'enforcement', markdown: 'first try' });
    expect(failed.ok).toBe(false);
    expect(await tempFilesIn(dir)).toHaveLength(1);
    await b.ok('bb:notes.save', { areaId: 'market-access', markdown: 'another note saves fine' });
    expect(await tempFilesIn(dir)).toEqual([]);
    await b.services.shutdown();
    await rm(dir, { recursive: true });
  });
});

describe('a save whose folder fsync failed', () => {
  test('creating an area: the file is taken away again, so a retry makes exactly one area', async () => {
    const dir = await sampleCopy();
    const fs = new FaultyFs().failOp('sync', 'EIO', { path: (p) => p === join(dir, 'areas') });
    const b = await bootQuick(dir, { fs });
    const failed = await b.call('bb:areas.create', { title: 'Exchange rates' });
    expect(failed.ok).toBe(false);
    expect((await readdir(join(dir, 'areas'))).filter((n) => n.endsWith('.json'))).toHaveLength(sampleBook.areas.length);
    expect((await b.ok<BookState>('bb:book.open')).areas.map((a) => a.title)).not.toContain('Exchange rates');
    const created = await b.ok<AreaSummary>('bb:areas.create', { title: 'Exchange rates' });
    await b.services.shutdown();
    const again = await bootQuick(dir);
    const titles = (await again.ok<BookState>('bb:book.open')).areas.map((a) => a.title);
    expect(titles.filter((t) => t === 'Exchange rates')).toHaveLength(1);
    expect(titles.at(-1)).toBe(created.title);
    await again.services.shutdown();
    await rm(dir, { recursive: true });
  });

  test('the retry of the same note is written and synced again before it is acknowledged', async () => {
    const dir = await sampleCopy();
    const fs = new FaultyFs().failOp('sync', 'EIO', { path: (p) => p === join(dir, 'areas') });
    const b = await bootQuick(dir, { fs });
    expect((await b.call('bb:notes.save', { areaId: 'enforcement', markdown: 'Not yet durable' })).ok).toBe(false);
    const start = fs.count;
    await b.ok('bb:notes.save', { areaId: 'enforcement', markdown: 'Not yet durable' });
    const ops = fs.callsSince(start).map((c) => c.op);
    // Before the fix the retry changed nothing in memory, so it was acknowledged without touching the disk.
    expect(ops).toEqual(['open', 'write', 'sync', 'close', 'rename', 'open', 'sync', 'close']);
    // A later save that really changes nothing costs nothing.
    const later = fs.count;
    await b.ok('bb:notes.save', { areaId: 'enforcement', markdown: 'Not yet durable' });
    expect(fs.count).toBe(later);
    await b.services.shutdown();
    await rm(dir, { recursive: true });
  });
});

describe('reads that fail for a moment', () => {
  test.each(['EMFILE', 'EIO', 'EBUSY', 'EACCES'])('%s once on an area file: the book opens whole, with no notice', async (code) => {
    const dir = await sampleCopy();
    const fs = new FaultyFs().failOp('readFile', code, { path: (p) => p.endsWith('cyber-theft.json') });
    const b = await bootQuick(dir, { fs });
    const state = await b.ok<BookState>('bb:book.open');
    expect(state.notices).toEqual([]);
    expect(state.areas.map((a) => a.id)).toContain('cyber-theft');
    await b.services.shutdown();
    await rm(dir, { recursive: true });
  });

  test('a folder that cannot be listed stops the open with a message in words, and nothing is written', async () => {
    const dir = await sampleCopy();
    const fs = new FaultyFs().failOp('readdir', 'EIO', { permanent: true });
    const b = await bootQuick(dir, { fs });
    const opened = await b.call('bb:book.open');
    expect(opened.ok).toBe(false);
    if (!opened.ok) {
      expect(opened.error.message).toBe(
        'The book could not be opened: the disk reported an input/output error. Nothing in its folder was changed. Check that the disk is connected and readable, then try again.',
      );
    }
    await b.services.shutdown();
    await rm(dir, { recursive: true });
  });

  test('"Try again" opens the book once the disk reads again, without a restart, sources included', async () => {
    const dir = await sampleCopy();
    const fs = new FaultyFs().failOp('readdir', 'EIO', { permanent: true });
    const b = await bootQuick(dir, { fs });
    expect((await b.call('bb:book.open')).ok).toBe(false);
    // Still failing: asked again, it says so again and writes nothing.
    expect((await b.call('bb:book.open')).ok).toBe(false);
    fs.clear();
    const state = await b.ok<{ areas: unknown[]; notices: unknown[] }>('bb:book.open');
    expect(state.areas.length).toBe(8);
    expect(state.notices).toEqual([]);
    expect((await b.ok<unknown[]>('bb:sources.list')).length).toBeGreaterThan(0);
    await b.ok('bb:notes.save', { areaId: 'enforcement', markdown: 'Saved after the disk came back.' });
    await b.services.shutdown();
    await rm(dir, { recursive: true });
  });
});

describe('an article whose text cannot be read for now', () => {
  test('is said to be unreadable and left where it is (not called damaged or moved), and opens once the disk reads', async () => {
    const dir = await sampleCopy();
    const fs = new FaultyFs().failOp('readFile', 'EIO', { permanent: true, path: (p) => p.endsWith('src-wire-third-day.snapshot.json') });
    const b = await bootQuick(dir, { fs });
    await b.ok('bb:book.open');
    const opened = await b.call('bb:sources.get', { id: 'src-wire-third-day' });
    expect(opened.ok).toBe(false);
    if (!opened.ok) {
      expect(opened.error.message).toMatch(
        /could not be read \(the disk reported an input\/output error\); it was left where it is\. Try again once the disk reads again\./,
      );
      expect(opened.error.message).not.toMatch(/damaged|corrupt/);
    }
    expect(await readdir(dir)).not.toContain('corrupt');
    fs.clear();
    const detail = await b.ok<{ text: string }>('bb:sources.get', { id: 'src-wire-third-day' });
    expect(detail.text).toContain('beef');
    await b.services.shutdown();
    await rm(dir, { recursive: true });
  });
});

describe('a first run cut short', () => {
  test('areas written and no book.json yet: the next start finishes the sample book, with no "settings were reset" notice', async () => {
    const dir = await freshDir();
    // The first run stops for good just after its fourth rename: the marker and three sample areas are in place.
    const fs = new FaultyFs();
    const counting = await bootQuick(await freshDir(), { fs });
    await counting.services.shutdown();
    const cut = fs.calls.filter((c) => c.op === 'rename')[3]?.seq ?? 0;
    expect(cut).toBeGreaterThan(0);
    const dying = new FaultyFs().failNth(cut + 1, 'EIO', { permanent: true });
    const first = await bootQuick(dir, { fs: dying });
    expect((await first.call('bb:book.open')).ok).toBe(false);
    await first.services.shutdown();
    expect((await readdir(join(dir, 'areas'))).filter((n) => n.endsWith('.json'))).toHaveLength(3);
    expect(await readdir(dir)).toContain(SAMPLE_MARKER);

    const second = await bootQuick(dir);
    const state = await second.ok<BookState>('bb:book.open');
    expect(state.notices).toEqual([]);
    expect(state.createdSample).toBe(true);
    expect(state.settings.title).toBe(sampleBook.title);
    expect(state.areas.map((a) => a.id)).toEqual(sampleBook.areas.map((a) => a.id));
    await second.services.shutdown();
    expect(await readdir(dir)).not.toContain(SAMPLE_MARKER);
  });

  test('a marker left beside a complete book is removed, and the book opens as it is', async () => {
    const dir = await sampleCopy();
    await writeFile(join(dir, SAMPLE_MARKER), '');
    const b = await bootQuick(dir);
    const state = await b.ok<BookState>('bb:book.open');
    expect(state.notices).toEqual([]);
    expect(state.createdSample).toBe(false);
    await b.services.shutdown();
    expect(await readdir(dir)).not.toContain(SAMPLE_MARKER);
    expect((await readJson(join(dir, 'book.json')))['format']).toBe('briefing-book/book');
    await rm(dir, { recursive: true });
  });

  test('a sample book that cannot be written says so in words', async () => {
    const dir = await freshDir();
    const b = await bootQuick(dir, { fs: new FaultyFs().failOp('write', 'ENOSPC', { permanent: true }) });
    const opened = await b.call('bb:book.open');
    expect(opened.ok).toBe(false);
    if (!opened.ok) {
      expect(opened.error.message).toBe(
        'The sample book could not be written: the disk is full. Restart Briefing Book once the problem is fixed; the sample book will be finished then.',
      );
    }
    await b.services.shutdown();
  });
});

describe('search and a create that is taken back', () => {
  test('an area whose create failed at the folder fsync is not found by search', async () => {
    const dir = await sampleCopy();
    const fs = new FaultyFs().failOp('sync', 'EIO', { path: (p) => p === join(dir, 'areas') });
    const b = await bootQuick(dir, { fs });
    expect((await b.call('bb:areas.create', { title: 'Rare earth export quotas' })).ok).toBe(false);
    const found = await b.ok<{ groups: { hits: { title: { text: string }[] }[] }[] }>('bb:search.query', { query: 'quotas' });
    const titles = found.groups.flatMap((g) => g.hits.map((h) => h.title.map((s) => s.text).join('')));
    expect(titles.filter((t) => t.includes('Rare earth'))).toEqual([]);
    await b.services.shutdown();
    await rm(dir, { recursive: true });
  });
});
