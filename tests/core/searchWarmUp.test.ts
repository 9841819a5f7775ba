import { describe, expect, test } from 'vitest';
import { indexQueryOf, type IndexFilters, type SearchDocument } from '../../electron/core/search/engine';
import { parseQuery } from '../../electron/core/search/query';
import { ShardedIndex } from '../../electron/core/search/shards';
import { WARM_UP_QUERIES, warmUpQueries } from '../../electron/core/search/warmUp';

const noFilters: IndexFilters = { kinds: [], areaIds: [], tags: [], parties: [], from: null, to: null };

function doc(key: string, title: string, text: string): SearchDocument {
  const [kind, id] = key.split(':') as ['note' | 'source', string];
  return { key, kind, id, stamp: 's', title, fields: { title, text }, areaIds: [], tags: [], parties: [], date: '2019-01-10', weight: 1 };
}

const docs = [
  doc(
    'source:mofcom',
    'MOFCOM briefing',
    '商务部新闻发言人高峰表示，双方在结构性问题上取得了进展。 Spokesman Gao Feng said the talks were extensive, deep and detailed, and laid a foundation for resolving mutual concerns.',
  ),
  doc(
    'note:tariffs',
    'Tariffs',
    'Our red line: any deal must keep the snapback mechanism. Licensing reviews remain pending before the March deadline.',
  ),
];

describe('warm-up searches', () => {
  test('cover every shape of query, with words taken from the documents, and are bounded', () => {
    const queries = warmUpQueries(docs);
    expect(queries.length).toBeLessThanOrEqual(WARM_UP_QUERIES);
    expect(queries.some((q) => /^[a-z]{4,}$/.test(q))).toBe(true);
    expect(queries.some((q) => /^[a-z]{3}$/.test(q))).toBe(true);
    expect(queries.some((q) => /^"[a-z]+ [a-z]+"$/.test(q))).toBe(true);
    expect(queries.some((q) => / -[a-z]+$/.test(q))).toBe(true);
    expect(queries.some((q) => /^kind:(note|source) /.test(q))).toBe(true);
    expect(queries.some((q) => /^[\u4e00-\u9fff]{2}$/.test(q))).toBe(true);
    expect(queries.some((q) => /^[\u4e00-\u9fff]{4}$/.test(q))).toBe(true);
    expect(new Set(queries).size).toBe(queries.length);
    expect(warmUpQueries([])).toEqual([]);
  });

  test('find the documents they were taken from, as a user search would', () => {
    const index = new ShardedIndex();
    index.loadedAll();
    index.upsert(docs);
    const finds = (q: string) => index.candidates(indexQueryOf(parseQuery(q), noFilters), 10).hits.length > 0;
    const queries = warmUpQueries(docs).filter((q) => !q.includes(' -'));
    expect(queries.length).toBeGreaterThan(8);
    for (const q of queries) expect([q, finds(q)]).toEqual([q, true]);
  });
});
