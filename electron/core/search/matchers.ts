import { fold, foldWithMap } from './fold';
import { needsCheck, type Clause } from './query';
import { CJK_CLASS, WORD_CLASS } from './tokenize';

/**
 * Finding clauses in folded text, for what the index cannot tell: that the words of a phrase, or
 * the characters of a Chinese run, stand together in this order; and where, so they can be
 * highlighted. Words match at word starts; a prefix clause matches to the end of the word.
 */

const SEPARATOR = `[^\\p{L}\\p{N}${CJK_CLASS}]`;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const cache = new Map<string, RegExp>();

/**
 * A global regular expression that finds a clause in folded text: the definition of a match. Searching
 * uses `clauseMatches`, which finds exactly these matches without building an expression per query.
 */
export function clauseRegex(clause: Clause): RegExp {
  const key = `${clause.prefixLast ? 'p' : 'x'}|${clause.tokens.map((t) => `${t.cjk ? 'c' : 'w'}${t.text}`).join('|')}`;
  const known = cache.get(key);
  if (known) {
    known.lastIndex = 0;
    return known;
  }
  let source = '';
  clause.tokens.forEach((token, index) => {
    const previous = clause.tokens[index - 1];
    if (previous) source += !previous.cjk && !token.cjk ? `${SEPARATOR}+` : `${SEPARATOR}*`;
    else if (!token.cjk) source += `(?<!${WORD_CLASS})`;
    source += escape(token.text);
    const last = index === clause.tokens.length - 1;
    if (last && !token.cjk) source += clause.prefixLast ? `${WORD_CLASS}*` : `(?!${WORD_CLASS})`;
  });
  const re = new RegExp(source, 'gu');
  if (cache.size > 500) cache.clear();
  cache.set(key, re);
  return re;
}

// Compiled once: building an expression with Unicode classes for each query costs about a millisecond, and
// running it over a whole article tries its look-behind at every position.
const WORD_CHAR = new RegExp(`^${WORD_CLASS}$`, 'u');
const SEPARATORS = new RegExp(`${SEPARATOR}*`, 'uy');
const WORD_REST = new RegExp(`${WORD_CLASS}*`, 'uy');

/** The code point just before `at` (a surrogate pair whole), or '' at the start. */
function charBefore(text: string, at: number): string {
  if (at <= 0) return '';
  const low = text.charCodeAt(at - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && at >= 2 ? at - 2 : at - 1;
  return String.fromCodePoint(text.codePointAt(start) ?? 0);
}

function charAt(text: string, at: number): string {
  return at < text.length ? String.fromCodePoint(text.codePointAt(at) ?? 0) : '';
}

function runEnd(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  re.test(text);
  return re.lastIndex;
}

/**
 * Where a match of the clause that starts at `at` ends, or -1: exactly what `clauseRegex` matches there,
 * checked with expressions compiled once. Separators (anything but letters, digits and CJK characters)
 * never start a token, so a run of them ends just where the next token must begin.
 */
function matchAt(folded: string, clause: Clause, at: number): number {
  const { tokens } = clause;
  let pos = at;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (!token) return -1;
    const previous = tokens[i - 1];
    if (previous) {
      const next = runEnd(SEPARATORS, folded, pos);
      if (!previous.cjk && !token.cjk && next === pos) return -1;
      pos = next;
    } else if (!token.cjk && WORD_CHAR.test(charBefore(folded, pos))) return -1;
    if (!folded.startsWith(token.text, pos)) return -1;
    pos += token.text.length;
  }
  const last = tokens[tokens.length - 1];
  if (last && !last.cjk) {
    if (clause.prefixLast) pos = runEnd(WORD_REST, folded, pos);
    else if (WORD_CHAR.test(charAt(folded, pos))) return -1;
  }
  return pos;
}

/** Every match of the clause in folded text, left to right, not overlapping: [start, end) pairs, at most `cap`. */
export function clauseMatches(folded: string, clause: Clause, cap = Number.POSITIVE_INFINITY): [number, number][] {
  const out: [number, number][] = [];
  const first = clause.tokens[0]?.text;
  if (!first) return out;
  // A match starts with the first token as written: found with indexOf, a fast native search.
  for (let at = folded.indexOf(first); at !== -1 && out.length < cap;) {
    const end = matchAt(folded, clause, at);
    if (end > at) {
      out.push([at, end]);
      at = folded.indexOf(first, end);
    } else at = folded.indexOf(first, at + 1);
  }
  return out;
}

/** Does the folded text contain the clause? */
export function containsClause(folded: string, clause: Clause): boolean {
  return clauseMatches(folded, clause, 1).length > 0;
}

/**
 * The check the index cannot make: every positive clause that needs it stands in one of the
 * fields, and no negated clause does. `fields` are the document's texts, not folded.
 */
export function passesChecks(fields: readonly string[], clauses: readonly Clause[]): boolean {
  const folded = fields.map(fold);
  for (const clause of clauses) {
    if (clause.negated) {
      if (folded.some((f) => containsClause(f, clause))) return false;
    } else if (needsCheck(clause) && !folded.some((f) => containsClause(f, clause))) {
      return false;
    }
  }
  return true;
}

/** True when some clause needs the text to be confirmed. */
export function queryNeedsCheck(clauses: readonly Clause[]): boolean {
  // A left-out single word (or Chinese pair) is left out by the index itself, exactly; only longer
  // clauses, positive or negated, must be confirmed on the text.
  return clauses.some(needsCheck);
}

export interface Range {
  readonly start: number;
  readonly end: number;
  /** Which clause matched (index into the positive clauses). */
  readonly clause: number;
}

/** Where the positive clauses occur in a text, in original positions, sorted; at most `cap` per clause. */
export function findMatches(text: string, clauses: readonly Clause[], cap = 200): Range[] {
  const positive = clauses.filter((c) => !c.negated);
  if (positive.length === 0 || text.length === 0) return [];
  const { text: folded, map } = foldWithMap(text);
  const out: Range[] = [];
  positive.forEach((clause, index) => {
    for (const [start, end] of clauseMatches(folded, clause, cap)) {
      out.push({ start: map[start] ?? 0, end: map[end] ?? text.length, clause: index });
    }
  });
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  // Overlapping matches of different clauses merge into one highlight.
  const merged: Range[] = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && r.start < last.end) {
      if (r.end > last.end) merged[merged.length - 1] = { ...last, end: r.end };
    } else merged.push(r);
  }
  return merged;
}

export interface Segment {
  readonly text: string;
  readonly hit: boolean;
}

export interface Snippet {
  readonly segments: readonly Segment[];
  /** The match the snippet is built around, for jumping to it. */
  readonly focus: { readonly start: number; readonly end: number } | null;
}

/** Markdown punctuation that reads as noise in a one-line snippet. */
function tidy(text: string): string {
  return text
    .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+\[[ xX]\]\s+|[-*+]\s+|\d+[.)]\s+)/gm, '')
    .replace(/(\*\*|__|~~|`)/g, '')
    .replace(/\|/g, ' ')
    .replace(/\s+/g, ' ');
}

function segmentsOf(text: string, ranges: readonly Range[], from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let at = from;
  for (const r of ranges) {
    if (r.end <= from || r.start >= to) continue;
    const s = Math.max(r.start, from);
    const e = Math.min(r.end, to);
    if (s > at) out.push({ text: tidy(text.slice(at, s)), hit: false });
    out.push({ text: tidy(text.slice(s, e)), hit: true });
    at = e;
  }
  if (at < to) out.push({ text: tidy(text.slice(at, to)), hit: false });
  return out.filter((s) => s.text.length > 0);
}

/** The whole of a short text (a title), with its matches marked. */
export function highlightAll(text: string, clauses: readonly Clause[]): Segment[] {
  return segmentsOf(text, findMatches(text, clauses), 0, text.length);
}

/**
 * A window of about `width` characters around the best place in a long text: the one where the
 * most different clauses are close together, then the earliest. Cut at spaces where it can be,
 * with an ellipsis where text was left out.
 */
/** Texts longer than this are searched for a snippet near the first plain occurrence of the query only. */
const LONG_TEXT = 12_000;
const NEAR_BEFORE = 3_000;
const NEAR_AFTER = 6_000;

/**
 * The matches a snippet is chosen from. In a long text (a 50 KB article) folding and scanning it all
 * would cost milliseconds per result, so when the first word of the query occurs as it is written
 * (the usual case), only the stretch around its first occurrence is scanned.
 */
function snippetMatches(text: string, clauses: readonly Clause[]): Range[] {
  const probe = clauses.find((c) => !c.negated)?.tokens[0]?.text;
  if (text.length <= LONG_TEXT || !probe) return findMatches(text, clauses);
  const at = text.toLowerCase().indexOf(probe);
  if (at < 0) return findMatches(text, clauses);
  const from = Math.max(0, at - NEAR_BEFORE);
  const near = findMatches(text.slice(from, at + NEAR_AFTER), clauses);
  return near.length === 0 ? findMatches(text, clauses) : near.map((r) => ({ ...r, start: r.start + from, end: r.end + from }));
}

export function makeSnippet(text: string, clauses: readonly Clause[], width = 180): Snippet {
  const ranges = snippetMatches(text, clauses);
  if (ranges.length === 0) {
    const end = cutAfter(text, Math.min(text.length, width));
    return { segments: withEllipses(segmentsOf(text, [], 0, end), false, end < text.length), focus: null };
  }
  let best = ranges[0] ?? { start: 0, end: 0, clause: 0 };
  let bestScore = -1;
  for (let i = 0; i < ranges.length; i += 1) {
    const head = ranges[i];
    if (!head) continue;
    const seen = new Set<number>();
    let count = 0;
    for (let j = i; j < ranges.length; j += 1) {
      const r = ranges[j];
      if (!r || r.end - head.start > width * 0.8) break;
      seen.add(r.clause);
      count += 1;
    }
    const score = seen.size * 1000 + Math.min(count, 999);
    if (score > bestScore) {
      bestScore = score;
      best = head;
    }
  }
  const lead = Math.floor(width * 0.25);
  let from = cutBefore(text, Math.max(0, best.start - lead));
  const to = cutAfter(text, Math.min(text.length, from + width));
  if (best.start - from > width) from = best.start;
  return {
    segments: withEllipses(segmentsOf(text, ranges, from, to), from > 0, to < text.length),
    focus: { start: best.start, end: best.end },
  };
}

function withEllipses(segments: Segment[], before: boolean, after: boolean): Segment[] {
  const out = [...segments];
  const first = out[0];
  const last = out[out.length - 1];
  if (before && first) out[0] = { ...first, text: `…${first.text.replace(/^\s+/, '')}` };
  if (after && last) out[out.length - 1] = { ...last, text: `${last.text.replace(/\s+$/, '')}…` };
  return out;
}

/** Moves a start position forward to just after a space, unless that is far away or the text is CJK. */
function cutBefore(text: string, at: number): number {
  if (at <= 0) return 0;
  const space = text.slice(at, at + 20).search(/\s/);
  return space < 0 ? at : at + space + 1;
}

/** Moves an end position back to a space, unless that is far away. */
function cutAfter(text: string, at: number): number {
  if (at >= text.length) return text.length;
  const before = text.slice(Math.max(0, at - 20), at);
  const space = before.search(/\s\S*$/);
  return space < 0 ? at : at - before.length + space;
}
