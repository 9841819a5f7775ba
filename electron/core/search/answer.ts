import type { Candidate, Candidates, IndexFilters, SearchDocument } from './engine';
import { fold } from './fold';
import { kindInfo, searchKinds, type SearchKind } from './kinds';
import { findMatches, highlightAll, makeSnippet, passesChecks, queryNeedsCheck } from './matchers';
import type { ParsedQuery } from './query';
import type { SearchChip, SearchGroup, SearchHit, SearchTarget } from './schemas';
import { splitTokens } from './tokenize';

/**
 * From a parsed query to what the user sees: filters resolved against the book (chips), and the
 * index's candidates checked against their texts, grouped by kind, with highlighted titles and snippets.
 */

/** Names the filters are resolved against. */
export interface Vocabulary {
  readonly areas: readonly { readonly id: string; readonly title: string }[];
  readonly parties: readonly { readonly id: string; readonly name: string }[];
}

export interface ResolvedFilters {
  readonly filters: IndexFilters;
  readonly chips: SearchChip[];
  /** A filter matched nothing in this book: there can be no results. */
  readonly impossible: boolean;
}

/** Do the words of `value` each start a word of `name`, in order? ("forced tech" → "Forced technology transfer") */
function wordsStart(value: string, name: string): boolean {
  const wanted = splitTokens(fold(value)).map((t) => t.text);
  const words = splitTokens(fold(name)).map((t) => t.text);
  if (wanted.length === 0) return false;
  let at = 0;
  for (const w of wanted) {
    while (at < words.length && !(words[at] ?? '').startsWith(w)) at += 1;
    if (at >= words.length) return false;
    at += 1;
  }
  return true;
}

function initials(name: string): string {
  return splitTokens(fold(name))
    .map((t) => t.text[0] ?? '')
    .join('');
}

/** Items named by a filter value: by id, by exact name, else by the starts of the words of their names. */
function resolveNamed<T extends { id: string }>(value: string, items: readonly T[], nameOf: (item: T) => string, byInitials: boolean): T[] {
  const folded = fold(value.trim());
  const byId = items.filter((i) => i.id === value.trim());
  if (byId.length > 0) return byId;
  const exact = items.filter((i) => fold(nameOf(i)) === folded);
  if (exact.length > 0) return exact;
  const compact = folded.replace(/[\s.]/g, '');
  return items.filter((i) => wordsStart(value, nameOf(i)) || (byInitials && compact.length >= 2 && initials(nameOf(i)) === compact));
}

export function resolveFilters(query: ParsedQuery, vocabulary: Vocabulary): ResolvedFilters {
  const chips: SearchChip[] = [];
  let impossible = false;
  const areaIds = new Set<string>();
  const parties = new Set<string>();
  for (const w of query.written) {
    const chip = (label: string, problem: string | null = null) =>
      chips.push({ key: w.key, value: w.value, label, start: w.start, end: w.end, problem });
    if (!w.value) continue;
    switch (w.key) {
      case 'kind': {
        const kind = searchKinds.find((k) => kindInfo[k].aliases.includes(fold(w.value)));
        chip(kind ? `Kind: ${kindInfo[kind].plural}` : `Kind: ${w.value}`, kind ? null : `There is no kind "${w.value}".`);
        if (!kind) impossible = true;
        break;
      }
      case 'area': {
        const found = resolveNamed(w.value, vocabulary.areas, (a) => a.title, false);
        if (found.length === 0) {
          impossible = true;
          chip(`Area: ${w.value}`, `No issue area is called "${w.value}".`);
        } else {
          for (const a of found) areaIds.add(a.id);
          const first = found[0]?.title ?? w.value;
          chip(found.length === 1 ? `Area: ${first}` : `Area: ${first} and ${found.length - 1} more`);
        }
        break;
      }
      case 'party': {
        const found = resolveNamed(w.value, vocabulary.parties, (p) => p.name, true);
        if (found.length === 0) {
          impossible = true;
          chip(`Party: ${w.value}`, `No party in this book is called "${w.value}".`);
        } else {
          for (const p of found) parties.add(p.id);
          chip(`Party: ${found.map((p) => p.name).join(' or ')}`);
        }
        break;
      }
      case 'tag':
        chip(`Tag: ${w.value}`);
        break;
      case 'from':
        chip(`From ${w.value}`);
        break;
      case 'to':
        chip(`Until ${w.value}`);
        break;
      case 'date':
        chip(`Date: ${w.value.replace('..', ' to ')}`);
        break;
    }
  }
  const problemDates = query.problems.some((p) => p.includes('is not a date') || p.includes('before it starts'));
  if (problemDates) impossible = true;
  return {
    filters: {
      kinds: query.filters.kinds,
      areaIds: [...areaIds],
      tags: query.filters.tags,
      parties: [...parties],
      from: query.filters.from,
      to: query.filters.to,
    },
    chips,
    impossible,
  };
}

/** Loads the documents behind index keys (a deleted one is simply missing from the answer). */
export type DocumentLoader = (keys: readonly string[]) => Promise<ReadonlyMap<string, SearchDocument>>;

export interface AnswerOptions {
  /** Results shown per kind. */
  readonly perKind: number;
  /**
   * When texts must be checked, check at most this many candidates (in rank order, stopping earlier
   * once every kind has `perKind` confirmed results).
   */
  readonly checkBudget: number;
}

function fieldTexts(doc: SearchDocument): string[] {
  return [doc.fields.title ?? '', doc.fields.tags ?? '', doc.fields.text ?? ''];
}

/** The hit as shown: highlighted title, a snippet around the best match, and where that match is. */
export function describeHit(doc: SearchDocument, query: ParsedQuery): SearchHit {
  const clauses = query.clauses;
  const title = highlightAll(doc.title, clauses);
  const text = doc.fields.text ?? '';
  let snippet = makeSnippet(text, clauses);
  let target: SearchTarget | null = null;
  if (snippet.focus) {
    target = {
      field: 'text',
      offset: snippet.focus.start,
      length: snippet.focus.end - snippet.focus.start,
      text: text.slice(snippet.focus.start, snippet.focus.end),
    };
  } else {
    for (const field of ['tags', 'title'] as const) {
      const value = doc.fields[field] ?? '';
      const first = findMatches(value, clauses)[0];
      if (!first) continue;
      target = { field, offset: first.start, length: first.end - first.start, text: value.slice(first.start, first.end) };
      if (field === 'tags' && !text) snippet = { segments: highlightAll(value, clauses), focus: null };
      break;
    }
  }
  return {
    key: doc.key,
    kind: doc.kind,
    id: doc.id,
    areaId: doc.areaIds[0] ?? null,
    title: title.length > 0 ? title : [{ text: doc.title, hit: false }],
    snippet: [...snippet.segments],
    date: doc.date,
    target,
  };
}

const BATCH = 40;

/** Checks the candidates in rank order and builds the groups. */
export async function answerQuery(
  query: ParsedQuery,
  candidates: Candidates,
  load: DocumentLoader,
  options: AnswerOptions,
): Promise<SearchGroup[]> {
  const check = queryNeedsCheck(query.clauses);
  const shown = new Map<SearchKind, SearchHit[]>();
  const verified = new Map<SearchKind, number>();
  const best = new Map<SearchKind, number>();
  const looked = new Map<SearchKind, number>();
  const hits = candidates.hits;
  let examined = 0;
  const full = (kind: SearchKind) => (shown.get(kind)?.length ?? 0) >= options.perKind;
  const allFull = () => searchKinds.every((k) => full(k) || (candidates.byKind[k] ?? 0) === 0);

  while (examined < hits.length) {
    // Checking a text costs a read and a scan: it stops once every kind has its results to show.
    // The counts of checked kinds are then "at least".
    if (allFull()) break;
    if (check && examined >= options.checkBudget) break;
    // Only as many documents as can still be shown are read (two more when their texts must be checked,
    // since some fail; the index's pair sketches already left out most long texts that would): reading a
    // 50 KB article is the costly part of an answer.
    const batch: Candidate[] = [];
    const taken = new Map<SearchKind, number>();
    let end = examined;
    while (end < hits.length && batch.length < BATCH) {
      const hit = hits[end];
      end += 1;
      if (!hit || full(hit.kind)) continue;
      const room = options.perKind - (shown.get(hit.kind)?.length ?? 0) + (check ? 2 : 0);
      const n = taken.get(hit.kind) ?? 0;
      if (n >= room) {
        end -= 1;
        break;
      }
      taken.set(hit.kind, n + 1);
      batch.push(hit);
    }
    const docs = batch.length > 0 ? await load(batch.map((h) => h.key)) : new Map<string, SearchDocument>();
    for (const hit of batch) {
      looked.set(hit.kind, (looked.get(hit.kind) ?? 0) + 1);
      const doc = docs.get(hit.key);
      if (!doc) continue;
      if (check && !passesChecks(fieldTexts(doc), query.clauses)) continue;
      verified.set(hit.kind, (verified.get(hit.kind) ?? 0) + 1);
      if (!best.has(hit.kind)) best.set(hit.kind, hit.score);
      const list = shown.get(hit.kind) ?? [];
      if (list.length < options.perKind) {
        list.push(describeHit(doc, query));
        shown.set(hit.kind, list);
      }
    }
    examined = end;
  }

  const groups: SearchGroup[] = [];
  for (const kind of searchKinds) {
    const list = shown.get(kind) ?? [];
    const indexed = candidates.byKind[kind] ?? 0;
    const total = check ? (verified.get(kind) ?? 0) : indexed;
    if (list.length === 0 && total === 0) continue;
    groups.push({
      kind,
      label: kindInfo[kind].plural,
      total: Math.max(total, list.length),
      atLeast: check && (looked.get(kind) ?? 0) < indexed,
      hits: list,
    });
  }
  // The group with the best match first, so Enter on the first result opens the best one.
  const order = (g: SearchGroup) => best.get(g.kind) ?? 0;
  return groups.filter((g) => g.total > 0).sort((a, b) => order(b) - order(a));
}
