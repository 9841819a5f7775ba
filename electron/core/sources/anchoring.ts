import search from 'approx-string-match';
import { sourceLimits } from './model';

/**
 * Re-anchoring a quote in a text, the way Hypothesis does it:
 *   1. the stored position, if the text there is exactly the quote;
 *   2. an exact search for the quote; several hits are told apart by their
 *      prefix and suffix and by how close they are to the stored position;
 *   3. a fuzzy search (approx-string-match, Myers' bit-parallel algorithm),
 *      first near the stored position and then in the whole text; each
 *      candidate is scored by how well the quote, the prefix and the suffix
 *      match and by its distance from the stored position.
 * Nothing found good enough: null, and the caller lists the annotation as an orphan.
 */
export interface QuoteTarget {
  readonly exact: string;
  readonly prefix: string;
  readonly suffix: string;
  /** Where the quote was, if known. */
  readonly start?: number | undefined;
  readonly end?: number | undefined;
}

export type AnchorMethod = 'position' | 'exact' | 'fuzzy';

export interface Anchor {
  readonly start: number;
  readonly end: number;
  readonly method: AnchorMethod;
  /** 1 for a perfect match with perfect context; lower for fuzzier ones. */
  readonly score: number;
}

/** How much prefix and suffix a new annotation keeps. */
export const CONTEXT_LENGTH = 32;

const WEIGHT = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;
const TOTAL_WEIGHT = WEIGHT.quote + WEIGHT.prefix + WEIGHT.suffix + WEIGHT.position;
/** At most this share of the quote may differ for a fuzzy match. */
const MAX_ERROR_RATE = 0.25;
/** Exact hits looked at, at most. */
const MAX_EXACT_HITS = 5_000;

/** The selectors for text[start, end): the exact text with CONTEXT_LENGTH characters either side. */
export function describeRange(text: string, start: number, end: number): QuoteTarget & { start: number; end: number } {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: text.slice(end, Math.min(text.length, end + CONTEXT_LENGTH)),
    start,
    end,
  };
}

/** Share of `b` that `a` matches, comparing from the end (for prefixes) or the start (for suffixes). */
function contextSimilarity(expected: string, actual: string, fromEnd: boolean): number {
  if (expected.length === 0) return 1;
  if (actual.length === 0) return 0;
  if (fromEnd ? actual.endsWith(expected) : actual.startsWith(expected)) return 1;
  // A cheap edit-distance-aware comparison: the best approximate match of the expected context in the actual one.
  const errors = Math.min(...search(actual, expected, expected.length).map((m) => m.errors), expected.length);
  return Math.max(0, 1 - errors / expected.length);
}

function positionSimilarity(start: number, expected: number | undefined, textLength: number): number {
  if (expected === undefined || textLength === 0) return 0.5;
  return Math.max(0, 1 - Math.abs(start - expected) / textLength);
}

interface Scored {
  readonly start: number;
  readonly end: number;
  readonly quoteSimilarity: number;
  readonly score: number;
}

/** Share of the expected context that matches character for character from the quote outwards (cheap). */
function adjoiningSimilarity(expected: string, actual: string, fromEnd: boolean): number {
  if (expected.length === 0) return 1;
  let same = 0;
  const n = Math.min(expected.length, actual.length);
  for (let i = 1; i <= n; i += 1) {
    const e = fromEnd ? expected[expected.length - i] : expected[i - 1];
    const a = fromEnd ? actual[actual.length - i] : actual[i - 1];
    if (e !== a) break;
    same += 1;
  }
  return same / expected.length;
}

function scoreCandidate(text: string, target: QuoteTarget, start: number, end: number, errors: number, cheap = false): Scored {
  const quoteSimilarity = 1 - errors / Math.max(1, target.exact.length);
  const before = text.slice(Math.max(0, start - target.prefix.length), start);
  const after = text.slice(end, end + target.suffix.length);
  // Many exact hits (a repeated phrase) are told apart by how far their context agrees, which is cheap;
  // fuzzy candidates get an edit-distance comparison.
  const prefix = cheap ? adjoiningSimilarity(target.prefix, before, true) : contextSimilarity(target.prefix, before, true);
  const suffix = cheap ? adjoiningSimilarity(target.suffix, after, false) : contextSimilarity(target.suffix, after, false);
  const position = positionSimilarity(start, target.start, text.length);
  const score =
    (WEIGHT.quote * quoteSimilarity + WEIGHT.prefix * prefix + WEIGHT.suffix * suffix + WEIGHT.position * position) / TOTAL_WEIGHT;
  return { start, end, quoteSimilarity, score };
}

function best(candidates: readonly Scored[]): Scored | null {
  let top: Scored | null = null;
  for (const c of candidates) if (!top || c.score > top.score) top = c;
  return top;
}

function exactHits(text: string, exact: string): number[] {
  const hits: number[] = [];
  for (let at = text.indexOf(exact); at >= 0 && hits.length < MAX_EXACT_HITS; at = text.indexOf(exact, at + 1)) hits.push(at);
  return hits;
}

/** Is a fuzzy candidate good enough to be shown as the annotation? */
function acceptable(candidate: Scored, target: QuoteTarget): boolean {
  if (candidate.quoteSimilarity < 1 - MAX_ERROR_RATE) return false;
  // A short quote with errors could match almost anywhere: its context must agree.
  if (target.exact.length < 24) return candidate.score >= 0.8;
  return candidate.score >= 0.6;
}

function fuzzyIn(text: string, target: QuoteTarget, from: number, to: number): Scored | null {
  const slice = text.slice(from, to);
  const maxErrors = Math.min(256, Math.floor(target.exact.length * MAX_ERROR_RATE));
  const matches = search(slice, target.exact, maxErrors);
  const scored = matches.map((m) => scoreCandidate(text, target, from + m.start, from + m.end, m.errors));
  const top = best(scored);
  return top && acceptable(top, target) ? top : null;
}

export function anchorQuote(text: string, target: QuoteTarget): Anchor | null {
  const { exact, start, end } = target;
  if (exact.length === 0 || exact.length > sourceLimits.quote) return null;

  // 1. The stored position.
  if (start !== undefined && end !== undefined && end - start === exact.length && text.slice(start, end) === exact) {
    return { start, end, method: 'position', score: 1 };
  }

  // 2. The quote, exactly.
  const hits = exactHits(text, exact);
  if (hits.length === 1) {
    const at = hits[0] ?? 0;
    return { start: at, end: at + exact.length, method: 'exact', score: scoreCandidate(text, target, at, at + exact.length, 0).score };
  }
  if (hits.length > 1) {
    const top = best(hits.map((at) => scoreCandidate(text, target, at, at + exact.length, 0, true)));
    if (top) return { start: top.start, end: top.end, method: 'exact', score: top.score };
  }

  // 3. Fuzzy: near where it was first (cheap), then everywhere.
  if (start !== undefined) {
    const margin = Math.max(2_000, exact.length * 4);
    const near = fuzzyIn(text, target, Math.max(0, start - margin), Math.min(text.length, start + exact.length + margin));
    if (near) return { start: near.start, end: near.end, method: 'fuzzy', score: near.score };
  }
  const anywhere = fuzzyIn(text, target, 0, text.length);
  return anywhere ? { start: anywhere.start, end: anywhere.end, method: 'fuzzy', score: anywhere.score } : null;
}
