import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { answerQuery, resolveFilters, type Vocabulary } from '../../electron/core/search/answer';
import { indexQueryOf, SearchIndex, type SearchDocument } from '../../electron/core/search/engine';
import { fold, foldWithMap } from '../../electron/core/search/fold';
import { parseQuery, withFilter, withoutFilter } from '../../electron/core/search/query';
import type { SearchGroup } from '../../electron/core/search/schemas';
import { indexTerms } from '../../electron/core/search/tokenize';
import { clauseMatches, clauseRegex, highlightAll, makeSnippet } from '../../electron/core/search/matchers';

/**
 * The search core: folding, tokenising (Chinese included), the query language, the index
 * and the answer built from it. Everything here is pure and runs on plain data.
 */

function doc(partial: Partial<SearchDocument> & Pick<SearchDocument, 'kind' | 'id'>): SearchDocument {
  return {
    key: `${partial.kind}:${partial.id}`,
    stamp: 's1',
    title: partial.id,
    fields: {},
    areaIds: [],
    tags: [],
    parties: [],
    date: null,
    weight: 1,
    ...partial,
  };
}

const vocabulary: Vocabulary = {
  areas: [
    { id: 'tech-transfer', title: 'Forced technology transfer' },
    { id: 'tariffs', title: 'Tariffs and the 2 March deadline' },
    { id: 'purchases', title: 'Purchase commitments' },
  ],
  parties: [
    { id: 'united-states', name: 'United States' },
    { id: 'china', name: 'China' },
  ],
};

const corpus: SearchDocument[] = [
  doc({
    kind: 'area',
    id: 'tech-transfer',
    title: 'Forced technology transfer',
    fields: { title: 'Forced technology transfer', tags: 'structural ip', text: 'Joint-venture requirements and licensing terms.' },
    areaIds: ['tech-transfer'],
    tags: ['structural', 'IP'],
    date: '2019-01-08T10:00:00.000Z',
  }),
  doc({
    kind: 'note',
    id: 'tech-transfer',
    title: 'Forced technology transfer',
    fields: {
      text: '## Where we stand\n\nForced technology transfer is the core of our agenda.\n\n> 商务部新闻发言人高峰表示，双方在“结构性问题”上取得了进展，包括强制技术转让和知识产权保护。\n\nThe Négociation continues; Gao Feng gave no détails.',
    },
    areaIds: ['tech-transfer'],
    tags: ['structural', 'IP'],
    date: '2019-01-10T09:00:00.000Z',
  }),
  doc({
    kind: 'area',
    id: 'tariffs',
    title: 'Tariffs and the 2 March deadline',
    fields: { title: 'Tariffs and the 2 March deadline', tags: 'deadline', text: 'US tariffs on $200 billion rise from 10% to 25%.' },
    areaIds: ['tariffs'],
    tags: ['deadline'],
    date: '2018-12-01T00:00:00.000Z',
  }),
  doc({
    kind: 'note',
    id: 'tariffs',
    title: 'Tariffs and the 2 March deadline',
    fields: {
      text: 'The truce gave the talks 90 days. Technology is not discussed here, nor transfer of anything. 技术 and 转让 appear apart.',
    },
    areaIds: ['tariffs'],
    tags: ['deadline'],
    date: '2019-01-09T09:00:00.000Z',
  }),
  doc({
    kind: 'note',
    id: 'purchases',
    title: 'Purchase commitments',
    fields: { text: 'China resumed purchases of US soybeans. WTO规则 apply to beef and 中美trade谈判 continues.' },
    areaIds: ['purchases'],
    tags: [],
    parties: ['china'],
    date: '2019-02-01T09:00:00.000Z',
  }),
];

function build(docs: readonly SearchDocument[] = corpus): { index: SearchIndex; store: Map<string, SearchDocument> } {
  const index = SearchIndex.empty();
  index.upsert(docs);
  return { index, store: new Map(docs.map((d) => [d.key, d])) };
}

async function search(
  where: { index: SearchIndex; store: Map<string, SearchDocument> },
  raw: string,
): Promise<{ groups: SearchGroup[]; keys: string[]; problems: string[] }> {
  const parsed = parseQuery(raw);
  const resolved = resolveFilters(parsed, vocabulary);
  if (resolved.impossible)
    return { groups: [], keys: [], problems: [...parsed.problems, ...resolved.chips.flatMap((c) => c.problem ?? [])] };
  const candidates = where.index.candidates(indexQueryOf(parsed, resolved.filters), 500);
  const groups = await answerQuery(
    parsed,
    candidates,
    async (keys) =>
      new Map(
        keys.flatMap((k) => {
          const d = where.store.get(k);
          return d ? [[k, d] as const] : [];
        }),
      ),
    { perKind: 20, checkBudget: 500 },
  );
  return { groups, keys: groups.flatMap((g) => g.hits.map((h) => h.key)).sort(), problems: [...parsed.problems] };
}

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

describe('search over an index', () => {
  test('a word finds areas and notes, grouped by kind, best group first', async () => {
    const { groups } = await search(build(), 'technology');
    expect(groups.map((g) => g.kind)).toEqual(['area', 'note']);
    expect(groups[0]?.hits[0]?.key).toBe('area:tech-transfer');
    expect(groups[1]?.hits.map((h) => h.key).sort()).toEqual(['note:tariffs', 'note:tech-transfer']);
  });

  test('prefix: the start of a word finds the word', async () => {
    expect((await search(build(), 'techn')).keys).toContain('note:tech-transfer');
    expect((await search(build(), 'soyb')).keys).toEqual(['note:purchases']);
    expect((await search(build(), '"soyb"')).keys).toEqual([]);
  });

  test('an exact phrase needs its words together, in order', async () => {
    const both = await search(build(), 'technology transfer');
    expect(both.keys).toContain('note:tariffs');
    const phrase = await search(build(), '"technology transfer"');
    expect(phrase.keys).toEqual(['area:tech-transfer', 'note:tech-transfer']);
    expect(phrase.groups.find((g) => g.kind === 'note')?.total).toBe(1);
  });

  test('case and accents do not matter, in the query or the text', async () => {
    expect((await search(build(), 'NEGOCIATION')).keys).toEqual(['note:tech-transfer']);
    expect((await search(build(), 'détails')).keys).toEqual(['note:tech-transfer']);
    expect((await search(build(), 'details')).keys).toEqual(['note:tech-transfer']);
  });

  test('a Chinese substring inside a longer sentence is found; the same characters apart are not', async () => {
    expect((await search(build(), '技术转让')).keys).toEqual(['note:tech-transfer']);
    expect((await search(build(), '结构性问题')).keys).toEqual(['note:tech-transfer']);
    expect((await search(build(), '发言')).keys).toEqual(['note:tech-transfer']);
    // Both pairs are in the tariffs note, but not next to each other.
    expect((await search(build(), '术转')).keys).toEqual(['note:tech-transfer']);
    expect((await search(build(), '技术')).keys).toEqual(['note:tariffs', 'note:tech-transfer']);
  });

  test('mixed Chinese and English', async () => {
    expect((await search(build(), 'WTO规则')).keys).toEqual(['note:purchases']);
    expect((await search(build(), '中美trade')).keys).toEqual(['note:purchases']);
    expect((await search(build(), 'trade谈判')).keys).toEqual(['note:purchases']);
    expect((await search(build(), '规则 soybeans')).keys).toEqual(['note:purchases']);
  });

  test('filters by kind, area, tag, party and date', async () => {
    const all = build();
    expect((await search(all, 'technology kind:note')).keys).toEqual(['note:tariffs', 'note:tech-transfer']);
    expect((await search(all, 'technology area:tariffs')).keys).toEqual(['note:tariffs']);
    expect((await search(all, 'technology area:"forced tech"')).keys).toEqual(['area:tech-transfer', 'note:tech-transfer']);
    expect((await search(all, 'technology tag:ip')).keys).toEqual(['area:tech-transfer', 'note:tech-transfer']);
    expect((await search(all, 'party:china')).keys).toEqual(['note:purchases']);
    expect((await search(all, 'technology date:2019-01-10')).keys).toEqual(['note:tech-transfer']);
    expect((await search(all, 'from:2019-01-09 to:2019-01-31')).keys).toEqual(['note:tariffs', 'note:tech-transfer']);
    // Filters alone list what they select, newest first.
    const listed = await search(all, 'kind:area');
    expect(listed.groups[0]?.hits.map((h) => h.key)).toEqual(['area:tech-transfer', 'area:tariffs']);
  });

  test('a filter that names nothing in the book says so and finds nothing', async () => {
    const parsed = parseQuery('technology area:shipping party:japan');
    const resolved = resolveFilters(parsed, vocabulary);
    expect(resolved.impossible).toBe(true);
    expect(resolved.chips.map((c) => c.problem)).toEqual([
      'No issue area is called "shipping".',
      'No party in this book is called "japan".',
    ]);
    expect(resolveFilters(parseQuery('party:US'), vocabulary).filters.parties).toEqual(['united-states']);
  });

  test('excluded words leave results out', async () => {
    expect((await search(build(), 'technology -truce')).keys).toEqual(['area:tech-transfer', 'note:tech-transfer']);
    expect((await search(build(), 'technology -"no détails"')).keys).toEqual(['area:tech-transfer', 'note:tariffs']);
  });

  test('every kind of edit and delete updates the index: old words go, new words come, a deleted note is not found', async () => {
    const where = build();
    const note = corpus[1];
    expect(note).toBeDefined();
    if (!note) return;
    expect((await search(where, 'agenda')).keys).toEqual(['note:tech-transfer']);

    // Edit the note: the old word is gone, the new one found.
    const edited = { ...note, stamp: 's2', fields: { text: 'The mandate now covers licensing approvals.' } };
    where.index.upsert([edited]);
    where.store.set(edited.key, edited);
    expect((await search(where, 'agenda')).keys).toEqual([]);
    expect((await search(where, 'mandate')).keys).toEqual(['note:tech-transfer']);
    expect(where.index.stampOf(note.key)).toBe('s2');

    // Rename an area and change its tags: its note carries the area's tags, so both are indexed again.
    const area = corpus[0];
    if (!area) return;
    const renamed = {
      ...area,
      title: 'Technology licensing',
      fields: { ...area.fields, title: 'Technology licensing', tags: 'licensing' },
      tags: ['licensing'],
    };
    const retagged = { ...edited, title: 'Technology licensing', tags: ['licensing'] };
    where.index.upsert([renamed, retagged]);
    where.store.set(renamed.key, renamed);
    where.store.set(retagged.key, retagged);
    expect((await search(where, 'forced kind:area')).keys).toEqual([]);
    expect((await search(where, 'licensing tag:licensing')).keys).toEqual(['area:tech-transfer', 'note:tech-transfer']);
    expect((await search(where, 'tag:structural')).keys).toEqual([]);

    // Delete the note: it is no longer found by any of its words.
    where.index.remove([note.key]);
    where.store.delete(note.key);
    expect((await search(where, 'mandate')).keys).toEqual([]);
    expect(where.index.size).toBe(corpus.length - 1);
    expect((await search(where, 'technology')).keys).not.toContain('note:tech-transfer');
  });

  test('a serialised index loads to the same answers, and a damaged one is refused', async () => {
    const where = build();
    const copy = { index: SearchIndex.load(where.index.serialize()), store: where.store };
    for (const q of ['technology', '"technology transfer"', '技术转让', 'kind:area', 'soyb']) {
      expect((await search(copy, q)).keys, q).toEqual((await search(where, q)).keys);
    }
    expect(copy.index.entries()).toEqual(where.index.entries());
    expect(() => SearchIndex.load('{"version":1')).toThrow();
    expect(() => SearchIndex.load(JSON.stringify({ version: 99, stamps: [], index: {} }))).toThrow(/version/);
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

  test('the hit says where to jump: field, offset, length and the matched text', async () => {
    const { groups } = await search(build(), '技术转让');
    const hit = groups[0]?.hits[0];
    const text = corpus[1]?.fields.text ?? '';
    expect(hit?.target).toEqual({ field: 'text', offset: text.indexOf('技术转让'), length: 4, text: '技术转让' });
  });
});

describe('sources, annotations, meetings, follow-ups and events', () => {
  // A 50 KB article whose only Chinese sentence is deep inside it, after the English.
  const filler = 'The delegations met again and discussed the schedule of the next round in general terms. ';
  const body = `${filler.repeat(400)}双方同意在三月一日前完成关于强制技术转让的文本。${filler.repeat(150)}`;
  const library = [
    doc({
      kind: 'source',
      id: 'long-article',
      title: 'Wire report',
      fields: { title: 'Wire report', tags: 'Meridian Wire · 2019-01-09', text: body },
    }),
    doc({
      kind: 'annotation',
      id: 'a1',
      title: 'Wire report',
      fields: { text: 'the schedule of the next round\n\nAsk for dates.' },
      areaIds: ['tariffs'],
    }),
    doc({
      kind: 'meeting',
      id: 'm1',
      title: 'Washington plenary',
      fields: { title: 'Washington plenary', text: 'Talking points: the schedule' },
    }),
    doc({ kind: 'followup', id: 'f1', title: 'Send the schedule', fields: { title: 'Send the schedule' } }),
    doc({
      kind: 'event',
      id: 'e1',
      title: 'Deadline',
      fields: { title: 'Deadline', tags: 'Deadline', text: 'Tariffs rise' },
      date: '2019-03-02',
    }),
  ];

  test('each new kind has a name and aliases for kind:', () => {
    for (const [alias, kind] of [
      ['source', 'source'],
      ['articles', 'source'],
      ['quote', 'annotation'],
      ['comments', 'annotation'],
      ['meetings', 'meeting'],
      ['follow-up', 'followup'],
      ['actions', 'followup'],
      ['deadline', 'event'],
    ] as const) {
      expect(parseQuery(`kind:${alias}`).filters.kinds).toEqual([kind]);
    }
    expect(parseQuery('kind:memo').problems[0]).toMatch(/kind:source .*kind:event/);
  });

  test("a Chinese substring deep inside a long source body is found, and the hit points at it in the article's text", async () => {
    const where = build(library);
    const { groups } = await search(where, '技术转让的文本');
    expect(groups.map((g) => g.kind)).toEqual(['source']);
    const hit = groups[0]?.hits[0];
    expect(hit?.target).toEqual({ field: 'text', offset: body.indexOf('技术转让的文本'), length: 7, text: '技术转让的文本' });
    expect(hit?.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['技术转让的文本']);
    // The same characters apart are not a match.
    expect((await search(where, '技术文本')).keys).toEqual([]);
  });

  test('kind: keeps one kind; the other kinds share the word', async () => {
    const where = build(library);
    expect((await search(where, 'schedule')).keys).toEqual(['annotation:a1', 'followup:f1', 'meeting:m1', 'source:long-article']);
    expect((await search(where, 'schedule kind:quote')).keys).toEqual(['annotation:a1']);
    expect((await search(where, 'schedule kind:source area:tariffs')).keys).toEqual([]);
    expect((await search(where, 'kind:deadline date:2019-03')).keys).toEqual(['event:e1']);
  });
});

describe('pair sketches: long texts that cannot hold a phrase are left out by the index', () => {
  const filler = (seed: number) => Array.from({ length: 400 }, (_, i) => `word${(i * 7 + seed) % 97}`).join(' ');
  const long = (id: string, text: string) => doc({ kind: 'note', id, title: id, fields: { text: `${filler(id.length)} ${text}` } });
  const keysOf = (index: SearchIndex, raw: string) =>
    index
      .candidates(indexQueryOf(parseQuery(raw), resolveFilters(parseQuery(raw), vocabulary).filters), 500)
      .hits.map((h) => h.key)
      .sort();

  test('the phrase in one text, its words apart in another: the index offers only the first', () => {
    const { index } = build([
      long('together', 'the delegation pressed on technology transfer again'),
      long('apart', 'technology was discussed; the transfer of staff later'),
      long('chinese', '双方在结构性问题上取得进展'),
      long('chinese-apart', '结构调整与性问答'),
    ]);
    expect(keysOf(index, 'technology transfer')).toEqual(['note:apart', 'note:together']);
    expect(keysOf(index, '"technology transfer"')).toEqual(['note:together']);
    expect(keysOf(index, '结构性问')).toEqual(['note:chinese']);
    // A short text has no sketch: it is offered, and its text is checked as before.
    const short = build([doc({ kind: 'note', id: 'short', fields: { text: 'technology and then transfer' } })]);
    expect(keysOf(short.index, '"technology transfer"')).toEqual(['note:short']);
  });

  test('survive a restart: a persisted index leaves out the same texts, and a damaged sketch makes the shard unusable', () => {
    const { index } = build([long('together', 'on technology transfer'), long('apart', 'technology and then transfer')]);
    const saved = index.serialize();
    expect(keysOf(SearchIndex.load(saved), '"technology transfer"')).toEqual(['note:together']);
    const parsed = JSON.parse(saved) as { sketches: [string, string][] };
    const first = parsed.sketches[0];
    if (first) first[1] = first[1].slice(0, 10);
    expect(() => SearchIndex.load(JSON.stringify(parsed))).toThrow(/sketch/);
  });

  test('never leave out a text that holds the phrase or the Chinese run (random texts, random phrases from them)', () => {
    const words = ['trade', 'talks', 'tariff', 'deal', 'beijing', 'soybeans', 'the', 'of', 'a', 'review', 'ip', 'energy'];
    const han = '中美贸易谈判结构性问题知识产权保护市场准入';
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(...words),
            fc.integer({ min: 0, max: han.length - 4 }).map((i) => han.slice(i, i + 4)),
          ),
          {
            minLength: 400,
            maxLength: 600,
          },
        ),
        fc.nat(),
        fc.constantFrom(' ', ', ', ' — ', '\n'),
        (tokens, at, gap) => {
          const text = tokens.join(gap);
          const { index } = build([doc({ kind: 'note', id: 'n', fields: { text } })]);
          const start = at % (tokens.length - 3);
          const latin = tokens.slice(start, start + 3).filter((t) => /^[a-z]+$/.test(t));
          const run = tokens.slice(start).find((t) => !/^[a-z]+$/.test(t));
          // Three Latin words in a row, said as a phrase; or three characters of a Chinese piece.
          if (latin.length === 3) expect(keysOf(index, `"${latin.join(' ')}"`)).toEqual(['note:n']);
          if (run) expect(keysOf(index, run.slice(0, 3))).toEqual(['note:n']);
        },
      ),
      { numRuns: 60, seed: 2019 },
    );
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
