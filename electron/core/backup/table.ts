import { AREA_FORMAT, BOOK_FORMAT, WINDOW_FORMAT } from '../persistence/documents';
import { SNAPSHOT_FORMAT, SOURCE_FORMAT } from '../persistence/sourceDocuments';

/**
 * Which stored files make up a book, for the portable archive and the
 * automatic snapshots. Every document kind of persistence/documents.ts must
 * appear here once: either as an entry (its files go into every archive and
 * snapshot) or as an exclusion with the reason. A test enumerates
 * `documentKinds`, so a new kind without a line here fails.
 *
 * To add a kind (sources, snapshots of articles, boards, rounds...): add one
 * entry with the folder it lives in and the pattern of its file names.
 */
export interface BackupEntry {
  /** The document kind's format, e.g. "briefing-book/area". */
  readonly format: string;
  /** Folder inside the data folder ('' for the top level). */
  readonly dir: string;
  /** The file names of this kind inside `dir`. Anchored; never matches a path separator. */
  readonly file: RegExp;
  /** Files written before this rank's files when restoring (lower first). The book file goes last: it marks a complete folder. */
  readonly restoreOrder: number;
  /** How the archive's README describes these files. */
  readonly description: string;
}

export interface BackupExclusion {
  readonly format: string;
  readonly reason: string;
}

/** Ids as the services make them: lowercase letters, digits and dashes (see IdSchema). */
const ID_JSON = /^[a-z0-9][a-z0-9-]{0,63}\.json$/;

export const backupEntries: readonly BackupEntry[] = [
  {
    format: AREA_FORMAT,
    dir: 'areas',
    file: ID_JSON,
    restoreOrder: 10,
    description: 'one issue area with its briefing note',
  },
  // Sources (issue 3): an article's text is written before its details, as the app writes them.
  {
    format: SNAPSHOT_FORMAT,
    dir: 'sources',
    file: /^[a-z0-9][a-z0-9-]{0,63}\.snapshot\.json$/,
    restoreOrder: 4,
    description: "a source article's text as imported (written once, never changed)",
  },
  {
    format: SOURCE_FORMAT,
    dir: 'sources',
    file: ID_JSON,
    restoreOrder: 6,
    description: "a source article's details and annotations",
  },
  {
    format: BOOK_FORMAT,
    dir: '',
    file: /^book\.json$/,
    restoreOrder: 100,
    description: 'the book settings: title, classification marking, prepared for/by, parties',
  },
];

export const backupExclusions: readonly BackupExclusion[] = [
  { format: WINDOW_FORMAT, reason: 'the window size and position belong to this computer, not to the book' },
];

/** The folder-relative path of a file, "areas/x.json" or "book.json". */
export function entryPath(entry: BackupEntry, name: string): string {
  return entry.dir ? `${entry.dir}/${name}` : name;
}

/** Which entry a folder-relative path belongs to, or null when it is not part of a book. */
export function entryForPath(path: string): BackupEntry | null {
  const slash = path.lastIndexOf('/');
  const dir = slash < 0 ? '' : path.slice(0, slash);
  const name = slash < 0 ? path : path.slice(slash + 1);
  return backupEntries.find((e) => e.dir === dir && e.file.test(name)) ?? null;
}
