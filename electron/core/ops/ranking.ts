import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/** Ranks are compared as plain code-unit strings, which is the order fractional-indexing keys use. */
export function compareRanks(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Ranked {
  readonly id: string;
  readonly rank: string;
}

export function sortByRank<T extends Ranked>(items: readonly T[]): T[] {
  return [...items].sort((x, y) => compareRanks(x.rank, y.rank) || compareRanks(x.id, y.id));
}

export function rankAfter(last: string | null): string {
  return generateKeyBetween(last, null);
}

/** A key between a and b, or null when fractional-indexing cannot make one (a hand-edited rank it cannot parse). */
function keyBetween(a: string | null, b: string | null): string | null {
  try {
    return generateKeyBetween(a, b);
  } catch {
    return null;
  }
}

/** Can a new rank be made after this one? False for ranks fractional-indexing did not make (hand-edited files). */
export function isUsableRank(rank: string): boolean {
  return keyBetween(rank, null) !== null;
}

/**
 * Ranks for moving `id` so it sits right before `beforeId` (or last when null).
 * Usually one rank changes. When neighbouring ranks collide or cannot be parsed (possible only
 * in hand-edited or merged data) every item is re-ranked, and all changed ranks are returned.
 */
export function rankForMove(items: readonly Ranked[], id: string, beforeId: string | null): Map<string, string> {
  const others = sortByRank(items.filter((i) => i.id !== id));
  const targetIndex = beforeId === null ? others.length : others.findIndex((i) => i.id === beforeId);
  if (targetIndex < 0) throw new Error(`unknown target ${beforeId ?? ''}`);
  const prev = others[targetIndex - 1]?.rank ?? null;
  const next = others[targetIndex]?.rank ?? null;
  if (prev === null || next === null || compareRanks(prev, next) < 0) {
    const key = keyBetween(prev, next);
    if (key !== null) return new Map([[id, key]]);
  }
  const order = [...others.slice(0, targetIndex).map((i) => i.id), id, ...others.slice(targetIndex).map((i) => i.id)];
  const keys = generateNKeysBetween(null, null, order.length);
  const changed = new Map<string, string>();
  const current = new Map(items.map((i) => [i.id, i.rank]));
  order.forEach((itemId, index) => {
    const key = keys[index];
    if (key !== undefined && current.get(itemId) !== key) changed.set(itemId, key);
  });
  return changed;
}
