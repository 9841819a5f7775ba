import type { Area, AreaStatus, Note, Priority } from '../model/book';
import { invalid } from '../errors';
import { countWords } from '../text';
import { isUsableRank, rankAfter, rankForMove, sortByRank } from './ranking';

export interface Clock {
  /** The current time as an ISO timestamp. */
  now(): string;
}

export interface NewArea {
  title: string;
  summary?: string | undefined;
  status?: AreaStatus | undefined;
  priority?: Priority | undefined;
  tags?: readonly string[] | undefined;
}

export interface AreaPatch {
  title?: string | undefined;
  summary?: string | undefined;
  status?: AreaStatus | undefined;
  priority?: Priority | undefined;
  tags?: readonly string[] | undefined;
}

/** Collapses inner whitespace and trims a one-line value. */
export function cleanLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

export function cleanTitle(title: string): string {
  const cleaned = cleanLine(title);
  if (!cleaned) throw invalid('An issue area needs a title.');
  return cleaned;
}

/** Trims tags, drops empty ones and removes duplicates that differ only in case. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = cleanLine(raw);
    const key = tag.toLocaleLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/** Areas a user works with: not deleted, in rank order. Archived ones are included. */
export function liveAreas(areas: readonly Area[]): Area[] {
  return sortByRank(areas.filter((a) => a.deletedAt === null));
}

export function createArea(input: NewArea, existing: readonly Area[], id: string, clock: Clock): Area {
  const now = clock.now();
  // After the last rank that a new one can follow; a hand-edited rank that cannot be parsed is passed over.
  const last =
    sortByRank(existing)
      .map((a) => a.rank)
      .reverse()
      .find(isUsableRank) ?? null;
  return {
    id,
    title: cleanTitle(input.title),
    summary: (input.summary ?? '').trim(),
    status: input.status ?? 'open',
    priority: input.priority ?? 'medium',
    tags: normalizeTags(input.tags ?? []),
    rank: rankAfter(last),
    archivedAt: null,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Applies a patch. Returns the same object when nothing changes, so callers can skip the write. */
export function updateArea(area: Area, patch: AreaPatch, clock: Clock): Area {
  const next: Area = {
    ...area,
    title: patch.title === undefined ? area.title : cleanTitle(patch.title),
    summary: patch.summary === undefined ? area.summary : patch.summary.trim(),
    status: patch.status ?? area.status,
    priority: patch.priority ?? area.priority,
    tags: patch.tags === undefined ? area.tags : normalizeTags(patch.tags),
  };
  if (sameArea(area, next)) return area;
  return { ...next, updatedAt: clock.now() };
}

function sameArea(a: Area, b: Area): boolean {
  return (
    a.title === b.title &&
    a.summary === b.summary &&
    a.status === b.status &&
    a.priority === b.priority &&
    a.tags.length === b.tags.length &&
    a.tags.every((t, i) => t === b.tags[i])
  );
}

export function setArchived(area: Area, archived: boolean, clock: Clock): Area {
  if (archived === (area.archivedAt !== null)) return area;
  const now = clock.now();
  return { ...area, archivedAt: archived ? now : null, updatedAt: now };
}

export function markDeleted(area: Area, clock: Clock): Area {
  if (area.deletedAt !== null) return area;
  const now = clock.now();
  return { ...area, deletedAt: now, updatedAt: now };
}

export function restoreDeleted(area: Area, clock: Clock): Area {
  if (area.deletedAt === null) return area;
  return { ...area, deletedAt: null, updatedAt: clock.now() };
}

/**
 * Moves an area so that it sits before `beforeId` (or last). Returns every area
 * whose rank changed: usually just the moved one.
 */
export function moveArea(areas: readonly Area[], id: string, beforeId: string | null, clock: Clock): Area[] {
  const live = liveAreas(areas);
  if (!live.some((a) => a.id === id)) throw invalid(`Issue area "${id}" cannot be moved: it does not exist.`);
  if (beforeId === id) return [];
  if (beforeId !== null && !live.some((a) => a.id === beforeId)) {
    throw invalid(`Issue area "${beforeId}" does not exist, so nothing can be placed before it.`);
  }
  const changes = rankForMove(live, id, beforeId);
  const now = clock.now();
  return live.flatMap((a) => {
    const rank = changes.get(a.id);
    return rank === undefined ? [] : [{ ...a, rank, updatedAt: now }];
  });
}

export function emptyNote(clock: Clock): Note {
  return { markdown: '', revision: 0, words: 0, updatedAt: clock.now() };
}

/** A note holding `markdown`, as first written (sample book, imports). */
export function newNote(markdown: string, clock: Clock): Note {
  return { markdown, revision: 1, words: countWords(markdown), updatedAt: clock.now() };
}

/** Returns the same note when the text is unchanged, so an idle autosave writes nothing. */
export function editNote(note: Note, markdown: string, clock: Clock): Note {
  if (note.markdown === markdown) return note;
  return { markdown, revision: note.revision + 1, words: countWords(markdown), updatedAt: clock.now() };
}
