import { fold } from './fold';
import { kindFromAlias, kindInfo, searchKinds, type SearchKind } from './kinds';
import { charLength, splitTokens, type Token } from './tokenize';

/**
 * The query language, parsed into a structure the index and the matchers use.
 *
 *   tariff deadline          both words, in any order; words of 3+ letters also match longer words (prefix)
 *   negot*                   explicit prefix (2+ letters)
 *   "technology transfer"    an exact phrase: these words, together, in this order
 *   技术转让                  Chinese: the characters together, anywhere inside a longer text
 *   -beef                    without this word
 *   kind:note                only this kind (area, note…)
 *   area:tariffs             only this issue area (a word of its title, or its id)
 *   tag:ip   party:china     only with this tag / about this party
 *   from:2019-01 to:2019-02-15 date:2019-01-10 date:2019-01-07..2019-01-09
 *
 * Case, accents and full-width forms never matter. Filters of the same key are alternatives
 * (kind:area kind:note is either); different keys must all hold.
 */

export const filterKeys = ['kind', 'area', 'tag', 'party', 'from', 'to', 'date'] as const;
export type FilterKey = (typeof filterKeys)[number];

/** A filter as written, with where it stands in the query text (for chips that remove it). */
export interface WrittenFilter {
  readonly key: FilterKey;
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** One unit of free text: a word (maybe several tokens, "state-owned"), a quoted phrase, or a CJK run. */
export interface Clause {
  readonly raw: string;
  readonly tokens: readonly Token[];
  /** Quoted: no prefix matching. */
  readonly exact: boolean;
  /** The last token may match longer words. */
  readonly prefixLast: boolean;
  /** Written with a leading minus: results must not contain it. */
  readonly negated: boolean;
}

export interface QueryFilters {
  readonly kinds: readonly SearchKind[];
  /** Values of area: as written; the service resolves them against the book's areas. */
  readonly areas: readonly string[];
  /** Folded tags. */
  readonly tags: readonly string[];
  /** Values of party: as written; resolved against the book's parties. */
  readonly parties: readonly string[];
  /** Inclusive calendar dates, YYYY-MM-DD. */
  readonly from: string | null;
  readonly to: string | null;
}

export interface ParsedQuery {
  readonly raw: string;
  readonly clauses: readonly Clause[];
  readonly filters: QueryFilters;
  readonly written: readonly WrittenFilter[];
  /** Things in the query that could not be understood, as sentences for the user. */
  readonly problems: readonly string[];
}

/** Shortest word that matches longer words without a `*`. */
export const IMPLICIT_PREFIX_MIN = 3;
/** Shortest word that a `*` turns into a prefix. */
export const EXPLICIT_PREFIX_MIN = 2;

const KEY_RE = new RegExp(`^(${filterKeys.join('|')}):`, 'i');

interface Lexeme {
  readonly kind: 'word' | 'phrase' | 'filter';
  readonly text: string;
  readonly key?: FilterKey;
  readonly negated: boolean;
  readonly start: number;
  readonly end: number;
}

function lex(raw: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  const readQuoted = (from: number): { text: string; end: number } => {
    const close = raw.indexOf('"', from + 1);
    const end = close < 0 ? raw.length : close + 1;
    return { text: raw.slice(from + 1, close < 0 ? raw.length : close), end };
  };
  const readWord = (from: number): { text: string; end: number } => {
    let j = from;
    while (j < raw.length && !/\s/.test(raw[j] ?? '') && raw[j] !== '"') j += 1;
    return { text: raw.slice(from, j), end: j };
  };
  while (i < raw.length) {
    const ch = raw[i] ?? '';
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const start = i;
    const negated = ch === '-' && i + 1 < raw.length && !/[\s-]/.test(raw[i + 1] ?? '');
    const at = negated ? i + 1 : i;
    const key = KEY_RE.exec(raw.slice(at, at + 8));
    if (key && !negated) {
      const valueStart = at + key[0].length;
      const value = raw[valueStart] === '"' ? readQuoted(valueStart) : readWord(valueStart);
      out.push({
        kind: 'filter',
        key: (key[1] ?? '').toLowerCase() as FilterKey,
        text: value.text,
        negated: false,
        start,
        end: value.end,
      });
      i = Math.max(value.end, valueStart);
      continue;
    }
    if (raw[at] === '"') {
      const q = readQuoted(at);
      out.push({ kind: 'phrase', text: q.text, negated, start, end: q.end });
      i = q.end;
      continue;
    }
    const w = readWord(at);
    out.push({ kind: 'word', text: w.text, negated, start, end: w.end });
    i = Math.max(w.end, at + 1);
  }
  return out;
}

const DATE_RE = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The first and last day of "2019", "2019-01" or "2019-01-10"; null if it is not a date. */
export function dateRange(value: string): { from: string; to: string } | null {
  const m = DATE_RE.exec(value.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] === undefined ? null : Number(m[2]);
  const day = m[3] === undefined ? null : Number(m[3]);
  if (month !== null && (month < 1 || month > 12)) return null;
  if (month === null) return { from: `${year}-01-01`, to: `${year}-12-31` };
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day === null) return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(last)}` };
  if (day < 1 || day > last) return null;
  const d = `${year}-${pad(month)}-${pad(day)}`;
  return { from: d, to: d };
}

function clauseOf(text: string, exact: boolean, negated: boolean): Clause | null {
  let body = text;
  let star = false;
  if (!exact && body.endsWith('*')) {
    star = true;
    body = body.replace(/\*+$/, '');
  }
  const tokens = splitTokens(fold(body));
  const last = tokens[tokens.length - 1];
  if (!last) return null;
  const lastLength = charLength(last.text);
  const prefixLast = !exact && (last.cjk ? lastLength === 1 : star ? lastLength >= EXPLICIT_PREFIX_MIN : lastLength >= IMPLICIT_PREFIX_MIN);
  return { raw: text, tokens, exact, prefixLast, negated };
}

export function parseQuery(raw: string): ParsedQuery {
  const clauses: Clause[] = [];
  const written: WrittenFilter[] = [];
  const problems: string[] = [];
  const kinds = new Set<SearchKind>();
  const areas: string[] = [];
  const tags: string[] = [];
  const parties: string[] = [];
  const range: { from: string | null; to: string | null } = { from: null, to: null };

  for (const lexeme of lex(raw)) {
    if (lexeme.kind === 'filter' && lexeme.key) {
      const value = lexeme.text.trim();
      written.push({ key: lexeme.key, value, start: lexeme.start, end: lexeme.end });
      if (!value) continue; // still being typed
      switch (lexeme.key) {
        case 'kind': {
          const kind = kindFromAlias(fold(value));
          if (kind) kinds.add(kind);
          else
            problems.push(
              `There is no kind "${value}". Use ${searchKinds.map((k) => `kind:${k}`).join(' or ')} (${searchKinds.map((k) => kindInfo[k].plural.toLowerCase()).join(', ')}).`,
            );
          break;
        }
        case 'area':
          areas.push(value);
          break;
        case 'tag':
          tags.push(fold(value));
          break;
        case 'party':
          parties.push(value);
          break;
        case 'from':
        case 'to':
        case 'date': {
          const [a, b] = lexeme.key === 'date' && value.includes('..') ? value.split('..', 2) : [value, value];
          const start = dateRange(a ?? '');
          const end = dateRange(b ?? '');
          if (!start || !end) {
            problems.push(`"${value}" is not a date. Write it as 2019, 2019-01 or 2019-01-10.`);
            break;
          }
          // Several date filters narrow the range: the latest start and the earliest end hold.
          if (lexeme.key !== 'to' && (range.from === null || start.from > range.from)) range.from = start.from;
          if (lexeme.key !== 'from' && (range.to === null || end.to < range.to)) range.to = end.to;
          break;
        }
      }
      continue;
    }
    const clause = clauseOf(lexeme.text, lexeme.kind === 'phrase', lexeme.negated);
    if (clause) clauses.push(clause);
  }
  const { from, to } = range;
  if (from !== null && to !== null && from > to) problems.push(`The date range ends (${to}) before it starts (${from}).`);
  return {
    raw,
    clauses,
    filters: { kinds: [...kinds], areas, tags, parties, from, to },
    written,
    problems,
  };
}

/** True when a clause can only be confirmed by looking at the text (several words, or 3+ CJK characters). */
export function needsCheck(clause: Clause): boolean {
  if (clause.tokens.length > 1) return true;
  const only = clause.tokens[0];
  return only !== undefined && only.cjk && charLength(only.text) >= 3;
}

/** The query without one written filter (a chip's remove button). */
export function withoutFilter(raw: string, filter: WrittenFilter): string {
  return `${raw.slice(0, filter.start)}${raw.slice(filter.end)}`.replace(/\s{2,}/g, ' ').trim();
}

/** The query with a filter added (a chip picked from a menu). Values with spaces are quoted. */
export function withFilter(raw: string, key: FilterKey, value: string): string {
  const v = /[\s"]/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
  const base = raw.trim();
  return `${base}${base ? ' ' : ''}${key}:${v} `;
}

/** True when the query asks for nothing: no text and no filter with a value. */
export function isEmptyQuery(q: ParsedQuery): boolean {
  const f = q.filters;
  return (
    q.clauses.every((c) => c.negated) &&
    f.kinds.length === 0 &&
    f.areas.length === 0 &&
    f.tags.length === 0 &&
    f.parties.length === 0 &&
    f.from === null &&
    f.to === null
  );
}
