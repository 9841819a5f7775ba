import { fold } from './fold';

/**
 * Tokenising folded text into index terms.
 *
 * - Words of other scripts (Latin, Cyrillic, Greek, Arabic, digits…) are runs of letters and digits;
 *   punctuation, symbols and spaces separate them ("joint-venture" gives "joint" and "venture").
 * - Chinese, Japanese and Korean text has no spaces between words, so a run of those characters is
 *   indexed as overlapping character pairs (bigrams) plus its last character: "技术转让" gives
 *   "技术", "术转", "转让" and "让". Any run of two or more characters inside it is then found by
 *   asking for all of its pairs, and checking that they stand together (see `matchers.ts`).
 * - Mixed text is split where the script changes: "WTO规则" gives "wto", "规则" and "则".
 */

/** Characters written without spaces between words. */
export const CJK_CLASS = '\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uac00-\\ud7af\\u{20000}-\\u{2fa1f}';
/** A letter or digit that belongs to a space-separated script. */
export const WORD_CLASS = `[^\\s\\p{P}\\p{S}\\p{Z}\\p{C}${CJK_CLASS}]`;

const TOKEN = new RegExp(`([${CJK_CLASS}]+)|(${WORD_CLASS}+)`, 'gu');
const CJK_ONLY = new RegExp(`^[${CJK_CLASS}]+$`, 'u');

/** Longest word kept as one term; longer runs (hashes, base64) are cut, so the index stays small. */
export const MAX_WORD = 40;

export interface Token {
  readonly text: string;
  /** True for a run of Chinese, Japanese or Korean characters. */
  readonly cjk: boolean;
}

/** Splits folded text into words and CJK runs, in order. */
export function splitTokens(folded: string): Token[] {
  const out: Token[] = [];
  for (const m of folded.matchAll(TOKEN)) {
    if (m[1] !== undefined) out.push({ text: m[1], cjk: true });
    else if (m[2] !== undefined) out.push({ text: m[2].slice(0, MAX_WORD), cjk: false });
  }
  return out;
}

/** Characters of a string, astral characters kept whole. */
function chars(text: string): string[] {
  return Array.from(text);
}

/** The bigrams of a CJK run, then its last character; a single character is itself. */
export function cjkTerms(run: string): string[] {
  const cs = chars(run);
  if (cs.length === 1) return cs;
  const out: string[] = [];
  for (let i = 0; i + 1 < cs.length; i += 1) out.push(`${cs[i] ?? ''}${cs[i + 1] ?? ''}`);
  out.push(cs[cs.length - 1] ?? '');
  return out;
}

/** Index terms of an already folded text, as `splitTokens` and `cjkTerms` make them (the same terms, faster). */
export function termsOfFolded(folded: string): string[] {
  const out: string[] = [];
  const n = folded.length;
  let i = 0;
  while (i < n) {
    const cp = codePointAt(folded, i);
    const width = cp > 0xffff ? 2 : 1;
    const kind = classOf(cp);
    if (kind === SEPARATOR) {
      i += width;
      continue;
    }
    const start = i;
    i += width;
    if (kind === WORD) {
      while (i < n) {
        const code = folded.charCodeAt(i);
        // ASCII letters and digits, the usual case, without decoding.
        if (code < 0x80) {
          if (ASCII_WORD[code] !== 1) break;
          i += 1;
          continue;
        }
        const next = codePointAt(folded, i);
        if (classOf(next) !== WORD) break;
        i += next > 0xffff ? 2 : 1;
      }
      out.push(folded.slice(start, Math.min(i, start + MAX_WORD)));
      continue;
    }
    // A run of CJK characters: its pairs, then its last character.
    let previous = folded.slice(start, i);
    while (i < n) {
      const next = codePointAt(folded, i);
      if (classOf(next) !== CJK) break;
      const w = next > 0xffff ? 2 : 1;
      const ch = folded.slice(i, i + w);
      out.push(previous + ch);
      previous = ch;
      i += w;
    }
    out.push(previous);
  }
  return out;
}

const SEPARATOR = 0;
const WORD = 1;
const CJK = 2;

/** ASCII letters and digits: the only ASCII characters that are not separators. */
const ASCII_WORD = new Uint8Array(128).map((_, code) => (/[0-9A-Za-z]/.test(String.fromCharCode(code)) ? 1 : 0));
const WORD_CHAR = new RegExp(`^${WORD_CLASS}$`, 'u');
/** Classes of the other characters met, as the expressions above decide them. */
const classes = new Map<number, number>();

function codePointAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code >= 0xd800 && code <= 0xdbff && at + 1 < text.length) {
    const low = text.charCodeAt(at + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return code;
}

function isCjkCode(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3040 && cp <= 0x30ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0x20000 && cp <= 0x2fa1f)
  );
}

function classOf(cp: number): number {
  if (cp < 0x80) return ASCII_WORD[cp] === 1 ? WORD : SEPARATOR;
  if (isCjkCode(cp)) return CJK;
  let known = classes.get(cp);
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCodePoint(cp)) ? WORD : SEPARATOR;
    if (classes.size > 50_000) classes.clear();
    classes.set(cp, known);
  }
  return known;
}

/** Index terms of a text: folded, then tokenised. This is the tokenizer the index uses. */
export function indexTerms(text: string): string[] {
  return termsOfFolded(fold(text));
}

export function isCjk(text: string): boolean {
  return CJK_ONLY.test(text);
}

/** Number of characters (not UTF-16 units). */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}
