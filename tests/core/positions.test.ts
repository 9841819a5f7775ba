import { describe, expect, test } from 'vitest';
import { AppError } from '../../electron/core/errors';
import { BoardSchema, PointSchema, type Board, type EvidenceLink } from '../../electron/core/model/positions';
import {
  COALESCE_MS,
  addPoint,
  cellHistory,
  deletePoint,
  emptyBoard,
  findPoint,
  livePoints,
  movePoint,
  recordChange,
  restorePoint,
  setStance,
  updatePoint,
  type ChangeContext,
  type StanceInput,
} from '../../electron/core/ops/positions';
import { JumpClock } from './clock';

const R1 = 'buenos-aires';
const R2 = 'beijing';

function setup() {
  const clock = new JumpClock();
  const inRound = (roundId: string | null): ChangeContext => ({ clock, roundId });
  return { clock, inRound };
}

const stance = (text: string, over: Partial<StanceInput> = {}): StanceInput => ({
  text,
  kind: 'demand',
  date: '2019-01-07',
  roundId: R2,
  evidence: [],
  ...over,
});

const quote = (annotationId: string): EvidenceLink => ({
  sourceId: 'ustr-readout',
  annotationId,
  quote: 'Any agreement needs complete implementation, ongoing verification and effective enforcement.',
  outlet: 'USTR',
  title: 'Readout of the Beijing talks',
  date: '2019-01-09',
});

function boardWith(titles: string[], ctx: ChangeContext): Board {
  let board = emptyBoard();
  titles.forEach((title, i) => {
    board = addPoint(board, { title }, `p${i + 1}`, ctx).board;
  });
  return board;
}

describe('points', () => {
  test('a new point is open, titled cleanly, and its creation is recorded with the round', () => {
    const { inRound } = setup();
    const { board, point } = addPoint(emptyBoard(), { title: '  Joint-venture   requirements ' }, 'jv', inRound(R1));
    expect(point).toMatchObject({ id: 'jv', title: 'Joint-venture requirements', status: 'open', stances: [], deletedAt: null });
    expect(point.history).toEqual([{ type: 'created', at: point.createdAt, roundId: R1, status: 'open' }]);
    expect(board.points).toEqual([point]);
    expect(BoardSchema.safeParse(board).success).toBe(true);
  });

  test('points go last, or before the point named', () => {
    const { inRound } = setup();
    let board = boardWith(['Licensing', 'Approvals'], inRound(null));
    board = addPoint(board, { title: 'Joint ventures', beforeId: 'p1' }, 'p0', inRound(null)).board;
    expect(livePoints(board).map((p) => p.title)).toEqual(['Joint ventures', 'Licensing', 'Approvals']);
    expect(() => addPoint(board, { title: 'X', beforeId: 'nope' }, 'x', inRound(null))).toThrow(/"nope" does not exist/);
    expect(() => addPoint(board, { title: '   ' }, 'x', inRound(null))).toThrow(/needs a title/);
    expect(() => addPoint(board, { title: 'Dup' }, 'p1', inRound(null))).toThrow(AppError);
  });

  test('renaming and the assessment change the point without a history entry; a status change is recorded', () => {
    const { inRound } = setup();
    const board = boardWith(['Licensing'], inRound(R1));
    const renamed = updatePoint(board, 'p1', { title: 'Licensing terms', assessment: '  Wide gap.\n\n' }, inRound(R2));
    expect(renamed.point.title).toBe('Licensing terms');
    expect(renamed.point.assessment).toBe('  Wide gap.');
    expect(renamed.point.history).toHaveLength(1);
    const narrowed = updatePoint(renamed.board, 'p1', { status: 'narrowing' }, inRound(R2));
    expect(narrowed.point.status).toBe('narrowing');
    expect(narrowed.point.history.at(-1)).toMatchObject({ type: 'status', roundId: R2, from: 'open', to: 'narrowing' });
  });

  test('an update that changes nothing returns the same board, so nothing is written', () => {
    const { inRound } = setup();
    const board = boardWith(['Licensing'], inRound(R1));
    expect(updatePoint(board, 'p1', { title: ' Licensing ', status: 'open' }, inRound(R1)).board).toBe(board);
    expect(setStance(board, 'p1', 'china', null, inRound(R1)).board).toBe(board);
    expect(movePoint(board, 'p1', null)).toBe(board);
  });

  test('reorder moves one point; unknown targets are refused', () => {
    const { inRound } = setup();
    const board = boardWith(['A', 'B', 'C'], inRound(null));
    expect(livePoints(movePoint(board, 'p3', 'p1')).map((p) => p.title)).toEqual(['C', 'A', 'B']);
    expect(livePoints(movePoint(board, 'p1', null)).map((p) => p.title)).toEqual(['B', 'C', 'A']);
    expect(livePoints(movePoint(board, 'p2', 'p2')).map((p) => p.title)).toEqual(['A', 'B', 'C']);
    expect(() => movePoint(board, 'p1', 'zz')).toThrow(/"zz" does not exist/);
    expect(() => movePoint(board, 'zz', null)).toThrow(/does not exist/);
  });

  test('delete hides a point and keeps it; restore brings it back in its place', () => {
    const { clock, inRound } = setup();
    const board = boardWith(['A', 'B', 'C'], inRound(null));
    const deleted = deletePoint(board, 'p2', clock);
    expect(livePoints(deleted.board).map((p) => p.title)).toEqual(['A', 'C']);
    expect(deleted.board.points).toHaveLength(3);
    expect(() => findPoint(deleted.board, 'p2')).toThrow(/does not exist/);
    expect(() => updatePoint(deleted.board, 'p2', { title: 'X' }, inRound(null))).toThrow(/does not exist/);
    const restored = restorePoint(deleted.board, 'p2', clock);
    expect(livePoints(restored.board).map((p) => p.title)).toEqual(['A', 'B', 'C']);
    expect(restored.point.deletedAt).toBeNull();
    expect(restorePoint(restored.board, 'p2', clock).board).toBe(restored.board);
    expect(() => restorePoint(board, 'nope', clock)).toThrow(/does not exist/);
  });
});

describe('stances and their history', () => {
  test('a stance holds Markdown, a kind, a date and a round; setting it records the change with the round', () => {
    const { inRound } = setup();
    const board = boardWith(['Joint ventures'], inRound(R1));
    const { point } = setStance(board, 'p1', 'united-states', stance('End **JV** requirements.\n'), inRound(R2));
    expect(point.stances).toEqual([
      {
        partyId: 'united-states',
        text: 'End **JV** requirements.',
        kind: 'demand',
        date: '2019-01-07',
        roundId: R2,
        evidence: [],
        updatedAt: point.updatedAt,
      },
    ]);
    expect(point.history.at(-1)).toEqual({
      type: 'stance',
      at: point.updatedAt,
      roundId: R2,
      partyId: 'united-states',
      from: null,
      to: { text: 'End **JV** requirements.', kind: 'demand', date: '2019-01-07', roundId: R2 },
    });
    expect(PointSchema.safeParse(point).success).toBe(true);
  });

  test('edits of one cell in one round close together are one change; changing it back leaves none', () => {
    const { inRound } = setup();
    let board = boardWith(['JV'], inRound(R1));
    board = setStance(board, 'p1', 'china', stance('No transfer is forced.', { kind: 'position' }), inRound(R1)).board;
    board = setStance(board, 'p1', 'china', stance('No transfer is forced at all.', { kind: 'position' }), inRound(R1)).board;
    const stanceChanges = () => findPoint(board, 'p1').history.filter((c) => c.type === 'stance');
    expect(stanceChanges()).toHaveLength(1);
    expect(stanceChanges()[0]).toMatchObject({ from: null, to: { text: 'No transfer is forced at all.' } });

    board = updatePoint(board, 'p1', { status: 'stalled' }, inRound(R1)).board;
    board = updatePoint(board, 'p1', { status: 'open' }, inRound(R1)).board;
    expect(findPoint(board, 'p1').history.filter((c) => c.type === 'status')).toEqual([]);
  });

  test('edits in different rounds, or far apart in time, stay separate', () => {
    const { clock, inRound } = setup();
    let board = boardWith(['JV'], inRound(R1));
    board = setStance(board, 'p1', 'china', stance('A', { kind: 'position' }), inRound(R1)).board;
    board = setStance(board, 'p1', 'china', stance('B', { kind: 'position' }), inRound(R2)).board;
    clock.jump(COALESCE_MS + 1_000);
    board = setStance(board, 'p1', 'china', stance('C', { kind: 'offer' }), inRound(R2)).board;
    const changes = cellHistory(findPoint(board, 'p1'), { partyId: 'china' });
    expect(changes.map((c) => (c.type === 'stance' ? [c.roundId, c.from?.text ?? null, c.to?.text ?? null] : null))).toEqual([
      [R1, null, 'A'],
      [R2, 'A', 'B'],
      [R2, 'B', 'C'],
    ]);
  });

  test("changes to another party's cell in between do not stop the folding, and each cell keeps its own history", () => {
    const { inRound } = setup();
    let board = boardWith(['JV'], inRound(R2));
    board = setStance(board, 'p1', 'china', stance('A'), inRound(R2)).board;
    board = setStance(board, 'p1', 'united-states', stance('X'), inRound(R2)).board;
    board = setStance(board, 'p1', 'china', stance('A2'), inRound(R2)).board;
    const point = findPoint(board, 'p1');
    expect(cellHistory(point, { partyId: 'china' })).toHaveLength(1);
    expect(cellHistory(point, { partyId: 'united-states' })).toHaveLength(1);
    expect(cellHistory(point, 'status').map((c) => c.type)).toEqual(['created']);
  });

  test('attaching evidence changes the stance but is not a change of position', () => {
    const { inRound } = setup();
    let board = boardWith(['Enforcement'], inRound(R2));
    board = setStance(board, 'p1', 'united-states', stance('Complete implementation.'), inRound(R2)).board;
    const before = findPoint(board, 'p1').history.length;
    const withQuote = setStance(
      board,
      'p1',
      'united-states',
      stance('Complete implementation.', { evidence: [quote('a1'), quote('a1')] }),
      inRound(R2),
    );
    expect(withQuote.board).not.toBe(board);
    expect(withQuote.point.stances[0]?.evidence).toEqual([quote('a1')]);
    expect(withQuote.point.history).toHaveLength(before);
  });

  test('clearing a stance is recorded as a change to nothing', () => {
    const { clock, inRound } = setup();
    let board = boardWith(['JV'], inRound(R1));
    board = setStance(board, 'p1', 'china', stance('A'), inRound(R1)).board;
    clock.jump(COALESCE_MS * 2);
    const cleared = setStance(board, 'p1', 'china', null, inRound(R2));
    expect(cleared.point.stances).toEqual([]);
    expect(cleared.point.history.at(-1)).toMatchObject({ type: 'stance', roundId: R2, partyId: 'china', from: { text: 'A' }, to: null });
  });

  test('a stance with more quotes than allowed is refused', () => {
    const { inRound } = setup();
    const board = boardWith(['JV'], inRound(R1));
    const many = Array.from({ length: 31 }, (_, i) => quote(`a${i}`));
    expect(() => setStance(board, 'p1', 'china', stance('A', { evidence: many }), inRound(R1))).toThrow(/at most 30 quotes/);
  });

  test('a full history drops its oldest change but never the record of creation', () => {
    const { clock } = setup();
    const created = { type: 'created', at: clock.now(), roundId: null, status: 'open' } as const;
    let history = [
      created,
      ...Array.from(
        { length: 4_999 },
        (_, i) => ({ type: 'status', at: clock.now(), roundId: `r${i}`, from: 'open', to: 'stalled' }) as const,
      ),
    ];
    history = recordChange(history, { type: 'status', at: clock.now(), roundId: 'last', from: 'stalled', to: 'open' }) as typeof history;
    expect(history).toHaveLength(5_000);
    expect(history[0]).toEqual(created);
    expect(history[1]).toMatchObject({ roundId: 'r1' });
    expect(history.at(-1)).toMatchObject({ roundId: 'last' });
  });
});
