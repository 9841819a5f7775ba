import { AppError, invalid, notFound } from '../errors';
import { positionLimits, type Board, type Round } from '../model/positions';
import { cleanLine, type Clock } from './areas';

/** The rounds of a negotiation, kept in book.json. Pure operations. */

export interface RoundInput {
  readonly name: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly place: string;
}

export interface RoundPatch {
  readonly name?: string | undefined;
  readonly startDate?: string | undefined;
  readonly endDate?: string | undefined;
  readonly place?: string | undefined;
}

/** Rounds in the order they took place: by start date, then end date, then when they were entered. */
export function sortRounds(rounds: readonly Round[]): Round[] {
  return [...rounds].sort(
    (a, b) =>
      compare(a.startDate, b.startDate) || compare(a.endDate, b.endDate) || compare(a.createdAt, b.createdAt) || compare(a.id, b.id),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Each round's place in time: 0 for the first. */
export function roundOrder(rounds: readonly Round[]): Map<string, number> {
  return new Map(sortRounds(rounds).map((r, i) => [r.id, i]));
}

function checked(input: RoundInput, others: readonly Round[]): RoundInput {
  const name = cleanLine(input.name);
  if (!name) throw invalid('A round needs a name.');
  if (input.endDate < input.startDate) {
    throw invalid(`A round cannot end (${input.endDate}) before it starts (${input.startDate}).`);
  }
  const clash = others.find((r) => r.name.toLocaleLowerCase() === name.toLocaleLowerCase());
  if (clash) throw invalid(`There is already a round called "${clash.name}". Give each round its own name.`);
  return { name, startDate: input.startDate, endDate: input.endDate, place: cleanLine(input.place) };
}

export function createRound(rounds: readonly Round[], input: RoundInput, id: string, clock: Clock): Round {
  if (rounds.length >= positionLimits.rounds) throw invalid(`A book can have at most ${positionLimits.rounds} rounds.`);
  if (rounds.some((r) => r.id === id)) throw new AppError('conflict', `A round with id ${id} already exists.`);
  const now = clock.now();
  return { id, ...checked(input, rounds), createdAt: now, updatedAt: now };
}

/** Returns the same round when nothing changes. */
export function updateRound(rounds: readonly Round[], id: string, patch: RoundPatch, clock: Clock): Round {
  const round = findRound(rounds, id);
  const merged: RoundInput = {
    name: patch.name ?? round.name,
    startDate: patch.startDate ?? round.startDate,
    endDate: patch.endDate ?? round.endDate,
    place: patch.place ?? round.place,
  };
  const next = checked(
    merged,
    rounds.filter((r) => r.id !== id),
  );
  if (next.name === round.name && next.startDate === round.startDate && next.endDate === round.endDate && next.place === round.place) {
    return round;
  }
  return { ...round, ...next, updatedAt: clock.now() };
}

export function findRound(rounds: readonly Round[], id: string): Round {
  const round = rounds.find((r) => r.id === id);
  if (!round) throw notFound('Round', id);
  return round;
}

/** Refuses a round id that is not in the book, with words a user can act on. */
export function assertRoundExists(rounds: readonly Round[], id: string | null, what = 'The round'): void {
  if (id === null) return;
  if (!rounds.some((r) => r.id === id)) {
    throw invalid(`${what} "${id}" does not exist in this book. Choose one of its rounds, or none.`);
  }
}

/** How many stances and recorded changes refer to each round. */
export function roundUsage(boards: Iterable<Board>): Map<string, number> {
  const usage = new Map<string, number>();
  const bump = (id: string | null) => {
    if (id !== null) usage.set(id, (usage.get(id) ?? 0) + 1);
  };
  for (const board of boards) {
    for (const point of board.points) {
      for (const stance of point.stances) bump(stance.roundId);
      for (const change of point.history) {
        bump(change.roundId);
        if (change.type === 'stance') {
          bump(change.from?.roundId ?? null);
          bump(change.to?.roundId ?? null);
        }
      }
    }
  }
  return usage;
}

/** How many changes were recorded with each round. */
export function changesByRound(boards: Iterable<Board>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const board of boards) {
    for (const point of board.points) {
      for (const change of point.history) if (change.roundId !== null) counts.set(change.roundId, (counts.get(change.roundId) ?? 0) + 1);
    }
  }
  return counts;
}

/** A round that stances or the history refer to cannot be deleted: they would lose their round. */
export function assertRoundDeletable(round: Round, uses: number): void {
  if (uses > 0) {
    throw new AppError(
      'conflict',
      `"${round.name}" cannot be deleted: ${uses} ${uses === 1 ? 'stance or recorded change refers' : 'stances and recorded changes refer'} to it. Rename or redate it instead.`,
    );
  }
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2019-01-09" → "9 Jan 2019". */
export function formatDay(date: string): string {
  const [y, m, d] = date.split('-');
  const month = months[Number(m) - 1];
  if (!y || !month || !d) return date;
  return `${Number(d)} ${month} ${y}`;
}

/** "7–9 Jan 2019", "30 Jan – 1 Feb 2019", "1 Dec 2018". */
export function formatRange(start: string, end: string): string {
  if (start === end) return formatDay(start);
  const [sy, sm, sd] = start.split('-');
  const [ey, em] = end.split('-');
  if (sy === ey && sm === em) return `${Number(sd)}–${formatDay(end)}`;
  if (sy === ey) return `${formatDay(start).replace(` ${sy ?? ''}`, '')} – ${formatDay(end)}`;
  return `${formatDay(start)} – ${formatDay(end)}`;
}

/** "Beijing vice-ministerial talks (7–9 Jan 2019, Beijing)". */
export function describeRound(round: Round): string {
  const when = formatRange(round.startDate, round.endDate);
  return `${round.name} (${round.place ? `${when}, ${round.place}` : when})`;
}
