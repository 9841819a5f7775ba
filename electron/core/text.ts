/** Chinese (CJK ideographs and compatibility ideographs), Japanese kana and Korean syllables: one word each. */
function isCjkUnit(code: number): boolean {
  return (
    (code >= 0x3400 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0xac00 && code <= 0xd7af)
  );
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
/** For each BMP code unit: 0 not yet looked up, 1 a letter or number, 2 neither. Filled as characters are met. */
const bmpClass = new Uint8Array(0x10000);

/** For each ASCII character: 1 a letter or digit, 2 one that keeps a word going (' . -), 0 neither. */
const ASCII_KIND = new Uint8Array(0x80).map((_, code) =>
  (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a)
    ? 1
    : code === 0x27 || code === 0x2e || code === 0x2d
      ? 2
      : 0,
);

/** A letter or number outside ASCII (the scanner settles ASCII itself). */
function isLetterOrNumber(code: number): boolean {
  if (code > 0xffff) return LETTER_OR_NUMBER.test(String.fromCodePoint(code));
  let known = bmpClass[code] ?? 0;
  if (known === 0) {
    known = LETTER_OR_NUMBER.test(String.fromCharCode(code)) ? 1 : 2;
    bmpClass[code] = known;
  }
  return known === 1;
}

/** Characters that keep a word going once it has begun: apostrophes, a full stop (U.S.), a hyphen. */
function continuesWord(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x2e || code === 0x2d;
}

/**
 * Words in a text for the "n words" shown in lists. Latin-script words are
 * counted by spaces; each Chinese, Japanese or Korean character counts as one,
 * which is how word counts for those scripts are usually given.
 *
 * A word begins at a letter or number and runs on through letters, numbers, apostrophes, full stops and
 * hyphens. One pass over the text with nothing allocated: this runs on every save of a note, and a note can
 * be long.
 */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  const length = text.length;
  for (let i = 0; i < length; i += 1) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      // Most notes are mostly ASCII: settle those characters without a call.
      const kind = ASCII_KIND[code] ?? 0;
      if (kind === 1) {
        if (!inWord) count += 1;
        inWord = true;
      } else if (kind === 0) inWord = false;
      continue;
    }
    if (isCjkUnit(code)) {
      count += 1;
      inWord = false;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i += 1;
      }
    }
    if (isLetterOrNumber(code)) {
      if (!inWord) count += 1;
      inWord = true;
    } else if (!(inWord && continuesWord(code))) inWord = false;
  }
  return count;
}
