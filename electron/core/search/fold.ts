/**
 * Folding: the form in which text is indexed and compared. Case, accents and
 * compatibility forms (full-width letters, ligatures) are removed, so "Négociation",
 * "NEGOCIATION" and "ｎｅｇｏｃｉａｔｉｏｎ" all fold to "negociation". Chinese characters are kept.
 *
 * Two entry points fold the same way: `fold` for indexing and queries (fast, whole string),
 * and `foldWithMap`, which also says where each folded character came from, so that a
 * match found in folded text can be highlighted in the original.
 */

/** Combining marks (accents, tone marks) left over after compatibility decomposition. */
const MARKS = /\p{M}+/gu;

/** Letters that carry a "diacritic" without decomposing, and case forms that lowercase alone does not unify. */
const EXTRA: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'ss',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  æ: 'ae',
  œ: 'oe',
  ς: 'σ',
  ı: 'i',
  ħ: 'h',
  þ: 'th',
};
const EXTRA_RE = new RegExp(`[${Object.keys(EXTRA).join('')}]`, 'gu');

// eslint-disable-next-line no-control-regex -- ASCII is exactly what this tests for.
const ASCII = /^[\u0000-\u007f]*$/;

/**
 * Short runs seen before (Chinese punctuation, curly quotes, dashes, accented letters) and their folded form:
 * normalising is costly per call, and the same few characters come back on every line of an article.
 */
const shortRuns = new Map<string, string>();
const SHORT_RUN = 8;
const SHORT_RUNS_KEPT = 20_000;

function foldRun(run: string): string {
  if (run.length > SHORT_RUN) return foldSlow(run);
  let folded = shortRuns.get(run);
  if (folded === undefined) {
    folded = foldSlow(run);
    if (shortRuns.size >= SHORT_RUNS_KEPT) shortRuns.clear();
    shortRuns.set(run, folded);
  }
  return folded;
}

function foldSlow(text: string): string {
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(EXTRA_RE, (ch) => EXTRA[ch] ?? ch)
    .normalize('NFC');
}

/**
 * Characters that folding leaves alone except for the case of ASCII letters: ASCII and the common
 * Chinese characters. Most text of a briefing book is made of them, with a few others (accents,
 * Chinese punctuation, full-width forms) here and there; only those few go through normalisation.
 * The expression works on UTF-16 code units (no `u` flag: several times faster on a 50 KB article);
 * both halves of a surrogate pair fall outside the two ranges, so a pair is never split.
 */
// eslint-disable-next-line no-control-regex -- ASCII is part of what this leaves out.
const COMPLEX_RUN = /[^\u0000-\u007f\u4e00-\u9fff]+/g;

function isSimple(code: number): boolean {
  return code < 0x80 || (code >= 0x4e00 && code <= 0x9fff);
}

/** The folded form of a text: what the index stores and what queries are compared with. */
export function fold(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text.replace(COMPLEX_RUN, foldRun).toLowerCase();
}

export interface FoldedText {
  /** The folded text. */
  readonly text: string;
  /**
   * For each position of `text` (and one past its end), the position in the original it came from.
   * A folded range [a, b) highlights the original range [map[a], map[b]).
   */
  readonly map: Uint32Array;
}

// eslint-disable-next-line no-control-regex -- ASCII is part of what this matches.
const SIMPLE_RUN = /[\u0000-\u007f\u4e00-\u9fff]+/y;

/** Folds like `fold`, one character at a time, remembering where each folded character came from. */
export function foldWithMap(text: string): FoldedText {
  if (ASCII.test(text)) {
    const map = new Uint32Array(text.length + 1);
    for (let i = 0; i <= text.length; i += 1) map[i] = i;
    return { text: text.toLowerCase(), map };
  }
  const parts: string[] = [];
  const positions: number[] = [];
  let i = 0;
  while (i < text.length) {
    SIMPLE_RUN.lastIndex = i;
    const run = SIMPLE_RUN.exec(text)?.[0];
    if (run) {
      // ASCII and common Chinese characters fold one for one: the run keeps its length.
      parts.push(run.toLowerCase());
      for (let k = 0; k < run.length; k += 1) positions.push(i + k);
      i += run.length;
      continue;
    }
    const code = text.codePointAt(i) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    const ch = text.slice(i, i + width);
    let out: string;
    if (code < 0x80) out = ch.toLowerCase();
    else if (isSimple(code)) out = ch;
    else out = foldRun(ch);
    for (let k = 0; k < out.length; k += 1) positions.push(i);
    parts.push(out);
    i += width;
  }
  positions.push(text.length);
  return { text: parts.join(''), map: Uint32Array.from(positions) };
}
