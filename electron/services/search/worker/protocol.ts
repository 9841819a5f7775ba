import type { Candidates, IndexQuery, SearchDocument } from '../../../core/search/engine';
import type { IndexOpened } from '../indexHost';

/** Messages between the search service and its worker thread. Each request gets one reply with the same id. */
export type WorkerRequest =
  | { readonly id: number; readonly op: 'open'; readonly path: string | null }
  | { readonly id: number; readonly op: 'upsert'; readonly docs: readonly SearchDocument[] }
  | { readonly id: number; readonly op: 'remove'; readonly keys: readonly string[] }
  | { readonly id: number; readonly op: 'candidates'; readonly query: IndexQuery; readonly limit: number }
  | { readonly id: number; readonly op: 'compact' }
  | { readonly id: number; readonly op: 'written' }
  | { readonly id: number; readonly op: 'close' };

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: IndexOpened | Candidates | number | null }
  | { readonly id: number; readonly ok: false; readonly error: string };
