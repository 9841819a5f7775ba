import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { WireResult } from '../../electron/core/contract/result';
import type { AreaSummary, BookState, NoteView, StoreNotice } from '../../electron/core/contract/views';
import type { BookSettings } from '../../electron/core/model/book';
import { sampleBook } from '../../electron/core/sample/sampleBook';
import type { IdSource } from '../../electron/services/book/bookService';
import { FaultyFs } from '../harness/faultyFs';
import { boot, freshDir, listFiles, readJson, snapshot, type Booted } from './support';

const sampleIds = sampleBook.areas.map((a) => a.id);

/** A data folder holding the sample book, written by the real services. */
async function sampleFolder(): Promise<string> {
  const dir = await freshDir();
  const first = await boot(dir);
  await first.services.shutdown();
  return dir;
}

const areaPath = (dir: string, id: string) => join(dir, 'areas', `${id}.json`);

function failure(result: WireResult<unknown>): { code: string; message: string; details: readonly string[] } {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value).slice(0, 200)}`);
  return result.error;
}

/** Offers the given ids first, then counts. */
class ScriptedIds implements IdSource {
  private n = 0;
  constructor(private readonly script: string[]) {}
  next(prefix: string): string {
    return this.script.shift() ?? `${prefix}-${(this.n += 1)}`;
  }
}

describe('opening', () => {
  test('an empty folder gets the sample book; a second start reads everything back in order', async () => {
    const dir = await freshDir();
    const first = await boot(dir);
    const state = await first.ok<BookState>('bb:book.open');
    expect(state.createdSample).toBe(true);
    expect(state.dataDir).toBe(dir);
    expect(state.areas.map((a) => a.id)).toEqual(sampleIds);

    const created = await first.ok<AreaSummary>('bb:areas.create', { title: 'Exchange rates', tags: ['currency'] });
    await first.ok('bb:notes.save', { areaId: created.id, markdown: '# Exchange rates\n\n人民币汇率' });
    await first.ok('bb:areas.move', { id: created.id, beforeId: sampleIds[1] });
    await first.ok('bb:book.updateSettings', { title: 'Round two' });
    const before = await first.ok<BookState>('bb:book.open');
    await first.services.shutdown();

    const second = await boot(dir);
    const after = await second.ok<BookState>('bb:book.open');
    expect(after.createdSample).toBe(false);
    expect(after.notices).toEqual([]);
    expect(after.settings).toEqual(before.settings);
    expect(after.areas).toEqual(before.areas);
    expect(after.areas.map((a) => a.id).slice(0, 3)).toEqual([sampleIds[0], created.id, sampleIds[1]]);
    const note = await second.ok<NoteView>('bb:notes.get', { areaId: created.id });
    expect(note.markdown).toBe('# Exchange rates\n\n人民币汇率');
    expect(note.revision).toBe(1);
    await second.services.shutdown();
  });
});

describe('damaged area files', () => {
  const damage: [string, (valid: Buffer) => Buffer | string, RegExp][] = [
    ['empty', () => '', /the file is empty/],
    ['truncated JSON', (valid) => valid.subarray(0, Math.floor(valid.length / 2)), /not valid JSON/],
    ['NUL-filled', (valid) => Buffer.alloc(valid.length), /NUL bytes/],
    ['NUL bytes after the data', (valid) => Buffer.concat([valid.subarray(0, 40), Buffer.alloc(512)]), /NUL bytes|not valid JSON/],
    [
      'invalid UTF-8',
      (valid) => Buffer.concat([valid.subarray(0, 30), Buffer.from([0xff, 0xfe, 0xc3]), valid.subarray(30)]),
      /not valid UTF-8/,
    ],
    ['invalid JSON', () => '{"format": "briefing-book/area", schemaVersion: 1,}', /not valid JSON/],
    ['JSON that is not an object', () => '[1, 2, 3]', /does not hold a JSON object/],
    [
      'valid JSON of the wrong shape',
      (valid) => {
        const doc = JSON.parse(valid.toString('utf8')) as { area: Record<string, unknown> };
        return JSON.stringify({ ...doc, area: { ...doc.area, status: 'maybe' } });
      },
      /invalid shape \(area\.status/,
    ],
    [
      'another format',
      (valid) => valid.toString('utf8').replace('briefing-book/area', 'briefing-book/book'),
      /not a issue-area file|not an? issue-area file/,
    ],
  ];

  test.each(damage)('%s: moved into corrupt/ unchanged, reported, and every other area opens', async (_label, make, reason) => {
    const dir = await sampleFolder();
    const victim = 'market-access';
    const bad = make(await readFile(areaPath(dir, victim)));
    await writeFile(areaPath(dir, victim), bad);
    const badBytes = await readFile(areaPath(dir, victim));

    const b = await boot(dir, { ids: new ScriptedIds([victim]) });
    const state = await b.ok<BookState>('bb:book.open');
    expect(state.areas.map((a) => a.id)).toEqual(sampleIds.filter((id) => id !== victim));
    expect((await b.ok<AreaSummary>('bb:areas.create', { title: 'Market access (new)' })).id).not.toBe(victim);

    expect(state.notices).toHaveLength(1);
    const notice = state.notices[0] as StoreNotice;
    expect(notice.severity).toBe('warning');
    expect(notice.file).toBe(`areas/${victim}.json`);
    expect(notice.movedTo).toMatch(new RegExp(`^corrupt/.+areas__${victim}\\.json$`));
    expect(notice.message).toContain(`areas/${victim}.json`);
    expect(notice.message).toContain(notice.movedTo ?? '');
    expect(notice.message).toMatch(reason);

    const files = await listFiles(dir);
    expect(files).not.toContain(`areas/${victim}.json`);
    expect(await readFile(join(dir, notice.movedTo ?? ''))).toEqual(badBytes);

    // In this session the id stays taken; writing later never touches the damaged copy.
    await b.services.shutdown();
    const b2 = await boot(dir, { ids: new ScriptedIds([victim]) });
    await b2.ok('bb:book.open');
    await b2.ok('bb:notes.save', { areaId: 'enforcement', markdown: 'Edited later' });
    await b2.ok('bb:areas.create', { title: 'Market access (rewritten)' });
    await b2.services.shutdown();
    expect(await readFile(join(dir, notice.movedTo ?? ''))).toEqual(badBytes);
  });

  test('many damaged files at once, plus one holding another id: each is handled, nothing is overwritten', async () => {
    const dir = await sampleFolder();
    const damaged = ['forced-technology-transfer', 'tariffs-deadline', 'cyber-theft'];
    await writeFile(areaPath(dir, damaged[0] ?? ''), '');
    await writeFile(areaPath(dir, damaged[1] ?? ''), Buffer.alloc(300));
    await writeFile(areaPath(dir, damaged[2] ?? ''), '{"truncated": ');
    // A copy of one area under another file name (e.g. "copy of ..." made by hand).
    await writeFile(areaPath(dir, 'copy-of-enforcement'), await readFile(areaPath(dir, 'enforcement')));
    const copyBytes = await readFile(areaPath(dir, 'copy-of-enforcement'));

    const b = await boot(dir, { ids: new ScriptedIds(['copy-of-enforcement', ...damaged]) });
    const state = await b.ok<BookState>('bb:book.open');
    expect(state.areas.map((a) => a.id)).toEqual(sampleIds.filter((id) => !damaged.includes(id)));
    expect(state.notices.map((n) => n.file).sort()).toEqual([...damaged, 'copy-of-enforcement'].map((id) => `areas/${id}.json`).sort());

    const mismatch = state.notices.find((n) => n.file === 'areas/copy-of-enforcement.json');
    expect(mismatch?.movedTo).toBeNull();
    expect(mismatch?.severity).toBe('warning');
    expect(mismatch?.message).toMatch(/under another id \(enforcement\).*not been changed/);

    const moved = state.notices.filter((n) => n.movedTo !== null).map((n) => n.movedTo ?? '');
    expect(moved).toHaveLength(3);
    expect(new Set(moved).size).toBe(3);
    expect((await readdir(join(dir, 'corrupt'))).sort()).toEqual(moved.map((m) => m.slice('corrupt/'.length)).sort());

    // The new area skips every id that is taken by a file on disk.
    const created = await b.ok<AreaSummary>('bb:areas.create', { title: 'New area' });
    expect(['copy-of-enforcement', ...damaged]).not.toContain(created.id);
    await b.ok('bb:notes.save', { areaId: 'enforcement', markdown: 'Edited after opening' });
    await b.services.shutdown();
    expect(await readFile(areaPath(dir, 'copy-of-enforcement'))).toEqual(copyBytes);
    expect((await readJson(areaPath(dir, 'enforcement')))['note']).toMatchObject({ markdown: 'Edited after opening' });
  });

  test('a damaged file that cannot be moved aside is left in place, reported, and never written', async () => {
    const dir = await sampleFolder();
    const victim = 'purchase-commitments';
    await writeFile(areaPath(dir, victim), '{ not json');
    const fs = new FaultyFs().failOp('rename', 'EACCES', { permanent: true, path: (p) => p.endsWith(`${victim}.json`) });
    const b = await boot(dir, { fs, ids: new ScriptedIds([victim]) });
    const state = await b.ok<BookState>('bb:book.open');
    expect(state.areas.map((a) => a.id)).not.toContain(victim);
    const notice = state.notices.find((n) => n.file === `areas/${victim}.json`);
    expect(notice?.severity).toBe('error');
    expect(notice?.movedTo).toBeNull();
    expect(notice?.message).toMatch(
      /could not be opened \(the file is not valid JSON.*\) and could not be moved aside \(permission was denied\)\. It was left where it is/,
    );
    const created = await b.ok<AreaSummary>('bb:areas.create', { title: 'Another' });
    expect(created.id).not.toBe(victim);
    await b.services.shutdown();
    expect(await readFile(areaPath(dir, victim), 'utf8')).toBe('{ not json');
  });

  test('an area file that cannot be read is left in place and reported', async () => {
    const dir = await sampleFolder();
    const victim = 'cyber-theft';
    const original = await readFile(areaPath(dir, victim));
    const fs = new FaultyFs().failOp('readFile', 'EIO', { permanent: true, path: (p) => p.endsWith(`${victim}.json`) });
    const b = await boot(dir, { fs });
    const state = await b.ok<BookState>('bb:book.open');
    expect(state.areas.map((a) => a.id)).toEqual(sampleIds.filter((id) => id !== victim));
    expect(state.notices).toHaveLength(1);
    expect(state.notices[0]?.message).toMatch(
      /^areas\/cyber-theft\.json could not be read \(the disk reported an input\/output error\)\. It was left where it is/,
    );
    expect(failure(await b.call('bb:notes.save', { areaId: victim, markdown: 'x' })).code).toBe('not_found');
    await b.services.shutdown();
    expect(await readFile(areaPath(dir, victim))).toEqual(original);
  });
});

describe('the book file', () => {
  test('a damaged book.json is set aside; the book opens with recovered settings and keeps every area', async () => {
    const dir = await sampleFolder();
    await writeFile(join(dir, 'book.json'), '{"format": "briefing-book/book", "schemaVersion": 1, "bookId": ');
    const b = await boot(dir);
    const state = await b.ok<BookState>('bb:book.open');
    expect(state.areas.map((a) => a.id)).toEqual(sampleIds);
    expect(state.settings.title).toBe('Recovered briefing book');
    expect(state.settings.parties.map((p) => p.name)).toEqual(['United States', 'China']);

    const setAside = state.notices.find((n) => n.file === 'book.json' && n.movedTo !== null);
    expect(setAside?.severity).toBe('warning');
    expect(await readFile(join(dir, setAside?.movedTo ?? ''), 'utf8')).toBe(
      '{"format": "briefing-book/book", "schemaVersion": 1, "bookId": ',
    );
    const reset = state.notices.find((n) => n.id === 'recovered-book-file');
    expect(reset?.severity).toBe('warning');
    expect(reset?.message).toMatch(/Every issue area and note was kept/);

    // The new book.json is valid and used from now on.
    await b.ok('bb:book.updateSettings', { title: 'Trade talks (restored)' });
    await b.services.shutdown();
    const again = await boot(dir);
    const reopened = await again.ok<BookState>('bb:book.open');
    expect(reopened.notices).toEqual([]);
    expect(reopened.settings.title).toBe('Trade talks (restored)');
    expect(reopened.areas.map((a) => a.id)).toEqual(sampleIds);
    await again.services.shutdown();
  });

  test('a missing book.json with areas present is recreated and every area kept', async () => {
    const dir = await sampleFolder();
    const { rm } = await import('node:fs/promises');
    await rm(join(dir, 'book.json'));
    const b = await boot(dir);
    const state = await b.ok<BookState>('bb:book.open');
    expect(state.createdSample).toBe(false);
    expect(state.areas.map((a) => a.id)).toEqual(sampleIds);
    expect(state.notices.map((n) => n.id)).toEqual(['recovered-book-file']);
    await b.services.shutdown();
    expect((await readJson(join(dir, 'book.json')))['format']).toBe('briefing-book/book');
  });

  test.each([
    [
      'cannot be read',
      (fs: FaultyFs) => fs.failOp('readFile', 'EIO', { permanent: true, path: (p) => p.endsWith('book.json') }),
      '{"valid": "enough"}',
    ],
    [
      'is damaged and cannot be moved aside',
      (fs: FaultyFs) => fs.failOp('rename', 'EACCES', { permanent: true, path: (p) => p.endsWith('book.json') }),
      'damaged { book',
    ],
  ])('a book.json that %s is never replaced; the book still opens, saying why', async (_label, arm, content) => {
    const dir = await sampleFolder();
    const original = await readFile(join(dir, 'book.json'));
    if (content !== '{"valid": "enough"}') await writeFile(join(dir, 'book.json'), content);
    const before = await readFile(join(dir, 'book.json'));
    const fs = new FaultyFs();
    arm(fs);
    const b = await boot(dir, { fs });
    const state = await b.ok<BookState>('bb:book.open');
    expect(state.areas.map((a) => a.id)).toEqual(sampleIds);
    expect(state.notices.some((n) => n.file === 'book.json' && n.severity === 'error')).toBe(true);
    const save = failure(await b.call('bb:book.updateSettings', { title: 'Would overwrite' }));
    expect(save.code).toBe('storage');
    expect(save.message).toMatch(/^Not saved: /);
    await b.services.shutdown();
    expect(await readFile(join(dir, 'book.json'))).toEqual(before);
    // Once the disk behaves, the real settings come back.
    if (content === '{"valid": "enough"}') {
      const healthy = await boot(dir);
      expect((await healthy.ok<BookState>('bb:book.open')).settings.title).toBe(JSON.parse(original.toString('utf8')).settings.title);
      await healthy.services.shutdown();
    }
  });

  test('when the recovered book.json cannot be written (disk full), the book still opens and says so; a later save writes it', async () => {
    const dir = await sampleFolder();
    await writeFile(join(dir, 'book.json'), '');
    const fs = new FaultyFs().failOp('write', 'ENOSPC', { permanent: true });
    const b = await boot(dir, { fs });
    const state = await b.ok<BookState>('bb:book.open');
    expect(state.areas.map((a) => a.id)).toEqual(sampleIds);
    const unsaved = state.notices.find((n) => n.id === 'recovered-book-file-unsaved');
    expect(unsaved?.severity).toBe('error');
    expect(unsaved?.message).toMatch(/^Not saved: the disk is full/);
    expect(await listFiles(dir)).not.toContain('book.json');
    fs.clear();
    await b.ok('bb:book.updateSettings', { title: 'Saved at last' });
    await b.services.shutdown();
    expect((await readJson(join(dir, 'book.json')))['settings']).toMatchObject({ title: 'Saved at last' });
  });

  test('a book.json from a newer version stops the open with newer_version, and nothing is written', async () => {
    const dir = await sampleFolder();
    const book = await readJson(join(dir, 'book.json'));
    await writeFile(join(dir, 'book.json'), JSON.stringify({ ...book, schemaVersion: 4, futureField: { x: 1 } }, null, 2));
    const before = await snapshot(dir);

    const b = await boot(dir);
    const open = failure(await b.call('bb:book.open'));
    expect(open.code).toBe('newer_version');
    expect(open.message).toMatch(/^This book cannot be opened: /);
    expect(open.message).toContain('newer version of Briefing Book');
    expect(open.message).toContain('format version 4');
    expect(open.message).toContain('reads up to 3');

    // Every write the renderer could try is refused.
    const writes: [string, unknown][] = [
      ['bb:areas.create', { title: 'Planted' }],
      ['bb:areas.update', { id: 'enforcement', patch: { title: 'Renamed' } }],
      ['bb:areas.move', { id: 'enforcement', beforeId: null }],
      ['bb:areas.setArchived', { id: 'enforcement', archived: true }],
      ['bb:areas.delete', { id: 'enforcement' }],
      ['bb:areas.undelete', { id: 'enforcement' }],
      ['bb:notes.save', { areaId: 'enforcement', markdown: 'x' }],
      ['bb:book.updateSettings', { title: 'Renamed' }],
      ['bb:positions.addPoint', { areaId: 'enforcement', title: 'Planted point' }],
      ['bb:positions.board', { areaId: 'enforcement' }],
      ['bb:rounds.create', { name: 'Planted round', startDate: '2019-02-01', endDate: '2019-02-01' }],
      ['bb:rounds.list', {}],
      ['bb:parties.list', {}],
      ['bb:positions.overview', {}],
    ];
    for (const [channel, payload] of writes) {
      const result = failure(await b.call(channel, payload));
      expect(result.code, channel).toBe('newer_version');
    }
    // Not even the window state (saved by the main process when the window closes) is written there.
    await expect(b.services.windowState.save({ bounds: { x: 0, y: 0, width: 900, height: 700 }, maximized: false })).rejects.toThrow(
      'This book cannot be opened',
    );
    await b.services.shutdown();
    expect(await snapshot(dir)).toEqual(before);
    expect(b.internalErrors).toEqual([]);
  });
});

describe('an area file from a newer version', () => {
  test('is skipped with an error notice and never written', async () => {
    const dir = await sampleFolder();
    const victim = 'industrial-subsidies';
    const doc = await readJson(areaPath(dir, victim));
    await writeFile(areaPath(dir, victim), JSON.stringify({ ...doc, schemaVersion: 7, newThing: true }));
    const bytes = await readFile(areaPath(dir, victim));

    const b = await boot(dir, { ids: new ScriptedIds([victim]) });
    const state = await b.ok<BookState>('bb:book.open');
    expect(state.areas.map((a) => a.id)).toEqual(sampleIds.filter((id) => id !== victim));
    expect(state.notices).toHaveLength(1);
    expect(state.notices[0]).toMatchObject({ severity: 'error', file: `areas/${victim}.json`, movedTo: null });
    expect(state.notices[0]?.message).toMatch(/newer version of Briefing Book \(format version 7; this version reads up to 2\)/);

    expect(failure(await b.call('bb:notes.get', { areaId: victim })).code).toBe('not_found');
    expect(failure(await b.call('bb:notes.save', { areaId: victim, markdown: 'x' })).code).toBe('not_found');
    expect(failure(await b.call('bb:areas.undelete', { id: victim })).code).toBe('not_found');
    expect(failure(await b.call('bb:areas.move', { id: 'enforcement', beforeId: victim })).code).toBe('invalid_input');
    const created = await b.ok<AreaSummary>('bb:areas.create', { title: 'Subsidies (new)' });
    expect(created.id).not.toBe(victim);
    await b.services.shutdown();
    expect(await readFile(areaPath(dir, victim))).toEqual(bytes);
    expect(await listFiles(dir)).not.toContainEqual(expect.stringMatching(/^corrupt\//));
  });
});

describe('leftover temp files', () => {
  test('are deleted at open and never read as data; other hidden files are left alone', async () => {
    const dir = await sampleFolder();
    const ghost = await readJson(areaPath(dir, 'enforcement'));
    const ghostDoc = JSON.stringify({ ...ghost, area: { ...(ghost['area'] as object), id: 'ghost', title: 'Ghost' } });
    await writeFile(join(dir, 'areas', '.ghost.json.0a1b2c3d4e5f.tmp'), ghostDoc);
    await writeFile(join(dir, 'areas', '.enforcement.json.ffffffffffff.tmp'), '{"half a wri');
    await writeFile(join(dir, '.book.json.123456789abc.tmp'), 'garbage');
    await writeFile(join(dir, 'areas', '.DS_Store'), 'finder');

    const b = await boot(dir);
    const state = await b.ok<BookState>('bb:book.open');
    expect(state.areas.map((a) => a.id)).toEqual(sampleIds);
    expect(state.notices).toEqual([]);
    await b.services.shutdown();
    const files = await listFiles(dir);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files).toContain('areas/.DS_Store');
    expect(await readFile(join(dir, 'areas', '.DS_Store'), 'utf8')).toBe('finder');
  });
});

describe('after shutdown', () => {
  test('every write is refused with a storage error and nothing changes on disk', async () => {
    const dir = await sampleFolder();
    const b = await boot(dir);
    await b.ok('bb:book.open');
    await b.services.shutdown();
    const before = await snapshot(dir);
    for (const [channel, payload] of [
      ['bb:notes.save', { areaId: 'enforcement', markdown: 'too late' }],
      ['bb:areas.create', { title: 'Too late' }],
      ['bb:areas.update', { id: 'enforcement', patch: { title: 'Too late' } }],
      ['bb:book.updateSettings', { title: 'Too late' }],
    ] as const) {
      const error = failure(await b.call(channel, payload));
      expect(error.code, channel).toBe('storage');
      expect(error.message).toBe('Not saved: the app is shutting down.');
    }
    await expect(b.services.windowState.save({ bounds: { x: 0, y: 0, width: 800, height: 600 }, maximized: false })).rejects.toMatchObject({
      code: 'storage',
    });
    expect(await snapshot(dir)).toEqual(before);
  });

  test('shutdown waits for writes already under way', async () => {
    const dir = await sampleFolder();
    const b = await boot(dir);
    const saves = Array.from({ length: 5 }, (_, i) => b.call('bb:notes.save', { areaId: 'enforcement', markdown: `draft ${i}` }));
    await b.services.shutdown();
    const results = await Promise.all(saves);
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await readJson(areaPath(dir, 'enforcement')))['note']).toMatchObject({ markdown: 'draft 4' });
  });
});

describe('files edited by hand', () => {
  test('a byte-order mark (added by some editors) is accepted and the file opens', async () => {
    const dir = await sampleFolder();
    const text = await readFile(areaPath(dir, 'enforcement'), 'utf8');
    await writeFile(areaPath(dir, 'enforcement'), `\ufeff${text}`);
    const b = await boot(dir);
    const state = await b.ok<BookState>('bb:book.open');
    expect(state.areas.map((a) => a.id)).toContain('enforcement');
    expect(state.notices).toEqual([]);
    await b.services.shutdown();
  });
});

describe('a failed write', () => {
  async function faulty(): Promise<{ dir: string; fs: FaultyFs; b: Booted }> {
    const dir = await sampleFolder();
    const fs = new FaultyFs();
    const b = await boot(dir, { fs });
    await b.ok('bb:book.open');
    return { dir, fs, b };
  }

  test('disk full: the note save is refused, the old note stays in memory and on disk, and a retry succeeds', async () => {
    const { dir, fs, b } = await faulty();
    const original = await b.ok<NoteView>('bb:notes.get', { areaId: 'enforcement' });
    const onDisk = await readFile(areaPath(dir, 'enforcement'));

    fs.failOp('write', 'ENOSPC', { permanent: true });
    for (let i = 0; i < 2; i += 1) {
      const error = failure(await b.call('bb:notes.save', { areaId: 'enforcement', markdown: 'New text' }));
      expect(error.code).toBe('storage');
      expect(error.message.startsWith('Not saved: the disk is full')).toBe(true);
      expect(error.details).toEqual(['write areas/enforcement.json (ENOSPC)']);
    }
    expect(await b.ok<NoteView>('bb:notes.get', { areaId: 'enforcement' })).toEqual(original);
    expect(await readFile(areaPath(dir, 'enforcement'))).toEqual(onDisk);
    expect((await listFiles(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    fs.clear();
    const saved = await b.ok<{ revision: number }>('bb:notes.save', { areaId: 'enforcement', markdown: 'New text' });
    expect(saved.revision).toBe(original.revision + 1);
    expect((await b.ok<NoteView>('bb:notes.get', { areaId: 'enforcement' })).markdown).toBe('New text');
    expect((await readJson(areaPath(dir, 'enforcement')))['note']).toMatchObject({ markdown: 'New text', revision: original.revision + 1 });
    await b.services.shutdown();
  });

  test('only the folder fsync fails: the save is not acknowledged, yet memory follows the disk, which holds the new text', async () => {
    const { dir, fs, b } = await faulty();
    const original = await b.ok<NoteView>('bb:notes.get', { areaId: 'enforcement' });
    // Fail only the fsync of the areas folder, which comes after the rename.
    fs.failOp('sync', 'EIO', { path: (p) => p === join(dir, 'areas') });
    const error = failure(await b.call('bb:notes.save', { areaId: 'enforcement', markdown: 'Renamed into place' }));
    expect(error.code).toBe('storage');
    expect((await readJson(areaPath(dir, 'enforcement')))['note']).toMatchObject({ markdown: 'Renamed into place' });
    expect((await b.ok<NoteView>('bb:notes.get', { areaId: 'enforcement' })).markdown).toBe('Renamed into place');
    // The retry the renderer makes is harmless and acknowledged.
    fs.clear();
    const saved = await b.ok<{ revision: number }>('bb:notes.save', { areaId: 'enforcement', markdown: 'Renamed into place' });
    expect(saved.revision).toBe(original.revision + 1);
    await b.services.shutdown();
  });

  test('disk full: settings, renames and new areas are refused and leave nothing behind', async () => {
    const { dir, fs, b } = await faulty();
    const before = await snapshot(dir);
    const state = await b.ok<BookState>('bb:book.open');
    fs.failOp('write', 'ENOSPC', { permanent: true });
    for (const [channel, payload] of [
      ['bb:book.updateSettings', { title: 'Full disk' }],
      ['bb:areas.update', { id: 'enforcement', patch: { title: 'Full disk' } }],
      ['bb:areas.create', { title: 'Full disk' }],
      ['bb:areas.delete', { id: 'enforcement' }],
    ] as const) {
      const error = failure(await b.call(channel, payload));
      expect(error.code, channel).toBe('storage');
      expect(error.message).toMatch(/^Not saved: the disk is full\. Your changes are kept in the app/);
    }
    expect(await b.ok<BookState>('bb:book.open')).toEqual(state);
    expect(await snapshot(dir)).toEqual(before);

    fs.clear();
    expect((await b.ok<BookSettings>('bb:book.updateSettings', { title: 'Disk freed' })).title).toBe('Disk freed');
    const created = await b.ok<AreaSummary>('bb:areas.create', { title: 'Disk freed' });
    expect(await listFiles(dir)).toContain(`areas/${created.id}.json`);
    await b.services.shutdown();
  });

  test.each([
    ['EACCES', 'rename', 'permission was denied'],
    ['EROFS', 'open', 'the disk is read-only'],
    ['EIO', 'sync', 'the disk reported an input/output error'],
    ['EMFILE', 'open', 'too many files are open'],
  ] as const)('%s on %s is explained in words', async (code, op, words) => {
    const { dir, fs, b } = await faulty();
    const onDisk = await readFile(areaPath(dir, 'enforcement'));
    fs.failOp(op, code, { permanent: true });
    const error = failure(await b.call('bb:notes.save', { areaId: 'enforcement', markdown: 'x' }));
    expect(error.code).toBe('storage');
    expect(error.message).toBe(`Not saved: ${words}. Your changes are kept in the app and will be saved when the problem is fixed.`);
    fs.clear();
    expect(await readFile(areaPath(dir, 'enforcement'))).toEqual(onDisk);
    await b.services.shutdown();
  });
});
