const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]/g;

/**
 * Words in a text for the "n words" shown in lists. Latin-script words are
 * counted by spaces; each Chinese, Japanese or Korean character counts as one,
 * which is how word counts for those scripts are usually given.
 */
export function countWords(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  const rest = text.replace(CJK, ' ');
  const words = rest.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)?.length ?? 0;
  return cjk + words;
}
