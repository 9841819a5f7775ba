import type { Candidates, IndexQuery, SearchDocument } from '../../../core/search/engine';
import type { ShardLoad } from '../../../core/search/shards';
import type { ShardBytes } from '../indexHost';

/** Messages between the search service and its worker thread. Each request gets one reply with the same id. */
export type WorkerRequest =
  | { readonly id: number; readonly op: 'loadShard'; readonly shard: number; readonly serialized: Uint8Array | null }
  | { readonly id: number; readonly op: 'loadedAll' }
  | { readonly id: number; readonly op: 'upsert'; readonly docs: readonly SearchDocument[] }
  | { readonly id: number; readonly op: 'remove'; readonly keys: readonly string[] }
  | { readonly id: number; readonly op: 'candidates'; readonly query: IndexQuery; readonly limit: number }
  | { readonly id: number; readonly op: 'serialize'; readonly all: boolean };

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: ShardLoad | Candidates | ShardBytes[] | null }
  | { readonly id: number; readonly ok: false; readonly error: string };
