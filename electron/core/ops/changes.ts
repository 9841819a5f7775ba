import type { Area } from '../model/book';
import type { Board, Change, Point, PointStatus, Round, StanceState } from '../model/positions';
import { sameStanceState } from './positions';
import { findRound, roundOrder } from './rounds';

/** An issue area with its board, as the store holds them. */
export interface AreaBoard {
  readonly area: Area;
  readonly board: Board;
}

export interface StanceMove {
  readonly partyId: string;
  /** As it stood at the end of the round (null: no stance then). */
  readonly from: StanceState | null;
  /** As it stands now. */
  readonly to: StanceState | null;
}

export interface PointMove {
  readonly areaId: string;
  readonly areaTitle: string;
  readonly pointId: string;
  readonly pointTitle: string;
  /** The point's status now. */
  readonly currentStatus: PointStatus;
  /** The point was added after the round. */
  readonly added: boolean;
  readonly status: { readonly from: PointStatus; readonly to: PointStatus } | null;
  readonly stances: StanceMove[];
  /** Changes recorded after the round, however many cancelled out. */
  readonly changes: number;
  readonly lastAt: string;
}

/**
 * Is this change later than round X? A change recorded with a round is later when its round
 * took place after X. A change with no round (or with a round since deleted) is later when it
 * was made after X ended.
 */
export function isAfterRound(change: Change, round: Round, order: ReadonlyMap<string, number>): boolean {
  const own = change.roundId === null ? undefined : order.get(change.roundId);
  const x = order.get(round.id) ?? -1;
  if (own !== undefined) return own > x;
  return change.at.slice(0, 10) > round.endDate;
}

/**
 * "What changed since round X": every point, in book and board order, whose stance or status
 * moved in a later round. Each shows where it stood at the end of X and where it stands now.
 */
export function changesSince(areas: readonly AreaBoard[], rounds: readonly Round[], roundId: string): PointMove[] {
  const round = findRound(rounds, roundId);
  const order = roundOrder(rounds);
  const moves: PointMove[] = [];
  for (const { area, board } of areas) {
    for (const point of board.points) {
      if (point.deletedAt !== null) continue;
      const later = point.history.filter((c) => isAfterRound(c, round, order));
      if (later.length === 0) continue;
      moves.push(summarize(area, point, later));
    }
  }
  return moves;
}

function summarize(area: Area, point: Point, later: readonly Change[]): PointMove {
  const added = later.some((c) => c.type === 'created');
  const created = point.history.find((c) => c.type === 'created');
  const statusChanges = later.filter((c) => c.type === 'status');
  const firstStatus = statusChanges[0];
  const lastStatus = statusChanges[statusChanges.length - 1];
  // A new point is compared with how it started; an older one with where it stood at the end of the round.
  const start = added && created?.type === 'created' ? created.status : firstStatus?.from;
  const end = lastStatus?.to ?? start;
  const status = start !== undefined && end !== undefined && start !== end ? { from: start, to: end } : null;
  const byParty = new Map<string, { from: StanceState | null; to: StanceState | null }>();
  for (const change of later) {
    if (change.type !== 'stance') continue;
    const seen = byParty.get(change.partyId);
    if (seen) seen.to = change.to;
    else byParty.set(change.partyId, { from: change.from, to: change.to });
  }
  const stances = [...byParty.entries()]
    .filter(([, m]) => !sameStanceState(m.from, m.to))
    .map(([partyId, m]) => ({ partyId, from: m.from, to: m.to }));
  return {
    areaId: area.id,
    areaTitle: area.title,
    pointId: point.id,
    pointTitle: point.title,
    currentStatus: point.status,
    added,
    status,
    stances,
    changes: later.length,
    lastAt: later.reduce((max, c) => (c.at > max ? c.at : max), later[0]?.at ?? point.updatedAt),
  };
}
