import { performance } from 'node:perf_hooks';
import { answerQuery, resolveFilters, type ResolvedFilters, type Vocabulary } from '../../core/search/answer';
import { indexQueryOf, type SearchDocument } from '../../core/search/engine';
import type { SearchKind } from '../../core/search/kinds';
import { SHARD_COUNT, shardOfKey } from '../../core/search/shards';
import { isEmptyQuery, parseQuery, type ParsedQuery } from '../../core/search/query';
import type { SearchRequest, SearchResponse, SearchStatus } from '../../core/search/schemas';
import { warmUpQueries } from '../../core/search/warmUp';
import type { IndexCache } from './indexCache';
import type { IndexHost } from './indexHost';
import type { SearchProvider } from './provider';

export interface SearchServiceDeps {
  readonly providers: readonly SearchProvider[];
  /** Starts the index (a worker thread in the app). */
  readonly host: () => IndexHost;
  /** Where the index is persisted between runs; null to rebuild at every start. */
  readonly cache: IndexCache | null;
  /** False when the book could not be opened: nothing is indexed, and the cache is left alone. */
  readonly available: () => boolean;
  /**
   * Quiet time after the last change before the index is written to the cache. Writing a very large
   * index keeps the worker busy for a second or two, so it waits for a pause in the work.
   */
  readonly saveDelayMs?: number;
  /** Quiet time after the last change before it is indexed (INDEX_DELAY_MS unless a test says otherwise). */
  readonly indexDelayMs?: number;
  /** Books with at least this many documents get the warm-up searches (WARM_UP_FROM unless a test says otherwise). */
  readonly warmUpFrom?: number;
}

/**
 * Text per batch sent to the index, so that queries get answered between batches while a large book is indexed,
 * and so that handing a batch to the worker (a copy, on the main thread) never holds up a save for long.
 */
const BATCH_CHARS = 400_000;
const BATCH_DOCS = 200;
/** Changes are indexed after this long without another one, and never later than INDEX_WAIT_MAX_MS after the first. */
const INDEX_DELAY_MS = 300;
const INDEX_WAIT_MAX_MS = 2_000;
/** Results per kind when the query does not ask for one kind, and when it does. */
const PER_KIND = 5;
const PER_KIND_ONE = 50;
/** Candidates asked of the index, at most, per kind. */
const CANDIDATES = 300;
/**
 * Candidates whose text is checked (phrases, Chinese runs of three or more), at most, per query:
 * each check reads a document and scans it, so this bounds a query's time on the largest book.
 */
const CHECK_BUDGET = 30;
/**
 * The warm-up searches are run for books of this many documents or more. On a smaller book even a search whose
 * code is not compiled yet takes a few milliseconds, and the app (and the many books the tests open) need not wait.
 */
const WARM_UP_FROM = 1_000;

/**
 * Full-text search over every provider's documents. The index lives in a worker thread; this service
 * feeds it (everything at start, then each change as the store commits it), persists it after a quiet
 * moment, and answers queries: parse, resolve filters, ask the index for candidates, check phrases and
 * Chinese runs on the text, build snippets. See docs/decisions/0003-search-index.md.
 */
export class SearchService {
  private host: IndexHost | null = null;
  private status: SearchStatus = { state: 'starting', indexed: 0, total: 0, message: null };
  private readonly queued = new Set<string>();
  private work: Promise<void> = Promise.resolve();
  private draining = false;
  private indexTimer: ReturnType<typeof setTimeout> | null = null;
  private queuedSince: number | null = null;
  private prepared: Promise<void> = Promise.resolve();
  private firstReady: Promise<void> = Promise.resolve();
  private markFirstReady: () => void = () => undefined;
  private unsubscribe: (() => void)[] = [];
  private dirty = false;
  private saveFailed = false;
  private saving: Promise<void> = Promise.resolve();
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private stopping = false;
  private readonly byKind = new Map<SearchKind, SearchProvider[]>();
  private startup = { fromCache: 0, indexed: 0, removed: 0, cacheError: null as string | null, firstMs: 0, ms: 0, warmUpQueries: 0 };

  constructor(private readonly deps: SearchServiceDeps) {
    for (const provider of deps.providers)
      for (const kind of provider.kinds) this.byKind.set(kind, [...(this.byKind.get(kind) ?? []), provider]);
  }

  /** Starts the index and begins loading it in the background; never throws. */
  async boot(): Promise<void> {
    if (!this.deps.available()) {
      this.status = { state: 'failed', indexed: 0, total: 0, message: 'The book could not be opened, so it cannot be searched.' };
      return;
    }
    try {
      this.host = this.deps.host();
    } catch (error) {
      this.fail(error);
      return;
    }
    for (const provider of this.deps.providers) {
      this.unsubscribe.push(provider.subscribe((keys) => this.changed(keys)));
    }
    this.firstReady = new Promise<void>((resolve) => {
      this.markFirstReady = resolve;
    });
    this.prepared = this.prepare()
      .catch((error: unknown) => this.fail(error))
      .finally(() => this.markFirstReady());
  }

  private fail(error: unknown): void {
    const detail = error instanceof Error ? error.message : String(error);
    console.error('[briefing] search:', error);
    this.status = { ...this.status, state: 'failed', message: `Search is not available: ${detail}. Restart Briefing Book to try again.` };
  }

  /** Resolves once the head shard is in: issue areas, positions, rounds and the title of everything answer. */
  whenFirstReady(): Promise<void> {
    return this.firstReady;
  }

  /** Resolves once the index holds every document that existed at start. */
  whenReady(): Promise<void> {
    return this.prepared;
  }

  /** Resolves once every change so far is in the index. */
  async idle(): Promise<void> {
    await this.prepared;
    await this.caughtUp();
  }

  /**
   * How the last start went: documents taken from the cache, indexed again, dropped; how long until the
   * head shard answered (areas and every title: `firstMs`) and until every document was in (`ms`); how many
   * warm-up searches ran after that (`warmUpQueries`).
   */
  startupReport(): Readonly<typeof this.startup> {
    return { ...this.startup };
  }

  /** The cache's folder of shards, if the index is persisted. */
  cacheFolder(): string | null {
    return this.deps.cache?.folder ?? null;
  }

  currentStatus(): SearchStatus {
    return { ...this.status };
  }

  private async stampsNow(): Promise<Map<string, string>> {
    const all = new Map<string, string>();
    for (const provider of this.deps.providers) for (const [key, stamp] of await provider.stamps()) all.set(key, stamp);
    return all;
  }

  /**
   * Loads the persisted index shard by shard (the head first: areas and the titles of everything answer
   * as soon as it is in; then the bodies, with queries answered between shards and the status saying how
   * far it got), then brings it up to date with the book: only what changed is indexed again.
   */
  private async prepare(): Promise<void> {
    const host = this.host;
    if (!host) return;
    const started = performance.now();
    const current = await this.stampsNow();
    const perShard = new Array<number>(SHARD_COUNT).fill(0);
    for (const key of current.keys()) perShard[shardOfKey(key)] = (perShard[shardOfKey(key)] ?? 0) + 1;
    const known = new Map<string, string>();
    let stubbed = new Set<string>();
    const errors: string[] = [];
    let anyPersisted = false;
    this.status = { state: 'indexing', indexed: 0, total: current.size, message: null };
    for (let shard = 0; shard < SHARD_COUNT && !this.stopping; shard += 1) {
      const serialized = this.deps.cache ? await this.deps.cache.read(shard) : null;
      anyPersisted ||= serialized !== null;
      const loaded = await host.loadShard(shard, serialized);
      if (loaded.error) errors.push(`shard ${shard}: ${loaded.error}`);
      for (const [key, stamp] of loaded.entries) known.set(key, stamp);
      if (shard === 0) stubbed = new Set(loaded.stubbed);
      this.status = { ...this.status, indexed: this.status.indexed + (perShard[shard] ?? 0) };
      if (shard === 0) {
        this.startup.firstMs = performance.now() - started;
        this.markFirstReady();
      }
    }
    await host.loadedAll();
    if (errors.length > 0) console.warn(`[briefing] search cache partly not used (${errors.join('; ')}); re-indexing.`);
    const stale = [...known.keys()].filter((key) => !current.has(key));
    // Also a long document whose title stand-in is missing from the head (the head's file was lost).
    const todo = [...current]
      .filter(([key, stamp]) => known.get(key) !== stamp || (shardOfKey(key) !== 0 && !stubbed.has(key)))
      .map(([key]) => key);
    if (stale.length > 0) await host.remove(stale);
    this.startup = {
      ...this.startup,
      fromCache: known.size - stale.length,
      indexed: todo.length,
      removed: stale.length,
      cacheError: errors.length > 0 ? errors.join('; ') : null,
    };
    this.dirty = stale.length > 0 || todo.length > 0 || (anyPersisted && errors.length > 0);
    this.status = {
      state: todo.length > 0 ? 'indexing' : 'ready',
      indexed: current.size - todo.length,
      total: current.size,
      message: null,
    };
    await this.indexKeys(todo, (n) => {
      this.status = { ...this.status, indexed: this.status.indexed + n };
    });
    if (this.stopping) return;
    this.startup.ms = performance.now() - started;
    this.status = { state: 'ready', indexed: this.status.total, total: this.status.total, message: null };
    if (this.dirty) this.scheduleSave();
    if (current.size >= (this.deps.warmUpFrom ?? WARM_UP_FROM)) await this.warmUp([...current.keys()]);
  }

  /**
   * A few searches of the service's own once the index is complete, with words from the book's own documents, so
   * that the code answering a search, here and in the index thread, is compiled before the user's first one (on
   * the benchmark's large book the first ten searches after a start took 15–30 ms, the ones after them 5–10).
   * A search the user makes meanwhile is answered between them. Best effort: a failure here is not reported.
   */
  private async warmUp(keys: readonly string[]): Promise<void> {
    const spread = (list: readonly string[], count: number) =>
      Array.from({ length: Math.min(count, list.length) }, (_, i) => list[Math.floor((i * list.length) / count)] ?? '');
    const picked = [
      ...spread(
        keys.filter((k) => shardOfKey(k) !== 0),
        4,
      ),
      ...spread(
        keys.filter((k) => shardOfKey(k) === 0),
        2,
      ),
    ];
    this.startup.warmUpQueries = 0;
    try {
      const docs = await this.load(picked);
      for (const query of warmUpQueries([...docs.values()])) {
        if (this.stopping || !this.host) return;
        // As a user's search is answered, less the wait for pending changes: those wait for the start-up to end.
        const parsed = parseQuery(query);
        const resolved = resolveFilters(parsed, this.vocabulary());
        if (!isEmptyQuery(parsed) && !resolved.impossible) await this.answer(parsed, resolved, undefined);
        this.startup.warmUpQueries += 1;
      }
    } catch {
      // Only a warm-up: the user's own searches report their errors.
    }
  }

  /** Loads documents in batches of bounded size and hands them to the index; keys no provider has are removed. */
  private async indexKeys(keys: readonly string[], progress: (n: number) => void = () => undefined): Promise<void> {
    const host = this.host;
    if (!host) return;
    const { groups, orphans } = this.route(keys);
    if (orphans.length > 0) await host.remove(orphans);
    for (const [kind, list] of groups) {
      for (let i = 0; i < list.length && !this.stopping;) {
        const slice = list.slice(i, i + BATCH_DOCS);
        const docs = await this.documentsOf(kind, slice);
        const found = new Set(docs.map((d) => d.key));
        const batch: SearchDocument[] = [];
        let chars = 0;
        for (const doc of docs) {
          batch.push(doc);
          chars += (doc.fields.text?.length ?? 0) + (doc.fields.title?.length ?? 0);
          if (chars >= BATCH_CHARS) {
            await host.upsert(batch.splice(0));
            chars = 0;
          }
        }
        if (batch.length > 0) await host.upsert(batch);
        const gone = slice.filter((k) => !found.has(k));
        if (gone.length > 0) await host.remove(gone);
        progress(slice.length);
        i += slice.length;
      }
    }
  }

  private changed(keys: readonly string[]): void {
    for (const key of keys) this.queued.add(key);
    if (this.draining || this.queued.size === 0) return;
    // Indexing waits for a pause in the saves (an autosave every second while typing, a burst of edits), so it
    // never competes with them for the disk and the cores; it waits no longer than INDEX_WAIT_MAX_MS in all.
    // A query, and idle(), start it at once.
    this.queuedSince ??= performance.now();
    if (this.indexTimer) clearTimeout(this.indexTimer);
    const wait = Math.min(this.deps.indexDelayMs ?? INDEX_DELAY_MS, Math.max(0, this.queuedSince + INDEX_WAIT_MAX_MS - performance.now()));
    this.indexTimer = setTimeout(() => this.drain(), wait);
    this.indexTimer.unref();
  }

  /** Indexes every queued change now, in order with the start-up load and every other change. */
  private drain(): void {
    if (this.indexTimer) clearTimeout(this.indexTimer);
    this.indexTimer = null;
    this.queuedSince = null;
    if (this.draining || this.queued.size === 0) return;
    this.draining = true;
    // After the start-up load, and once the store has finished the operation that made the change (a new
    // area is listed only after its file is written).
    this.work = this.work
      .then(() => this.prepared)
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(async () => {
        while (this.queued.size > 0 && this.host) {
          const keys = [...this.queued];
          this.queued.clear();
          await this.indexKeys(keys);
          this.dirty = true;
        }
      })
      .catch((error: unknown) => console.error('[briefing] search update:', error))
      .finally(() => {
        this.draining = false;
        if (this.queued.size > 0) this.changed([]);
        else if (this.dirty && !this.stopping) this.scheduleSave();
      });
  }

  /** Resolves once every change so far is in the index (those waiting for a pause are indexed now). */
  private async caughtUp(): Promise<void> {
    this.drain();
    let seen: Promise<void> | null = null;
    while (seen !== this.work) {
      seen = this.work;
      await seen;
    }
  }

  private scheduleSave(): void {
    if (!this.deps.cache) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.saving = this.saving.then(() => this.save());
    }, this.deps.saveDelayMs ?? 30_000);
    this.saveTimer.unref();
  }

  private async save(): Promise<void> {
    const { cache } = this.deps;
    if (!cache || !this.host || !this.dirty) return;
    this.dirty = false;
    try {
      // Only the shards that changed since the last save.
      const all = this.saveFailed;
      this.saveFailed = false;
      for (const { shard, bytes } of await this.host.serialize(all)) await cache.write(shard, bytes);
    } catch (error) {
      this.dirty = true;
      // The shards count as written once serialized: the next save writes them all.
      this.saveFailed = true;
      // A cache that cannot be written costs a rebuild at the next start, nothing more.
      console.warn(`[briefing] the search index could not be saved to ${cache.folder}:`, error);
    }
  }

  private vocabulary(): Vocabulary {
    const areas: Vocabulary['areas'][number][] = [];
    const parties: Vocabulary['parties'][number][] = [];
    for (const provider of this.deps.providers) {
      const v = provider.vocabulary?.();
      if (v?.areas) areas.push(...v.areas);
      if (v?.parties) parties.push(...v.parties);
    }
    return { areas, parties };
  }

  /** Keys grouped by kind; keys of a kind no provider has are orphans. */
  private route(keys: readonly string[]): { groups: Map<SearchKind, string[]>; orphans: string[] } {
    const groups = new Map<SearchKind, string[]>();
    const orphans: string[] = [];
    for (const key of keys) {
      const kind = key.slice(0, key.indexOf(':')) as SearchKind;
      const list = groups.get(kind);
      if (list) list.push(key);
      else if (this.byKind.has(kind)) groups.set(kind, [key]);
      else orphans.push(key);
    }
    return { groups, orphans };
  }

  /** The documents of one kind; several providers may share a kind, each giving the keys it has. */
  private async documentsOf(kind: SearchKind, keys: readonly string[]): Promise<SearchDocument[]> {
    const out: SearchDocument[] = [];
    for (const provider of this.byKind.get(kind) ?? []) out.push(...(await provider.documents(keys)));
    return out;
  }

  private async load(keys: readonly string[]): Promise<ReadonlyMap<string, SearchDocument>> {
    const out = new Map<string, SearchDocument>();
    for (const [kind, list] of this.route(keys).groups) for (const doc of await this.documentsOf(kind, list)) out.set(doc.key, doc);
    return out;
  }

  async query(request: SearchRequest): Promise<SearchResponse> {
    const started = performance.now();
    const parsed = parseQuery(request.query);
    const resolved = resolveFilters(parsed, this.vocabulary());
    const respond = (groups: SearchResponse['groups']): SearchResponse => ({
      query: request.query,
      groups,
      chips: resolved.chips,
      problems: [...parsed.problems],
      status: this.currentStatus(),
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    });
    if (!this.host || this.status.state === 'failed' || isEmptyQuery(parsed) || resolved.impossible) return respond([]);
    // Changes made just before the query (a save, a delete) are in the index before it is asked.
    if (this.status.state === 'ready') await this.caughtUp();
    return respond(await this.answer(parsed, resolved, request.perKind));
  }

  /** Candidates from the index, checked and given snippets, in groups by kind. */
  private async answer(
    parsed: ParsedQuery,
    resolved: ResolvedFilters,
    askedPerKind: number | undefined,
  ): Promise<SearchResponse['groups']> {
    const host = this.host;
    if (!host) return [];
    const oneKind = resolved.filters.kinds.length === 1;
    const perKind = askedPerKind ?? (oneKind ? PER_KIND_ONE : PER_KIND);
    const candidates = await host.candidates(indexQueryOf(parsed, resolved.filters), Math.max(perKind, CANDIDATES));
    return answerQuery(parsed, candidates, (keys) => this.load(keys), {
      perKind,
      checkBudget: Math.max(CHECK_BUDGET, perKind * 2),
    });
  }

  /** Stops indexing, writes the index if it changed, and stops the worker. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    for (const off of this.unsubscribe.splice(0)) off();
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (this.indexTimer) clearTimeout(this.indexTimer);
    this.indexTimer = null;
    await this.prepared;
    await this.work.catch(() => undefined);
    await this.saving;
    await this.save();
    await this.host?.close();
    this.host = null;
  }
}
