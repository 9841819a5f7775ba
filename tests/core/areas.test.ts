import { describe, expect, test } from 'vitest';
import { AppError } from '../../electron/core/errors';
import { AreaSchema, type Area } from '../../electron/core/model/book';
import {
  createArea,
  editNote,
  emptyNote,
  liveAreas,
  markDeleted,
  moveArea,
  normalizeTags,
  restoreDeleted,
  setArchived,
  updateArea,
} from '../../electron/core/ops/areas';
import { compareRanks } from '../../electron/core/ops/ranking';
import { TickingClock } from './clock';

/** Builds a book of areas the way the app does: each created after the previous ones. */
function book(ids: readonly string[], clock = new TickingClock()): Area[] {
  const areas: Area[] = [];
  for (const id of ids) areas.push(createArea({ title: `Area ${id}` }, areas, id, clock));
  return areas;
}

/** Replaces the areas a move returned, as the service does when it stores them. */
function apply(areas: readonly Area[], changed: readonly Area[]): Area[] {
  const byId = new Map(changed.map((a) => [a.id, a]));
  return areas.map((a) => byId.get(a.id) ?? a);
}

function order(areas: readonly Area[]): string[] {
  return liveAreas(areas).map((a) => a.id);
}

function expectInvalid(run: () => unknown, text: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe('invalid_input');
  expect((caught as AppError).message).toMatch(text);
}

describe('createArea', () => {
  test('cleans the title and fills in the defaults', () => {
    const clock = new TickingClock();
    const area = createArea({ title: '  Market \t  access\n ' }, [], 'market-access', clock);
    expect(area).toEqual({
      id: 'market-access',
      title: 'Market access',
      summary: '',
      status: 'open',
      priority: 'medium',
      tags: [],
      rank: area.rank,
      archivedAt: null,
      deletedAt: null,
      createdAt: clock.last,
      updatedAt: clock.last,
    });
    expect(AreaSchema.safeParse(area).success).toBe(true);
  });

  test('keeps the given fields, trimming the summary and normalizing tags', () => {
    const area = createArea(
      {
        title: 'Tariffs',
        summary: '  25% from 2 March \n',
        status: 'stalled',
        priority: 'high',
        tags: [' tariffs', 'Tariffs', 'deadline '],
      },
      [],
      'tariffs',
      new TickingClock(),
    );
    expect(area.summary).toBe('25% from 2 March');
    expect(area.status).toBe('stalled');
    expect(area.priority).toBe('high');
    expect(area.tags).toEqual(['tariffs', 'deadline']);
  });

  test('refuses a title that is empty once cleaned', () => {
    expectInvalid(() => createArea({ title: ' \n\t ' }, [], 'x', new TickingClock()), /needs a title/);
  });

  test('ranks the new area after the last one, whatever order the list is in', () => {
    const clock = new TickingClock();
    const existing = book(['a', 'b', 'c'], clock);
    const shuffled = [existing[2], existing[0], existing[1]].filter((a): a is Area => a !== undefined);
    const created = createArea({ title: 'New' }, shuffled, 'new', clock);
    for (const other of existing) expect(compareRanks(other.rank, created.rank)).toBe(-1);
    expect(order([...shuffled, created])).toEqual(['a', 'b', 'c', 'new']);
  });

  test('ranks after deleted areas too, so a restored area never collides with a new one', () => {
    const clock = new TickingClock();
    const [a, b] = book(['a', 'b'], clock);
    if (!a || !b) throw new Error('setup');
    const deletedB = markDeleted(b, clock);
    const created = createArea({ title: 'New' }, [a, deletedB], 'new', clock);
    expect(compareRanks(b.rank, created.rank)).toBe(-1);
  });
});

describe('updateArea', () => {
  const clock = new TickingClock();
  const [original] = book(['a'], clock);
  if (!original) throw new Error('setup');
  const area: Area = { ...original, title: 'Subsidies', summary: 'State support', tags: ['structural', 'SOE'] };

  test('returns the very same object when the patch is empty', () => {
    const reads = clock.reads.length;
    expect(updateArea(area, {}, clock)).toBe(area);
    expect(clock.reads.length).toBe(reads);
  });

  test('returns the very same object when the patch repeats what is there (after cleaning)', () => {
    const same = updateArea(
      area,
      {
        title: '  Subsidies ',
        summary: 'State support  ',
        status: area.status,
        priority: area.priority,
        tags: ['structural', ' soe', 'SOE '],
      },
      clock,
    );
    // ' soe' and 'SOE ' collapse to 'soe', which differs from 'SOE': only the title/summary/status are equal.
    expect(same).not.toBe(area);
    expect(same.tags).toEqual(['structural', 'soe']);
    const identical = updateArea(area, { title: '  Subsidies ', summary: 'State support  ', tags: ['structural', ' SOE'] }, clock);
    expect(identical).toBe(area);
  });

  test('a real change gives a new object with a new updatedAt and leaves the input untouched', () => {
    const before = structuredClone(area);
    const next = updateArea(area, { title: 'Industrial   subsidies', status: 'agreed', priority: 'low', tags: ['b', 'a'] }, clock);
    expect(next).not.toBe(area);
    expect(next.title).toBe('Industrial subsidies');
    expect(next.status).toBe('agreed');
    expect(next.priority).toBe('low');
    expect(next.tags).toEqual(['b', 'a']);
    expect(next.updatedAt).toBe(clock.last);
    expect(next.updatedAt > area.updatedAt).toBe(true);
    expect(next.createdAt).toBe(area.createdAt);
    expect(next.rank).toBe(area.rank);
    expect(area).toEqual(before);
  });

  test('changing only the order of tags is a change', () => {
    const next = updateArea(area, { tags: ['SOE', 'structural'] }, clock);
    expect(next).not.toBe(area);
    expect(next.tags).toEqual(['SOE', 'structural']);
  });

  test('refuses an empty title', () => {
    expectInvalid(() => updateArea(area, { title: '   ' }, clock), /needs a title/);
  });
});

describe('normalizeTags', () => {
  test('trims, collapses inner whitespace, drops empty tags and keeps the first of case-insensitive duplicates', () => {
    expect(normalizeTags([' trade ', 'Trade', 'TRADE', '  market \t  access ', '', '   ', 'IP', 'ip', 'Market access'])).toEqual([
      'trade',
      'market access',
      'IP',
    ]);
  });

  test('compares case beyond ASCII', () => {
    expect(normalizeTags(['Ärger', 'ärger', 'ÄRGER', 'Österreich'])).toEqual(['Ärger', 'Österreich']);
  });

  test('keeps order and leaves distinct tags alone', () => {
    expect(normalizeTags(['b', 'a', 'c'])).toEqual(['b', 'a', 'c']);
    expect(normalizeTags([])).toEqual([]);
  });
});

describe('archive, delete and restore', () => {
  const clock = new TickingClock();
  const [area] = book(['a'], clock);
  if (!area) throw new Error('setup');

  test('setArchived stamps and clears archivedAt, and is a no-op when already in that state', () => {
    expect(setArchived(area, false, clock)).toBe(area);
    const archived = setArchived(area, true, clock);
    expect(archived.archivedAt).toBe(clock.last);
    expect(archived.updatedAt).toBe(clock.last);
    expect(area.archivedAt).toBeNull();
    expect(setArchived(archived, true, clock)).toBe(archived);
    const restored = setArchived(archived, false, clock);
    expect(restored.archivedAt).toBeNull();
    expect(restored.updatedAt).toBe(clock.last);
    expect(restored.updatedAt > archived.updatedAt).toBe(true);
  });

  test('markDeleted stamps deletedAt once; restoreDeleted clears it once', () => {
    const deleted = markDeleted(area, clock);
    expect(deleted.deletedAt).toBe(clock.last);
    expect(deleted.updatedAt).toBe(clock.last);
    expect(markDeleted(deleted, clock)).toBe(deleted);
    expect(restoreDeleted(area, clock)).toBe(area);
    const restored = restoreDeleted(deleted, clock);
    expect(restored.deletedAt).toBeNull();
    expect(restored.updatedAt).toBe(clock.last);
    expect(restored.rank).toBe(area.rank);
    expect(area.deletedAt).toBeNull();
  });
});

describe('notes', () => {
  test('emptyNote starts at revision 0 with no text', () => {
    const clock = new TickingClock();
    const note = emptyNote(clock);
    expect(note.markdown).toBe('');
    expect(note.revision).toBe(0);
    expect(note.updatedAt).toBe(clock.last);
  });

  test('editNote returns the same note for the same text and bumps the revision for new text', () => {
    const clock = new TickingClock();
    const note = emptyNote(clock);
    const reads = clock.reads.length;
    expect(editNote(note, '', clock)).toBe(note);
    expect(clock.reads.length).toBe(reads);
    const first = editNote(note, '# Tariffs', clock);
    expect(first.markdown).toBe('# Tariffs');
    expect(first.revision).toBe(1);
    expect(first.updatedAt).toBe(clock.last);
    expect(editNote(first, '# Tariffs', clock)).toBe(first);
    const second = editNote(first, '# Tariffs\n\n25% from 2 March', clock);
    expect(second.revision).toBe(2);
    expect(second.updatedAt > first.updatedAt).toBe(true);
    expect(note.revision).toBe(0);
  });
});

describe('moveArea', () => {
  test('moves an area before another, changing only that area', () => {
    const clock = new TickingClock();
    const areas = book(['a', 'b', 'c', 'd'], clock);
    const changed = moveArea(areas, 'd', 'b', clock);
    expect(changed.map((a) => a.id)).toEqual(['d']);
    expect(changed[0]?.updatedAt).toBe(clock.last);
    expect(order(apply(areas, changed))).toEqual(['a', 'd', 'b', 'c']);
  });

  test('moves an area to the front and to the end', () => {
    const clock = new TickingClock();
    let areas = book(['a', 'b', 'c'], clock);
    areas = apply(areas, moveArea(areas, 'c', 'a', clock));
    expect(order(areas)).toEqual(['c', 'a', 'b']);
    areas = apply(areas, moveArea(areas, 'c', null, clock));
    expect(order(areas)).toEqual(['a', 'b', 'c']);
    areas = apply(areas, moveArea(areas, 'a', null, clock));
    expect(order(areas)).toEqual(['b', 'c', 'a']);
  });

  test('many moves keep a strict order with valid ranks', () => {
    const clock = new TickingClock();
    let areas = book(['a', 'b', 'c', 'd', 'e'], clock);
    // Repeatedly squeeze into the same gap: ranks get longer but stay strictly ordered.
    for (let i = 0; i < 30; i += 1) {
      const mover = i % 2 === 0 ? 'e' : 'd';
      areas = apply(areas, moveArea(areas, mover, 'b', clock));
      const ranks = liveAreas(areas).map((a) => a.rank);
      for (let j = 1; j < ranks.length; j += 1) expect(compareRanks(ranks[j - 1] ?? '', ranks[j] ?? '')).toBe(-1);
      for (const area of areas) expect(AreaSchema.safeParse(area).success).toBe(true);
    }
    expect(order(areas)).toEqual(['a', 'e', 'd', 'b', 'c']);
  });

  test('moving an area before itself changes nothing', () => {
    const clock = new TickingClock();
    const areas = book(['a', 'b'], clock);
    expect(moveArea(areas, 'b', 'b', clock)).toEqual([]);
  });

  test('unknown or deleted ids are invalid input', () => {
    const clock = new TickingClock();
    const [a, b, c] = book(['a', 'b', 'c'], clock);
    if (!a || !b || !c) throw new Error('setup');
    const areas = [a, markDeleted(b, clock), c];
    expectInvalid(() => moveArea(areas, 'nope', null, clock), /"nope" cannot be moved/);
    expectInvalid(() => moveArea(areas, 'a', 'nope', clock), /"nope" does not exist/);
    expectInvalid(() => moveArea(areas, 'b', null, clock), /"b" cannot be moved/);
    expectInvalid(() => moveArea(areas, 'a', 'b', clock), /"b" does not exist/);
  });

  test('deleted areas are neither moved nor returned', () => {
    const clock = new TickingClock();
    const [a, b, c] = book(['a', 'b', 'c'], clock);
    if (!a || !b || !c) throw new Error('setup');
    const areas = [a, markDeleted(b, clock), c];
    const changed = moveArea(areas, 'c', 'a', clock);
    expect(changed.map((x) => x.id)).toEqual(['c']);
    expect(order(apply(areas, changed))).toEqual(['c', 'a']);
  });

  test('colliding ranks (hand-edited data) are re-ranked: every changed area is returned and the order is strict', () => {
    const clock = new TickingClock();
    // Four areas, the middle two with the same rank; sorted by id among equals: a, b, c, d.
    const base = book(['a', 'b', 'c', 'd'], clock);
    const same = base[1]?.rank ?? '';
    const areas = base.map((x) => (x.id === 'c' ? { ...x, rank: same } : x));
    expect(order(areas)).toEqual(['a', 'b', 'c', 'd']);

    // Placing d between b and c needs a key between two equal ranks: only a re-rank can do that.
    const changed = moveArea(areas, 'd', 'c', clock);
    const after = apply(areas, changed);
    expect(order(after)).toEqual(['a', 'b', 'd', 'c']);

    const ranks = after.map((x) => x.rank);
    expect(new Set(ranks).size).toBe(ranks.length);
    const sorted = liveAreas(after).map((x) => x.rank);
    for (let j = 1; j < sorted.length; j += 1) expect(compareRanks(sorted[j - 1] ?? '', sorted[j] ?? '')).toBe(-1);

    // Exactly the areas whose rank differs are returned, each stamped with the move's time.
    const reallyChanged = areas.filter((x) => after.find((y) => y.id === x.id)?.rank !== x.rank).map((x) => x.id);
    expect(changed.map((x) => x.id).sort()).toEqual(reallyChanged.sort());
    expect(changed.length).toBeGreaterThan(1);
    for (const x of changed) expect(x.updatedAt).toBe(clock.last);
  });

  test('a move that does not land between colliding ranks changes only the moved area', () => {
    const clock = new TickingClock();
    const base = book(['a', 'b', 'c'], clock);
    const rank = base[0]?.rank ?? '';
    const areas = base.map((x) => ({ ...x, rank }));
    const changed = moveArea(areas, 'a', null, clock);
    expect(changed.map((x) => x.id)).toEqual(['a']);
    expect(compareRanks(rank, changed[0]?.rank ?? '')).toBe(-1);
    expect(order(apply(areas, changed))).toEqual(['b', 'c', 'a']);
  });
});

describe('ranks that fractional-indexing did not make (hand-edited files)', () => {
  test('creating an area still works: it goes after the last usable rank', () => {
    const clock = new TickingClock();
    const [a, b] = book(['a', 'b'], clock);
    if (!a || !b) throw new Error('setup');
    const edited = { ...b, rank: 'zz-hand-edited' };
    const created = createArea({ title: 'New' }, [a, edited], 'new', clock);
    expect(AreaSchema.safeParse(created).success).toBe(true);
    expect(compareRanks(a.rank, created.rank)).toBe(-1);
    expect(order([a, edited, created])).toEqual(['a', 'new', 'b']);
    // Only invalid ranks: the new area still gets a rank.
    expect(createArea({ title: 'Only' }, [edited], 'only', clock).rank.length).toBeGreaterThan(0);
  });

  const bad = ['zz-hand-edited', 'x', 'a00', 'hello', '0'];
  const moves: [string, string | null][] = [
    ['a', null],
    ['a', 'b'],
    ['a', 'c'],
    ['b', 'a'],
    ['b', null],
    ['c', 'a'],
    ['c', 'b'],
    ['c', null],
  ];
  test.each(bad.flatMap((rank) => moves.map(([id, beforeId]) => [rank, id, beforeId] as const)))(
    'with b ranked %j, moving %s before %s gives a strict order of valid ranks',
    (rank, id, beforeId) => {
      const clock = new TickingClock();
      const areas = book(['a', 'b', 'c'], clock).map((x) => (x.id === 'b' ? { ...x, rank } : x));
      const changed = moveArea(areas, id, beforeId, clock);
      const after = apply(areas, changed);
      const expected = order(areas).filter((x) => x !== id);
      expected.splice(beforeId === null ? expected.length : expected.indexOf(beforeId), 0, id);
      expect(order(after)).toEqual(expected);
      const ranks = liveAreas(after).map((x) => x.rank);
      for (let j = 1; j < ranks.length; j += 1) expect(compareRanks(ranks[j - 1] ?? '', ranks[j] ?? '')).toBe(-1);
      // Creating after the move works too.
      expect(() => createArea({ title: 'Next' }, after, 'next', clock)).not.toThrow();
    },
  );
});

describe('liveAreas', () => {
  test('drops deleted areas, keeps archived ones and sorts by rank', () => {
    const clock = new TickingClock();
    const [a, b, c, d] = book(['a', 'b', 'c', 'd'], clock);
    if (!a || !b || !c || !d) throw new Error('setup');
    const live = liveAreas([d, markDeleted(b, clock), setArchived(c, true, clock), a]);
    expect(live.map((x) => x.id)).toEqual(['a', 'c', 'd']);
    expect(live[1]?.archivedAt).not.toBeNull();
  });
});
