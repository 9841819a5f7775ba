import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { indexQueryOf, phraseOf } from '../../electron/core/search/engine';
import { fold, foldWithMap } from '../../electron/core/search/fold';
import { parseQuery, withFilter, withoutFilter } from '../../electron/core/search/query';
import { cjkTerms, indexTerms, splitTokens, termsOfFolded } from '../../electron/core/search/tokenize';
import { clauseMatches, clauseRegex, highlightAll, makeSnippet } from '../../electron/core/search/matchers';

/**
 * The search core: folding, tokenising (Chinese included), the query language and how the index is asked,
 * snippets and highlights. Everything here is pure and runs on plain data; the index itself and the answers
 * built from it are in tests/services/searchIndex.test.ts.
 */

describe('folding', () => {
  test.each([
    ['Négociation', 'negociation'],
    ['NÉGOCIATION', 'negociation'],
    ['ｎｅｇｏｔｉａｔｉｏｎ ＷＴＯ', 'negotiation wto'],
    ['Straße', 'strasse'],
    ['Łódź', 'lodz'],
    ['ΟΔΥΣΣΕΥΣ', 'οδυσσευσ'],
    ['技术转让', '技术转让'],
    ['Ｘ光', 'x光'],
    ['e\u0301te\u0301', 'ete'],
  ])('%s folds to %s', (text, folded) => {
    expect(fold(text)).toBe(folded);
  });

  test('folds any text exactly as normalising every run of characters other than ASCII and common Chinese does', () => {
    // The definition, written the slow way: the fast loop in fold.ts must agree with it on any text.
    const marks = /\p{M}+/gu;
    const extra: Record<string, string> = { ß: 'ss', ẞ: 'ss', ø: 'o', đ: 'd', ł: 'l', æ: 'ae', œ: 'oe', ς: 'σ', ı: 'i', ħ: 'h', þ: 'th' };
    const slow = (run: string) =>
      run
        .normalize('NFKD')
        .replace(marks, '')
        .toLowerCase()
        .replace(/[ßẞøđłæœςıħþ]/gu, (ch) => extra[ch] ?? ch)
        .normalize('NFC');
    // eslint-disable-next-line no-control-regex -- ASCII is part of what is left alone.
    const reference = (text: string) => text.replace(/[^\u0000-\u007f\u4e00-\u9fff]+/gu, slow).toLowerCase();
    const pieces = fc.constantFrom(
      'a',
      'Z',
      ' ',
      'é',
      'e\u0301',
      'ß',
      'Ł',
      '技',
      '术',
      '，',
      '。',
      'Ｘ',
      'ﬁ',
      '😀',
      'ς',
      'ΣΑ',
      '\u0000',
      'ا',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ unit: 'grapheme' })), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(fold(text)).toBe(reference(text));
        expect(foldWithMap(text).text).toBe(fold(text));
      }),
      { numRuns: 500, seed: 2019 },
    );
  });

  test('foldWithMap folds the same way and maps each folded character back to the original', () => {
    const text = 'La Négociation — Straße 技术 ﬁnal';
    const { text: folded, map } = foldWithMap(text);
    expect(folded).toBe(fold(text));
    const at = folded.indexOf('strasse');
    expect(text.slice(map[at], map[at + 'strasse'.length])).toBe('Straße');
    const han = folded.indexOf('技术');
    expect(text.slice(map[han], map[han + 2])).toBe('技术');
    const fi = folded.indexOf('final');
    expect(text.slice(map[fi], map[fi + 5])).toBe('ﬁnal');
  });
});

describe('tokenising', () => {
  test('English: words split at spaces and punctuation, folded', () => {
    expect(indexTerms("China's joint-venture rules, 25% on $200bn (Jan 2019).")).toEqual([
      'china',
      's',
      'joint',
      'venture',
      'rules',
      '25',
      'on',
      '200bn',
      'jan',
      '2019',
    ]);
  });

  test('Chinese: overlapping character pairs plus the last character of each run', () => {
    expect(indexTerms('技术转让')).toEqual(['技术', '术转', '转让', '让']);
    expect(indexTerms('问题，进展')).toEqual(['问题', '题', '进展', '展']);
    expect(indexTerms('中')).toEqual(['中']);
  });

  test('mixed scripts split where the script changes', () => {
    expect(indexTerms('WTO规则 and 中美trade谈判')).toEqual(['wto', '规则', '则', 'and', '中美', '美', 'trade', '谈判', '判']);
  });

  test('accents and full-width forms do not matter', () => {
    expect(indexTerms('Négociation ＷＴＯ Café')).toEqual(indexTerms('negociation wto cafe'));
  });
});

describe('index terms, scanned', () => {
  /** The definition: the tokens the expressions find, a CJK run as its pairs and its last character. */
  const byExpressions = (folded: string) => splitTokens(folded).flatMap((t) => (t.cjk ? cjkTerms(t.text) : [t.text]));
  const pieces = [
    'trade',
    'Tariff',
    'ü',
    'é',
    '٣',
    'ΣΑ',
    '技术',
    '转让',
    '。',
    '，',
    'か',
    '한',
    '𠀀𠀁',
    '\ud800',
    ' ',
    '-',
    '_',
    '\n',
    '\u3000',
    'x'.repeat(45),
    '2019',
    '$',
    '\u200b',
    '\u0301',
  ];
  test('the scanner gives exactly the terms of the expressions, on any text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), { maxLength: 40 }),
        (parts) => {
          const text = parts.join('');
          expect(termsOfFolded(text)).toEqual(byExpressions(text));
          expect(termsOfFolded(fold(text))).toEqual(byExpressions(fold(text)));
        },
      ),
      { numRuns: 2000, seed: 18 },
    );
  });
});

describe('the query language', () => {
  test('words, prefixes, phrases, exclusions and Chinese runs', () => {
    const q = parseQuery('tech "forced transfer" negot* -beef 技术转让 de');
    expect(q.clauses.map((c) => [c.raw, c.exact, c.prefixLast, c.negated])).toEqual([
      ['tech', false, true, false],
      ['forced transfer', true, false, false],
      ['negot*', false, true, false],
      ['beef', false, true, true],
      ['技术转让', false, false, false],
      // Two letters are too short to stand for every longer word.
      ['de', false, false, false],
    ]);
  });

  test('filters: kind, area, tag, party and dates, with their places in the text', () => {
    const raw = 'soybeans kind:note area:"Purchase commitments" tag:IP party:china from:2019-01 to:2019-02-15';
    const q = parseQuery(raw);
    expect(q.filters).toEqual({
      kinds: ['note'],
      areas: ['Purchase commitments'],
      tags: ['ip'],
      parties: ['china'],
      from: '2019-01-01',
      to: '2019-02-15',
    });
    expect(q.clauses.map((c) => c.raw)).toEqual(['soybeans']);
    const area = q.written.find((w) => w.key === 'area');
    expect(area && raw.slice(area.start, area.end)).toBe('area:"Purchase commitments"');
    expect(area && withoutFilter(raw, area)).toBe('soybeans kind:note tag:IP party:china from:2019-01 to:2019-02-15');
  });

  test('date: a day, a month, a year or a range', () => {
    expect(parseQuery('date:2019-01-10').filters).toMatchObject({ from: '2019-01-10', to: '2019-01-10' });
    expect(parseQuery('date:2019-02').filters).toMatchObject({ from: '2019-02-01', to: '2019-02-28' });
    expect(parseQuery('date:2020').filters).toMatchObject({ from: '2020-01-01', to: '2020-12-31' });
    expect(parseQuery('date:2019-01-07..2019-01-09').filters).toMatchObject({ from: '2019-01-07', to: '2019-01-09' });
  });

  test('mistakes are explained, not ignored', () => {
    expect(parseQuery('kind:memo').problems[0]).toMatch(/no kind "memo".*kind:area or kind:note/);
    expect(parseQuery('from:2019-13').problems[0]).toMatch(/not a date/);
    expect(parseQuery('from:2019-03 to:2019-01').problems[0]).toMatch(/ends \(2019-01-31\) before it starts \(2019-03-01\)/);
  });

  test('unknown keys and times are plain text', () => {
    expect(parseQuery('meeting at 10:30 http://x.y').written).toEqual([]);
    expect(parseQuery('KIND:Notes').filters.kinds).toEqual(['note']);
  });

  test('withFilter adds a chip to the text, quoting values with spaces', () => {
    expect(withFilter('soybeans', 'area', 'Purchase commitments')).toBe('soybeans area:"Purchase commitments" ');
    expect(withFilter('', 'kind', 'note')).toBe('kind:note ');
  });
});

describe('how the index is asked', () => {
  const phrases = (raw: string) => parseQuery(raw).clauses.map(phraseOf);
  test('a clause is the terms it must have in a row; a Chinese run is its character pairs', () => {
    expect(phrases('tariff te')).toEqual([
      { terms: ['tariff'], prefix: true },
      { terms: ['te'], prefix: false },
    ]);
    expect(phrases('"technology transfer" state-owned')).toEqual([
      { terms: ['technology', 'transfer'], prefix: false },
      { terms: ['state', 'owned'], prefix: true },
    ]);
    expect(phrases('结构性问题 技 中美')).toEqual([
      { terms: ['结构', '构性', '性问', '问题'], prefix: false },
      { terms: ['技'], prefix: true },
      { terms: ['中美'], prefix: false },
    ]);
    // A run followed by more of the clause ends there in the text too: its last character follows its pairs.
    expect(phrases('中美trade谈判 WTO规则')).toEqual([
      { terms: ['中美', '美', 'trade', '谈判'], prefix: false },
      { terms: ['wto', '规则'], prefix: false },
    ]);
  });

  test('excluded clauses are asked for apart, and a word asked twice is asked once, exactly', () => {
    const filters = { kinds: [], areaIds: [], tags: [], parties: [], from: null, to: null };
    const query = indexQueryOf(parseQuery('tariff tariff* -beef -"red line"'), filters);
    expect(query.required).toEqual([{ terms: ['tariff'], prefix: true }]);
    expect(query.excluded).toEqual([
      { terms: ['beef'], prefix: true },
      { terms: ['red', 'line'], prefix: false },
    ]);
    expect(indexQueryOf(parseQuery('"tariff" tariff'), filters).required).toEqual([{ terms: ['tariff'], prefix: false }]);
  });
});

describe('snippets and highlights', () => {
  test('a title is highlighted where the query matched, prefix to the end of the word', () => {
    const q = parseQuery('forced techn');
    expect(highlightAll('Forced technology transfer', q.clauses)).toEqual([
      { text: 'Forced', hit: true },
      { text: ' ', hit: false },
      { text: 'technology', hit: true },
      { text: ' transfer', hit: false },
    ]);
  });

  test('a snippet is a window around the place where the query words are together, Markdown tidied', () => {
    const filler = 'Background paragraph about the talks. '.repeat(20);
    const text = `## Heading\n\n${filler}The **red line** on licensing: no deal text relying on a principle alone. ${filler}`;
    const snippet = makeSnippet(text, parseQuery('"red line" licensing').clauses);
    const joined = snippet.segments.map((s) => (s.hit ? `[${s.text}]` : s.text)).join('');
    expect(joined).toContain('The [red line] on [licensing]: no deal');
    expect(joined.startsWith('…')).toBe(true);
    expect(joined.endsWith('…')).toBe(true);
    expect(joined.length).toBeLessThan(230);
    expect(snippet.focus && text.slice(snippet.focus.start, snippet.focus.end)).toBe('red line');
  });

  test('a Chinese match is highlighted in the original characters', () => {
    const text = '商务部新闻发言人高峰表示，双方在“结构性问题”上取得了进展。';
    const segments = makeSnippet(text, parseQuery('结构性问题').clauses).segments;
    expect(segments.filter((s) => s.hit).map((s) => s.text)).toEqual(['结构性问题']);
  });
});

describe('finding clauses without an expression per query', () => {
  test('clauseMatches finds exactly the matches of the clause expression, on any text and clause', () => {
    const pieces = [
      'trade',
      'talks',
      'tr',
      'a',
      'ab',
      '技术',
      '转让',
      '技',
      ' ',
      ', ',
      '-',
      '—',
      '.',
      '\n',
      'é',
      'x1',
      '9',
      '😀',
      'ß',
      'ا',
    ];
    const piece = fc.constantFrom(...pieces);
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }),
        fc.array(piece, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (textParts, queryParts, quoted) => {
          const text = fold(textParts.join(''));
          const raw = queryParts.join(' ').trim();
          for (const clause of parseQuery(quoted ? `"${raw}"` : raw).clauses) {
            const expected = [...text.matchAll(clauseRegex(clause))].map((m) => [m.index, m.index + m[0].length]);
            expect(clauseMatches(text, clause)).toEqual(expected);
          }
        },
      ),
      { numRuns: 2_000, seed: 2019 },
    );
  });
});
