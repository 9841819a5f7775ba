import { AppError } from '../../core/errors';
import { snapshotKind, sourceKind, type SnapshotDoc, type SourceDoc } from '../../core/persistence/sourceDocuments';
import type { StoredDocument } from '../store/document';
import type { DataFolder } from '../store/dataFolder';
import { loadFolderDocuments } from '../store/loadFolder';
import { StorageFailure, storageError } from '../store/storageError';

export const SOURCES_DIR = 'sources';
const SNAPSHOT_SUFFIX = '.snapshot.json';
/** Snapshots kept in memory after they were read (the articles opened last). */
const SNAPSHOT_CACHE = 24;

export type SnapshotResult =
  { readonly kind: 'ok'; readonly doc: SnapshotDoc } | { readonly kind: 'unavailable'; readonly message: string };

/**
 * Sources on disk:
 *   sources/<id>.json            metadata and annotations (a StoredDocument, rewritten on change)
 *   sources/<id>.snapshot.json   the article body, written once at import and never again
 * Opening reads only the small metadata files; a body is read when its article is opened.
 */
export class SourceStore {
  private readonly docs = new Map<string, StoredDocument<SourceDoc>>();
  private readonly reservedIds = new Set<string>();
  private readonly snapshots = new Map<string, SnapshotDoc>();
  /** Snapshot files already reported as holding another source's text. */
  private readonly reported = new Set<string>();
  /** Told about every committed change to a source file, and (with null) when the library was read again. */
  private readonly watchers = new Set<(doc: SourceDoc | null) => void>();
  private readonly changed = (doc: SourceDoc | null): void => {
    for (const watcher of this.watchers) watcher(doc);
  };
  /** Set by reset(): the next open() is a reading again, and watchers are told once it is done. */
  private reread = false;

  constructor(private readonly folder: DataFolder) {}

  async open(): Promise<void> {
    const { folder } = this;
    await folder.removeTempFiles(SOURCES_DIR);
    const names = (await folder.listJson(SOURCES_DIR)).filter((n) => !n.endsWith(SNAPSHOT_SUFFIX));
    const loaded = await loadFolderDocuments(
      folder,
      SOURCES_DIR,
      names,
      sourceKind,
      (doc) => ({
        id: doc.source.id,
        title: doc.source.title,
        what: 'source',
      }),
      this.changed,
    );
    for (const [id, doc] of loaded.docs) this.docs.set(id, doc);
    for (const id of loaded.reserved) this.reservedIds.add(id);
    if (this.reread) {
      this.reread = false;
      this.changed(null);
    }
  }

  /**
   * Calls `watcher` with each source document whose new value has been committed (an import, an edit of its
   * details or annotations, a delete), and with null after the library was read again from disk (a restored
   * snapshot). Returns an unsubscribe. Search keeps its index of sources and annotations up to date this way.
   */
  watch(watcher: (doc: SourceDoc | null) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /** Forgets everything read, so that open() reads the folder again (after a snapshot was restored). */
  reset(): void {
    this.docs.clear();
    this.reservedIds.clear();
    this.snapshots.clear();
    this.reported.clear();
    this.reread = true;
  }

  all(): StoredDocument<SourceDoc>[] {
    return [...this.docs.values()];
  }

  get(id: string): StoredDocument<SourceDoc> | undefined {
    return this.docs.get(id);
  }

  isIdTaken(id: string): boolean {
    return this.docs.has(id) || this.reservedIds.has(id);
  }

  snapshotPath(id: string): string {
    return `${SOURCES_DIR}/${id}${SNAPSHOT_SUFFIX}`;
  }

  /**
   * Writes a new source: its snapshot first, then its metadata file, so that a crash in
   * between leaves at most an unused snapshot and never a source without its text.
   */
  async create(doc: SourceDoc, snapshot: SnapshotDoc): Promise<StoredDocument<SourceDoc>> {
    this.folder.assertWritable();
    const id = doc.source.id;
    if (this.isIdTaken(id)) throw new AppError('conflict', `A source with id ${id} already exists.`);
    try {
      await this.folder.ensureFolder(SOURCES_DIR);
    } catch (error) {
      throw storageError('create folder', SOURCES_DIR, error);
    }
    this.reservedIds.add(id);
    try {
      await this.writeSnapshot(snapshot);
      const rel = `${SOURCES_DIR}/${id}.json`;
      const created = this.folder.document(rel, sourceKind, doc, this.changed);
      // A refused create takes its file away again; the snapshot stays (a retry finds the same text and goes on).
      await this.folder.persistNew(created, rel, () => this.docs.set(id, created));
      this.docs.set(id, created);
      return created;
    } finally {
      this.reservedIds.delete(id);
    }
  }

  /** Writes a snapshot once. There is no way to change one: a second write is refused. */
  async writeSnapshot(snapshot: SnapshotDoc): Promise<void> {
    const rel = this.snapshotPath(snapshot.sourceId);
    let there: boolean;
    try {
      there = await this.folder.exists(rel);
    } catch (error) {
      throw storageError('look for', rel, error);
    }
    if (there) {
      // The same text, left by a create cut short before the source's own file was written
      // (a crash, a full disk): it is already stored, so the create goes on. Any other text stays as it is.
      const left = await this.folder.load(rel, snapshotKind);
      // Unreadable for now: neither taken as the same text nor as another; said like any failed save.
      if (left.kind === 'set-aside' && left.unreadable !== undefined) throw new StorageFailure(left.unreadable, [`read ${rel}`]);
      if (
        left.kind === 'ok' &&
        left.doc.sourceId === snapshot.sourceId &&
        left.doc.contentHash === snapshot.contentHash &&
        left.doc.html === snapshot.html &&
        left.doc.text === snapshot.text
      ) {
        this.remember(left.doc);
        return;
      }
      throw new AppError('conflict', `The text of source ${snapshot.sourceId} is already stored, and a stored text is never replaced.`);
    }
    const stored = this.folder.document(rel, snapshotKind, snapshot);
    await stored.persist();
    stored.setReadOnly('a source snapshot never changes');
    this.remember(snapshot);
  }

  /**
   * The article body, read from disk on first use. A missing or damaged one is reported, never replaced.
   * `remember: false` reads it without keeping it among the last few the reader opened (search reads many).
   */
  async snapshot(id: string, options: { readonly remember?: boolean } = {}): Promise<SnapshotResult> {
    const cached = this.snapshots.get(id);
    if (cached) {
      // Most recently used last.
      this.snapshots.delete(id);
      this.snapshots.set(id, cached);
      return { kind: 'ok', doc: cached };
    }
    const rel = this.snapshotPath(id);
    const loaded = await this.folder.load(rel, snapshotKind);
    switch (loaded.kind) {
      case 'ok':
        if (loaded.doc.sourceId !== id) {
          const message = `${rel} holds the text of another source (${loaded.doc.sourceId}); it was left as it is.`;
          // Told once, like an area file holding another area: the file is never written, so nothing in it is lost.
          if (!this.reported.has(rel)) {
            this.reported.add(rel);
            this.folder.report('error', 'A file holds the text of another source', rel, null, message);
          }
          return { kind: 'unavailable', message };
        }
        if (options.remember !== false) this.remember(loaded.doc);
        return { kind: 'ok', doc: loaded.doc };
      case 'missing':
        return { kind: 'unavailable', message: `the file with its text (${rel}) is missing from the data folder.` };
      case 'newer':
        return { kind: 'unavailable', message: `its text is in ${rel}, and ${loaded.message}` };
      case 'set-aside':
        return {
          kind: 'unavailable',
          message:
            loaded.unreadable === undefined
              ? `the file with its text (${rel}) is damaged; it was moved to the corrupt folder so that nothing in it is lost.`
              : `the file with its text (${rel}) could not be read (${loaded.unreadable}); it was left where it is. Try again once the disk reads again.`,
        };
    }
  }

  private remember(snapshot: SnapshotDoc): void {
    this.snapshots.set(snapshot.sourceId, snapshot);
    while (this.snapshots.size > SNAPSHOT_CACHE) {
      const oldest = this.snapshots.keys().next().value;
      if (oldest === undefined) break;
      this.snapshots.delete(oldest);
    }
  }

  async idle(): Promise<void> {
    await Promise.all([...this.docs.values()].map((d) => d.idle()));
  }
}
