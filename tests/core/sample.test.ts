import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { BookState } from '../../electron/core/contract/views';
import { AreaSchema, BookSettingsSchema, NoteSchema } from '../../electron/core/model/book';
import { IdSchema } from '../../electron/core/model/common';
import { areaKind, bookKind } from '../../electron/core/persistence/documents';
import { sampleBook } from '../../electron/core/sample/sampleBook';
import { sampleSources } from '../../electron/core/sample/sampleSources';
import { decodeFile } from '../../electron/services/store/loader';
import { boot, freshDir, listFiles } from '../services/support';

const GFM_TABLE = /^\|.+\|[ \t]*\n\|(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*\n(?:\|.+\|[ \t]*\n?)+/m;
const TASK_ITEM = /^[ \t]*[-*] \[[ xX]\] \S/m;
const CHINESE = /[\u4e00-\u9fff]/;

describe('the sample book', () => {
  test('has the eight issue areas of the January 2019 round', () => {
    expect(sampleBook.areas.map((a) => a.id)).toEqual([
      'forced-technology-transfer',
      'intellectual-property',
      'tariffs-deadline',
      'purchase-commitments',
      'industrial-subsidies',
      'market-access',
      'cyber-theft',
      'enforcement',
    ]);
  });

  test('has two parties, the United States and China, with valid settings', () => {
    expect(sampleBook.parties.map((p) => p.name)).toEqual(['United States', 'China']);
    const settings = {
      title: sampleBook.title,
      marking: sampleBook.marking,
      preparedFor: sampleBook.preparedFor,
      preparedBy: sampleBook.preparedBy,
      parties: sampleBook.parties.map((p) => ({ ...p })),
      updatedAt: '2019-01-10T09:00:00.000Z',
    };
    expect(BookSettingsSchema.safeParse(settings).error).toBeUndefined();
  });

  test('every id (areas and parties) is unique and a valid identifier', () => {
    const ids = [...sampleBook.areas.map((a) => a.id), ...sampleBook.parties.map((p) => p.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(IdSchema.safeParse(id).success, id).toBe(true);
  });

  test.each(sampleBook.areas.map((a) => [a.id, a] as const))('%s is a valid area with a valid note', (_id, a) => {
    const area = {
      id: a.id,
      title: a.title,
      summary: a.summary,
      status: a.status,
      priority: a.priority,
      tags: [...a.tags],
      rank: 'a0',
      archivedAt: null,
      deletedAt: null,
      createdAt: '2019-01-10T09:00:00.000Z',
      updatedAt: '2019-01-10T09:00:00.000Z',
    };
    expect(AreaSchema.safeParse(area).error).toBeUndefined();
    expect(NoteSchema.shape.markdown.safeParse(a.note).error).toBeUndefined();
    expect(a.title).toBe(a.title.trim());
    expect(new Set(a.tags.map((t) => t.toLowerCase())).size).toBe(a.tags.length);
    expect(a.note.trim().length).toBeGreaterThan(200);
  });

  test('the notes show off GFM tables, task lists and Chinese text', () => {
    const notes = sampleBook.areas.map((a) => a.note);
    expect(notes.some((n) => GFM_TABLE.test(n))).toBe(true);
    expect(notes.some((n) => TASK_ITEM.test(n))).toBe(true);
    expect(notes.some((n) => CHINESE.test(n))).toBe(true);
  });

  test('an empty data folder gets exactly the sample: one file per area, a book.json and the sample sources', async () => {
    const dir = await freshDir();
    const { ok, services } = await boot(dir);
    const state = await ok<BookState>('bb:book.open');
    expect(state.createdSample).toBe(true);
    expect(state.notices).toEqual([]);
    expect(state.areas.map((a) => a.id)).toEqual(sampleBook.areas.map((a) => a.id));
    expect(state.settings.title).toBe(sampleBook.title);
    expect(state.settings.parties).toEqual(sampleBook.parties);

    const sources = sampleSources.flatMap((s) => [`sources/${s.id}.json`, `sources/${s.id}.snapshot.json`]);
    expect((await listFiles(dir)).sort()).toEqual(['book.json', ...sampleBook.areas.map((a) => `areas/${a.id}.json`), ...sources].sort());

    const book = decodeFile(bookKind, await readFile(join(dir, 'book.json'))).doc;
    expect(book.settings).toEqual(state.settings);
    expect(book.settings.marking).toBe(sampleBook.marking);
    for (const sample of sampleBook.areas) {
      const { doc } = decodeFile(areaKind, await readFile(join(dir, 'areas', `${sample.id}.json`)));
      expect(doc.area).toMatchObject({
        id: sample.id,
        title: sample.title,
        summary: sample.summary,
        status: sample.status,
        priority: sample.priority,
        tags: [...sample.tags],
        archivedAt: null,
        deletedAt: null,
      });
      expect(doc.note.markdown).toBe(sample.note);
    }
    await services.shutdown();

    // The second start opens what is there and makes no new sample.
    const again = await boot(dir);
    const reopened = await again.ok<BookState>('bb:book.open');
    expect(reopened.createdSample).toBe(false);
    expect(reopened.bookId).toBe(state.bookId);
    expect(reopened.areas).toEqual(state.areas);
    await again.services.shutdown();
  });
});
