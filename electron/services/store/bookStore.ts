import type { StoreNotice } from '../../core/contract/views';
import { AppError } from '../../core/errors';
import { areaKind, bookKind, type AreaDoc, type BookDoc } from '../../core/persistence/documents';
import type { StoredDocument } from './document';
import type { DataFolder } from './dataFolder';
import { loadFolderDocuments } from './loadFolder';
import { writeFileDurably } from './durableWrite';
import { storageError } from './storageError';

export const BOOK_FILE = 'book.json';
export const AREAS_DIR = 'areas';
/** Written before the sample book's first file and removed after its last (book.json): its presence means a first run was cut short. */
export const SAMPLE_MARKER = '.sample-book-pending';

export interface OpenResult {
  /** No book file and no areas: a new data folder. */
  readonly empty: boolean;
  /** The sample book was being written when the app stopped: finish it rather than report a lost book file. */
  readonly sampleInterrupted?: boolean;
}

/**
 * The book on disk. Layout (see docs/decisions/0001-store-layout.md):
 *   book.json            settings and parties
 *   areas/<id>.json      one issue area with its briefing note
 *   corrupt/             files that could not be read, moved aside
 * Each change rewrites one small file, so a save costs the same in a small
 * book and in a large one.
 */
export class BookStore {
  private bookDoc: StoredDocument<BookDoc> | null = null;
  private readonly areaDocs = new Map<string, StoredDocument<AreaDoc>>();
  /** Ids whose files exist but cannot be used (newer version or damaged). They are never written. */
  private readonly reservedIds = new Set<string>();
  /** The book file is there but could not be read or moved aside: it is never replaced. */
  private bookFileKept = false;
  /** Told about every committed change to an area file (search keeps its index up to date this way). */
  private readonly areaWatchers = new Set<(doc: AreaDoc) => void>();
  private readonly areaChanged = (doc: AreaDoc): void => {
    this.changes += 1;
    for (const watcher of this.areaWatchers) watcher(doc);
  };
  /** Told about every committed change to the book file (search re-lists rounds and renamed parties). */
  private readonly bookWatchers = new Set<(doc: BookDoc) => void>();
  private readonly bookChanged = (doc: BookDoc): void => {
    this.changes += 1;
    for (const watcher of this.bookWatchers) watcher(doc);
  };
  private changes = 0;

  constructor(private readonly folder: DataFolder) {}

  get dataDir(): string {
    return this.folder.dir;
  }

  /** Changes whenever anything read from the folder may have changed: a committed write, a reset, an open. */
  get revision(): number {
    return this.changes;
  }

  /** Reads everything. Damaged files are set aside and reported; a newer book file stops the open. */
  async open(): Promise<OpenResult> {
    const { folder } = this;
    this.changes += 1;
    // Errors here are the file system's own: the book service words them for the user.
    await folder.retryRead(() => folder.fs.mkdir(folder.dir));
    await folder.removeTempFiles('');
    await folder.removeTempFiles(AREAS_DIR);

    const areaNames = await folder.listJson(AREAS_DIR);
    const book = await folder.load(BOOK_FILE, bookKind);
    const marker = await folder.exists(SAMPLE_MARKER);
    if (book.kind === 'missing' && areaNames.length === 0) return { empty: true };
    if (marker && book.kind !== 'missing') await this.endSample();
    if (book.kind === 'newer') throw new AppError('newer_version', `This book cannot be opened: ${book.message}`);
    if (book.kind === 'ok') this.bookDoc = folder.document(BOOK_FILE, bookKind, book.doc, this.bookChanged);
    if (book.kind === 'set-aside') this.bookFileKept = await folder.exists(BOOK_FILE).catch(() => true);

    const loaded = await loadFolderDocuments(
      folder,
      AREAS_DIR,
      areaNames,
      areaKind,
      (doc) => ({ id: doc.area.id, title: doc.area.title, what: 'issue-area' }),
      this.areaChanged,
    );
    for (const [id, doc] of loaded.docs) this.areaDocs.set(id, doc);
    for (const id of loaded.reserved) this.reservedIds.add(id);
    return { empty: false, sampleInterrupted: marker && book.kind === 'missing' };
  }

  /** Marks the folder as holding a sample book being written (see SAMPLE_MARKER). */
  async beginSample(): Promise<void> {
    this.folder.assertWritable();
    try {
      await writeFileDurably(this.folder.fs, this.folder.path(SAMPLE_MARKER), new Uint8Array(), this.folder.durable);
    } catch (error) {
      throw storageError('write', SAMPLE_MARKER, error);
    }
  }

  /** The sample book is complete (its book.json is durable): the marker goes. A marker left behind is removed at the next open. */
  async endSample(): Promise<void> {
    await this.folder.fs.unlink(this.folder.path(SAMPLE_MARKER)).catch(() => undefined);
  }

  notices(): StoreNotice[] {
    return this.folder.notices();
  }

  get hasBook(): boolean {
    return this.bookDoc !== null;
  }

  book(): StoredDocument<BookDoc> {
    if (!this.bookDoc) throw new AppError('internal', 'The book has not been opened.');
    return this.bookDoc;
  }

  areas(): StoredDocument<AreaDoc>[] {
    return [...this.areaDocs.values()];
  }

  area(id: string): StoredDocument<AreaDoc> | undefined {
    return this.areaDocs.get(id);
  }

  /** Calls `watcher` with each new value of the book file once committed. Returns an unsubscribe. */
  watchBook(watcher: (doc: BookDoc) => void): () => void {
    this.bookWatchers.add(watcher);
    return () => this.bookWatchers.delete(watcher);
  }

  /** Calls `watcher` with each area document whose new value has been committed. Returns an unsubscribe. */
  watchAreas(watcher: (doc: AreaDoc) => void): () => void {
    this.areaWatchers.add(watcher);
    return () => this.areaWatchers.delete(watcher);
  }

  isIdTaken(id: string): boolean {
    return this.areaDocs.has(id) || this.reservedIds.has(id);
  }

  /**
   * Writes a new book file (first run, or after the old one was set aside). The book is
   * usable in memory even when the write fails. A book file that could not be read or
   * moved aside is never replaced: then the new settings stay in memory, read-only.
   */
  async createBook(doc: BookDoc): Promise<void> {
    this.folder.assertWritable();
    const created = this.folder.document(BOOK_FILE, bookKind, doc, this.bookChanged);
    this.bookDoc = created;
    if (this.bookFileKept) {
      created.setReadOnly(`${BOOK_FILE} could not be opened and was left as it is, so it is not replaced`);
      throw new AppError(
        'storage',
        `Book settings cannot be saved: ${BOOK_FILE} could not be opened and was left as it is, so that nothing in it is lost. Restart Briefing Book to try again; if this comes back, move ${BOOK_FILE} out of the data folder.`,
      );
    }
    await created.persist();
  }

  /** Writes a new area file. Resolves once it is durable. */
  async createArea(doc: AreaDoc): Promise<StoredDocument<AreaDoc>> {
    this.folder.assertWritable();
    const id = doc.area.id;
    if (this.isIdTaken(id)) throw new AppError('conflict', `An issue area with id ${id} already exists.`);
    try {
      await this.folder.ensureFolder(AREAS_DIR);
    } catch (error) {
      throw storageError('create folder', AREAS_DIR, error);
    }
    const rel = `${AREAS_DIR}/${id}.json`;
    // Watchers (search) hear of the new area only once it is in the book: not of a create that is taken back.
    let inBook = false;
    const created = this.folder.document(rel, areaKind, doc, (value) => {
      if (inBook) this.areaChanged(value);
    });
    this.reservedIds.add(id);
    try {
      await this.folder.persistNew(created, rel, () => {
        this.areaDocs.set(id, created);
        inBook = true;
        this.areaChanged(created.value);
      });
    } finally {
      this.reservedIds.delete(id);
    }
    this.areaDocs.set(id, created);
    inBook = true;
    this.areaChanged(created.value);
    return created;
  }

  /** Nothing at all may be written to this folder (its book could not be opened). */
  refuseWrites(reason: AppError): void {
    this.folder.refuseWrites(reason);
  }

  /** Waits for every queued write, then refuses new ones. */
  async close(): Promise<void> {
    this.folder.close();
    await this.idle();
  }

  /** Forgets everything read, so that open() reads the folder again (after a snapshot was restored). Call after close(). */
  reset(): void {
    this.changes += 1;
    this.bookDoc = null;
    this.areaDocs.clear();
    this.reservedIds.clear();
    this.bookFileKept = false;
    this.folder.reset();
  }

  async idle(): Promise<void> {
    await Promise.all([...[...this.areaDocs.values()].map((d) => d.idle()), this.bookDoc?.idle()]);
  }
}
