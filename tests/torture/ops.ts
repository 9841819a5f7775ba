import { createHash } from 'node:crypto';
import type { AreaSummary, BookState } from '../../electron/core/contract/views';
import type { Services } from '../../electron/services/container';
import { randomText, type Random } from '../reliability/random';
import type { Area } from '../../electron/core/model/book';
import { meetingsOps } from './meetingsOps';
import { boardHash, positionsOps } from './positionsOps';
import { sourcesOps } from './sourcesOps';
import type { AreaRecord, Effect, NewRecord, WindowRecord, WorkerMessage } from './protocol';

/**
 * The saves the crash-loop worker makes. Each entry names the API method (or
 * service call) it exercises, so tests/reliability/coverage.test.ts can tell
 * that every method that writes is tortured. A feature that stores new data
 * adds its saves here.
 */
export interface WorkerBook {
  /** Every area file the worker knows of, deleted ones included. */
  readonly areas: Map<string, { deleted: boolean }>;
  /** Every source the worker knows of, deleted ones included (sourcesOps.ts). */
  readonly sources: Map<string, { deleted: boolean }>;
  /** Areas (and sources, 'book', 'window') with a save under way: no second save on the same one at once. */
  readonly busy: Set<string>;
  uniq: number;
}

export interface PlannedSave {
  readonly expect: readonly Effect[];
  readonly create?: NewRecord;
  readonly reranks?: boolean;
  /** Targets to lock while it runs. */
  readonly targets: readonly string[];
  /** Runs the save; resolves with what was acknowledged. */
  run(): Promise<readonly Effect[]>;
}

export interface TortureOp {
  /** "namespace.method" of the contract, or a service call the main process makes (windowState.save). */
  readonly method: string;
  readonly weight: number;
  /** Runs alone: it may re-rank areas other saves are writing. */
  readonly exclusive: boolean;
  /** null when the op does not apply now (e.g. nothing to undelete). */
  plan(ctx: OpContext): PlannedSave | null;
}

export interface OpContext {
  readonly random: Random;
  readonly book: WorkerBook;
  readonly services: Services;
  /** Calls a contract method as the renderer does; throws with the error message on failure. */
  call<T>(channel: string, payload: unknown): Promise<T>;
  /**
   * Puts a file where the Open dialog will pick it next, for sources.importFile. Left out where the app has no
   * such folder (the power-loss test's file system is the book's own).
   */
  readonly offerFile?: (name: string, content: string) => Promise<void>;
}

export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** What the crash loop checks of an area (a stored one, or the summary a save returned). */
export function areaRecordOf(area: Area): Omit<AreaRecord, 'noteHash' | 'boardHash'> {
  return {
    title: area.title,
    status: area.status,
    priority: area.priority,
    tags: JSON.stringify(area.tags),
    archived: area.archivedAt !== null,
    deleted: area.deletedAt !== null,
    rank: area.rank,
  };
}

/** The `begin` line for a save about to run. */
export function beginMessage(op: number, kind: string, planned: PlannedSave): WorkerMessage {
  return {
    t: 'begin',
    op,
    kind,
    expect: planned.expect,
    ...(planned.create ? { create: planned.create } : {}),
    ...(planned.reranks ? { reranks: true } : {}),
  };
}

function summaryEffect(summary: AreaSummary): Effect {
  return { area: summary.id, fields: areaRecordOf(summary) };
}

export function freeAreas(ctx: OpContext, deleted: boolean): string[] {
  return [...ctx.book.areas.entries()].filter(([id, a]) => a.deleted === deleted && !ctx.book.busy.has(id)).map(([id]) => id);
}

function liveCount(ctx: OpContext): number {
  return [...ctx.book.areas.values()].filter((a) => !a.deleted).length;
}

/** A note size: mostly short, sometimes long, now and then very long. */
function noteSize(random: Random): number {
  const band = random.weighted({ small: 70, medium: 25, large: 5 });
  if (band === 'small') return random.int(0, 2_000);
  if (band === 'medium') return random.int(2_000, 50_000);
  return random.int(50_000, 400_000);
}

/** A title no other save of the run gives (the crash loop knows a new area or source by it until it is acknowledged). */
export function title(ctx: OpContext, prefix: string): string {
  ctx.book.uniq += 1;
  return `${prefix} ${ctx.random.seed.toString(36)}-${ctx.book.uniq} ${ctx.random.pick(['关税', 'tariffs', 'enforcement', 'soybeans', 'IP'])}`;
}

/** areas.delete (deleted: true) or areas.undelete (false, which may re-rank the area, so it runs alone). */
function deletion(deleted: boolean): TortureOp {
  return {
    method: deleted ? 'areas.delete' : 'areas.undelete',
    weight: 3,
    exclusive: !deleted,
    plan(ctx) {
      const candidates = freeAreas(ctx, !deleted);
      if (candidates.length === 0 || (deleted && liveCount(ctx) <= 4)) return null;
      const id = ctx.random.pick(candidates);
      return {
        expect: [{ area: id, fields: { deleted } }],
        ...(deleted ? {} : { reranks: true }),
        targets: [id],
        run: async () => {
          const summary = await ctx.call<AreaSummary>(deleted ? 'bb:areas.delete' : 'bb:areas.undelete', { id });
          const entry = ctx.book.areas.get(id);
          if (entry) entry.deleted = deleted;
          return [summaryEffect(summary)];
        },
      };
    },
  };
}

const statuses = ['open', 'progressing', 'agreed', 'stalled'] as const;
const priorities = ['high', 'medium', 'low'] as const;

export const tortureOps: Record<string, TortureOp> = {
  note: {
    method: 'notes.save',
    weight: 40,
    exclusive: false,
    plan(ctx) {
      const candidates = freeAreas(ctx, false);
      if (candidates.length === 0) return null;
      const areaId = ctx.random.pick(candidates);
      const markdown = randomText(ctx.random, noteSize(ctx.random));
      const expect: Effect[] = [{ area: areaId, fields: { noteHash: sha1(markdown) } }];
      return {
        expect,
        targets: [areaId],
        run: async () => {
          await ctx.call('bb:notes.save', { areaId, markdown });
          return expect;
        },
      };
    },
  },
  rename: {
    method: 'areas.update',
    weight: 10,
    exclusive: false,
    plan(ctx) {
      const candidates = freeAreas(ctx, false);
      if (candidates.length === 0) return null;
      const id = ctx.random.pick(candidates);
      const next = title(ctx, 'Renamed');
      return {
        expect: [{ area: id, fields: { title: next } }],
        targets: [id],
        run: async () => [summaryEffect(await ctx.call<AreaSummary>('bb:areas.update', { id, patch: { title: next } }))],
      };
    },
  },
  details: {
    method: 'areas.update',
    weight: 8,
    exclusive: false,
    plan(ctx) {
      const candidates = freeAreas(ctx, false);
      if (candidates.length === 0) return null;
      const id = ctx.random.pick(candidates);
      const patch = {
        status: ctx.random.pick(statuses),
        priority: ctx.random.pick(priorities),
        tags: Array.from({ length: ctx.random.int(0, 4) }, (_, i) => `tag-${i}-${ctx.random.int(0, 99)}`),
      };
      return {
        expect: [{ area: id, fields: { status: patch.status, priority: patch.priority, tags: JSON.stringify(patch.tags) } }],
        targets: [id],
        run: async () => [summaryEffect(await ctx.call<AreaSummary>('bb:areas.update', { id, patch }))],
      };
    },
  },
  archive: {
    method: 'areas.setArchived',
    weight: 4,
    exclusive: false,
    plan(ctx) {
      const candidates = freeAreas(ctx, false);
      if (candidates.length === 0) return null;
      const id = ctx.random.pick(candidates);
      const archived = ctx.random.chance(0.5);
      return {
        expect: [{ area: id, fields: { archived } }],
        targets: [id],
        run: async () => [summaryEffect(await ctx.call<AreaSummary>('bb:areas.setArchived', { id, archived }))],
      };
    },
  },
  delete: deletion(true),
  undelete: deletion(false),
  move: {
    method: 'areas.move',
    weight: 6,
    exclusive: true,
    plan(ctx) {
      const live = freeAreas(ctx, false);
      if (live.length < 2) return null;
      const id = ctx.random.pick(live);
      const others = live.filter((x) => x !== id);
      const beforeId = ctx.random.chance(0.2) ? null : ctx.random.pick(others);
      return {
        expect: [],
        reranks: true,
        targets: [id],
        run: async () => (await ctx.call<AreaSummary[]>('bb:areas.move', { id, beforeId })).map(summaryEffect),
      };
    },
  },
  create: {
    method: 'areas.create',
    weight: 5,
    exclusive: true,
    plan(ctx) {
      // Keep the book small enough that each kill-and-reopen stays quick.
      if (ctx.book.areas.size >= 40) return null;
      const newTitle = title(ctx, 'Area');
      const live = freeAreas(ctx, false);
      const beforeId = live.length > 0 && ctx.random.chance(0.3) ? ctx.random.pick(live) : undefined;
      return {
        expect: [],
        create: { title: newTitle },
        reranks: beforeId !== undefined,
        targets: [],
        run: async () => {
          const summary = await ctx.call<AreaSummary>('bb:areas.create', {
            title: newTitle,
            ...(beforeId ? { beforeId } : {}),
            ...(ctx.random.chance(0.5) ? { summary: randomText(ctx.random, ctx.random.int(0, 400)) } : {}),
          });
          ctx.book.areas.set(summary.id, { deleted: false });
          return [{ area: summary.id, fields: { ...areaRecordOf(summary), noteHash: sha1(''), boardHash: boardHash([]) } }];
        },
      };
    },
  },
  settings: {
    method: 'book.updateSettings',
    weight: 5,
    exclusive: false,
    plan(ctx) {
      if (ctx.book.busy.has('book')) return null;
      const field = ctx.random.pick(['title', 'marking'] as const);
      const value = field === 'title' ? title(ctx, 'Book') : `MARKING ${ctx.random.int(0, 1e6)}`;
      return {
        expect: [{ book: { [field]: value } }],
        targets: ['book'],
        run: async () => {
          const settings = await ctx.call<{ title: string; marking: string }>('bb:book.updateSettings', { [field]: value });
          return [{ book: { title: settings.title, marking: settings.marking } }];
        },
      };
    },
  },
  window: {
    method: 'windowState.save',
    weight: 3,
    exclusive: false,
    plan(ctx) {
      if (ctx.book.busy.has('window')) return null;
      const r = ctx.random;
      const state: WindowRecord = {
        x: r.int(-200, 3000),
        y: r.int(0, 1500),
        width: r.int(400, 3000),
        height: r.int(300, 2000),
        maximized: r.chance(0.2),
      };
      return {
        expect: [{ window: state }],
        targets: ['window'],
        run: async () => {
          const { maximized, ...bounds } = state;
          await ctx.services.windowState.save({ bounds, maximized });
          return [{ window: state }];
        },
      };
    },
  },
  // ---- positions (issue 5): boards in the area files, rounds in book.json ----
  ...positionsOps,
  ...meetingsOps,
  ...sourcesOps,
};

/** The areas of an open book, for the worker's own bookkeeping. */
export function bookFromState(state: BookState): WorkerBook {
  return { areas: new Map(state.areas.map((a) => [a.id, { deleted: false }])), sources: new Map(), busy: new Set(), uniq: 0 };
}
