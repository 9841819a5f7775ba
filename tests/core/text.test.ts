import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { countWords } from '../../electron/core/text';

describe('countWords', () => {
  test.each([
    ['', 0],
    ['   \n\t ', 0],
    ['Tariffs', 1],
    ['Tariffs rise from 10% to 25%', 6],
    ["China's pledge isn't binding", 4],
    ['state-owned enterprises', 2],
    ['U.S. negotiators', 2],
    ['one,two;three', 3],
    ['## Red line\n\n- [ ] **No deal** text', 5],
    ['— – … • | ---', 0],
  ])('English: %j has %i words', (text, words) => {
    expect(countWords(text)).toBe(words);
  });

  test.each([
    ['商务部', 3],
    ['强制技术转让', 6],
    ['双方在“结构性问题”上取得了进展。', 14],
    ['，。！？、：；', 0],
    ['日本語のテキスト', 8],
    ['한국어', 3],
  ])('Chinese, Japanese, Korean: %j has %i words (one per character, punctuation not counted)', (text, words) => {
    expect(countWords(text)).toBe(words);
  });

  test.each([
    ['Gao Feng 高峰 said', 5],
    ['WTO规则', 3],
    ['2019年1月10日', 6],
    ['> 商务部新闻发言人高峰表示 progress on structural issues', 16],
  ])('mixed: %j has %i words', (text, words) => {
    expect(countWords(text)).toBe(words);
  });

  test('counts grow with the text', () => {
    const paragraph = 'Every commitment needs a date and a test we can apply. ';
    expect(countWords(paragraph.repeat(100))).toBe(11 * 100);
  });

  // The definition the scanner must keep: CJK characters one each, then words as a regular expression finds them.
  function byDefinition(text: string): number {
    const cjk = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]/g;
    const chinese = text.match(cjk)?.length ?? 0;
    return chinese + (text.replace(cjk, ' ').match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)?.length ?? 0);
  }

  test('counts as the definition does, for any mix of scripts, punctuation and surrogates', () => {
    // Letters, digits, what keeps a word going, punctuation, CJK, astral letters, lone surrogates, a combining mark.
    const piece = fc.constantFrom(
      ...Array.from("aZ7 \n'’.-,—éßЖ٣高峰。“のー한_\u00a0\u0301"),
      '\u{1d400}',
      '\u{20000}',
      '\u{1f600}',
      '\ud800',
      '\udc00',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }).map((parts) => parts.join('')),
        (text) => {
          expect(countWords(text)).toBe(byDefinition(text));
        },
      ),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        expect(countWords(text)).toBe(byDefinition(text));
      }),
      { numRuns: 3000 },
    );
  });
});
