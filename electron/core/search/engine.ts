import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import type { SearchKind } from './kinds';
import { needsCheck, type ParsedQuery } from './query';
import { decodeSketch, encodeSketch, requiredPairs, SKETCH_MIN_CHARS, sketchHas, sketchOf } from './sketch';
import { charLength, cjkTerms } from './tokenize';
import { indexTerms } from './tokenize';

/**
 * The full-text index: MiniSearch (BM25 ranking, prefix search over a radix tree, query trees,
 * JSON serialisation) with this app's tokenizer. Pure: it runs in the search worker thread, and
 * in core tests as it is.
 */

/** One searchable thing, as a provider describes it. */
export interface SearchDocument {
  /** `${kind}:${id}`, unique in the index. */
  readonly key: string;
  readonly kind: SearchKind;
  readonly id: string;
  /** Changes whenever the document's content changes; compared after a restart to find what to re-index. */
  readonly stamp: string;
  /** What a result shows as its title. */
  readonly title: string;
  /** Indexed texts: a title (weighted most), tags, and the body text. */
  readonly fields: { readonly title?: string; readonly tags?: string; readonly text?: string };
  /** Facets for the filters. */
  readonly areaIds: readonly string[];
  readonly tags: readonly string[];
  readonly parties: readonly string[];
  /** ISO timestamp or date the document is filed under (for date filters), if any. */
  readonly date: string | null;
  /** Ranking weight: 1 normally, less for archived content. */
  readonly weight: number;
}

export const indexedFields = ['title', 'tags', 'text'] as const;
export type IndexedField = (typeof indexedFields)[number];

/** Filters with names resolved to ids, as the index applies them. */
export interface IndexFilters {
  readonly kinds: readonly SearchKind[];
  readonly areaIds: readonly string[];
  /** Folded tags. */
  readonly tags: readonly string[];
  readonly parties: readonly string[];
  readonly from: string | null;
  readonly to: string | null;
}

export interface IndexTerm {
  readonly term: string;
  readonly prefix: boolean;
}

/** A query as the index runs it: plain data, so it can cross to the worker thread. */
export interface IndexQuery {
  /** Every one must match (in some field). Empty: every document that passes the filters. */
  readonly required: readonly IndexTerm[];
  /** Documents with any of these are left out. */
  readonly excluded: readonly IndexTerm[];
  /** Pairs of terms that must follow each other (phrases, Chinese runs): long documents without them are left out. */
  readonly pairs: readonly (readonly [string, string])[];
  readonly filters: IndexFilters;
}

export interface Candidate {
  readonly key: string;
  readonly kind: SearchKind;
  readonly score: number;
  /** The document's date (YYYY-MM-DD), or '': queries without words list the newest first. */
  readonly date: string;
}

export interface Candidates {
  /** Best first, at most the limit asked for of each kind. */
  readonly hits: readonly Candidate[];
  /** How many documents matched in all. */
  readonly total: number;
  readonly byKind: Readonly<Partial<Record<SearchKind, number>>>;
}

/** Bump when tokenising or the stored shape changes: a persisted index of another version is rebuilt. */
export const INDEX_VERSION = 5;

interface Stored {
  kind: SearchKind;
  areaIds: readonly string[];
  tagKeys: readonly string[];
  parties: readonly string[];
  date: string | null;
  weight: number;
}

/** While a long document is added, the terms of each of its fields, for its pair sketch. */
let captured: string[][] | null = null;

function tokenizeField(text: string): string[] {
  const terms = indexTerms(text);
  captured?.push(terms);
  return terms;
}

const options = {
  idField: 'key',
  fields: [...indexedFields],
  storeFields: ['kind', 'areaIds', 'tagKeys', 'parties', 'date', 'weight'],
  tokenize: tokenizeField,
  processTerm: (term: string) => term,
  searchOptions: {
    tokenize: (text: string) => [text],
    processTerm: (term: string) => term,
    boost: { title: 4, tags: 3, text: 1 },
    weights: { prefix: 0.5, fuzzy: 0.3 },
  },
};

/** The terms of a parsed query, as the index asks for them. */
export function indexQueryOf(query: ParsedQuery, filters: IndexFilters): IndexQuery {
  const required: IndexTerm[] = [];
  const excluded: IndexTerm[] = [];
  const pairs: [string, string][] = [];
  for (const clause of query.clauses) {
    if (!clause.negated && needsCheck(clause)) pairs.push(...requiredPairs(clause));
    const terms: IndexTerm[] = [];
    clause.tokens.forEach((token, i) => {
      const last = i === clause.tokens.length - 1;
      if (!token.cjk) {
        terms.push({ term: token.text, prefix: last && clause.prefixLast });
        return;
      }
      // A CJK run: all of its character pairs (their adjacency is checked on the text).
      if (charLength(token.text) === 1) terms.push({ term: token.text, prefix: true });
      else for (const term of cjkTerms(token.text).slice(0, -1)) terms.push({ term, prefix: false });
    });
    if (!clause.negated) required.push(...terms);
    // A negated single word is left out by the index; longer negated clauses are checked on the text.
    else if (terms.length === 1 && terms[0]) excluded.push(terms[0]);
  }
  return { required: dedupe(required), excluded: dedupe(excluded), pairs, filters };
}

function dedupe(terms: readonly IndexTerm[]): IndexTerm[] {
  const seen = new Map<string, IndexTerm>();
  for (const t of terms) {
    const known = seen.get(t.term);
    // The exact form is the stricter one: "tariff" and "tariff*" together ask for "tariff".
    if (!known || (known.prefix && !t.prefix)) seen.set(t.term, t);
  }
  return [...seen.values()];
}

function dateOnly(value: string | null): string | null {
  return value === null ? null : value.slice(0, 10);
}

export class SearchIndex {
  private readonly mini: MiniSearch;
  private readonly stamps: Map<string, string>;
  /** The pair sketch of each long document (sketch.ts). */
  private readonly sketches: Map<string, Uint8Array>;

  private constructor(mini: MiniSearch, stamps: Map<string, string>, sketches: Map<string, Uint8Array>) {
    this.mini = mini;
    this.stamps = stamps;
    this.sketches = sketches;
  }

  static empty(): SearchIndex {
    return new SearchIndex(new MiniSearch(options), new Map(), new Map());
  }

  /** Reads an index written by `serialize`. Throws if it is damaged or of another version. */
  static load(serialized: string): SearchIndex {
    const parsed = JSON.parse(serialized) as unknown;
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not an index');
    const record = parsed as { version?: unknown; stamps?: unknown; index?: unknown; sketches?: unknown };
    if (record.version !== INDEX_VERSION) throw new Error(`index version ${String(record.version)}, expected ${INDEX_VERSION}`);
    if (!Array.isArray(record.stamps) || typeof record.index !== 'object' || record.index === null) throw new Error('index shape');
    const stamps = new Map<string, string>();
    for (const entry of record.stamps as unknown[]) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') throw new Error('stamp shape');
      stamps.set(entry[0], entry[1]);
    }
    if (!Array.isArray(record.sketches)) throw new Error('sketches shape');
    const sketches = new Map<string, Uint8Array>();
    for (const entry of record.sketches as unknown[]) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') throw new Error('sketch shape');
      if (!stamps.has(entry[0])) throw new Error('a sketch of no document');
      sketches.set(entry[0], decodeSketch(entry[1]));
    }
    const mini = MiniSearch.loadJS(record.index as Parameters<typeof MiniSearch.loadJS>[0], options);
    if (mini.documentCount !== stamps.size) throw new Error('index and stamps disagree');
    return new SearchIndex(mini, stamps, sketches);
  }

  serialize(): string {
    const sketches = [...this.sketches].map(([key, sketch]) => [key, encodeSketch(sketch)]);
    return JSON.stringify({ version: INDEX_VERSION, stamps: [...this.stamps], sketches, index: this.mini.toJSON() });
  }

  get size(): number {
    return this.stamps.size;
  }

  /** Every indexed key with its stamp. */
  entries(): [string, string][] {
    return [...this.stamps];
  }

  stampOf(key: string): string | undefined {
    return this.stamps.get(key);
  }

  /** Adds documents, replacing any earlier version of each. */
  upsert(docs: readonly SearchDocument[]): void {
    for (const doc of docs) {
      if (this.stamps.has(doc.key)) this.mini.discard(doc.key);
      const stored: Stored & { key: string; title: string; tags: string; text: string } = {
        key: doc.key,
        kind: doc.kind,
        areaIds: [...doc.areaIds],
        tagKeys: doc.tags.map((t) => indexTerms(t).join(' ')),
        parties: [...doc.parties],
        date: dateOnly(doc.date),
        weight: doc.weight,
        title: doc.fields.title ?? '',
        tags: doc.fields.tags ?? '',
        text: doc.fields.text ?? '',
      };
      const long = stored.text.length >= SKETCH_MIN_CHARS;
      captured = long ? [] : null;
      try {
        this.mini.add(stored);
      } finally {
        if (long && captured) this.sketches.set(doc.key, sketchOf(captured));
        else this.sketches.delete(doc.key);
        captured = null;
      }
      this.stamps.set(doc.key, doc.stamp);
    }
  }

  remove(keys: readonly string[]): void {
    for (const key of keys) {
      if (!this.stamps.has(key)) continue;
      this.mini.discard(key);
      this.stamps.delete(key);
      this.sketches.delete(key);
    }
  }

  /** Matching documents, best first: at most `perKind` of each kind, and how many matched in all. */
  candidates(query: IndexQuery, perKind: number): Candidates {
    const filter = filterOf(query.filters);
    const leaf = (t: IndexTerm): Query => ({ queries: [t.term], prefix: t.prefix });
    let tree: Query = query.required.length === 0 ? MiniSearch.wildcard : { combineWith: 'AND', queries: query.required.map(leaf) };
    if (query.excluded.length > 0) {
      tree = { combineWith: 'AND_NOT', queries: [tree, { combineWith: 'OR', queries: query.excluded.map(leaf) }] };
    }
    const results = this.mini.search(tree, {
      filter,
      boostDocument: (_id: unknown, _term: string, stored?: Record<string, unknown>) =>
        typeof stored?.['weight'] === 'number' ? stored['weight'] : 1,
    });
    if (query.required.length === 0) results.sort(byDateThenKey);
    const byKind: Partial<Record<SearchKind, number>> = {};
    const hits: Candidate[] = [];
    let total = 0;
    for (const r of results) {
      // A long document that cannot hold the phrase is left out here, before its text is ever read.
      const sketch = query.pairs.length > 0 ? this.sketches.get(String(r.id)) : undefined;
      if (sketch && !sketchHas(sketch, query.pairs)) continue;
      total += 1;
      const kind = r['kind'] as SearchKind;
      const seen = byKind[kind] ?? 0;
      byKind[kind] = seen + 1;
      if (seen < perKind) hits.push({ key: String(r.id), kind, score: r.score, date: typeof r['date'] === 'string' ? r['date'] : '' });
    }
    return { hits, total, byKind };
  }
}

/** Without words to rank by, the newest first. */
function byDateThenKey(a: SearchResult, b: SearchResult): number {
  const da = typeof a['date'] === 'string' ? a['date'] : '';
  const db = typeof b['date'] === 'string' ? b['date'] : '';
  return db.localeCompare(da) || String(a.id).localeCompare(String(b.id));
}

function filterOf(f: IndexFilters): ((r: SearchResult) => boolean) | undefined {
  const kinds = f.kinds.length > 0 ? new Set<string>(f.kinds) : null;
  const areas = f.areaIds.length > 0 ? new Set(f.areaIds) : null;
  const tags = f.tags.length > 0 ? new Set(f.tags.map((t) => indexTerms(t).join(' '))) : null;
  const parties = f.parties.length > 0 ? new Set(f.parties) : null;
  if (!kinds && !areas && !tags && !parties && f.from === null && f.to === null) return undefined;
  const anyIn = (values: unknown, wanted: Set<string>) => Array.isArray(values) && values.some((v) => wanted.has(String(v)));
  return (r) => {
    if (kinds && !kinds.has(String(r['kind']))) return false;
    if (areas && !anyIn(r['areaIds'], areas)) return false;
    if (tags && !anyIn(r['tagKeys'], tags)) return false;
    if (parties && !anyIn(r['parties'], parties)) return false;
    if (f.from !== null || f.to !== null) {
      const date: unknown = r['date'];
      if (typeof date !== 'string') return false;
      if (f.from !== null && date < f.from) return false;
      if (f.to !== null && date > f.to) return false;
    }
    return true;
  };
}
