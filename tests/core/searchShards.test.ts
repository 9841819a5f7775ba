import { describe, expect, test } from 'vitest';
import { indexQueryOf, type IndexFilters, type SearchDocument } from '../../electron/core/search/engine';
import { parseQuery } from '../../electron/core/search/query';
import { BODY_SHARDS, SHARD_COUNT, ShardedIndex, shardOfKey } from '../../electron/core/search/shards';

const noFilters: IndexFilters = { kinds: [], areaIds: [], tags: [], parties: [], from: null, to: null };

function doc(key: string, title: string, text: string, date = '2019-01-10'): SearchDocument {
  const [kind, id] = key.split(':') as ['area' | 'note' | 'position', string];
  return { key, kind, id, stamp: `s-${text.length}`, title, fields: { title, text }, areaIds: [], tags: [], parties: [], date, weight: 1 };
}

function keys(index: ShardedIndex, query: string): string[] {
  return index
    .candidates(indexQueryOf(parseQuery(query), noFilters), 50)
    .hits.map((h) => h.key)
    .sort();
}

const notes = Array.from({ length: 40 }, (_, i) =>
  doc(`note:n${i}`, `Note ${i} on licensing`, `Body ${i}: soybean purchases and verification ${i % 2 ? 'snapback' : 'deadline'}`),
);
const areas = [
  doc('area:tariffs', 'Tariffs', 'The 2 March deadline'),
  doc('position:tariffs', 'China on tariffs', 'Phase out the increases'),
];

describe('the index in shards', () => {
  test('short kinds live in the head, long ones spread over the body shards by key', () => {
    expect(shardOfKey('area:tariffs')).toBe(0);
    expect(shardOfKey('position:a/b/c')).toBe(0);
    const used = new Set(notes.map((n) => shardOfKey(n.key)));
    for (const s of used) expect(s).toBeGreaterThanOrEqual(1);
    for (const s of used) expect(s).toBeLessThanOrEqual(BODY_SHARDS);
    // 40 notes over 12 shards: spread, and always the same shard for the same key.
    expect(used.size).toBeGreaterThan(6);
    expect(shardOfKey('note:n7')).toBe(shardOfKey('note:n7'));
  });

  test('a body shard not loaded yet: its documents are found by title, not by body; once loaded, by both', () => {
    const built = new ShardedIndex();
    built.upsert([...areas, ...notes]);
    const files = built.serializeDirty();
    expect(files.map((f) => f.shard)).toEqual([...new Set([0, ...notes.map((n) => shardOfKey(n.key))])].sort((a, b) => a - b));
    // Nothing changed since: nothing to write.
    expect(built.serializeDirty()).toEqual([]);

    const loading = new ShardedIndex();
    const head = files.find((f) => f.shard === 0);
    const load = loading.load(0, head?.json ?? null);
    expect(load.entries.map(([k]) => k).sort()).toEqual(['area:tariffs', 'position:tariffs']);
    expect(load.stubbed).toHaveLength(40);
    expect(keys(loading, 'tariffs')).toEqual(['area:tariffs', 'position:tariffs']);
    // By title: every note; by body: none yet.
    expect(keys(loading, 'licensing')).toHaveLength(40);
    expect(keys(loading, 'snapback')).toEqual([]);

    const target = shardOfKey('note:n1');
    loading.load(target, files.find((f) => f.shard === target)?.json ?? null);
    const inTarget = notes.filter((n, i) => i % 2 === 1 && shardOfKey(n.key) === target).map((n) => n.key);
    expect(keys(loading, 'snapback')).toEqual(inTarget.sort());
    // Loaded documents are not counted twice (their stand-ins are dropped).
    expect(keys(loading, 'licensing')).toHaveLength(40);
    for (const f of files) loading.load(f.shard, f.json);
    loading.loadedAll();
    expect(keys(loading, 'snapback')).toHaveLength(20);
    expect(keys(loading, '"verification snapback"')).toHaveLength(20);
  });

  test('an edit dirties the head and one body shard; a removal leaves no stand-in behind', () => {
    const index = new ShardedIndex();
    index.upsert(notes);
    index.serializeDirty();
    index.upsert([doc('note:n3', 'Note 3 renamed', 'Body 3: now about beef')]);
    expect(index.serializeDirty().map((f) => f.shard)).toEqual([0, shardOfKey('note:n3')]);
    expect(keys(index, 'beef')).toEqual(['note:n3']);
    expect(keys(index, 'renamed')).toEqual(['note:n3']);
    index.remove(['note:n3']);
    expect(keys(index, 'beef')).toEqual([]);
    expect(keys(index, 'renamed')).toEqual([]);
    expect(index.serializeDirty(true)).toHaveLength(SHARD_COUNT);
  });

  test('a damaged shard loads empty and says why; results from all shards are merged by score', () => {
    const index = new ShardedIndex();
    const outcome = index.load(3, '{"version":2,"stamps":[');
    expect(outcome.error).toMatch(/JSON|Unexpected|Unterminated|Expected/);
    expect(outcome.entries).toEqual([]);
    index.loadedAll();
    index.upsert([...areas, ...notes]);
    const ranked = index.candidates(indexQueryOf(parseQuery('deadline'), noFilters), 50).hits;
    // The area has "deadline" in a short text; notes in longer ones: merged and sorted best first.
    const scores = ranked.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(ranked.length).toBe(21);
    // Only short kinds asked for: the head alone answers, stand-ins of long documents left out.
    const areasOnly = { ...noFilters, kinds: ['area' as const] };
    expect(index.candidates(indexQueryOf(parseQuery('deadline'), areasOnly), 50).hits.map((h) => h.key)).toEqual(['area:tariffs']);
    // Without words, the newest first across shards.
    const byDate = new ShardedIndex();
    byDate.loadedAll();
    byDate.upsert([
      doc('note:old', 'Old', 'x', '2018-12-01'),
      doc('area:new', 'New', 'x', '2019-01-09'),
      doc('note:mid', 'Mid', 'x', '2019-01-02'),
    ]);
    const listed = byDate.candidates(indexQueryOf(parseQuery('kind:note kind:area'), noFilters), 10).hits.map((h) => h.key);
    expect(listed).toEqual(['area:new', 'note:mid', 'note:old']);
  });
});

describe('the shards of the kinds added with sources and meetings', () => {
  test('sources go to the body shards; annotations, meetings, follow-ups and events stay in the head', () => {
    expect(shardOfKey('source:src-1')).toBeGreaterThan(0);
    expect(shardOfKey('source:src-1')).toBeLessThanOrEqual(BODY_SHARDS);
    for (const key of ['annotation:src-1/ann-1', 'meeting:m-1', 'followup:m-1/f-1', 'event:e-1']) expect(shardOfKey(key)).toBe(0);
  });
});
