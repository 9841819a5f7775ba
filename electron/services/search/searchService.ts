import { performance } from 'node:perf_hooks';
import { answerQuery, resolveFilters, type ResolvedFilters, type Vocabulary } from '../../core/search/answer';
import { indexQueryOf, type Candidates, type SearchDocument } from '../../core/search/engine';
import type { SearchKind } from '../../core/search/kinds';
import { isEmptyQuery, parseQuery, type ParsedQuery } from '../../core/search/query';
import type { SearchRequest, SearchResponse, SearchStatus } from '../../core/search/schemas';
import type { IndexCache } from './indexCache';
import { INDEX_DAMAGED, INDEX_UNUSABLE, type IndexHost } from './indexHost';
import type { SearchProvider } from './provider';

export interface SearchServiceDeps {
  readonly providers: readonly SearchProvider[];
  /** Starts the index (a worker thread in the app). */
  readonly host: () => IndexHost;
  /** Where the index is kept between runs; null to keep it in memory and rebuild it at every start. */
  readonly cache: IndexCache | null;
  /** False when the book could not be opened: nothing is indexed, and the cache is left alone. */
  readonly available: () => boolean;
  /** Quiet time after the last change before it is indexed (INDEX_DELAY_MS unless a test says otherwise). */
  readonly indexDelayMs?: number;
}

/**
 * Text per batch sent to the index, so that queries get answered between batches while a large book is indexed,
 * and so that handing a batch to the worker (a copy, on the main thread) never holds up a save for long.
 */
const BATCH_CHARS = 2_000_000;
const BATCH_DOCS = 200;
/** Changes are indexed after this long without another one, and never later than INDEX_WAIT_MAX_MS after the first. */
const INDEX_DELAY_MS = 300;
const INDEX_WAIT_MAX_MS = 2_000;
/** Results per kind when the query does not ask for one kind, and when it does. */
const PER_KIND = 5;
const PER_KIND_ONE = 50;
/** Candidates asked of the index, at most, per kind. */
const CANDIDATES = 60;
/**
 * Candidates whose text is checked (phrases, Chinese runs of three or more), at most, per query. The index
 * matches phrases and runs by their terms' positions, so nearly every candidate passes; the check confirms
 * what the terms cannot tell (a word cut at its 40th letter), and finds where to highlight.
 */
const CHECK_BUDGET = 30;
/** A start that indexed at least this many documents (a first build) merges the index afterwards. */
const COMPACT_FROM = 1_000;

/**
 * Full-text search over every provider's documents. The index lives in a worker thread; this service
 * feeds it (everything at start, then each change as the store commits it) and answers queries: parse,
 * resolve filters, ask the index for candidates, check phrases and Chinese runs on the text, build snippets.
 * See docs/decisions/0003-search-index.md.
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
  private stopping = false;
  /** The index was found damaged after it was opened: everything is being indexed again. */
  private rebuilding = false;
  private readonly byKind = new Map<SearchKind, SearchProvider[]>();
  private startup = { fromCache: 0, indexed: 0, removed: 0, written: 0, cacheError: null as string | null, firstMs: 0, ms: 0 };

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

  /** Resolves once the index kept from the last run is open and answering (before it is checked against the book). */
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
   * How the last start went: documents found in the index, indexed again, dropped; documents written to the index
   * (none when everything was in place: a restart is not a rebuild); how long until the kept index answered
   * (`firstMs`) and until it held every document of the book (`ms`).
   */
  startupReport(): Readonly<typeof this.startup> {
    return { ...this.startup };
  }

  /** Documents written to the index since this run opened it: counted by the index itself. */
  async indexWrites(): Promise<number> {
    await this.prepared;
    return this.host ? this.host.written() : 0;
  }

  /** The index's database file, if it is kept between runs. */
  cacheFile(): string | null {
    return this.deps.cache?.file ?? null;
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
   * Opens the index kept from the last run (it answers from then on), then brings it up to date with the book:
   * only what changed while the app was closed (a restored backup, a hand edit) is indexed again, and what is gone
   * is dropped. A first start indexes everything, with queries answered between batches and the status saying how
   * far it got.
   */
  private async prepare(): Promise<void> {
    const host = this.host;
    if (!host) return;
    const started = performance.now();
    const { cache } = this.deps;
    if (cache) await cache.prepare();
    const opened = await this.open(host);
    if (opened.error) console.warn(`[briefing] search index not used (${opened.error}); re-indexing.`);
    const known = new Map(opened.entries);
    this.startup.firstMs = performance.now() - started;
    this.status = known.size > 0 ? { state: 'ready', indexed: known.size, total: known.size, message: null } : this.status;
    this.markFirstReady();

    const current = await this.stampsNow();
    const stale = [...known.keys()].filter((key) => !current.has(key));
    const todo = [...current].filter(([key, stamp]) => known.get(key) !== stamp).map(([key]) => key);
    if (stale.length > 0) await host.remove(stale);
    this.startup = {
      ...this.startup,
      fromCache: known.size - stale.length,
      indexed: todo.length,
      removed: stale.length,
      cacheError: opened.error,
    };
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
    if (todo.length >= COMPACT_FROM) await host.compact();
    this.startup.written = await host.written();
    this.startup.ms = performance.now() - started;
    this.status = { state: 'ready', indexed: this.status.total, total: this.status.total, message: null };
  }

  /**
   * Opens the index. A file that cannot be used (not an index, another version, damaged) is removed and a new one
   * made: it is a cache, and the book is indexed again.
   */
  private async open(host: IndexHost): Promise<{ entries: readonly (readonly [string, string])[]; error: string | null }> {
    const { cache } = this.deps;
    try {
      return { ...(await host.open(cache?.file ?? null)), error: null };
    } catch (error) {
      if (!cache || !(isDamaged(error) || messageOf(error).startsWith(INDEX_UNUSABLE))) throw error;
      await cache.remove();
      return { ...(await host.open(cache.file)), error: messageOf(error) };
    }
  }

  /**
   * The index's file turned out damaged after it was opened (it is only checked in part then: a full check takes
   * seconds on a large book), and the index was closed. The file is removed and a new one made; everything is
   * indexed again, the status says so, and searches answer from what is in so far.
   */
  private reindexAll(error: unknown): void {
    console.warn(`[briefing] search: ${messageOf(error)} Indexing the book again.`);
    if (this.rebuilding || this.stopping) return;
    this.rebuilding = true;
    this.status = { state: 'indexing', indexed: 0, total: this.status.total, message: null };
    // In order with every other change, so that idle() and the next search wait for it.
    const { cache } = this.deps;
    const host = this.host;
    this.work = this.work
      .then(async () => {
        if (!cache || !host) return;
        await cache.remove();
        await host.open(cache.file);
      })
      .then(() => this.stampsNow())
      .then((current) => {
        this.status = { ...this.status, total: current.size };
        for (const key of current.keys()) this.queued.add(key);
        this.drain();
      })
      .catch((e: unknown) => this.fail(e));
  }

  /** Loads documents in batches of bounded size and hands them to the index; keys no provider has are removed. */
  private async indexKeys(keys: readonly string[], progress: (n: number) => void = () => undefined): Promise<void> {
    const host = this.host;
    if (!host) return;
    const { groups, orphans } = this.route(keys);
    if (orphans.length > 0) await host.remove(orphans);
    // The next batch is read while the index thread writes the last one.
    let writing: Promise<void> = Promise.resolve();
    const write = async (batch: SearchDocument[]) => {
      await writing;
      writing = host.upsert(batch);
      // Its failure is thrown where it is awaited (before the next write, or at the end), not reported unhandled
      // while the next batch is read.
      writing.catch(() => undefined);
    };
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
            await write(batch.splice(0));
            chars = 0;
          }
        }
        if (batch.length > 0) await write(batch);
        const gone = slice.filter((k) => !found.has(k));
        if (gone.length > 0) {
          await writing;
          await host.remove(gone);
        }
        progress(slice.length);
        i += slice.length;
      }
    }
    await writing;
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
          await this.indexKeys(keys, (n) => {
            if (this.rebuilding) this.status = { ...this.status, indexed: Math.min(this.status.total, this.status.indexed + n) };
          });
        }
        if (this.rebuilding && this.queued.size === 0) {
          this.rebuilding = false;
          this.status = { state: 'ready', indexed: this.status.total, total: this.status.total, message: null };
        }
      })
      .catch((error: unknown) => {
        if (isDamaged(error)) {
          this.rebuilding = false;
          this.reindexAll(error);
        } else console.error('[briefing] search update:', error);
      })
      .finally(() => {
        this.draining = false;
        if (this.queued.size > 0) this.changed([]);
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
    let candidates: Candidates;
    try {
      candidates = await host.candidates(indexQueryOf(parsed, resolved.filters), Math.max(perKind * 2, CANDIDATES));
    } catch (error) {
      // While it is made again after damage, the index answers nothing (the status says it is indexing).
      if (!isDamaged(error) && !this.rebuilding) throw error;
      this.reindexAll(error);
      return [];
    }
    return answerQuery(parsed, candidates, (keys) => this.load(keys), {
      perKind,
      checkBudget: Math.max(CHECK_BUDGET, perKind * 2),
    });
  }

  /** Stops indexing and closes the index (every change indexed so far is in its file already) and its thread. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    for (const off of this.unsubscribe.splice(0)) off();
    if (this.indexTimer) clearTimeout(this.indexTimer);
    this.indexTimer = null;
    await this.prepared;
    await this.work.catch(() => undefined);
    await this.host?.close();
    this.host = null;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isDamaged(error: unknown): boolean {
  return messageOf(error).startsWith(INDEX_DAMAGED);
}
