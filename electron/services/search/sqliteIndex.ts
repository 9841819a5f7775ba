import { DatabaseSync, type DatabaseSyncInstance, type StatementSyncInstance } from '@photostructure/sqlite';
import {
  fieldBoost,
  INDEX_VERSION,
  tagKey,
  termStream,
  type Candidate,
  type Candidates,
  type IndexFilters,
  type IndexPhrase,
  type IndexQuery,
  type SearchDocument,
} from '../../core/search/engine';
import type { SearchKind } from '../../core/search/kinds';
import { INDEX_UNUSABLE } from './indexHost';

/**
 * The full-text index: SQLite's FTS5 over the term streams of this app's own tokenizer (core/search/engine.ts),
 * so folding, Chinese character pairs and the query language stay the app's. One database file per book, outside
 * the book folder; SQLite writes only the pages a change touches, and a restart opens the file as it is, with
 * nothing to load. It runs in the search worker thread (and, for command-line tools, on the calling thread).
 * See docs/decisions/0003-search-index.md.
 *
 * - `doc` holds each document's key, kind, stamp, date and ranking weight; `facet` its areas, tags and parties,
 *   for the filters.
 * - `fts` is a contentless FTS5 table (it keeps the index, not the text: snippets are built from the providers'
 *   current text) with the text column first, so the postings of the long bodies carry no column number.
 *   Positions are kept, so phrases and Chinese runs are matched by the index itself, exactly.
 */

/**
 * `hashsize`: FTS5 keeps this much of a transaction's new postings in memory before writing them out as a segment
 * (1 MB by default). A first build, written in batches of a few MB of text, then writes one segment per batch
 * rather than several, and has less to merge.
 */
const SCHEMA = `
CREATE TABLE doc(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, stamp TEXT NOT NULL, date TEXT, weight REAL NOT NULL);
CREATE TABLE facet(name TEXT NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (name, doc)) WITHOUT ROWID;
CREATE INDEX facet_doc ON facet(doc);
CREATE VIRTUAL TABLE fts USING fts5(text, title, tags, tokenize = 'ascii', content = '', contentless_delete = 1);
INSERT INTO fts(fts, rank) VALUES ('hashsize', ${32 * 1024 * 1024});
`;

/** Marks a database as this app's search index (PRAGMA application_id): another SQLite file is not taken for one. */
const APPLICATION_ID = 0x42425349;
/** SQLite's page cache for the index, in KiB (hot postings stay in memory between queries). */
const CACHE_KIB = 16_384;
/** Statements kept prepared (queries differ by their number of filters). */
const STATEMENTS_KEPT = 64;

/** A phrase in FTS5's query syntax. Terms hold only letters, digits and CJK characters, so quoting is enough. */
function ftsPhrase(phrase: IndexPhrase): string {
  // (Asking for the exact form beside the prefix, to rank a word above longer words, doubled the time of a query.)
  return `"${phrase.terms.join(' ')}"${phrase.prefix ? '*' : ''}`;
}

function ftsAny(phrases: readonly IndexPhrase[]): string {
  return phrases.map(ftsPhrase).join(' OR ');
}

type Row = Readonly<Record<string, unknown>>;

/** A row as the binding gives it (typed `any` there). */
function rowOf(value: unknown): Row | undefined {
  return typeof value === 'object' && value !== null ? (value as Row) : undefined;
}

function rowsOf(values: unknown): Row[] {
  if (!Array.isArray(values)) return [];
  const out: Row[] = [];
  for (const value of values as unknown[]) {
    const row = rowOf(value);
    if (row) out.push(row);
  }
  return out;
}

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/** SQLite's result codes for a damaged file: SQLITE_CORRUPT and SQLITE_NOTADB (their extended codes share the low byte). */
const DAMAGE_CODES: ReadonlySet<number> = new Set([11, 26]);

/** True for an error that says the index's file is damaged (found by a query or a write, after it was opened). */
export function isDamage(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { errcode?: unknown }).errcode;
  return typeof code === 'number' && DAMAGE_CODES.has(code & 0xff);
}

export class SqliteIndex {
  private readonly statements = new Map<string, StatementSyncInstance>();
  /** Documents written since the index was opened (added, changed or removed). */
  private writes = 0;

  private constructor(private readonly db: DatabaseSyncInstance) {}

  /**
   * Opens the index at `path` (made if missing or empty), or an index in memory when `path` is null. A file that is
   * not a usable index of this version (not SQLite, not an index, another version, damaged where it is first read)
   * is left as it is and refused with INDEX_UNUSABLE: the search service removes it (through the app's file port)
   * and opens again.
   */
  static open(path: string | null): SqliteIndex {
    if (path === null) return SqliteIndex.create(new DatabaseSync(':memory:'));
    const db = new DatabaseSync(path);
    try {
      return SqliteIndex.existing(db) ?? SqliteIndex.create(db);
    } catch (error) {
      if (db.isOpen) db.close();
      throw new Error(`${INDEX_UNUSABLE}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  /** The index in `db` if it is one of this version; null for a new, empty file; throws for anything else. */
  private static existing(db: DatabaseSyncInstance): SqliteIndex | null {
    const value = (pragma: string) => Number(Object.values(rowOf(db.prepare(`PRAGMA ${pragma}`).get()) ?? {})[0] ?? 0);
    const version = value('user_version');
    const app = value('application_id');
    if (version === 0 && app === 0) {
      const tables = rowOf(db.prepare('SELECT count(*) AS n FROM sqlite_schema').get());
      if (Number(tables?.['n'] ?? 0) === 0) return null;
    }
    if (app !== APPLICATION_ID) throw new Error('not a search index');
    if (version !== INDEX_VERSION) throw new Error(`index version ${version}, expected ${INDEX_VERSION}`);
    const index = new SqliteIndex(db);
    index.configure();
    // Reads the schema and a page of each table: a file damaged there fails now, not at the first query.
    if (index.size < 0) throw new Error('index size');
    db.prepare("SELECT rowid FROM fts WHERE fts MATCH 'a' LIMIT 1").all();
    return index;
  }

  private static create(db: DatabaseSyncInstance): SqliteIndex {
    const index = new SqliteIndex(db);
    index.configure();
    db.exec('BEGIN');
    db.exec(SCHEMA);
    db.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
    db.exec(`PRAGMA user_version = ${INDEX_VERSION}`);
    db.exec('COMMIT');
    return index;
  }

  private configure(): void {
    // WAL with synchronous = NORMAL: a commit appends its pages to the -wal file without waiting for the disk, so the
    // index never competes with the user's saves for fsync; an app crash loses nothing committed, and a power loss
    // at most the last changes, never the file's consistency (they are indexed again from the stamps). The -wal file
    // is cut back after checkpoints; closing checkpoints it to empty.
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec('PRAGMA synchronous = NORMAL');
    this.db.exec(`PRAGMA journal_size_limit = ${4 * 1024 * 1024}`);
    this.db.exec(`PRAGMA cache_size = -${CACHE_KIB}`);
    this.db.exec('PRAGMA busy_timeout = 2000');
  }

  private statement(sql: string): StatementSyncInstance {
    let found = this.statements.get(sql);
    if (!found) {
      if (this.statements.size >= STATEMENTS_KEPT) this.statements.clear();
      found = this.db.prepare(sql);
      this.statements.set(sql, found);
    }
    return found;
  }

  get size(): number {
    return Number(rowOf(this.statement('SELECT count(*) AS n FROM doc').get())?.['n'] ?? 0);
  }

  /** Documents written since the index was opened: a restart that found everything in place writes none. */
  get written(): number {
    return this.writes;
  }

  /** Every indexed key with its stamp. */
  entries(): [string, string][] {
    return rowsOf(this.statement('SELECT key, stamp FROM doc ORDER BY id').all()).map((row) => [String(row['key']), String(row['stamp'])]);
  }

  stampOf(key: string): string | undefined {
    const row = rowOf(this.statement('SELECT stamp FROM doc WHERE key = ?').get(key));
    return row ? String(row['stamp']) : undefined;
  }

  private transaction(work: () => void): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      work();
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Adds documents, replacing any earlier version of each, in one transaction. */
  upsert(docs: readonly SearchDocument[]): void {
    if (docs.length === 0) return;
    const find = this.statement('SELECT id FROM doc WHERE key = ?');
    const forget = this.statement('DELETE FROM fts WHERE rowid = ?');
    const unfacet = this.statement('DELETE FROM facet WHERE doc = ?');
    const update = this.statement('UPDATE doc SET kind = ?, stamp = ?, date = ?, weight = ? WHERE id = ?');
    const insert = this.statement('INSERT INTO doc(key, kind, stamp, date, weight) VALUES (?, ?, ?, ?, ?) RETURNING id');
    const text = this.statement('INSERT INTO fts(rowid, text, title, tags) VALUES (?, ?, ?, ?)');
    const facet = this.statement('INSERT OR IGNORE INTO facet(name, doc) VALUES (?, ?)');
    // Tokenised before the transaction: the index is locked only while it is written.
    const streams = docs.map((doc) => [
      termStream(doc.fields.text ?? ''),
      termStream(doc.fields.title ?? ''),
      termStream(doc.fields.tags ?? ''),
    ]);
    this.transaction(() => {
      docs.forEach((doc, i) => {
        const date = doc.date === null ? null : doc.date.slice(0, 10);
        const known = rowOf(find.get(doc.key));
        let id: number;
        if (known) {
          id = Number(known['id']);
          forget.run(id);
          unfacet.run(id);
          update.run(doc.kind, doc.stamp, date, doc.weight, id);
        } else {
          id = Number(rowOf(insert.get(doc.key, doc.kind, doc.stamp, date, doc.weight))?.['id']);
        }
        const [body = '', title = '', tags = ''] = streams[i] ?? [];
        text.run(id, body, title, tags);
        for (const area of doc.areaIds) facet.run(`a:${area}`, id);
        for (const tag of doc.tags) facet.run(`t:${tagKey(tag)}`, id);
        for (const party of doc.parties) facet.run(`p:${party}`, id);
      });
    });
    this.writes += docs.length;
  }

  remove(keys: readonly string[]): void {
    const find = this.statement('SELECT id FROM doc WHERE key = ?');
    const forget = this.statement('DELETE FROM fts WHERE rowid = ?');
    const unfacet = this.statement('DELETE FROM facet WHERE doc = ?');
    const drop = this.statement('DELETE FROM doc WHERE id = ?');
    let removed = 0;
    this.transaction(() => {
      for (const key of keys) {
        const known = rowOf(find.get(key));
        if (!known) continue;
        const id = Number(known['id']);
        forget.run(id);
        unfacet.run(id);
        drop.run(id);
        removed += 1;
      }
    });
    this.writes += removed;
  }

  /**
   * Merges the index into one segment and gives the freed pages back to the disk: after a first build (written in
   * many small transactions), the file is about a tenth smaller and queries read fewer segments.
   */
  compact(): void {
    this.db.exec("INSERT INTO fts(fts) VALUES ('optimize')");
    this.db.exec('VACUUM');
    this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  }

  /** Matching documents, best first: at most `perKind` of each kind, and how many matched in all. */
  candidates(query: IndexQuery, perKind: number): Candidates {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const filters = filterSql(query.filters);
    let matches: string;
    if (query.required.length > 0) {
      const required = query.required.map(ftsPhrase).join(' AND ');
      const match = query.excluded.length > 0 ? `(${required}) NOT (${ftsAny(query.excluded)})` : required;
      params.push(match, ...filters.params);
      where.push('fts MATCH ?', ...filters.where);
      const { text, title, tags } = fieldBoost;
      // bm25() is lower for better matches; the score is higher for them.
      matches = `SELECT d.key, d.kind, coalesce(d.date, '') AS date, -bm25(fts, ${text}, ${title}, ${tags}) * d.weight AS score
        FROM fts JOIN doc d ON d.id = fts.rowid WHERE ${where.join(' AND ')}`;
    } else {
      params.push(...filters.params);
      where.push(...filters.where);
      if (query.excluded.length > 0) {
        where.push('d.id NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)');
        params.push(ftsAny(query.excluded));
      }
      matches = `SELECT d.key, d.kind, coalesce(d.date, '') AS date, 0 AS score FROM doc d WHERE ${where.length > 0 ? where.join(' AND ') : '1'}`;
    }
    // Ranked by score; without words to rank by, the newest first.
    const order = query.required.length > 0 ? 'score DESC, key' : 'date DESC, key';
    const sql = `SELECT key, kind, date, score, n FROM (
        SELECT key, kind, date, score, row_number() OVER (PARTITION BY kind ORDER BY ${order}) AS r, count(*) OVER (PARTITION BY kind) AS n
        FROM (${matches})
      ) WHERE r <= ? ORDER BY ${order}`;
    params.push(perKind);
    const rows = rowsOf(this.statement(sql).all(...params));
    const byKind: Partial<Record<SearchKind, number>> = {};
    const hits: Candidate[] = [];
    for (const row of rows) {
      const kind = String(row['kind']) as SearchKind;
      byKind[kind] = Number(row['n']);
      hits.push({ key: String(row['key']), kind, score: Number(row['score']), date: String(row['date']) });
    }
    const total = Object.values(byKind).reduce((sum, n) => sum + n, 0);
    return { hits, total, byKind };
  }

  /**
   * Closes the index, its -wal file checkpointed to empty first. (The binding finalises prepared statements only
   * when they are collected, so SQLite may keep the connection, and the -wal and -shm files, until then.)
   */
  close(): void {
    this.statements.clear();
    if (!this.db.isOpen) return;
    try {
      this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }
}

function filterSql(f: IndexFilters): { where: string[]; params: string[] } {
  const where: string[] = [];
  const params: string[] = [];
  if (f.kinds.length > 0) {
    where.push(`d.kind IN (${placeholders(f.kinds.length)})`);
    params.push(...f.kinds);
  }
  const facet = (names: readonly string[]) => {
    if (names.length === 0) return;
    where.push(`EXISTS (SELECT 1 FROM facet f WHERE f.doc = d.id AND f.name IN (${placeholders(names.length)}))`);
    params.push(...names);
  };
  facet(f.areaIds.map((a) => `a:${a}`));
  facet(f.tags.map((t) => `t:${tagKey(t)}`));
  facet(f.parties.map((p) => `p:${p}`));
  if (f.from !== null) {
    where.push('d.date >= ?');
    params.push(f.from);
  }
  if (f.to !== null) {
    where.push('d.date <= ?');
    params.push(f.to);
  }
  return { where, params };
}
