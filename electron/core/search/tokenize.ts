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

/** Index terms of an already folded text. */
export function termsOfFolded(folded: string): string[] {
  const out: string[] = [];
  for (const token of splitTokens(folded)) {
    if (token.cjk) for (const term of cjkTerms(token.text)) out.push(term);
    else out.push(token.text);
  }
  return out;
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
