import { AppError, invalid, notFound } from '../errors';
import {
  positionLimits,
  type Board,
  type Change,
  type EvidenceLink,
  type Point,
  type PointStatus,
  type Stance,
  type StanceKind,
  type StanceState,
} from '../model/positions';
import { cleanLine, type Clock } from './areas';

/**
 * Pure operations on an issue area's positions board. Each returns a new board (the same
 * object when nothing changed, so the caller can skip the write) and never touches the
 * one it was given.
 */

/** Where a change belongs: the round it is recorded with, and the time. */
export interface ChangeContext {
  readonly clock: Clock;
  readonly roundId: string | null;
}

export interface NewPoint {
  readonly title: string;
  readonly status?: PointStatus | undefined;
  readonly assessment?: string | undefined;
  /** Place it before this point; last when null or omitted. */
  readonly beforeId?: string | null | undefined;
}

export interface PointPatch {
  readonly title?: string | undefined;
  readonly status?: PointStatus | undefined;
  readonly assessment?: string | undefined;
}

export interface StanceInput {
  readonly text: string;
  readonly kind: StanceKind;
  readonly date: string | null;
  readonly roundId: string | null;
  readonly evidence: readonly EvidenceLink[];
}

export interface PointResult {
  readonly board: Board;
  readonly point: Point;
}

/**
 * Two edits of the same cell (or of the same point's status) in the same round within this
 * time are one change in the history: typing a correction does not make a new entry, and
 * changing something back within it leaves no entry at all.
 */
export const COALESCE_MS = 10 * 60 * 1000;

export function emptyBoard(): Board {
  return { points: [] };
}

/** The points a user sees, in board order. */
export function livePoints(board: Board): Point[] {
  return board.points.filter((p) => p.deletedAt === null);
}

export function findPoint(board: Board, id: string): Point {
  const point = board.points.find((p) => p.id === id);
  if (!point || point.deletedAt !== null) throw notFound('Point', id);
  return point;
}

function cleanPointTitle(title: string): string {
  const cleaned = cleanLine(title);
  if (!cleaned) throw invalid('A point needs a title.');
  return cleaned;
}

/** Trailing spaces and blank lines at either end go; the Markdown inside stays as typed. */
export function cleanBlock(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/^\s*\n/, '')
    .trimEnd();
}

function replacePoint(board: Board, point: Point): Board {
  return { ...board, points: board.points.map((p) => (p.id === point.id ? point : p)) };
}

export function addPoint(board: Board, input: NewPoint, id: string, ctx: ChangeContext): PointResult {
  if (board.points.some((p) => p.id === id)) throw new AppError('conflict', `A point with id ${id} already exists.`);
  if (livePoints(board).length >= positionLimits.points) {
    throw invalid(
      `A board can have at most ${positionLimits.points} points. Split this issue area, or delete points that are no longer needed.`,
    );
  }
  const now = ctx.clock.now();
  const status = input.status ?? 'open';
  const point: Point = {
    id,
    title: cleanPointTitle(input.title),
    status,
    stances: [],
    assessment: cleanBlock(input.assessment ?? ''),
    history: [{ type: 'created', at: now, roundId: ctx.roundId, status }],
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
  const points = [...board.points];
  const beforeId = input.beforeId ?? null;
  if (beforeId === null) points.push(point);
  else {
    const index = points.findIndex((p) => p.id === beforeId && p.deletedAt === null);
    if (index < 0) throw invalid(`Point "${beforeId}" does not exist, so nothing can be placed before it.`);
    points.splice(index, 0, point);
  }
  return { board: { ...board, points }, point };
}

/** Renames a point, changes its status (recorded in the history) or its assessment. */
export function updatePoint(board: Board, id: string, patch: PointPatch, ctx: ChangeContext): PointResult {
  const point = findPoint(board, id);
  const title = patch.title === undefined ? point.title : cleanPointTitle(patch.title);
  const assessment = patch.assessment === undefined ? point.assessment : cleanBlock(patch.assessment);
  const status = patch.status ?? point.status;
  if (title === point.title && assessment === point.assessment && status === point.status) return { board, point };
  const now = ctx.clock.now();
  const history =
    status === point.status
      ? point.history
      : recordChange(point.history, { type: 'status', at: now, roundId: ctx.roundId, from: point.status, to: status });
  const next: Point = { ...point, title, assessment, status, history, updatedAt: now };
  return { board: replacePoint(board, next), point: next };
}

export function stanceState(stance: Stance | StanceInput): StanceState {
  return { text: stance.text, kind: stance.kind, date: stance.date, roundId: stance.roundId };
}

export function sameStanceState(a: StanceState | null, b: StanceState | null): boolean {
  if (a === null || b === null) return a === b;
  return a.text === b.text && a.kind === b.kind && a.date === b.date && a.roundId === b.roundId;
}

function sameEvidence(a: readonly EvidenceLink[], b: readonly EvidenceLink[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i];
      return (
        y !== undefined &&
        x.sourceId === y.sourceId &&
        x.annotationId === y.annotationId &&
        x.quote === y.quote &&
        x.outlet === y.outlet &&
        x.title === y.title &&
        x.date === y.date
      );
    })
  );
}

/**
 * Sets one party's stance on a point, or clears it (null). A change of text, kind, date or
 * round is recorded in the history with the round of the context; a change of evidence alone is not.
 */
export function setStance(board: Board, pointId: string, partyId: string, input: StanceInput | null, ctx: ChangeContext): PointResult {
  const point = findPoint(board, pointId);
  const current = point.stances.find((s) => s.partyId === partyId) ?? null;
  const cleaned: StanceInput | null =
    input === null ? null : { ...input, text: cleanBlock(input.text), evidence: dedupeEvidence(input.evidence) };
  if (cleaned !== null && cleaned.evidence.length > positionLimits.evidencePerStance) {
    throw invalid(`A stance can cite at most ${positionLimits.evidencePerStance} quotes.`);
  }
  const before = current === null ? null : stanceState(current);
  const after = cleaned === null ? null : stanceState(cleaned);
  const evidenceSame = current === null || cleaned === null ? current === cleaned : sameEvidence(current.evidence, cleaned.evidence);
  if (sameStanceState(before, after) && evidenceSame) return { board, point };
  const now = ctx.clock.now();
  const stances =
    cleaned === null
      ? point.stances.filter((s) => s.partyId !== partyId)
      : current === null
        ? [...point.stances, { partyId, ...cleaned, evidence: [...cleaned.evidence], updatedAt: now }]
        : point.stances.map((s) => (s.partyId === partyId ? { partyId, ...cleaned, evidence: [...cleaned.evidence], updatedAt: now } : s));
  const history = sameStanceState(before, after)
    ? point.history
    : recordChange(point.history, { type: 'stance', at: now, roundId: ctx.roundId, partyId, from: before, to: after });
  const next: Point = { ...point, stances, history, updatedAt: now };
  return { board: replacePoint(board, next), point: next };
}

function dedupeEvidence(evidence: readonly EvidenceLink[]): EvidenceLink[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.sourceId}\u0000${e.annotationId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sameTarget(a: Change, b: Change): boolean {
  if (a.type === 'status' && b.type === 'status') return true;
  return a.type === 'stance' && b.type === 'stance' && a.partyId === b.partyId;
}

/**
 * Appends a change to a history, folding it into the previous change of the same cell when
 * that one is in the same round and recent (see COALESCE_MS). A change that ends where it
 * started leaves nothing behind.
 */
export function recordChange(history: readonly Change[], change: Change): Change[] {
  if (change.type === 'created') return [...history, change];
  let lastIndex = -1;
  for (let i = history.length - 1; i >= 0; i -= 1) {
    const entry = history[i];
    if (entry && sameTarget(entry, change)) {
      lastIndex = i;
      break;
    }
  }
  const last = lastIndex >= 0 ? history[lastIndex] : undefined;
  const recent = last !== undefined && Date.parse(change.at) - Date.parse(last.at) <= COALESCE_MS;
  if (last && recent && last.roundId === change.roundId) {
    const merged = mergeChanges(last, change);
    const rest = history.filter((_, i) => i !== lastIndex);
    return merged === null ? rest : [...rest, merged];
  }
  const trimmed = history.length >= positionLimits.history ? dropOldest(history) : [...history];
  return [...trimmed, change];
}

/** The earlier change's start and the later change's end; null when they cancel out. */
function mergeChanges(earlier: Change, later: Change): Change | null {
  if (earlier.type === 'status' && later.type === 'status') {
    return earlier.from === later.to ? null : { ...later, from: earlier.from };
  }
  if (earlier.type === 'stance' && later.type === 'stance') {
    return sameStanceState(earlier.from, later.to) ? null : { ...later, from: earlier.from };
  }
  return later;
}

/** A history at its limit loses its oldest change (never the record of the point's creation). */
function dropOldest(history: readonly Change[]): Change[] {
  const index = history.findIndex((c) => c.type !== 'created');
  return history.filter((_, i) => i !== index);
}

/** Moves a point so that it sits before `beforeId`, or last when null. */
export function movePoint(board: Board, id: string, beforeId: string | null): Board {
  const point = findPoint(board, id);
  if (beforeId === id) return board;
  if (beforeId !== null) findPointForMove(board, beforeId);
  const others = board.points.filter((p) => p.id !== id);
  const index = beforeId === null ? others.length : others.findIndex((p) => p.id === beforeId);
  const points = [...others.slice(0, index), point, ...others.slice(index)];
  if (points.every((p, i) => p === board.points[i])) return board;
  return { ...board, points };
}

function findPointForMove(board: Board, id: string): void {
  const target = board.points.find((p) => p.id === id);
  if (!target || target.deletedAt !== null) throw invalid(`Point "${id}" does not exist, so nothing can be placed before it.`);
}

export function deletePoint(board: Board, id: string, clock: Clock): PointResult {
  const point = findPoint(board, id);
  const now = clock.now();
  const next: Point = { ...point, deletedAt: now, updatedAt: now };
  return { board: replacePoint(board, next), point: next };
}

/** Brings back a deleted point (undo), in the place it had. */
export function restorePoint(board: Board, id: string, clock: Clock): PointResult {
  const point = board.points.find((p) => p.id === id);
  if (!point) throw notFound('Point', id);
  if (point.deletedAt === null) return { board, point };
  if (livePoints(board).length >= positionLimits.points) {
    throw invalid(`A board can have at most ${positionLimits.points} points; delete another one first.`);
  }
  const next: Point = { ...point, deletedAt: null, updatedAt: clock.now() };
  return { board: replacePoint(board, next), point: next };
}

/** The history of one cell: a party's stance, or the point's status (with its creation). Oldest first. */
export function cellHistory(point: Point, cell: { partyId: string } | 'status'): Change[] {
  return point.history.filter((c) =>
    cell === 'status' ? c.type === 'status' || c.type === 'created' : c.type === 'stance' && c.partyId === cell.partyId,
  );
}

/** One party's stance on a point, or null when it has none. */
export function stanceFor(point: Point, partyId: string): Stance | null {
  return point.stances.find((s) => s.partyId === partyId) ?? null;
}
