import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { WireResult } from '../../electron/core/contract/result';
import type { AreaSummary, BookState, NoteView } from '../../electron/core/contract/views';
import type { BookSettings } from '../../electron/core/model/book';
import { sampleBook } from '../../electron/core/sample/sampleBook';
import { boot, CountingIds, freshDir, readJson, type Booted } from './support';

const sampleIds = sampleBook.areas.map((a) => a.id);

async function start(): Promise<{ dir: string; b: Booted }> {
  const dir = await freshDir();
  const b = await boot(dir, { ids: new CountingIds() });
  await b.ok('bb:book.open');
  return { dir, b };
}

async function order(b: Booted): Promise<string[]> {
  return (await b.ok<BookState>('bb:book.open')).areas.map((a) => a.id);
}

function failure(result: WireResult<unknown>): { code: string; message: string; details: readonly string[] } {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value).slice(0, 300)}`);
  return result.error;
}

const areaFile = (dir: string, id: string) => join(dir, 'areas', `${id}.json`);

async function areaOnDisk(dir: string, id: string): Promise<{ area: AreaSummary; note: { markdown: string; revision: number } }> {
  return (await readJson(areaFile(dir, id))) as unknown as { area: AreaSummary; note: { markdown: string; revision: number } };
}

/** A file's bytes and modification time, to prove a call wrote nothing. */
async function fingerprint(path: string): Promise<[string, number]> {
  return [(await readFile(path)).toString('base64'), (await stat(path)).mtimeMs];
}

describe('areas', () => {
  test('create cleans the input, appends the area and writes its file', async () => {
    const { dir, b } = await start();
    const created = await b.ok<AreaSummary>('bb:areas.create', {
      title: '  Exchange   rates ',
      summary: ' Currency  \n',
      status: 'stalled',
      priority: 'low',
      tags: ['currency', 'Currency', ' FX '],
    });
    expect(created).toMatchObject({
      title: 'Exchange rates',
      summary: 'Currency',
      status: 'stalled',
      priority: 'low',
      tags: ['currency', 'FX'],
    });
    expect(created.noteWords).toBe(0);
    expect(await order(b)).toEqual([...sampleIds, created.id]);
    expect((await areaOnDisk(dir, created.id)).area).toMatchObject({ id: created.id, title: 'Exchange rates', deletedAt: null });
    expect(await b.ok<NoteView>('bb:notes.get', { areaId: created.id })).toMatchObject({ markdown: '', revision: 0 });
  });

  test('create with beforeId places the new area; an unknown beforeId is refused and writes nothing', async () => {
    const { dir, b } = await start();
    const created = await b.ok<AreaSummary>('bb:areas.create', { title: 'Second', beforeId: sampleIds[1] });
    expect((await order(b)).slice(0, 3)).toEqual([sampleIds[0], created.id, sampleIds[1]]);
    const first = await b.ok<AreaSummary>('bb:areas.create', { title: 'First', beforeId: sampleIds[0] });
    expect((await order(b))[0]).toBe(first.id);
    const last = await b.ok<AreaSummary>('bb:areas.create', { title: 'Last', beforeId: null });
    expect((await order(b)).at(-1)).toBe(last.id);

    const before = (await readdir(join(dir, 'areas'))).sort();
    const error = failure(await b.call('bb:areas.create', { title: 'Nowhere', beforeId: 'no-such-area' }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('"no-such-area" does not exist');
    expect((await readdir(join(dir, 'areas'))).sort()).toEqual(before);
  });

  test('update renames and changes status, priority and tags; an identical update writes nothing', async () => {
    const { dir, b } = await start();
    const id = 'market-access';
    const updated = await b.ok<AreaSummary>('bb:areas.update', {
      id,
      patch: { title: ' Market  access ', status: 'agreed', priority: 'low', tags: [' autos', 'AUTOS', 'services '] },
    });
    expect(updated).toMatchObject({ id, title: 'Market access', status: 'agreed', priority: 'low', tags: ['autos', 'services'] });
    expect((await areaOnDisk(dir, id)).area).toMatchObject({ title: 'Market access', status: 'agreed', tags: ['autos', 'services'] });

    const print = await fingerprint(areaFile(dir, id));
    const same = await b.ok<AreaSummary>('bb:areas.update', {
      id,
      patch: { title: 'Market access', status: 'agreed', tags: ['autos', 'services'] },
    });
    expect(same.updatedAt).toBe(updated.updatedAt);
    expect(await b.ok<AreaSummary>('bb:areas.update', { id, patch: {} })).toEqual(same);
    expect(await fingerprint(areaFile(dir, id))).toEqual(print);

    expect(failure(await b.call('bb:areas.update', { id: 'gone', patch: { title: 'X' } })).code).toBe('not_found');
    expect(failure(await b.call('bb:areas.update', { id, patch: { title: '   ' } })).code).toBe('invalid_input');
  });

  test('move before another and to the end; the result lists what changed', async () => {
    const { dir, b } = await start();
    const [a, bb, c] = sampleIds;
    const moved = await b.ok<AreaSummary[]>('bb:areas.move', { id: c, beforeId: a });
    expect(moved.map((m) => m.id)).toEqual([c]);
    expect((await order(b)).slice(0, 3)).toEqual([c, a, bb]);
    expect((await areaOnDisk(dir, c ?? '')).area.rank).toBe(moved[0]?.rank);

    await b.ok('bb:areas.move', { id: a, beforeId: null });
    const now = await order(b);
    expect(now.at(-1)).toBe(a);
    expect(now).toHaveLength(sampleIds.length);
    expect(failure(await b.call('bb:areas.move', { id: a, beforeId: 'nope' })).code).toBe('invalid_input');
    expect(failure(await b.call('bb:areas.move', { id: 'nope', beforeId: null })).code).toBe('not_found');
  });

  test('create with beforeId between two areas with the same rank (hand-edited files) places it and keeps a strict order', async () => {
    const { dir, b } = await start();
    await b.services.shutdown();
    // Give the third area the second one's rank, as a hand edit or a merge could.
    const second = await areaOnDisk(dir, sampleIds[1] ?? '');
    const third = await readJson(areaFile(dir, sampleIds[2] ?? ''));
    await writeFile(
      areaFile(dir, sampleIds[2] ?? ''),
      JSON.stringify({ ...third, area: { ...(third['area'] as object), rank: second.area.rank } }, null, 2),
    );
    const again = await boot(dir, { ids: new CountingIds() });
    const ids = await order(again);
    const [x, y] = [ids[1] ?? '', ids[2] ?? ''];
    const created = await again.ok<AreaSummary>('bb:areas.create', { title: 'Squeezed in', beforeId: y });
    expect(created.title).toBe('Squeezed in');
    const after = await again.ok<BookState>('bb:book.open');
    expect(after.areas.map((a) => a.id).slice(0, 4)).toEqual([ids[0], x, created.id, y]);
    const ranks = after.areas.map((a) => a.rank);
    expect([...ranks].sort()).toEqual(ranks);
    expect(new Set(ranks).size).toBe(ranks.length);
    await again.services.shutdown();

    // And it is all on disk.
    const third2 = await boot(dir, { ids: new CountingIds() });
    expect(await order(third2)).toEqual(after.areas.map((a) => a.id));
    await third2.services.shutdown();
  });

  test('a hand-edited rank that is not a valid key: creating and moving still work, and a move repairs it on disk', async () => {
    const { dir, b } = await start();
    await b.services.shutdown();
    const doc = await readJson(areaFile(dir, 'enforcement'));
    await writeFile(areaFile(dir, 'enforcement'), JSON.stringify({ ...doc, area: { ...(doc['area'] as object), rank: 'zz-hand-edited' } }));
    const again = await boot(dir, { ids: new CountingIds() });
    const created = await again.ok<AreaSummary>('bb:areas.create', { title: 'Still possible' });
    expect((await order(again)).slice(-2)).toEqual([created.id, 'enforcement']);
    await again.ok('bb:areas.move', { id: 'enforcement', beforeId: sampleIds[0] });
    const after = await again.ok<BookState>('bb:book.open');
    expect(after.areas.map((a) => a.id).slice(0, 2)).toEqual(['enforcement', sampleIds[0]]);
    expect(after.areas.at(-1)?.id).toBe(created.id);
    await again.services.shutdown();
    const third = await boot(dir);
    expect(await order(third)).toEqual(after.areas.map((a) => a.id));
    expect((await areaOnDisk(dir, 'enforcement')).area.rank).not.toBe('zz-hand-edited');
    await third.services.shutdown();
  });

  test('setArchived archives and restores, keeping the area in the list', async () => {
    const { dir, b } = await start();
    const id = 'cyber-theft';
    const archived = await b.ok<AreaSummary>('bb:areas.setArchived', { id, archived: true });
    expect(archived.archivedAt).not.toBeNull();
    expect(await order(b)).toEqual(sampleIds);
    expect((await areaOnDisk(dir, id)).area.archivedAt).toBe(archived.archivedAt);
    const print = await fingerprint(areaFile(dir, id));
    expect((await b.ok<AreaSummary>('bb:areas.setArchived', { id, archived: true })).archivedAt).toBe(archived.archivedAt);
    expect(await fingerprint(areaFile(dir, id))).toEqual(print);
    const restored = await b.ok<AreaSummary>('bb:areas.setArchived', { id, archived: false });
    expect(restored.archivedAt).toBeNull();
  });

  test('delete hides the area and undelete brings it back at its place; undelete of a live area is a no-op', async () => {
    const { dir, b } = await start();
    const id = 'tariffs-deadline';
    const deleted = await b.ok<AreaSummary>('bb:areas.delete', { id });
    expect(deleted.deletedAt).not.toBeNull();
    expect(await order(b)).toEqual(sampleIds.filter((x) => x !== id));
    expect((await areaOnDisk(dir, id)).area.deletedAt).toBe(deleted.deletedAt);
    expect(failure(await b.call('bb:notes.get', { areaId: id })).code).toBe('not_found');
    expect(failure(await b.call('bb:areas.delete', { id })).code).toBe('not_found');
    expect(failure(await b.call('bb:areas.update', { id, patch: { title: 'x' } })).code).toBe('not_found');

    const back = await b.ok<AreaSummary>('bb:areas.undelete', { id });
    expect(back.deletedAt).toBeNull();
    expect(back.rank).toBe(deleted.rank);
    expect(await order(b)).toEqual(sampleIds);

    const print = await fingerprint(areaFile(dir, id));
    const again = await b.ok<AreaSummary>('bb:areas.undelete', { id });
    expect(again).toEqual(back);
    expect(await fingerprint(areaFile(dir, id))).toEqual(print);
    expect(failure(await b.call('bb:areas.undelete', { id: 'never-existed' })).code).toBe('not_found');
  });

  test('undelete after another area took the deleted rank puts it right before that area', async () => {
    const { b } = await start();
    const [a, bId, c, d] = sampleIds;
    const deleted = await b.ok<AreaSummary>('bb:areas.delete', { id: bId });
    // Moving d between a and c gives it the key between them: the deleted area's old rank.
    const [moved] = await b.ok<AreaSummary[]>('bb:areas.move', { id: d, beforeId: c });
    expect(moved?.rank).toBe(deleted.rank);
    const back = await b.ok<AreaSummary>('bb:areas.undelete', { id: bId });
    expect(back.rank).not.toBe(moved?.rank);
    const state = await b.ok<BookState>('bb:book.open');
    expect(state.areas.map((x) => x.id).slice(0, 4)).toEqual([a, bId, d, c]);
    expect(new Set(state.areas.map((x) => x.rank)).size).toBe(state.areas.length);
  });
});

describe('notes', () => {
  test('save increments the revision; saving identical text writes nothing', async () => {
    const { dir, b } = await start();
    const id = 'enforcement';
    const start0 = await b.ok<NoteView>('bb:notes.get', { areaId: id });
    const first = await b.ok<{ revision: number; updatedAt: string }>('bb:notes.save', {
      areaId: id,
      markdown: '# Enforcement\n\n审查机制',
    });
    expect(first.revision).toBe(start0.revision + 1);
    const second = await b.ok<{ revision: number; updatedAt: string }>('bb:notes.save', {
      areaId: id,
      markdown: '# Enforcement\n\n审查机制 and more',
    });
    expect(second.revision).toBe(start0.revision + 2);
    expect((await areaOnDisk(dir, id)).note).toMatchObject({
      markdown: '# Enforcement\n\n审查机制 and more',
      revision: start0.revision + 2,
    });

    const print = await fingerprint(areaFile(dir, id));
    const same = await b.ok<{ revision: number }>('bb:notes.save', { areaId: id, markdown: '# Enforcement\n\n审查机制 and more' });
    expect(same.revision).toBe(second.revision);
    expect(await fingerprint(areaFile(dir, id))).toEqual(print);

    const listed = (await b.ok<BookState>('bb:book.open')).areas.find((a) => a.id === id);
    // "Enforcement", four Chinese characters, "and", "more".
    expect(listed?.noteWords).toBe(1 + 4 + 2);
    expect(listed?.noteUpdatedAt).toBe(second.updatedAt);
    expect(second.updatedAt > first.updatedAt).toBe(true);
  });

  test('concurrent saves are applied in order and the last one wins', async () => {
    const { dir, b } = await start();
    const id = 'cyber-theft';
    const base = (await b.ok<NoteView>('bb:notes.get', { areaId: id })).revision;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => b.ok<{ revision: number }>('bb:notes.save', { areaId: id, markdown: `v${i}` })),
    );
    expect(results.map((r) => r.revision)).toEqual(Array.from({ length: 20 }, (_, i) => base + i + 1));
    expect((await areaOnDisk(dir, id)).note).toMatchObject({ markdown: 'v19', revision: base + 20 });
  });
});

describe('settings', () => {
  test('title, marking and people are cleaned and saved; an identical patch writes nothing', async () => {
    const { dir, b } = await start();
    const saved = await b.ok<BookSettings>('bb:book.updateSettings', {
      title: '  Round   two ',
      marking: ' SECRET ',
      preparedBy: 'Unit B',
    });
    expect(saved).toMatchObject({ title: 'Round two', marking: 'SECRET', preparedBy: 'Unit B', preparedFor: sampleBook.preparedFor });
    expect((await readJson(join(dir, 'book.json')))['settings']).toEqual(saved);
    const print = await fingerprint(join(dir, 'book.json'));
    expect(await b.ok<BookSettings>('bb:book.updateSettings', { title: 'Round two', marking: 'SECRET' })).toEqual(saved);
    expect(await fingerprint(join(dir, 'book.json'))).toEqual(print);
  });

  test('parties: add, rename and reorder', async () => {
    const { b } = await start();
    const added = await b.ok<BookSettings>('bb:book.updateSettings', {
      parties: [{ id: 'united-states', name: 'United States' }, { id: 'china', name: 'China' }, { name: 'European Union' }],
    });
    expect(added.parties).toEqual([
      { id: 'united-states', name: 'United States' },
      { id: 'china', name: 'China' },
      { id: 'european-union', name: 'European Union' },
    ]);
    const renamed = await b.ok<BookSettings>('bb:book.updateSettings', {
      parties: [
        { id: 'european-union', name: 'EU' },
        { id: 'china', name: "People's Republic of China" },
        { id: 'united-states', name: 'USA' },
      ],
    });
    expect(renamed.parties).toEqual([
      { id: 'european-union', name: 'EU' },
      { id: 'china', name: "People's Republic of China" },
      { id: 'united-states', name: 'USA' },
    ]);
    // A new party whose name would give an id already in use gets another id.
    const clash = await b.ok<BookSettings>('bb:book.updateSettings', {
      parties: [...renamed.parties, { name: 'China' }],
    });
    const ids = clash.parties.map((p) => p.id);
    expect(new Set(ids).size).toBe(4);
    expect(clash.parties[3]?.name).toBe('China');
    expect(clash.parties[3]?.id).not.toBe('china');
  });

  test.each([
    [
      'duplicate names, whatever the case',
      [{ id: 'united-states', name: 'United States' }, { name: 'united  states' }],
      /Two parties are both called "united states"/,
    ],
    [
      'an unknown id',
      [
        { id: 'united-states', name: 'United States' },
        { id: 'mars', name: 'Mars' },
      ],
      /no party with id "mars"/,
    ],
    [
      'the same id twice',
      [
        { id: 'china', name: 'China' },
        { id: 'china', name: 'PRC' },
      ],
      /listed twice/,
    ],
    ['fewer than two parties', [{ id: 'china', name: 'China' }], /refused: the request is not valid/],
    ['no parties', [], /refused: the request is not valid/],
    ['an empty name', [{ id: 'china', name: '   ' }, { name: 'X' }], /needs a name/],
  ])('parties: %s is refused and nothing changes', async (_label, parties, message) => {
    const { dir, b } = await start();
    const print = await fingerprint(join(dir, 'book.json'));
    const error = failure(await b.call('bb:book.updateSettings', { title: 'Changed too', parties }));
    expect(error.code).toBe('invalid_input');
    expect(error.message + error.details.join(' ')).toMatch(message);
    expect((await b.ok<BookState>('bb:book.open')).settings.title).toBe(sampleBook.title);
    expect(await fingerprint(join(dir, 'book.json'))).toEqual(print);
  });

  test('fewer than two parties is explained', async () => {
    const { b } = await start();
    const error = failure(await b.call('bb:book.updateSettings', { parties: [{ id: 'china', name: 'China' }] }));
    expect(error.details).toEqual(['parties: A book needs at least two parties']);
  });
});

describe('a restart', () => {
  test('keeps everything, in order', async () => {
    const { dir, b } = await start();
    const created = await b.ok<AreaSummary>('bb:areas.create', { title: 'Rare earths', tags: ['minerals'] });
    await b.ok('bb:notes.save', { areaId: created.id, markdown: '| a | b |\n| --- | --- |\n| 1 | 2 |' });
    await b.ok('bb:areas.move', { id: created.id, beforeId: sampleIds[0] });
    await b.ok('bb:areas.move', { id: sampleIds[2], beforeId: null });
    await b.ok('bb:areas.setArchived', { id: sampleIds[3], archived: true });
    await b.ok('bb:areas.delete', { id: sampleIds[4] });
    await b.ok('bb:areas.update', { id: sampleIds[5], patch: { status: 'agreed', tags: ['done'] } });
    await b.ok('bb:book.updateSettings', {
      title: 'After restart',
      parties: [{ name: 'Japan' }, { id: 'china', name: 'China' }],
      // The sample's United States column has stances: removing it archives them (see positions tests).
      archiveParties: ['united-states'],
    });
    const before = await b.ok<BookState>('bb:book.open');
    const notes = await Promise.all(before.areas.map((a) => b.ok<NoteView>('bb:notes.get', { areaId: a.id })));
    await b.services.shutdown();

    const again = await boot(dir);
    const after = await again.ok<BookState>('bb:book.open');
    expect(after.settings).toEqual(before.settings);
    expect(after.areas).toEqual(before.areas);
    expect(after.areas[0]?.id).toBe(created.id);
    expect(after.areas.at(-1)?.id).toBe(sampleIds[2]);
    expect(after.areas.map((a) => a.id)).not.toContain(sampleIds[4]);
    expect(await Promise.all(after.areas.map((a) => again.ok<NoteView>('bb:notes.get', { areaId: a.id })))).toEqual(notes);
    // The deleted area can still be brought back after the restart.
    await again.ok('bb:areas.undelete', { id: sampleIds[4] });
    expect((await again.ok<BookState>('bb:book.open')).areas.map((a) => a.id)).toContain(sampleIds[4]);
    await again.services.shutdown();
  });
});
