import { go } from 'fuzzysort';
import { foldWithMap } from './fold';
import type { Segment } from './matchers';

/**
 * Fuzzy matching of names for the command palette ("ftt" finds "Forced technology transfer",
 * "negoc" finds "Négociation"), with fuzzysort on folded names.
 */
export interface RankedName<T> {
  readonly item: T;
  readonly score: number;
  /** The name with the matched characters marked. */
  readonly segments: readonly Segment[];
}

function segmentsFor(name: string, foldedIndexes: readonly number[], map: Uint32Array): Segment[] {
  const hits = new Set<number>();
  for (const i of foldedIndexes) {
    const from = map[i] ?? 0;
    const to = map[i + 1] ?? from + 1;
    for (let k = from; k < Math.max(to, from + 1); k += 1) hits.add(k);
  }
  const out: Segment[] = [];
  for (let i = 0; i < name.length; i += 1) {
    const hit = hits.has(i);
    const last = out[out.length - 1];
    if (last && last.hit === hit) out[out.length - 1] = { text: last.text + (name[i] ?? ''), hit };
    else out.push({ text: name[i] ?? '', hit });
  }
  return out;
}

/** Items whose names match `query`, best first. An empty query keeps every item, in order. */
export function rankByName<T>(query: string, items: readonly T[], nameOf: (item: T) => string, limit = 50): RankedName<T>[] {
  const q = query.trim();
  const prepared = items.map((item) => {
    const name = nameOf(item);
    return { item, name, folded: foldWithMap(name) };
  });
  if (!q) return prepared.slice(0, limit).map((p) => ({ item: p.item, score: 0, segments: [{ text: p.name, hit: false }] }));
  const folded = foldWithMap(q).text;
  const results = go(folded, prepared, { key: (p) => p.folded.text, limit, threshold: 0.2 });
  return results.map((r) => ({ item: r.obj.item, score: r.score, segments: segmentsFor(r.obj.name, r.indexes, r.obj.folded.map) }));
}
