/**
 * What the crash-loop worker (a child process running the real services) and
 * the parent that kills it say to each other, one JSON object per line.
 *
 * The parent sends one Start line on stdin. The worker then reports, on stdout:
 *   - `booted` once the store is open;
 *   - `begin` before each save, with what the files will hold if it lands
 *     (so a save under way at the moment of the kill may or may not be there);
 *   - `ack` once the save resolved (it is then acknowledged and must survive);
 *   - `fail` if a save was refused (on a healthy disk that is a bug).
 * Pipes are written synchronously on Linux and macOS, so a line written before
 * the SIGKILL reaches the parent.
 */

/** What the parent checks of each issue area. */
export interface AreaRecord {
  readonly title: string;
  readonly status: string;
  readonly priority: string;
  /** JSON of the tag list. */
  readonly tags: string;
  readonly archived: boolean;
  readonly deleted: boolean;
  readonly rank: string;
  /** sha1 of the note's Markdown. */
  readonly noteHash: string;
  /** sha1 of the positions board as the board view shows it (positionsRecord.ts). */
  readonly boardHash: string;
}

export interface BookRecord {
  readonly title: string;
  readonly marking: string;
  /** sha1 of the rounds and the current round (positionsRecord.ts). */
  readonly roundsHash: string;
  /** sha1 of the meetings and timeline events as a user sees them (meetingsOps.ts). */
  readonly meetingsHash: string;
}

/** What the parent checks of each source of the library (sourcesOps.ts). */
export interface SourceRecord {
  readonly title: string;
  /** sha1 of its metadata and of the hash of its text, as the library shows them (tests/reliability/observe.ts). */
  readonly metaHash: string;
  /** sha1 of its live annotations as the reader shows them: colour, comment, linked areas and quote, in stored order. */
  readonly annotationsHash: string;
  readonly deleted: boolean;
}

export interface WindowRecord {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

/** A value any landing save could have given a field (a move or undelete re-ranks areas the worker cannot foresee). */
export const ANY = '*';

/** What one save writes: fields of an area, of a source, of the book settings, or the window state. */
export type Effect =
  | { readonly area: string; readonly fields: Partial<Record<keyof AreaRecord, string | boolean>> }
  | { readonly source: string; readonly fields: Partial<Record<keyof SourceRecord, string | boolean>> }
  | { readonly book: Partial<BookRecord> }
  | { readonly window: WindowRecord };

/** Something a save creates whose id the service chooses, known to the parent by its unique title until acknowledged. */
export interface NewRecord {
  readonly title: string;
  /** A source of the library (an import), not an issue area. */
  readonly source?: true;
}

export interface Start {
  readonly dataDir: string;
  readonly seed: number;
  /** Saves run side by side, as the app's autosave and the renderer's other calls do. */
  readonly lanes: number;
  /** Areas the parent knows to be deleted (book.open lists only the others), so undelete can reach them. */
  readonly deleted: readonly string[];
  /** Sources the parent knows to be deleted (sources.list lists only the others), so sources.undelete can reach them. */
  readonly deletedSources: readonly string[];
  /** A folder outside the book where the worker puts the files its Open dialog picks (sources.importFile). */
  readonly importDir: string;
  /** The app's search runs as it does in the app: in a worker thread, with its index cached between runs. */
  readonly searchWorker: string;
  readonly searchCacheDir: string;
  /**
   * Only for the tests that prove the loop can fail: a store that acknowledges before its
   * rename has happened ('early-ack'), or one that rewrites files in place ('in-place').
   */
  readonly sabotage?: 'early-ack' | 'in-place';
  /** With sabotage: only the files of this folder of the book are written the broken way (e.g. 'sources'). */
  readonly sabotageFolder?: string;
}

export type WorkerMessage =
  | { readonly t: 'booted' }
  | {
      readonly t: 'begin';
      readonly op: number;
      readonly kind: string;
      /** Fields the save may leave behind if it lands. */
      readonly expect: readonly Effect[];
      /** A new area, or a new source when `source` is set: its title (the id is chosen by the service). */
      readonly create?: NewRecord;
      /** Every area's rank may change (move, undelete, create before another area). */
      readonly reranks?: boolean;
    }
  | { readonly t: 'ack'; readonly op: number; readonly effects: readonly Effect[]; readonly bytes: number }
  | { readonly t: 'fail'; readonly op: number; readonly message: string }
  | { readonly t: 'error'; readonly message: string };
