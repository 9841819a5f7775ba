import { AppError, invalid, notFound } from '../errors';
import { limits } from '../model/common';
import type { Party } from '../model/book';
import type { ArchivedParty, Board } from '../model/positions';
import type { Clock } from './areas';

/**
 * Parties on the boards. Removing a party never deletes its stances: the party moves to the
 * book's archive, its stances stay in the area files (hidden from the boards), and restoring
 * the party brings its column back with everything in it.
 */

export interface PartyUse {
  /** Stances on live points. */
  stances: number;
  /** Issue areas with at least one of those stances. */
  areas: number;
  /** Anything at all refers to it: a stance (on a live or deleted point) or a recorded change. */
  referenced: boolean;
}

export function partyUsage(boards: Iterable<Board>): Map<string, PartyUse> {
  const usage = new Map<string, PartyUse>();
  const entry = (id: string): PartyUse => {
    let use = usage.get(id);
    if (!use) {
      use = { stances: 0, areas: 0, referenced: false };
      usage.set(id, use);
    }
    return use;
  };
  for (const board of boards) {
    const inThisArea = new Set<string>();
    for (const point of board.points) {
      for (const stance of point.stances) {
        const use = entry(stance.partyId);
        use.referenced = true;
        if (point.deletedAt === null) {
          use.stances += 1;
          inThisArea.add(stance.partyId);
        }
      }
      for (const change of point.history) if (change.type === 'stance') entry(change.partyId).referenced = true;
    }
    for (const id of inThisArea) entry(id).areas += 1;
  }
  return usage;
}

/**
 * What happens to the parties a settings change leaves out. A party with stances is archived only
 * when the user confirmed it (its id is in `confirmed`); otherwise the change is refused with a
 * message saying how many stances would be hidden. A party that only the history mentions is
 * archived without asking, so its name stays known; one nothing refers to is simply removed.
 */
export function archiveRemovedParties(
  current: readonly Party[],
  next: readonly Party[],
  archived: readonly ArchivedParty[],
  usage: ReadonlyMap<string, PartyUse>,
  confirmed: readonly string[],
  clock: Clock,
): ArchivedParty[] {
  const kept = new Set(next.map((p) => p.id));
  const removed = current.map((p, position) => ({ party: p, position })).filter(({ party }) => !kept.has(party.id));
  const removedIds = new Set(removed.map((r) => r.party.id));
  const stray = confirmed.filter((id) => !removedIds.has(id));
  if (stray.length > 0) {
    throw invalid(`Only parties that are being removed can be archived; "${stray.join('", "')}" is not being removed.`);
  }
  const unconfirmed = removed.filter(({ party }) => (usage.get(party.id)?.stances ?? 0) > 0 && !confirmed.includes(party.id));
  if (unconfirmed.length > 0) {
    const lines = unconfirmed.map(({ party }) => {
      const use = usage.get(party.id) ?? { stances: 0, areas: 0 };
      return `"${party.name}" has ${plural(use.stances, 'stance')} in ${plural(use.areas, 'issue area')}`;
    });
    throw new AppError(
      'conflict',
      `${lines.join('; ')}. Confirm the removal to move ${unconfirmed.length === 1 ? 'its' : 'their'} stances to the archive, from where they can be restored.`,
    );
  }
  const now = clock.now();
  const added = removed
    .filter(({ party }) => usage.get(party.id)?.referenced === true)
    .map(({ party, position }) => ({ id: party.id, name: party.name, position, archivedAt: now }));
  if (added.length === 0) return [...archived];
  return [...archived.filter((a) => !removedIds.has(a.id)), ...added];
}

/** Puts an archived party back among the columns, where it was if it can. */
export function restoreParty(
  parties: readonly Party[],
  archived: readonly ArchivedParty[],
  id: string,
): { parties: Party[]; archived: ArchivedParty[] } {
  const entry = archived.find((a) => a.id === id);
  if (!entry) throw notFound('Archived party', id);
  if (parties.length >= limits.parties) {
    throw invalid(`A book can have at most ${limits.parties} parties. Remove one before restoring "${entry.name}".`);
  }
  const clash = parties.find((p) => p.name.toLocaleLowerCase() === entry.name.toLocaleLowerCase());
  if (clash) {
    throw invalid(`There is already a party called "${clash.name}". Rename it before restoring the archived "${entry.name}".`);
  }
  const next = [...parties];
  next.splice(Math.min(entry.position, next.length), 0, { id: entry.id, name: entry.name });
  return { parties: next, archived: archived.filter((a) => a.id !== id) };
}

/** Refuses a party id that is not a column of the book. */
export function assertActiveParty(parties: readonly Party[], archived: readonly ArchivedParty[], id: string): Party {
  const party = parties.find((p) => p.id === id);
  if (party) return party;
  const gone = archived.find((a) => a.id === id);
  if (gone) throw invalid(`The party "${gone.name}" is archived. Restore it in Book settings to edit its stances.`);
  throw invalid(`There is no party "${id}" in this book. Its parties are: ${parties.map((p) => `${p.name} (${p.id})`).join(', ')}.`);
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
