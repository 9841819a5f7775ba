import type { Candidates, IndexQuery, SearchDocument } from '../../core/search/engine';
import { ShardedIndex, type ShardLoad } from '../../core/search/shards';

/** One shard of the index as persisted: its number and its UTF-8 JSON. */
export interface ShardBytes {
  readonly shard: number;
  readonly bytes: Uint8Array;
}

/**
 * Where the index lives. The app runs it in a worker thread (WorkerIndexHost), so indexing a large
 * book never holds up the main process; InProcessIndexHost runs the same code on the calling thread
 * for command-line tools. Both take and give plain data.
 */
export interface IndexHost {
  /** Loads one shard from its persisted form (UTF-8 JSON), or empty when null or unusable. The bytes may be taken over. */
  loadShard(shard: number, serialized: Uint8Array | null): Promise<ShardLoad>;
  /** Every shard has been loaded or has none persisted: shards still missing start empty. */
  loadedAll(): Promise<void>;
  upsert(docs: readonly SearchDocument[]): Promise<void>;
  remove(keys: readonly string[]): Promise<void>;
  candidates(query: IndexQuery, limit: number): Promise<Candidates>;
  /** The shards changed since they were last serialized (every shard when `all`), for the cache. */
  serialize(all: boolean): Promise<ShardBytes[]>;
  close(): Promise<void>;
}

/** The index operations, on whatever thread calls them (the worker uses this too). */
export class IndexCore {
  private readonly index = new ShardedIndex();

  loadShard(shard: number, serialized: Uint8Array | null): ShardLoad {
    return this.index.load(shard, serialized ? new TextDecoder().decode(serialized) : null);
  }

  loadedAll(): void {
    this.index.loadedAll();
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

  serialize(all: boolean): ShardBytes[] {
    const encoder = new TextEncoder();
    return this.index.serializeDirty(all).map(({ shard, json }) => ({ shard, bytes: encoder.encode(json) }));
  }
}

export class InProcessIndexHost implements IndexHost {
  private readonly core = new IndexCore();
  async loadShard(shard: number, serialized: Uint8Array | null) {
    return this.core.loadShard(shard, serialized);
  }
  async loadedAll() {
    this.core.loadedAll();
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
  async serialize(all: boolean) {
    return this.core.serialize(all);
  }
  async close() {
    // Nothing to stop.
  }
}
