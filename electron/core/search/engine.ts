import type { SearchKind } from './kinds';
import type { Clause, ParsedQuery } from './query';
import { cjkTerms, indexTerms } from './tokenize';

/**
 * What the full-text index stores and how it is asked, as plain data: the index itself (SQLite FTS5, in the
 * search worker thread: services/search/sqliteIndex.ts) is fed term streams made here by this app's own
 * tokenizer, so folding, Chinese bigrams and the query language stay the app's, whatever the engine.
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

/** How much a match in each field counts in the ranking. */
export const fieldBoost: Readonly<Record<IndexedField, number>> = { title: 4, tags: 3, text: 1 };

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

/**
 * Index terms that must stand in this order, next to each other, in one field: a word ("tariff"), a phrase's
 * words, or a Chinese run's character pairs. With `prefix`, the last term may be the start of a longer one.
 */
export interface IndexPhrase {
  readonly terms: readonly string[];
  readonly prefix: boolean;
}

/** A query as the index runs it: plain data, so it can cross to the worker thread. */
export interface IndexQuery {
  /** Every one must match (each in some field). Empty: every document that passes the filters. */
  readonly required: readonly IndexPhrase[];
  /** Documents where any of these match are left out. */
  readonly excluded: readonly IndexPhrase[];
  readonly filters: IndexFilters;
}

export interface Candidate {
  readonly key: string;
  readonly kind: SearchKind;
  /** Higher is better. */
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
export const INDEX_VERSION = 6;

/**
 * A field as the index stores it: its terms in order, separated by spaces. Words are folded and cut at
 * MAX_WORD; a run of Chinese, Japanese or Korean characters becomes its character pairs and then its last
 * character (see tokenize.ts), so pairs of a run stand next to each other and a run ends where the next begins.
 */
export function termStream(text: string): string {
  return indexTerms(text).join(' ');
}

/**
 * The terms a clause must have in a row. A word is itself. A Chinese run is its character pairs, which stand in
 * a row in any longer run that holds it; inside a clause that goes on after it (中美trade) it is also followed by
 * its last character, as the run then ends there in the text too. A single character matches any pair it starts.
 */
export function phraseOf(clause: Clause): IndexPhrase {
  const terms: string[] = [];
  let prefix = false;
  clause.tokens.forEach((token, i) => {
    const last = i === clause.tokens.length - 1;
    if (!token.cjk) {
      terms.push(token.text);
      if (last) prefix = clause.prefixLast;
      return;
    }
    const run = cjkTerms(token.text);
    if (run.length === 1) {
      terms.push(...run);
      if (last) prefix = true;
      return;
    }
    terms.push(...(last ? run.slice(0, -1) : run));
  });
  return { terms, prefix };
}

/** The index's form of a parsed query and its resolved filters. */
export function indexQueryOf(query: ParsedQuery, filters: IndexFilters): IndexQuery {
  const required: IndexPhrase[] = [];
  const excluded: IndexPhrase[] = [];
  for (const clause of query.clauses) {
    const phrase = phraseOf(clause);
    if (phrase.terms.length === 0) continue;
    (clause.negated ? excluded : required).push(phrase);
  }
  return { required: dedupe(required), excluded: dedupe(excluded), filters };
}

function dedupe(phrases: readonly IndexPhrase[]): IndexPhrase[] {
  const seen = new Map<string, IndexPhrase>();
  for (const p of phrases) {
    const key = p.terms.join(' ');
    const known = seen.get(key);
    // The exact form is the stricter one: "tariff" and "tariff*" together ask for "tariff".
    if (!known || (known.prefix && !p.prefix)) seen.set(key, p);
  }
  return [...seen.values()];
}

/** A tag as the index files it and as a tag: filter asks for it (folded, its words joined by spaces). */
export function tagKey(tag: string): string {
  return termStream(tag);
}
