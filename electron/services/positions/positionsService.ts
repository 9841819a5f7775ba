import type {
  ArchivedStancesView,
  BoardView,
  ChangesSinceView,
  EvidenceCandidate,
  OverviewView,
  PartiesView,
  PointHistory,
  PointView,
  ResolvedEvidence,
  RoundView,
  RoundsView,
} from '../../core/contract/positionsViews';
import { AppError, invalid, notFound } from '../../core/errors';
import type { BookSettings, Priority } from '../../core/model/book';
import { DateOnlySchema } from '../../core/model/common';
import {
  positionLimits,
  type EvidenceLink,
  type EvidenceRef,
  type Point,
  type PointStatus,
  type Round,
  type StanceKind,
} from '../../core/model/positions';
import { liveAreas, type Clock } from '../../core/ops/areas';
import { changesSince, type AreaBoard } from '../../core/ops/changes';
import { buildOverview } from '../../core/ops/overview';
import { assertActiveParty, partyUsage, restoreParty } from '../../core/ops/parties';
import {
  addPoint,
  deletePoint,
  findPoint,
  livePoints,
  movePoint,
  restorePoint,
  setStance,
  updatePoint,
  type ChangeContext,
  type PointPatch,
  type PointResult,
} from '../../core/ops/positions';
import {
  changesByRound,
  assertRoundDeletable,
  assertRoundExists,
  createRound,
  findRound,
  roundUsage,
  sortRounds,
  updateRound,
  type RoundInput,
  type RoundPatch,
} from '../../core/ops/rounds';
import type { AreaDoc, BookDoc } from '../../core/persistence/documents';
import type { IdSource } from '../book/bookService';
import type { StoredDocument } from '../store/document';
import type { BookStore } from '../store/bookStore';
import { refKey, type EvidenceResolver, type ResolvedRef } from './evidence';

export interface PositionsServiceDeps {
  readonly store: BookStore;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly evidence: EvidenceResolver;
  /** Throws when the book could not be opened (BookService), so nothing is read or written then. */
  readonly assertOpen: () => void;
}

export interface StanceRequest {
  readonly text: string;
  readonly kind: StanceKind;
  readonly date: string | null;
  readonly roundId: string | null;
  readonly evidence: readonly EvidenceRef[];
}

export interface OverviewQuery {
  readonly statuses?: readonly PointStatus[] | undefined;
  readonly priorities?: readonly Priority[] | undefined;
  readonly tags?: readonly string[] | undefined;
  readonly offset?: number | undefined;
  readonly limit?: number | undefined;
}

const DEFAULT_OVERVIEW_PAGE = 100;

/**
 * Positions boards, rounds and the parties' archive. The rules live in the core operations
 * (core/ops/positions, rounds, parties, changes, overview); this service finds the documents,
 * applies them and stores the result. Every change rewrites exactly one file: an area's file
 * for its board, book.json for rounds and parties.
 */
export class PositionsService {
  constructor(private readonly deps: PositionsServiceDeps) {}

  // ---- documents ------------------------------------------------------------

  private book(): StoredDocument<BookDoc> {
    this.deps.assertOpen();
    return this.deps.store.book();
  }

  private areaDoc(areaId: string): StoredDocument<AreaDoc> {
    this.deps.assertOpen();
    const doc = this.deps.store.area(areaId);
    if (!doc || doc.value.area.deletedAt !== null) throw notFound('Issue area', areaId);
    return doc;
  }

  /** The round a change is recorded with: the one asked for (checked), or the book's current round. */
  private context(roundId: string | null | undefined): ChangeContext {
    const { positions } = this.book().value;
    if (roundId === undefined) return { clock: this.deps.clock, roundId: positions.currentRoundId };
    assertRoundExists(positions.rounds, roundId);
    return { clock: this.deps.clock, roundId };
  }

  /** Applies a board operation to an area's file; returns the point it produced. */
  private async change(areaId: string, op: (doc: AreaDoc) => PointResult): Promise<Point> {
    const out: { point?: Point } = {};
    await this.areaDoc(areaId).update((doc) => {
      const result = op(doc);
      out.point = result.point;
      return result.board === doc.board ? doc : { ...doc, board: result.board };
    });
    if (!out.point) throw new AppError('internal', 'The board change produced no point.');
    return out.point;
  }

  private areaBoards(): AreaBoard[] {
    const docs = this.deps.store.areas().map((d) => d.value);
    const boards = new Map(docs.map((d) => [d.area.id, d.board]));
    return liveAreas(docs.map((d) => d.area)).flatMap((area) => {
      const board = boards.get(area.id);
      return board ? [{ area, board }] : [];
    });
  }

  // ---- boards ---------------------------------------------------------------

  async board(areaId: string): Promise<BoardView> {
    const { board } = this.areaDoc(areaId).value;
    const parties = this.book().value.settings.parties;
    const points = livePoints(board);
    const refs = points.flatMap((p) => p.stances.flatMap((s) => s.evidence));
    const resolved = await this.resolve(refs);
    return {
      areaId,
      points: points.map((p) =>
        this.view(
          p,
          parties.map((x) => x.id),
          resolved,
        ),
      ),
    };
  }

  private async resolve(refs: readonly EvidenceRef[]): Promise<Map<string, ResolvedRef>> {
    if (refs.length === 0) return new Map();
    const unique = [...new Map(refs.map((r) => [refKey(r), { sourceId: r.sourceId, annotationId: r.annotationId }])).values()];
    const answers = await this.deps.evidence.resolve(unique);
    return new Map(answers.map((a) => [refKey(a.ref), sanitizeResolved(a)]));
  }

  /** A point for the board: the stances of the given parties in their order, each quote resolved. */
  private view(point: Point, partyIds: readonly string[], resolved: ReadonlyMap<string, ResolvedRef>): PointView {
    const { history, stances, ...rest } = point;
    return {
      ...rest,
      changes: history.length,
      stances: partyIds.flatMap((partyId) => {
        const stance = stances.find((s) => s.partyId === partyId);
        if (!stance) return [];
        return [{ ...stance, evidence: stance.evidence.map((link) => showEvidence(link, resolved.get(refKey(link)))) }];
      }),
    };
  }

  private async pointView(point: Point): Promise<PointView> {
    const parties = this.book().value.settings.parties.map((p) => p.id);
    const resolved = await this.resolve(point.stances.flatMap((s) => s.evidence));
    return this.view(point, parties, resolved);
  }

  async addPoint(input: {
    areaId: string;
    title: string;
    status?: PointStatus | undefined;
    assessment?: string | undefined;
    beforeId?: string | null | undefined;
    roundId?: string | null | undefined;
  }): Promise<PointView> {
    const ctx = this.context(input.roundId);
    const id = this.deps.ids.next('pt');
    const point = await this.change(input.areaId, (doc) => addPoint(doc.board, input, id, ctx));
    return this.pointView(point);
  }

  async updatePoint(areaId: string, pointId: string, patch: PointPatch, roundId?: string | null): Promise<PointView> {
    const ctx = this.context(roundId);
    return this.pointView(await this.change(areaId, (doc) => updatePoint(doc.board, pointId, patch, ctx)));
  }

  async setStance(
    areaId: string,
    pointId: string,
    partyId: string,
    stance: StanceRequest | null,
    roundId?: string | null,
  ): Promise<PointView> {
    const ctx = this.context(roundId);
    const { settings, positions } = this.book().value;
    assertActiveParty(settings.parties, positions.archivedParties, partyId);
    findPoint(this.areaDoc(areaId).value.board, pointId);
    if (stance !== null) assertRoundExists(positions.rounds, stance.roundId, 'The round of this stance');
    const resolved = stance === null ? new Map<string, ResolvedRef>() : await this.resolve(stance.evidence);
    const point = await this.change(areaId, (doc) => {
      if (stance === null) return setStance(doc.board, pointId, partyId, null, ctx);
      const current = findPoint(doc.board, pointId).stances.find((s) => s.partyId === partyId);
      const evidence = stance.evidence.map((ref) => linkFor(ref, resolved.get(refKey(ref)), current?.evidence ?? []));
      return setStance(doc.board, pointId, partyId, { ...stance, evidence }, ctx);
    });
    return this.pointView(point);
  }

  async movePoint(areaId: string, pointId: string, beforeId: string | null): Promise<{ areaId: string; order: string[] }> {
    const saved = await this.areaDoc(areaId).update((doc) => {
      const board = movePoint(doc.board, pointId, beforeId);
      return board === doc.board ? doc : { ...doc, board };
    });
    return { areaId, order: livePoints(saved.board).map((p) => p.id) };
  }

  async deletePoint(areaId: string, pointId: string): Promise<PointView> {
    return this.pointView(await this.change(areaId, (doc) => deletePoint(doc.board, pointId, this.deps.clock)));
  }

  async restorePoint(areaId: string, pointId: string): Promise<{ point: PointView; order: string[] }> {
    const point = await this.change(areaId, (doc) => restorePoint(doc.board, pointId, this.deps.clock));
    return { point: await this.pointView(point), order: livePoints(this.areaDoc(areaId).value.board).map((p) => p.id) };
  }

  history(areaId: string, pointId: string): PointHistory {
    const point = findPoint(this.areaDoc(areaId).value.board, pointId);
    return { areaId, pointId, title: point.title, changes: [...point.history] };
  }

  changesSince(roundId: string, areaId?: string): ChangesSinceView {
    const { rounds } = this.book().value.positions;
    if (!rounds.some((r) => r.id === roundId)) throw invalid(`The round "${roundId}" does not exist in this book.`);
    if (areaId !== undefined) this.areaDoc(areaId);
    const areas = this.areaBoards().filter((a) => a.area.archivedAt === null && (areaId === undefined || a.area.id === areaId));
    return { roundId, points: changesSince(areas, rounds, roundId) };
  }

  overview(query: OverviewQuery): OverviewView {
    const parties = this.book().value.settings.parties;
    const result = buildOverview(
      this.areaBoards(),
      parties,
      { statuses: query.statuses ?? [], priorities: query.priorities ?? [], tags: query.tags ?? [] },
      query.offset ?? 0,
      query.limit ?? DEFAULT_OVERVIEW_PAGE,
    );
    return { parties: parties.map((p) => ({ ...p })), ...result };
  }

  async evidenceCandidates(areaId: string, query: string): Promise<EvidenceCandidate[]> {
    this.areaDoc(areaId);
    const found = await this.deps.evidence.candidates(query.trim(), areaId);
    return found.slice(0, 200).map((c) => {
      const { ref: _ref, state: _state, ...rest } = sanitizeResolved({ ref: c, state: 'ok', ...c });
      return { sourceId: c.sourceId, annotationId: c.annotationId, ...rest };
    });
  }

  // ---- rounds ---------------------------------------------------------------

  rounds(): RoundsView {
    const { rounds, currentRoundId } = this.book().value.positions;
    const boards = this.deps.store.areas().map((d) => d.value.board);
    const usage = roundUsage(boards);
    const changes = changesByRound(boards);
    return { rounds: sortRounds(rounds).map((r) => withUses(r, usage, changes)), currentRoundId };
  }

  async createRound(input: RoundInput): Promise<RoundView> {
    const id = this.deps.ids.next('round');
    const out: { round?: Round } = {};
    await this.book().update((doc) => {
      const round = createRound(doc.positions.rounds, input, id, this.deps.clock);
      out.round = round;
      const rounds = [...doc.positions.rounds, round];
      return { ...doc, positions: { ...doc.positions, rounds, currentRoundId: doc.positions.currentRoundId ?? round.id } };
    });
    if (!out.round) throw new AppError('internal', 'The round was not created.');
    return withUses(out.round, new Map(), new Map());
  }

  async updateRound(id: string, patch: RoundPatch): Promise<RoundView> {
    const saved = await this.book().update((doc) => {
      const current = findRound(doc.positions.rounds, id);
      const round = updateRound(doc.positions.rounds, id, patch, this.deps.clock);
      if (round === current) return doc;
      return { ...doc, positions: { ...doc.positions, rounds: doc.positions.rounds.map((r) => (r.id === id ? round : r)) } };
    });
    const round = findRound(saved.positions.rounds, id);
    const boards = this.deps.store.areas().map((d) => d.value.board);
    return withUses(round, roundUsage(boards), changesByRound(boards));
  }

  async deleteRound(id: string): Promise<RoundsView> {
    const usage = roundUsage(this.deps.store.areas().map((d) => d.value.board));
    await this.book().update((doc) => {
      const round = findRound(doc.positions.rounds, id);
      assertRoundDeletable(round, usage.get(id) ?? 0);
      const rounds = doc.positions.rounds.filter((r) => r.id !== id);
      // The current round falls back to the latest one left.
      const currentRoundId = doc.positions.currentRoundId === id ? (sortRounds(rounds).at(-1)?.id ?? null) : doc.positions.currentRoundId;
      return { ...doc, positions: { ...doc.positions, rounds, currentRoundId } };
    });
    return this.rounds();
  }

  async setCurrentRound(id: string | null): Promise<RoundsView> {
    await this.book().update((doc) => {
      assertRoundExists(doc.positions.rounds, id);
      if (doc.positions.currentRoundId === id) return doc;
      return { ...doc, positions: { ...doc.positions, currentRoundId: id } };
    });
    return this.rounds();
  }

  // ---- parties --------------------------------------------------------------

  parties(): PartiesView {
    const { settings, positions } = this.book().value;
    const usage = partyUsage(this.deps.store.areas().map((d) => d.value.board));
    const use = (id: string) => ({ stances: usage.get(id)?.stances ?? 0, areas: usage.get(id)?.areas ?? 0 });
    return {
      active: settings.parties.map((p) => ({ id: p.id, name: p.name, ...use(p.id) })),
      archived: positions.archivedParties.map((a) => ({ id: a.id, name: a.name, archivedAt: a.archivedAt, ...use(a.id) })),
    };
  }

  async restoreParty(id: string): Promise<BookSettings> {
    const saved = await this.book().update((doc) => {
      const restored = restoreParty(doc.settings.parties, doc.positions.archivedParties, id);
      return {
        ...doc,
        settings: { ...doc.settings, parties: restored.parties, updatedAt: this.deps.clock.now() },
        positions: { ...doc.positions, archivedParties: restored.archived },
      };
    });
    return saved.settings;
  }

  archivedStances(id: string): ArchivedStancesView {
    const { positions } = this.book().value;
    if (!positions.archivedParties.some((a) => a.id === id)) throw notFound('Archived party', id);
    const stances = this.areaBoards().flatMap(({ area, board }) =>
      livePoints(board).flatMap((point) =>
        point.stances
          .filter((s) => s.partyId === id)
          .map((stance) => ({ areaId: area.id, areaTitle: area.title, pointId: point.id, pointTitle: point.title, stance })),
      ),
    );
    return { partyId: id, stances };
  }
}

function withUses(round: Round, usage: ReadonlyMap<string, number>, changes: ReadonlyMap<string, number>): RoundView {
  return { ...round, uses: usage.get(round.id) ?? 0, changes: changes.get(round.id) ?? 0 };
}

/** A stored quote as shown: what the source says now, or the last-known quote when it is gone. */
function showEvidence(link: EvidenceLink, now: ResolvedRef | undefined): ResolvedEvidence {
  if (!now || now.state === 'removed') return { ...link, state: 'removed' };
  return {
    sourceId: link.sourceId,
    annotationId: link.annotationId,
    quote: now.quote || link.quote,
    outlet: now.outlet,
    title: now.title,
    date: now.date,
    state: now.state,
  };
}

/**
 * The stored form of a cited quote: a reference plus what it resolves to now. A quote already on
 * the stance keeps its last-known text when its source is gone; a new quote must exist.
 */
function linkFor(ref: EvidenceRef, now: ResolvedRef | undefined, existing: readonly EvidenceLink[]): EvidenceLink {
  const base = { sourceId: ref.sourceId, annotationId: ref.annotationId };
  if (now && now.state !== 'removed') {
    return { ...base, quote: now.quote, outlet: now.outlet, title: now.title, date: now.date };
  }
  const known = existing.find((e) => e.sourceId === ref.sourceId && e.annotationId === ref.annotationId);
  if (known) return known;
  throw invalid(
    `The quote ${ref.annotationId} in source ${ref.sourceId} does not exist (it may have been deleted), so it cannot be cited.`,
  );
}

// Control characters are exactly what these remove.
/* eslint-disable no-control-regex */
const LINE_CONTROL = /[\u0000-\u001f\u007f]+/g;
const BLOCK_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]+/g;
/* eslint-enable no-control-regex */

function clip(text: string, max: number, control: RegExp): string {
  const clean = text.replace(control, ' ');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** What a resolver says, made to fit what a stance stores: limits, single lines, a valid date or none. */
export function sanitizeResolved(answer: ResolvedRef): ResolvedRef {
  return {
    ref: answer.ref,
    state: answer.state,
    quote: clip(answer.quote, positionLimits.quote, BLOCK_CONTROL),
    outlet: clip(answer.outlet, positionLimits.sourceLine, LINE_CONTROL),
    title: clip(answer.title, positionLimits.sourceLine, LINE_CONTROL),
    date: answer.date !== null && DateOnlySchema.safeParse(answer.date).success ? answer.date : null,
  };
}
