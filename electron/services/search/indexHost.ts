import type { Candidates, IndexQuery, SearchDocument } from '../../core/search/engine';
import { SearchIndex } from '../../core/search/engine';

export interface LoadOutcome {
  /** Key and stamp of every document in the loaded index (empty when nothing was loaded). */
  readonly entries: readonly (readonly [string, string])[];
  /** Why a persisted index could not be used, if one was given. */
  readonly error: string | null;
}

/**
 * Where the index lives. The app runs it in a worker thread (WorkerIndexHost), so indexing a large
 * book never holds up the main process; InProcessIndexHost runs the same code on the calling thread
 * for command-line tools. Both take and give plain data.
 */
export interface IndexHost {
  /** Starts from a persisted index (UTF-8 JSON), or empty when null or unusable. */
  load(serialized: Uint8Array | null): Promise<LoadOutcome>;
  upsert(docs: readonly SearchDocument[]): Promise<void>;
  remove(keys: readonly string[]): Promise<void>;
  candidates(query: IndexQuery, limit: number): Promise<Candidates>;
  /** The index as UTF-8 JSON, for the cache file. */
  serialize(): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** The index operations, on whatever thread calls them (the worker uses this too). */
export class IndexCore {
  private index = SearchIndex.empty();

  load(serialized: Uint8Array | null): LoadOutcome {
    this.index = SearchIndex.empty();
    if (!serialized) return { entries: [], error: null };
    try {
      this.index = SearchIndex.load(new TextDecoder().decode(serialized));
      return { entries: this.index.entries(), error: null };
    } catch (error) {
      return { entries: [], error: error instanceof Error ? error.message : String(error) };
    }
  }

  upsert(docs: readonly SearchDocument[]): void {
    this.index.upsert(docs);
  }

  remove(keys: readonly string[]): void {
    this.index.remove(keys);
  }

  candidates(query: IndexQuery, limit: number): Candidates {
    return this.index.candidates(query, limit);
  }

  serialize(): Uint8Array {
    return new TextEncoder().encode(this.index.serialize());
  }
}

export class InProcessIndexHost implements IndexHost {
  private readonly core = new IndexCore();
  async load(serialized: Uint8Array | null) {
    return this.core.load(serialized);
  }
  async upsert(docs: readonly SearchDocument[]) {
    this.core.upsert(docs);
  }
  async remove(keys: readonly string[]) {
    this.core.remove(keys);
  }
  async candidates(query: IndexQuery, limit: number) {
    return this.core.candidates(query, limit);
  }
  async serialize() {
    return this.core.serialize();
  }
  async close() {
    // Nothing to stop.
  }
}
