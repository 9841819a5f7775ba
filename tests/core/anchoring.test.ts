import { describe, expect, test } from 'vitest';
import { anchorQuote, describeRange } from '../../electron/core/sources/anchoring';

/**
 * Re-anchoring, in the three steps of the Hypothesis scheme: the stored
 * position, an exact search, and a fuzzy match scored by the quote, its
 * context and its closeness to where it was.
 */
const article = [
  'BEIJING — Negotiators from the United States and China kept talking in Beijing on Wednesday, a day longer than planned.',
  'If there is no agreement by 2 March, US tariffs on $200 billion of imports from China will rise from 10% to 25%.',
  'The US side wants stronger protection of intellectual property and an end to forced technology transfer.',
  'Officials said the talks were serious. Officials said the talks were honest.',
].join('\n');

function target(text: string, quote: string, occurrence = 0) {
  let at = -1;
  for (let i = 0; i <= occurrence; i += 1) at = text.indexOf(quote, at + 1);
  if (at < 0) throw new Error(`no ${quote}`);
  return describeRange(text, at, at + quote.length);
}

describe('anchorQuote', () => {
  test('an exact match at the stored position is found by position', () => {
    const t = target(article, 'will rise from 10% to 25%');
    expect(anchorQuote(article, t)).toEqual({ start: t.start, end: t.end, method: 'position', score: 1 });
  });

  test('a shifted quote (text added before it) is found by exact search', () => {
    const t = target(article, 'will rise from 10% to 25%');
    const shifted = `UPDATED 10 January with the ministry's comments.\n${article}`;
    const anchor = anchorQuote(shifted, t);
    expect(anchor?.method).toBe('exact');
    expect(shifted.slice(anchor?.start, anchor?.end)).toBe('will rise from 10% to 25%');
  });

  test('text edited around and inside the quote is found by a fuzzy match', () => {
    const t = target(article, 'stronger protection of intellectual property and an end to forced technology transfer');
    const edited = article
      .replace('The US side wants', 'Washington is demanding')
      .replace('stronger protection of intellectual property', 'stronger protections of intellectual-property');
    const anchor = anchorQuote(edited, t);
    expect(anchor?.method).toBe('fuzzy');
    expect(edited.slice(anchor?.start, anchor?.end)).toContain(
      'protections of intellectual-property and an end to forced technology transfer',
    );
    expect(anchor?.score).toBeGreaterThan(0.6);
    expect(anchor?.score).toBeLessThan(1);
  });

  test('a repeated quote: prefix and suffix pick the right occurrence, even when the position is lost', () => {
    const second = target(article, 'Officials said the talks were', 1);
    const moved = `Preface.\n${article}`;
    const anchor = anchorQuote(moved, { ...second, start: undefined, end: undefined });
    expect(anchor?.method).toBe('exact');
    expect(moved.slice(anchor?.end, (anchor?.end ?? 0) + 7)).toBe(' honest');
    const first = target(article, 'Officials said the talks were', 0);
    const anchorFirst = anchorQuote(moved, { ...first, start: undefined, end: undefined });
    expect(moved.slice(anchorFirst?.end, (anchorFirst?.end ?? 0) + 8)).toBe(' serious');
  });

  test('a repeated quote whose position is stale and whose context was edited goes to the occurrence whose context matches best', () => {
    const text = 'Monday: the talks were serious and honest. Tuesday: the talks were serious, he repeated.';
    const t = target(text, 'the talks were serious', 0);
    const edited = `Note. ${text.replace('Monday:', 'On Monday,')}`;
    const anchor = anchorQuote(edited, t);
    expect(anchor?.method).toBe('exact');
    expect(edited.slice(anchor?.end, (anchor?.end ?? 0) + 11)).toBe(' and honest');
  });

  test('a quote that is no longer in the text is an orphan', () => {
    const t = target(article, 'Officials said the talks were honest.');
    const rewritten = article.replace(/Officials said[^\n]*/, 'No statement was made after the meeting ended.');
    expect(anchorQuote(rewritten, t)).toBeNull();
  });

  test('a short quote with a typo does not land on unrelated text', () => {
    expect(anchorQuote(article, { exact: 'tarifs', prefix: 'zzzz', suffix: 'qqqq', start: 3, end: 9 })).toBeNull();
  });

  test('Chinese text anchors like any other', () => {
    const zh = '高峰说，双方在结构性问题上取得了进展，包括强制技术转让和知识产权保护等方面。双方的态度都是认真的、坦诚的。';
    const t = target(zh, '双方的态度都是认真的、坦诚的。');
    expect(anchorQuote(zh, t)?.method).toBe('position');
    const edited = `【更新】${zh.replace('认真的、坦诚的', '认真的和坦诚的')}`;
    const anchor = anchorQuote(edited, t);
    expect(anchor?.method).toBe('fuzzy');
    expect(edited.slice(anchor?.start, anchor?.end)).toContain('坦诚的');
  });
});
