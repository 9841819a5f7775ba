import type { Candidates, IndexQuery, SearchDocument } from '../../core/search/engine';
import type { IndexCore } from './indexCore';
/** How the error starts when a file is not a usable index (not SQLite, not an index, another version, damaged). */
export const INDEX_UNUSABLE = 'The search index file cannot be used';

/** How an error starts when the index's file was found damaged after it was opened: the index is closed. */
export const INDEX_DAMAGED = 'The search index is damaged';

/** What opening the index found: every document it holds, with its stamp. */
export interface IndexOpened {
  readonly entries: readonly (readonly [string, string])[];
}

/**
 * Where the index lives. The app runs it in a worker thread (WorkerIndexHost), so indexing a large
 * book never holds up the main process; InProcessIndexHost runs the same code on the calling thread
 * for command-line tools. Both take and give plain data.
 */
export interface IndexHost {
  /** Opens the index kept in the file at `path` (made if missing; refused if unusable), or one in memory for null. */
  open(path: string | null): Promise<IndexOpened>;
  upsert(docs: readonly SearchDocument[]): Promise<void>;
  remove(keys: readonly string[]): Promise<void>;
  candidates(query: IndexQuery, limit: number): Promise<Candidates>;
  /** Merges the index and gives freed space back (after a first build). */
  compact(): Promise<void>;
  /** Documents written to the index since it was opened. */
  written(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The index on the calling thread, for command-line tools. SQLite is loaded on first use, so the main process of
 * the app, whose index lives in the worker, never loads it.
 */
export class InProcessIndexHost implements IndexHost {
  private loaded: Promise<IndexCore> | null = null;
  private core(): Promise<IndexCore> {
    this.loaded ??= import('./indexCore').then(({ IndexCore }) => new IndexCore());
    return this.loaded;
  }
  async open(path: string | null) {
    return (await this.core()).open(path);
  }
  async upsert(docs: readonly SearchDocument[]) {
    (await this.core()).upsert(docs);
  }
  async remove(keys: readonly string[]) {
    (await this.core()).remove(keys);
  }
  async candidates(query: IndexQuery, limit: number) {
    return (await this.core()).candidates(query, limit);
  }
  async compact() {
    (await this.core()).compact();
  }
  async written() {
    return this.loaded ? (await this.loaded).written() : 0;
  }
  async close() {
    if (this.loaded) (await this.loaded).close();
  }
}
