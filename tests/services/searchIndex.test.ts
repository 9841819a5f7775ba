import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from '@photostructure/sqlite';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { answerQuery, resolveFilters, type Vocabulary } from '../../electron/core/search/answer';
import { indexQueryOf, type SearchDocument } from '../../electron/core/search/engine';
import { parseQuery } from '../../electron/core/search/query';
import type { SearchGroup } from '../../electron/core/search/schemas';
import { SqliteIndex } from '../../electron/services/search/sqliteIndex';

/**
 * The index (SQLite FTS5 over the app's own term streams) and the answer built from it, on plain documents:
 * the query language, Chinese runs, filters, edits and deletes, persistence. The service and its providers
 * are tested through the real services in search.test.ts and its neighbours.
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

const opened: SqliteIndex[] = [];
afterAll(() => {
  for (const index of opened) index.close();
});

function fresh(): SqliteIndex {
  const index = SqliteIndex.open(null);
  opened.push(index);
  return index;
}

function build(docs: readonly SearchDocument[] = corpus): { index: SqliteIndex; store: Map<string, SearchDocument> } {
  const index = fresh();
  index.upsert(docs);
  return { index, store: new Map(docs.map((d) => [d.key, d])) };
}

async function search(
  where: { index: SqliteIndex; store: Map<string, SearchDocument> },
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

  test('a persisted index opens to the same answers, and a damaged one is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'briefing-search-index-'));
    const file = join(dir, 'index.sqlite');
    const first = SqliteIndex.open(file);
    first.upsert(corpus);
    first.close();
    const where = build();
    const reopened = SqliteIndex.open(file);
    opened.push(reopened);
    const copy = { index: reopened, store: where.store };
    for (const q of ['technology', '"technology transfer"', '技术转让', 'kind:area', 'soyb']) {
      expect((await search(copy, q)).keys, q).toEqual((await search(where, q)).keys);
    }
    expect(copy.index.entries()).toEqual(where.index.entries());
    expect(copy.index.written).toBe(0);
    copy.index.close();
    // Damaged: the file is refused, and left for the service to remove.
    const good = await readFile(file);
    await writeFile(file, '{"version":1}\n'.repeat(1000));
    expect(() => SqliteIndex.open(file)).toThrow(/cannot be used: file is not a database/);
    expect((await readFile(file)).toString('utf8')).toBe('{"version":1}\n'.repeat(1000));
    // Another SQLite database, and an index of another version, are refused too.
    await rm(file);
    const other = new DatabaseSync(file);
    other.exec('CREATE TABLE notes(id INTEGER PRIMARY KEY)');
    other.close();
    expect(() => SqliteIndex.open(file)).toThrow(/not a search index/);
    await writeFile(file, good);
    const older = new DatabaseSync(file);
    older.exec('PRAGMA user_version = 99');
    older.close();
    expect(() => SqliteIndex.open(file)).toThrow(/index version 99, expected \d+/);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('snippets and highlights', () => {
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

describe('phrases and Chinese runs are matched by the index: texts that do not hold them are left out', () => {
  const filler = (seed: number) => Array.from({ length: 400 }, (_, i) => `word${(i * 7 + seed) % 97}`).join(' ');
  const long = (id: string, text: string) => doc({ kind: 'note', id, title: id, fields: { text: `${filler(id.length)} ${text}` } });
  const keysOf = (index: SqliteIndex, raw: string) =>
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
    // A short text too.
    const short = build([doc({ kind: 'note', id: 'short', fields: { text: 'technology and then transfer' } })]);
    expect(keysOf(short.index, '"technology transfer"')).toEqual([]);
    expect(keysOf(short.index, 'technology transfer')).toEqual(['note:short']);
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
