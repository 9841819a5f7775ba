import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { BoardView, RoundView } from '../../electron/core/contract/positionsViews';
import type { BookState } from '../../electron/core/contract/views';
import { areaKind, bookKind } from '../../electron/core/persistence/documents';
import { areaV1toV2, bookV1toV2 } from '../../electron/core/persistence/positionsMigrations';
import { decodeFile } from '../../electron/services/store/loader';
import { repoRoot } from '../harness/paths';
import { boot, freshDir, readJson } from './support';

/**
 * The two migrations of the positions feature, each on its fixture (the foundation's version-1
 * files): book.json gains a positions section, each area file an empty board. Nothing else changes.
 */
const FIXTURES = join(repoRoot, 'tests', 'fixtures', 'migrations');
const bookV1 = join(FIXTURES, 'briefing-book_book', 'v1.json');
const areaV1 = join(FIXTURES, 'briefing-book_area', 'v1.json');

describe('book.json, version 1 to 2', () => {
  test('adds an empty positions section and keeps everything else as it was', async () => {
    const raw = JSON.parse(await readFile(bookV1, 'utf8')) as Record<string, unknown>;
    const before = structuredClone(raw);
    expect(bookV1toV2.up(raw)).toEqual({ ...before, positions: { rounds: [], currentRoundId: null, archivedParties: [] } });
    expect(raw).toEqual(before);

    const decoded = decodeFile(bookKind, await readFile(bookV1));
    expect(decoded.migratedFrom).toBe(1);
    // Then on to version 3, which adds the meetings section (meetingsMigrations.ts).
    const { schemaVersion, positions, meetings, ...rest } = decoded.doc;
    expect(schemaVersion).toBe(3);
    expect(meetings).toEqual({ meetings: [], events: [] });
    expect(positions).toEqual({ rounds: [], currentRoundId: null, archivedParties: [] });
    const { schemaVersion: _v, ...oldRest } = before;
    expect(rest).toEqual(oldRest);
  });
});

describe('an issue-area file, version 1 to 2', () => {
  test('adds an empty board and keeps the area and its note as they were', async () => {
    const raw = JSON.parse(await readFile(areaV1, 'utf8')) as Record<string, unknown>;
    const before = structuredClone(raw);
    expect(areaV1toV2.up(raw)).toEqual({ ...before, board: { points: [] } });
    expect(raw).toEqual(before);

    const decoded = decodeFile(areaKind, await readFile(areaV1));
    expect(decoded.migratedFrom).toBe(1);
    expect(decoded.doc.schemaVersion).toBe(2);
    expect(decoded.doc.board).toEqual({ points: [] });
    expect(decoded.doc.area).toEqual(before['area']);
    expect(decoded.doc.note).toEqual(before['note']);
  });
});

describe('a foundation book in the real store', () => {
  async function foundationFolder(extraAreas: string[] = []): Promise<{ dir: string; areaId: string }> {
    const dir = await freshDir();
    await mkdir(join(dir, 'areas'));
    const areaId = ((await readJson(areaV1))['area'] as { id: string }).id;
    await copyFile(areaV1, join(dir, 'areas', `${areaId}.json`));
    for (const id of extraAreas) {
      const doc = await readJson(areaV1);
      const area = { ...(doc['area'] as Record<string, unknown>), id, title: `Copy ${id}` };
      await writeFile(join(dir, 'areas', `${id}.json`), JSON.stringify({ ...doc, area }, null, 2));
    }
    await copyFile(bookV1, join(dir, 'book.json'));
    return { dir, areaId };
  }

  test('opens with one notice per kind of file, an empty board and no rounds; the first change writes version 2', async () => {
    const { dir, areaId } = await foundationFolder(['second-area', 'third-area']);
    const noteBefore = ((await readJson(areaV1))['note'] as { markdown: string }).markdown;
    const b = await boot(dir);
    const state = await b.ok<BookState>('bb:book.open');
    expect(state.notices.map((n) => [n.severity, n.title])).toEqual([
      ['info', 'A file was updated to the current format'],
      ['info', 'Files were updated to the current format'],
    ]);
    expect(state.notices[0]?.message).toBe('book.json was written in format version 1. It was read and will be saved in version 3.');
    expect(state.notices[1]?.message).toMatch(/^3 issue-area files \(such as areas\/\S+\.json\) were written in format version 1\./);
    expect((await b.ok<BoardView>('bb:positions.board', { areaId })).points).toEqual([]);
    expect(await b.ok('bb:rounds.list')).toEqual({ rounds: [], currentRoundId: null });

    // Nothing is rewritten just by opening.
    expect((await readJson(join(dir, 'book.json')))['schemaVersion']).toBe(1);
    expect((await readJson(join(dir, 'areas', `${areaId}.json`)))['schemaVersion']).toBe(1);

    const round = await b.ok<RoundView>('bb:rounds.create', { name: 'Beijing talks', startDate: '2019-01-07', endDate: '2019-01-09' });
    await b.ok('bb:positions.addPoint', { areaId, title: 'Joint ventures' });
    await b.services.shutdown();

    const book = await readJson(join(dir, 'book.json'));
    expect(book['schemaVersion']).toBe(3);
    expect(book['settings']).toEqual((await readJson(bookV1))['settings']);
    expect(book['positions']).toMatchObject({ rounds: [{ id: round.id, name: 'Beijing talks' }], currentRoundId: round.id });
    const area = await readJson(join(dir, 'areas', `${areaId}.json`));
    expect(area['schemaVersion']).toBe(2);
    expect((area['note'] as { markdown: string }).markdown).toBe(noteBefore);
    expect((area['board'] as { points: { title: string; history: { roundId: string }[] }[] }).points).toMatchObject([
      { title: 'Joint ventures', history: [{ type: 'created', roundId: round.id }] },
    ]);
    // The areas that did not change are still version 1 on disk, and open again next time.
    expect((await readJson(join(dir, 'areas', 'second-area.json')))['schemaVersion']).toBe(1);
    const again = await boot(dir);
    expect((await again.ok<BookState>('bb:book.open')).areas).toHaveLength(3);
    await again.services.shutdown();
  });
});
