import { createHash } from 'node:crypto';
import type { BoardView, PointView, RoundsView } from '../../electron/core/contract/positionsViews';
import { pointStatuses, stanceKinds, type Board, type Round } from '../../electron/core/model/positions';
import { sortRounds } from '../../electron/core/ops/rounds';
import { randomText } from '../reliability/random';
import { ANY, type Effect } from './protocol';
import { freeAreas, type OpContext, type TortureOp } from './ops';
import { pick, readBackOp } from './readBack';

/**
 * The positions saves of the crash loop (issue 5): points added, edited, moved,
 * deleted and restored, stances set and cleared on the boards in the area
 * files, and rounds created, edited, deleted and made current in book.json.
 * What the parent checks is a hash of each board as the board view shows it
 * (live points in order: title, status, assessment, the stances of the book's
 * parties, how many changes the history holds) and a hash of the rounds. A save
 * under way at the kill may or may not have landed (ANY).
 */
interface BoardPoint {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly assessment: string;
  readonly stances: readonly { readonly partyId: string; readonly kind: string; readonly text: string }[];
  readonly changes: number;
}

const hash = (value: unknown): string => createHash('sha1').update(JSON.stringify(value)).digest('hex');

export function boardHash(points: readonly BoardPoint[]): string {
  return hash(points.map((p) => [p.id, p.title, p.status, p.assessment, p.changes, p.stances.map((s) => [s.partyId, s.kind, s.text])]));
}

/** The same hash from an area file and the book's parties (in column order). */
export function boardHashOnDisk(board: Board, partyIds: readonly string[]): string {
  return boardHash(
    board.points
      .filter((p) => p.deletedAt === null)
      .map((p) => ({ ...p, changes: p.history.length, stances: partyIds.flatMap((id) => p.stances.filter((s) => s.partyId === id)) })),
  );
}

export function roundsHash(rounds: readonly Round[], currentRoundId: string | null): string {
  return hash([sortRounds(rounds).map((r) => [r.id, r.name, r.startDate, r.endDate, r.place]), currentRoundId]);
}

async function boardEffect(ctx: OpContext, areaId: string): Promise<Effect> {
  const board = await ctx.call<BoardView>('bb:positions.board', { areaId });
  return { area: areaId, fields: { boardHash: boardHash(board.points) } };
}

async function roundsEffect(ctx: OpContext): Promise<Effect> {
  const view = await ctx.call<RoundsView>('bb:rounds.list', {});
  return { book: { roundsHash: roundsHash(view.rounds, view.currentRoundId) } };
}

/** A save on one area's board: the area is locked while it runs, and its board is read back once acknowledged. */
function boardOp(
  method: string,
  weight: number,
  make: (ctx: OpContext, areaId: string, points: readonly PointView[]) => unknown,
): TortureOp {
  return readBackOp(
    method,
    weight,
    (ctx) => {
      const areaId = pick(ctx, freeAreas(ctx, false));
      return areaId === null ? null : { lock: [areaId], expect: [{ area: areaId, fields: { boardHash: ANY } }], value: areaId };
    },
    async (ctx, areaId) => make(ctx, areaId, (await ctx.call<BoardView>('bb:positions.board', { areaId })).points),
    boardEffect,
  );
}

const short = (ctx: OpContext, max: number) =>
  randomText(ctx.random, ctx.random.int(1, max))
    .split('')
    .map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c))
    .join('')
    .trim() || 'point';

/** Deleted points of the crash loop, so that restorePoint has some. */
const deleted = new Map<string, string[]>();

/**
 * A save on one part of book.json (the rounds, the meetings): it runs with the book locked, as a settings save
 * does. `payload` reads what it needs and says what to send (null: nothing to do now); `effect` reads the part back.
 * A save that may link an issue area (`linksArea`) is given a free live one, locked so that no other save deletes it
 * meanwhile (null when there is none).
 */
export function bookPartOp(
  method: string,
  weight: number,
  field: 'roundsHash' | 'meetingsHash',
  payload: (ctx: OpContext, areaId: string | null) => Promise<unknown>,
  effect: (ctx: OpContext) => Promise<Effect>,
  linksArea = false,
): TortureOp {
  return readBackOp(
    method,
    weight,
    (ctx) => {
      if (ctx.book.busy.has('book')) return null;
      const areaId = linksArea ? pick(ctx, freeAreas(ctx, false)) : null;
      return { lock: areaId === null ? ['book'] : ['book', areaId], expect: [{ book: { [field]: ANY } }], value: areaId };
    },
    payload,
    (ctx) => effect(ctx),
  );
}

function roundOp(method: string, weight: number, make: (ctx: OpContext, view: RoundsView) => unknown): TortureOp {
  return bookPartOp(method, weight, 'roundsHash', async (ctx) => make(ctx, await ctx.call<RoundsView>('bb:rounds.list', {})), roundsEffect);
}

const day = (ctx: OpContext) => `2019-${String(ctx.random.int(1, 12)).padStart(2, '0')}-${String(ctx.random.int(1, 28)).padStart(2, '0')}`;

export const positionsOps: Record<string, TortureOp> = {
  addPoint: boardOp('positions.addPoint', 4, (ctx, areaId, points) => {
    if (points.length >= 60) return null;
    const before = ctx.random.chance(0.3) ? pick(ctx, points) : null;
    return {
      areaId,
      title: short(ctx, 120),
      status: ctx.random.pick(pointStatuses),
      assessment: randomText(ctx.random, ctx.random.int(0, 2_000)),
      ...(before ? { beforeId: before.id } : {}),
    };
  }),
  updatePoint: boardOp('positions.updatePoint', 3, (ctx, areaId, points) => {
    const point = pick(ctx, points);
    if (!point) return null;
    return {
      areaId,
      pointId: point.id,
      patch: ctx.random.chance(0.5)
        ? { status: ctx.random.pick(pointStatuses) }
        : { assessment: randomText(ctx.random, ctx.random.int(0, 5_000)) },
    };
  }),
  setStance: boardOp('positions.setStance', 6, (ctx, areaId, points) => {
    const point = pick(ctx, points);
    if (!point) return null;
    const partyId = ctx.random.pick(['united-states', 'china']);
    const clear = ctx.random.chance(0.15);
    return {
      areaId,
      pointId: point.id,
      partyId,
      stance: clear
        ? null
        : {
            text: randomText(ctx.random, ctx.random.int(1, 6_000)),
            kind: ctx.random.pick(stanceKinds),
            date: null,
            roundId: null,
            evidence: [],
          },
    };
  }),
  movePoint: boardOp('positions.movePoint', 2, (ctx, areaId, points) => {
    const point = pick(ctx, points);
    if (!point) return null;
    const before = pick(
      ctx,
      points.filter((p) => p.id !== point.id),
    );
    return { areaId, pointId: point.id, beforeId: before?.id ?? null };
  }),
  deletePoint: boardOp('positions.deletePoint', 2, (ctx, areaId, points) => {
    const point = pick(ctx, points);
    if (!point || points.length <= 1) return null;
    deleted.set(areaId, [...(deleted.get(areaId) ?? []), point.id]);
    return { areaId, pointId: point.id };
  }),
  restorePoint: boardOp('positions.restorePoint', 2, (ctx, areaId) => {
    const gone = deleted.get(areaId) ?? [];
    const pointId = gone.pop();
    return pointId === undefined ? null : { areaId, pointId };
  }),
  createRound: roundOp('rounds.create', 2, (ctx, view) => {
    if (view.rounds.length >= 40) return null;
    const start = day(ctx);
    return { name: short(ctx, 100), startDate: start, endDate: start, place: short(ctx, 60) };
  }),
  updateRound: roundOp('rounds.update', 2, (ctx, view) => {
    const round = pick(ctx, view.rounds);
    return round ? { id: round.id, patch: { name: short(ctx, 100), place: short(ctx, 60) } } : null;
  }),
  deleteRound: roundOp('rounds.delete', 1, (ctx, view) => {
    const round = pick(
      ctx,
      view.rounds.filter((r) => r.uses === 0 && r.id !== view.currentRoundId),
    );
    return round ? { id: round.id } : null;
  }),
  currentRound: roundOp('rounds.setCurrent', 1, (ctx, view) => ({ id: pick(ctx, view.rounds)?.id ?? null })),
};
