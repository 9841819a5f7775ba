import type { SearchKind } from './kinds';
import { SearchIndex, type Candidate, type Candidates, type IndexQuery, type SearchDocument } from './engine';

/**
 * The index in shards, so that a large book is searchable soon after it opens and a save rewrites only
 * what changed (see docs/decisions/0003-search-index.md, "Shards").
 *
 * - Shard 0, the head, holds every short document (issue areas, stances, rounds…) whole, and a title-only
 *   stand-in for every long one (briefing notes, sources): it is small and loads first, so areas and the
 *   titles of everything answer at once.
 * - Shards 1…BODY_SHARDS hold the long documents whole, each in the shard its key hashes to (so a
 *   document always lands in the same shard, and an edit dirties one shard). They load one after another
 *   while queries are answered between them; until a shard is in, its documents are found by title only
 *   and the answer says the index is still loading.
 *
 * Scores of different shards are BM25 scores over each shard's own statistics; with documents spread by
 * hash the shards' statistics are close, so merging by score ranks as one index would, near enough.
 */
export const BODY_SHARDS = 12;
export const SHARD_COUNT = BODY_SHARDS + 1;

/** Kinds whose documents carry long bodies and go to the body shards. */
const LONG_KINDS: ReadonlySet<SearchKind> = new Set<SearchKind>(['note', 'source']);

/** Bump when the shard layout changes: a persisted index of another layout is rebuilt. */
export const SHARD_LAYOUT = `v2-${SHARD_COUNT}`;

const STUB = '~';

function hash(text: string): number {
  // FNV-1a: stable across runs and platforms.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function isLongKind(kind: SearchKind): boolean {
  return LONG_KINDS.has(kind);
}

/** The shard a document lives in: 0 for short kinds, else 1…BODY_SHARDS by the hash of its key. */
export function shardOfKey(key: string): number {
  const kind = key.slice(0, key.indexOf(':')) as SearchKind;
  return isLongKind(kind) ? 1 + (hash(key) % BODY_SHARDS) : 0;
}

function stubOf(doc: SearchDocument): SearchDocument {
  const fields = {
    ...(doc.fields.title === undefined ? {} : { title: doc.fields.title }),
    ...(doc.fields.tags === undefined ? {} : { tags: doc.fields.tags }),
  };
  return { ...doc, key: `${STUB}${doc.key}`, fields, title: doc.title };
}

export interface ShardLoad {
  readonly shard: number;
  readonly entries: readonly (readonly [string, string])[];
  /** In the head: the keys of the long documents that have a title stand-in there. */
  readonly stubbed: readonly string[];
  readonly error: string | null;
}

export class ShardedIndex {
  /** null: not loaded yet (its documents are found by their stand-ins in the head). */
  private readonly shards: (SearchIndex | null)[] = Array.from({ length: SHARD_COUNT }, (_, i) => (i === 0 ? SearchIndex.empty() : null));
  private readonly dirty = new Set<number>();

  /** Reads one shard written by `serialize`; an unusable one starts empty (its documents are indexed again). */
  load(shard: number, serialized: string | null): ShardLoad {
    let index = SearchIndex.empty();
    let error: string | null = null;
    if (serialized !== null) {
      try {
        index = SearchIndex.load(serialized);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    this.shards[shard] = index;
    if (error !== null) this.dirty.add(shard);
    const all = index.entries();
    const entries = all.filter(([key]) => !key.startsWith(STUB));
    const stubbed = all.filter(([key]) => key.startsWith(STUB)).map(([key]) => key.slice(STUB.length));
    return { shard, entries, stubbed, error };
  }

  /** Shards not loaded yet are made empty: everything is indexed from now on. */
  loadedAll(): void {
    for (let i = 0; i < SHARD_COUNT; i += 1) this.shards[i] ??= SearchIndex.empty();
  }

  private shard(i: number): SearchIndex {
    const found = this.shards[i];
    if (found) return found;
    // A change before the shard is loaded: it starts empty and is indexed from the book.
    const fresh = SearchIndex.empty();
    this.shards[i] = fresh;
    return fresh;
  }

  upsert(docs: readonly SearchDocument[]): void {
    const groups = new Map<number, SearchDocument[]>();
    const stubs: SearchDocument[] = [];
    for (const doc of docs) {
      const i = shardOfKey(doc.key);
      groups.set(i, [...(groups.get(i) ?? []), doc]);
      if (i !== 0) stubs.push(stubOf(doc));
    }
    if (stubs.length > 0) groups.set(0, [...(groups.get(0) ?? []), ...stubs]);
    for (const [i, list] of groups) {
      this.shard(i).upsert(list);
      this.dirty.add(i);
    }
  }

  remove(keys: readonly string[]): void {
    for (const key of keys) {
      const i = shardOfKey(key);
      const wanted = i === 0 ? [key] : [`${STUB}${key}`];
      this.shard(0).remove(wanted);
      this.dirty.add(0);
      if (i !== 0) {
        this.shard(i).remove([key]);
        this.dirty.add(i);
      }
    }
  }

  /** Matches from the head and every loaded shard, merged by score; stand-ins only for shards not loaded. */
  candidates(query: IndexQuery, perKind: number): Candidates {
    const all: Candidate[] = [];
    // A query for short kinds only (kind:area, kind:position…) has nothing to find in the body shards.
    const headOnly = query.filters.kinds.length > 0 && query.filters.kinds.every((k) => !isLongKind(k));
    for (let i = 0; i < (headOnly ? 1 : SHARD_COUNT); i += 1) {
      const index = this.shards[i];
      if (!index) continue;
      for (const hit of index.candidates(query, Number.MAX_SAFE_INTEGER).hits) {
        if (!hit.key.startsWith(STUB)) all.push(hit);
        else if (!this.shards[shardOfKey(hit.key.slice(STUB.length))]) all.push({ ...hit, key: hit.key.slice(STUB.length) });
      }
    }
    // Ranked by score; without words to rank by, the newest first.
    if (query.required.length > 0) all.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
    else all.sort((a, b) => b.date.localeCompare(a.date) || a.key.localeCompare(b.key));
    const byKind: Partial<Record<SearchKind, number>> = {};
    const hits: Candidate[] = [];
    for (const hit of all) {
      const seen = byKind[hit.kind] ?? 0;
      byKind[hit.kind] = seen + 1;
      if (seen < perKind) hits.push(hit);
    }
    return { hits, total: all.length, byKind };
  }

  /** The shards changed since they were last written (every shard when `all`), as JSON; they count as written. */
  serializeDirty(all = false): { shard: number; json: string }[] {
    const out: { shard: number; json: string }[] = [];
    const wanted = all ? Array.from({ length: SHARD_COUNT }, (_, i) => i) : [...this.dirty].sort((a, b) => a - b);
    for (const i of wanted) {
      const index = this.shards[i];
      if (index) out.push({ shard: i, json: index.serialize() });
    }
    this.dirty.clear();
    return out;
  }

  /** Shards loaded so far (the head included). */
  loadedCount(): number {
    return this.shards.filter((s) => s !== null).length;
  }
}
