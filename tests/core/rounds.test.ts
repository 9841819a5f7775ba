import { describe, expect, test } from 'vitest';
import type { Area } from '../../electron/core/model/book';
import type { Board, Round } from '../../electron/core/model/positions';
import { createArea } from '../../electron/core/ops/areas';
import { changesSince, isAfterRound } from '../../electron/core/ops/changes';
import {
  COALESCE_MS,
  addPoint,
  deletePoint,
  emptyBoard,
  setStance,
  updatePoint,
  type StanceInput,
} from '../../electron/core/ops/positions';
import {
  assertRoundDeletable,
  assertRoundExists,
  createRound,
  describeRound,
  formatDay,
  formatRange,
  roundOrder,
  roundUsage,
  sortRounds,
  updateRound,
} from '../../electron/core/ops/rounds';
import { JumpClock, TickingClock } from './clock';

function twoRounds(clock: TickingClock): Round[] {
  const ba = createRound(
    [],
    { name: "Buenos Aires leaders' meeting", startDate: '2018-12-01', endDate: '2018-12-01', place: 'Buenos Aires' },
    'ba',
    clock,
  );
  const bj = createRound(
    [ba],
    { name: 'Beijing vice-ministerial talks', startDate: '2019-01-07', endDate: '2019-01-09', place: 'Beijing' },
    'bj',
    clock,
  );
  return [bj, ba];
}

describe('rounds', () => {
  test('a round has a name, dates and a place, cleaned; rounds sort by when they took place', () => {
    const clock = new TickingClock();
    const rounds = twoRounds(clock);
    expect(rounds[0]).toMatchObject({
      id: 'bj',
      name: 'Beijing vice-ministerial talks',
      startDate: '2019-01-07',
      endDate: '2019-01-09',
      place: 'Beijing',
    });
    expect(sortRounds(rounds).map((r) => r.id)).toEqual(['ba', 'bj']);
    expect([...roundOrder(rounds)]).toEqual([
      ['ba', 0],
      ['bj', 1],
    ]);
    const third = createRound(
      rounds,
      { name: '  Washington   round ', startDate: '2019-01-30', endDate: '2019-01-31', place: ' Washington ' },
      'dc',
      clock,
    );
    expect(third).toMatchObject({ name: 'Washington round', place: 'Washington' });
  });

  test('refuses a round that ends before it starts, a blank name, or a name already used', () => {
    const clock = new TickingClock();
    const rounds = twoRounds(clock);
    expect(() => createRound(rounds, { name: 'X', startDate: '2019-02-02', endDate: '2019-02-01', place: '' }, 'x', clock)).toThrow(
      'A round cannot end (2019-02-01) before it starts (2019-02-02).',
    );
    expect(() => createRound(rounds, { name: '  ', startDate: '2019-02-01', endDate: '2019-02-01', place: '' }, 'x', clock)).toThrow(
      /needs a name/,
    );
    expect(() =>
      createRound(
        rounds,
        { name: 'BEIJING vice-ministerial TALKS', startDate: '2019-02-01', endDate: '2019-02-01', place: '' },
        'x',
        clock,
      ),
    ).toThrow(/already a round called "Beijing vice-ministerial talks"/);
  });

  test('update changes only what it is given, returns the same round when nothing changes, and checks the result', () => {
    const clock = new TickingClock();
    const rounds = twoRounds(clock);
    const bj = rounds[0]!;
    expect(updateRound(rounds, 'bj', { place: 'Beijing' }, clock)).toBe(bj);
    const moved = updateRound(rounds, 'bj', { endDate: '2019-01-10' }, clock);
    expect(moved).toMatchObject({ name: bj.name, startDate: '2019-01-07', endDate: '2019-01-10' });
    expect(moved.updatedAt > bj.updatedAt).toBe(true);
    expect(() => updateRound(rounds, 'bj', { endDate: '2019-01-01' }, clock)).toThrow(/cannot end/);
    expect(() => updateRound(rounds, 'bj', { name: "Buenos Aires leaders' meeting" }, clock)).toThrow(/already a round/);
    expect(() => updateRound(rounds, 'nope', {}, clock)).toThrow(/Round "nope" does not exist/);
  });

  test('a round id must exist; null means no round', () => {
    const rounds = twoRounds(new TickingClock());
    expect(() => assertRoundExists(rounds, null)).not.toThrow();
    expect(() => assertRoundExists(rounds, 'bj')).not.toThrow();
    expect(() => assertRoundExists(rounds, 'mars')).toThrow(
      'The round "mars" does not exist in this book. Choose one of its rounds, or none.',
    );
  });

  test('a round that stances or recorded changes refer to cannot be deleted', () => {
    const clock = new TickingClock();
    const rounds = twoRounds(clock);
    let board = addPoint(emptyBoard(), { title: 'JV' }, 'p1', { clock, roundId: 'ba' }).board;
    board = setStance(
      board,
      'p1',
      'china',
      { text: 'A', kind: 'position', date: null, roundId: 'bj', evidence: [] },
      { clock, roundId: null },
    ).board;
    const usage = roundUsage([board]);
    expect(usage.get('ba')).toBe(1);
    expect(usage.get('bj')).toBe(2);
    expect(() => assertRoundDeletable(rounds[1]!, usage.get('ba') ?? 0)).toThrow(
      /"Buenos Aires leaders' meeting" cannot be deleted: 1 stance or recorded change refers to it/,
    );
    expect(() => assertRoundDeletable(rounds[1]!, 0)).not.toThrow();
  });

  test('dates read the way a delegation writes them', () => {
    expect(formatDay('2019-01-09')).toBe('9 Jan 2019');
    expect(formatRange('2019-01-07', '2019-01-09')).toBe('7–9 Jan 2019');
    expect(formatRange('2019-01-30', '2019-02-01')).toBe('30 Jan – 1 Feb 2019');
    expect(formatRange('2018-12-30', '2019-01-02')).toBe('30 Dec 2018 – 2 Jan 2019');
    expect(formatRange('2018-12-01', '2018-12-01')).toBe('1 Dec 2018');
    expect(describeRound(twoRounds(new TickingClock())[0]!)).toBe('Beijing vice-ministerial talks (7–9 Jan 2019, Beijing)');
  });
});

describe('what changed since a round', () => {
  const china = (text: string, roundId: string): StanceInput => ({ text, kind: 'position', date: null, roundId, evidence: [] });

  function book() {
    const clock = new JumpClock('2018-12-01T10:00:00.000Z');
    const rounds = twoRounds(clock);
    const ba = { clock, roundId: 'ba' };
    const bj = { clock, roundId: 'bj' };
    const area: Area = createArea({ title: 'Forced technology transfer' }, [], 'ftt', clock);
    let board: Board = emptyBoard();
    board = addPoint(board, { title: 'Joint ventures' }, 'jv', ba).board;
    board = setStance(board, 'jv', 'china', china('No transfer is forced.', 'ba'), ba).board;
    board = addPoint(board, { title: 'Licensing' }, 'lic', ba).board;
    board = addPoint(board, { title: 'Courts' }, 'courts', ba).board;
    clock.jump(COALESCE_MS * 3);
    // Beijing: the JV point narrows and China's stance moves; licensing moves and moves back; a point is added.
    board = updatePoint(board, 'jv', { status: 'narrowing' }, bj).board;
    board = setStance(board, 'jv', 'china', china('Progress on structural issues.', 'bj'), bj).board;
    board = updatePoint(board, 'lic', { status: 'stalled' }, bj).board;
    clock.jump(COALESCE_MS * 3);
    board = updatePoint(board, 'lic', { status: 'open' }, bj).board;
    board = addPoint(board, { title: 'Approvals', status: 'open' }, 'appr', bj).board;
    board = updatePoint(board, 'courts', { title: 'Specialised courts' }, bj).board;
    return { clock, rounds, areas: [{ area, board }] };
  }

  test('lists every point whose status or stance moved after the round, with where it stood then and now', () => {
    const { rounds, areas } = book();
    const moves = changesSince(areas, rounds, 'ba');
    expect(moves.map((m) => m.pointId)).toEqual(['jv', 'lic', 'appr']);
    const [jv, lic, appr] = moves;
    expect(jv).toMatchObject({
      areaId: 'ftt',
      areaTitle: 'Forced technology transfer',
      pointTitle: 'Joint ventures',
      currentStatus: 'narrowing',
      added: false,
      status: { from: 'open', to: 'narrowing' },
      stances: [
        { partyId: 'china', from: { text: 'No transfer is forced.', roundId: 'ba' }, to: { text: 'Progress on structural issues.' } },
      ],
      changes: 2,
    });
    // Moved and moved back: listed (it moved), but no net change of status.
    expect(lic).toMatchObject({ status: null, stances: [], changes: 2, added: false });
    expect(appr).toMatchObject({ added: true, status: null, stances: [] });
  });

  test('nothing changed since the latest round; a rename is not a change of position', () => {
    const { rounds, areas } = book();
    expect(changesSince(areas, rounds, 'bj')).toEqual([]);
    expect(changesSince(areas, rounds, 'ba').map((m) => m.pointId)).not.toContain('courts');
  });

  test('deleted points are left out, and an unknown round is refused', () => {
    const { clock, rounds, areas } = book();
    const first = areas[0]!;
    const board = deletePoint(first.board, 'jv', clock).board;
    expect(changesSince([{ area: first.area, board }], rounds, 'ba').map((m) => m.pointId)).toEqual(['lic', 'appr']);
    expect(() => changesSince(areas, rounds, 'mars')).toThrow(/Round "mars" does not exist/);
  });

  test('a change with no round counts as later when it was made after the round ended', () => {
    const clock = new TickingClock();
    const rounds = twoRounds(clock);
    const order = roundOrder(rounds);
    const ba = rounds[1]!;
    const at = (iso: string) => ({ type: 'status', at: iso, roundId: null, from: 'open', to: 'agreed' }) as const;
    expect(isAfterRound(at('2018-12-01T23:00:00.000Z'), ba, order)).toBe(false);
    expect(isAfterRound(at('2018-12-02T08:00:00.000Z'), ba, order)).toBe(true);
    // A change recorded with an earlier round is not later, whenever it was typed.
    expect(isAfterRound({ ...at('2019-03-01T08:00:00.000Z'), roundId: 'ba' }, rounds[0]!, order)).toBe(false);
    expect(isAfterRound({ ...at('2018-11-01T08:00:00.000Z'), roundId: 'bj' }, ba, order)).toBe(true);
  });
});
