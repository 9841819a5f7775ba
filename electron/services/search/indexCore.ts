import type { Candidates, IndexQuery, SearchDocument } from '../../core/search/engine';
import { INDEX_DAMAGED, type IndexOpened } from './indexHost';
import { isDamage, SqliteIndex } from './sqliteIndex';

/** The index operations, on whatever thread calls them (the worker uses this too). */
export class IndexCore {
  private index: SqliteIndex | null = null;
  private path: string | null = null;

  /**
   * Runs an operation on the open index. Damage found on the way (the file was only checked in part when it was
   * opened: a full check takes seconds on a large book) closes the index and says so: the service removes the file
   * and opens a new one.
   */
  private use<T>(operation: (index: SqliteIndex) => T): T {
    const index = this.index;
    if (!index) throw new Error('the search index is not open');
    try {
      return operation(index);
    } catch (error) {
      if (!isDamage(error) || this.path === null) throw error;
      index.close();
      this.index = null;
      throw new Error(`${INDEX_DAMAGED}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  open(path: string | null): IndexOpened {
    this.index?.close();
    this.index = null;
    this.index = SqliteIndex.open(path);
    this.path = path;
    return { entries: this.use((i) => i.entries()) };
  }

  upsert(docs: readonly SearchDocument[]): void {
    this.use((index) => index.upsert(docs));
  }

  remove(keys: readonly string[]): void {
    this.use((index) => index.remove(keys));
  }

  candidates(query: IndexQuery, limit: number): Candidates {
    return this.use((index) => index.candidates(query, limit));
  }

  compact(): void {
    this.use((index) => index.compact());
  }

  written(): number {
    return this.index?.written ?? 0;
  }

  close(): void {
    this.index?.close();
    this.index = null;
  }
}
