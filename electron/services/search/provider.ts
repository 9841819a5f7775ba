import type { Vocabulary } from '../../core/search/answer';
import type { SearchDocument } from '../../core/search/engine';
import type { SearchKind } from '../../core/search/kinds';

/**
 * A search provider makes one part of the book searchable. It lists what it has (keys and
 * stamps, cheaply), hands over full documents when asked, and says which keys changed. The
 * search service does the rest: indexing off the main thread, persisting the index, answering
 * queries. See DEVELOPERS.md, "Adding a search provider".
 */
export interface SearchProvider {
  /** The kinds whose keys (`${kind}:${id}`) this provider owns. */
  readonly kinds: readonly SearchKind[];
  /** Every current document's key and stamp. A stamp changes whenever the document's content does. */
  stamps(): Promise<ReadonlyMap<string, string>>;
  /** The documents for these keys, bodies included. A key that no longer exists is left out. */
  documents(keys: readonly string[]): Promise<SearchDocument[]>;
  /** Calls `listener` with keys whose documents were added, changed or removed. Returns an unsubscribe. */
  subscribe(listener: (keys: readonly string[]) => void): () => void;
  /** Names that filters (area:, party:) are resolved against, if this provider knows any. */
  vocabulary?(): Partial<Vocabulary>;
}
