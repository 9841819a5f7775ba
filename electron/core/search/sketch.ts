import { charLength, cjkTerms } from './tokenize';
import type { Clause } from './query';

/**
 * Word-pair sketches: for each long document, a bit set of the hashes of every two index terms that
 * follow each other in one of its fields. A phrase ("technology transfer") or a Chinese run of three or
 * more characters ("结构性问") can only stand in a text whose terms have each of its pairs next to each
 * other, so a document whose sketch lacks one of those pairs is left out by the index itself, without its
 * text being read. A sketch only ever leaves out documents that cannot match: a set bit may be another
 * pair's (see HASHES), and those documents are still checked on their text.
 */

/** Documents with less text than this get no sketch (their text is cheap to check). */
export const SKETCH_MIN_CHARS = 2_000;
/**
 * A sketch has a power of two of bits, at least 16 per pair of the document, within these bounds (512 bytes to
 * 16 KB), and sets HASHES bits per pair: a pair that is not in the document then passes about once in 200 to 300
 * times (a Bloom filter's rate), so a phrase of a rare word and a common one reads few texts that do not hold it.
 */
const MIN_BITS = 1 << 12;
const MAX_BITS = 1 << 17;
const BITS_PER_PAIR = 16;
const HASHES = 3;

const JOIN = '\u0001';

/** The bits of a pair in a sketch of `mask + 1` bits: two hashes combined (stable across runs and platforms). */
function pairBits(a: string, b: string, mask: number): number[] {
  // FNV-1a over "a\u0001b", then a second hash from it by a 32-bit finaliser (odd, so every bit can be reached).
  const text = `${a}${JOIN}${b}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  let g = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  g = Math.imul(g ^ (g >>> 13), 0xc2b2ae35);
  g = (g ^ (g >>> 16)) | 1;
  const out: number[] = [];
  for (let k = 0; k < HASHES; k += 1) out.push((h + Math.imul(k, g)) & mask);
  return out;
}

/** The sketch of a document's fields, each given as its index terms in order. */
export function sketchOf(fields: readonly (readonly string[])[]): Uint8Array {
  let pairs = 0;
  for (const terms of fields) pairs += Math.max(0, terms.length - 1);
  let bits = MIN_BITS;
  while (bits < pairs * BITS_PER_PAIR && bits < MAX_BITS) bits *= 2;
  const sketch = new Uint8Array(bits / 8);
  for (const terms of fields) {
    for (let i = 0; i + 1 < terms.length; i += 1) {
      for (const bit of pairBits(terms[i] ?? '', terms[i + 1] ?? '', bits - 1))
        sketch[bit >>> 3] = (sketch[bit >>> 3] ?? 0) | (1 << (bit & 7));
    }
  }
  return sketch;
}

/** Can the document of this sketch hold every one of these pairs? */
export function sketchHas(sketch: Uint8Array, pairs: readonly (readonly [string, string])[]): boolean {
  const mask = sketch.length * 8 - 1;
  for (const [a, b] of pairs) {
    for (const bit of pairBits(a, b, mask)) if (((sketch[bit >>> 3] ?? 0) & (1 << (bit & 7))) === 0) return false;
  }
  return true;
}

/**
 * The pairs of index terms that must follow each other in a text holding the clause: two words of a
 * phrase in a row, and the character pairs inside a Chinese run. Pairs that need not be next to each other
 * in the term stream are left out: a word and a Chinese run side by side (a run ends with its last character
 * as a term), a single Chinese character, and a word the query leaves open at its end ("transf*").
 */
export function requiredPairs(clause: Clause): [string, string][] {
  const out: [string, string][] = [];
  clause.tokens.forEach((token, i) => {
    const prefix = clause.prefixLast && i === clause.tokens.length - 1;
    if (token.cjk) {
      if (charLength(token.text) < 3) return;
      const bigrams = cjkTerms(token.text).slice(0, -1);
      for (let k = 0; k + 1 < bigrams.length; k += 1) out.push([bigrams[k] ?? '', bigrams[k + 1] ?? '']);
      return;
    }
    const next = clause.tokens[i + 1];
    const nextPrefix = clause.prefixLast && i + 1 === clause.tokens.length - 1;
    if (!prefix && next && !next.cjk && !nextPrefix) out.push([token.text, next.text]);
  });
  return out;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Map(Array.from({ length: BASE64.length }, (_, i) => [BASE64.charAt(i), i] as const));

/** A sketch as stored in a persisted index: base64 (the core has no Buffer and no btoa). */
export function encodeSketch(sketch: Uint8Array): string {
  // Sketches are a power of two bytes long, so the last group of three is padded.
  let out = '';
  for (let i = 0; i < sketch.length; i += 3) {
    const a = sketch[i] ?? 0;
    const b = sketch[i + 1] ?? 0;
    const c = sketch[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += BASE64[(n >> 18) & 63] ?? '';
    out += BASE64[(n >> 12) & 63] ?? '';
    out += i + 1 < sketch.length ? (BASE64[(n >> 6) & 63] ?? '') : '=';
    out += i + 2 < sketch.length ? (BASE64[n & 63] ?? '') : '=';
  }
  return out;
}

/** Reads a stored sketch; throws if it is not one. */
export function decodeSketch(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error('sketch encoding');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = (text.length / 4) * 3 - padding;
  const bits = bytes * 8;
  if (bits < MIN_BITS || bits > MAX_BITS || (bits & (bits - 1)) !== 0) throw new Error('sketch size');
  const out = new Uint8Array(bytes);
  for (let i = 0, o = 0; i < text.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k += 1) {
      const ch = text[i + k] ?? '';
      const v = ch === '=' ? 0 : BASE64_VALUE.get(ch);
      if (v === undefined) throw new Error('sketch encoding');
      n = (n << 6) | v;
    }
    if (o < bytes) out[o++] = (n >> 16) & 255;
    if (o < bytes) out[o++] = (n >> 8) & 255;
    if (o < bytes) out[o++] = n & 255;
  }
  return out;
}
