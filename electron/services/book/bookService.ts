import type { AreaSummary, BookState, NoteView, SettingsPatch, StoreNotice } from '../../core/contract/views';
import { AppError, invalid, notFound } from '../../core/errors';
import type { Area, BookSettings, Party } from '../../core/model/book';
import {
  cleanLine,
  createArea,
  editNote,
  emptyNote,
  newNote,
  liveAreas,
  markDeleted,
  moveArea,
  restoreDeleted,
  setArchived,
  updateArea,
  type AreaPatch,
  type Clock,
  type NewArea,
} from '../../core/ops/areas';
import { rankAfter, sortByRank } from '../../core/ops/ranking';
import { AREA_FORMAT, BOOK_FORMAT, type AreaDoc, type BookDoc } from '../../core/persistence/documents';
import { emptyBookPositions } from '../../core/persistence/positionsMigrations';
import { emptyBookMeetings } from '../../core/model/meetings';
import { archiveRemovedParties, partyUsage } from '../../core/ops/parties';
import { emptyBoard } from '../../core/ops/positions';
import type { SampleBook } from '../../core/sample/sampleBook';
import type { BookStore } from '../store/bookStore';
import { describeFsError, StorageFailure } from '../store/storageError';

export interface IdSource {
  /** A fresh identifier, e.g. "a-k3j9x0q2m1". */
  next(prefix: string): string;
}

export interface BookServiceDeps {
  readonly store: BookStore;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** The book created when the data folder is empty. */
  readonly sample: SampleBook;
  /**
   * Runs before the folder is read, at start and at every reopen (issue 6: settles a snapshot restore that
   * was cut short). A failure stops the open, like a folder that cannot be read.
   */
  readonly beforeOpen?: () => Promise<void>;
  /**
   * Writes the other features' part of a new sample book (the sample sources), before book.json: the
   * sample counts as complete only once every part of it is written. Must skip what is already there.
   */
  readonly writeSampleExtras?: () => Promise<void>;
  /** Reads the other features' files again once a book that could not be opened opens after all (the Sources library). */
  readonly reloadOthers?: () => Promise<void>;
}

export const defaultParties: readonly Party[] = [
  { id: 'united-states', name: 'United States' },
  { id: 'china', name: 'China' },
];

/**
 * Book settings, issue areas and briefing notes. All logic sits in the core
 * operations; this service loads and stores their results.
 */
export class BookService {
  private notices: StoreNotice[] = [];
  private createdSample = false;
  /** Why the book could not be opened (a newer version, an unreadable folder); nothing is written then. */
  private bootError: AppError | null = null;

  constructor(private readonly deps: BookServiceDeps) {}

  /** Opens the book. Never throws: a failure is kept and reported by book.open. */
  async boot(): Promise<void> {
    try {
      await this.open();
    } catch (error) {
      this.bootError = error instanceof AppError ? error : cannotOpen(error);
      // Not a single file, the window state included, is written into a folder whose book could not be opened.
      this.deps.store.refuseWrites(this.bootError);
    }
  }

  private async open(): Promise<void> {
    const { store } = this.deps;
    await this.deps.beforeOpen?.();
    const opened = await store.open();
    if (opened.empty || opened.sampleInterrupted) {
      // A first run cut short (a crash, a power cut) is finished, not reported as a lost book file.
      try {
        await this.createSampleBook();
      } catch (error) {
        if (!(error instanceof StorageFailure)) throw error;
        throw new AppError(
          'storage',
          `The sample book could not be written: ${error.reason}. Restart Briefing Book once the problem is fixed; the sample book will be finished then.`,
          error.details,
        );
      }
      this.createdSample = true;
      return;
    }
    if (!store.hasBook) await this.recoverBookFile();
  }

  async shutdown(): Promise<void> {
    await this.deps.store.close();
  }

  /** Reads the book from disk again, as at start (after a snapshot was restored). Never throws, like boot. */
  async reload(): Promise<void> {
    await this.deps.store.close();
    this.deps.store.reset();
    this.notices = [];
    this.createdSample = false;
    this.bootError = null;
    await this.boot();
  }

  /**
   * book.open: a book that could not be opened is read again first, so "Try again" (or a restart of the
   * window) opens it once the disk is back, without a restart of the app. A book that is open is left as it is.
   */
  async openAgainIfFailed(): Promise<void> {
    if (!this.bootError) return;
    await this.reload();
    if (this.openError === null) await this.deps.reloadOthers?.();
  }

  /** Resolves when every write queued so far has finished. */
  async idle(): Promise<void> {
    await this.deps.store.idle();
  }

  /** Why the book could not be opened, or null when it is open. */
  get openError(): AppError | null {
    return this.bootError;
  }

  private async createSampleBook(): Promise<void> {
    const { sample, clock, store } = this.deps;
    const now = clock.now();
    await store.beginSample();
    let last: string | null = null;
    for (const a of sample.areas) {
      const rank = rankAfter(last);
      last = rank;
      // Resuming an interrupted first run: the areas already written stay as they are.
      if (store.isIdTaken(a.id)) continue;
      const area: Area = {
        id: a.id,
        title: a.title,
        summary: a.summary,
        status: a.status,
        priority: a.priority,
        tags: [...a.tags],
        rank,
        archivedAt: null,
        deletedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      const board = sample.positions?.board(a.id, clock) ?? emptyBoard();
      await store.createArea({ format: AREA_FORMAT, schemaVersion: 2, area, note: newNote(a.note, clock), board });
    }
    await this.deps.writeSampleExtras?.();
    // The book file goes last: its presence marks a complete data folder.
    await store.createBook({
      format: BOOK_FORMAT,
      schemaVersion: 3,
      bookId: this.deps.ids.next('book'),
      createdAt: now,
      settings: {
        title: sample.title,
        marking: sample.marking,
        preparedFor: sample.preparedFor,
        preparedBy: sample.preparedBy,
        parties: sample.parties.map((p) => ({ ...p })),
        updatedAt: now,
      },
      positions: sample.positions
        ? {
            ...emptyBookPositions(),
            rounds: [
              ...sample.positions.rounds(clock),
              ...(sample.meetings?.rounds ?? []).map((r) => ({ ...r, createdAt: now, updatedAt: now })),
            ],
            currentRoundId: sample.positions.currentRoundId,
          }
        : emptyBookPositions(),
      meetings: sample.meetings ? sample.meetings.meetings(clock) : emptyBookMeetings(),
    });
    await store.endSample();
  }

  /** The book file was missing or damaged while areas exist: write a new one, keep every area, say so. */
  private async recoverBookFile(): Promise<void> {
    const now = this.deps.clock.now();
    // Parties that stances in the areas still refer to come back as archived parties, so they can be restored.
    const used = partyUsage(this.deps.store.areas().map((d) => d.value.board));
    const orphans = [...used.entries()].filter(([id, use]) => use.referenced && !defaultParties.some((p) => p.id === id));
    const doc: BookDoc = {
      format: BOOK_FORMAT,
      schemaVersion: 3,
      bookId: this.deps.ids.next('book'),
      createdAt: now,
      settings: {
        title: 'Recovered briefing book',
        marking: '',
        preparedFor: '',
        preparedBy: '',
        parties: defaultParties.map((p) => ({ ...p })),
        updatedAt: now,
      },
      positions: {
        ...emptyBookPositions(),
        archivedParties: orphans.map(([id], position) => ({ id, name: id, position: defaultParties.length + position, archivedAt: now })),
      },
      meetings: emptyBookMeetings(),
    };
    this.notices.push({
      id: 'recovered-book-file',
      severity: 'warning',
      title: 'Book settings were reset',
      message:
        'The book settings file was missing or damaged, so the title, marking and parties were reset. Every issue area and note was kept. Check Book Settings.',
      file: 'book.json',
      movedTo: null,
    });
    try {
      await this.deps.store.createBook(doc);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      this.notices.push({
        id: 'recovered-book-file-unsaved',
        severity: 'error',
        title: 'Book settings could not be saved',
        message: error.message,
        file: 'book.json',
        movedTo: null,
      });
    }
  }

  // ---- reads --------------------------------------------------------------

  state(): BookState {
    if (this.bootError) throw this.bootError;
    const book = this.deps.store.book().value;
    return {
      bookId: book.bookId,
      settings: book.settings,
      areas: this.summaries(),
      notices: [...this.deps.store.notices(), ...this.notices],
      dataDir: this.deps.store.dataDir,
      createdSample: this.createdSample,
    };
  }

  private summaries(): AreaSummary[] {
    const docs = this.deps.store.areas().map((d) => d.value);
    const byId = new Map(docs.map((d) => [d.area.id, d]));
    return liveAreas(docs.map((d) => d.area)).map((area) => summarize(byId.get(area.id) ?? missing(area.id)));
  }

  /** A book that could not be opened (e.g. written by a newer version) is never read or written. */
  assertOpen(): void {
    if (this.bootError) throw this.bootError;
  }

  private areaDoc(id: string) {
    this.assertOpen();
    const doc = this.deps.store.area(id);
    if (!doc || doc.value.area.deletedAt !== null) throw notFound('Issue area', id);
    return doc;
  }

  getNote(areaId: string): NoteView {
    const { area, note } = this.areaDoc(areaId).value;
    return { areaId: area.id, markdown: note.markdown, revision: note.revision, updatedAt: note.updatedAt };
  }

  // ---- settings -----------------------------------------------------------

  async updateSettings(patch: SettingsPatch): Promise<BookSettings> {
    this.assertOpen();
    const { clock } = this.deps;
    const saved = await this.deps.store.book().update((doc) => {
      const current = doc.settings;
      const archived = doc.positions.archivedParties;
      const next: BookSettings = {
        ...current,
        title: patch.title === undefined ? current.title : requireText(cleanLine(patch.title), 'The book needs a title.'),
        marking: patch.marking === undefined ? current.marking : cleanLine(patch.marking),
        preparedFor: patch.preparedFor === undefined ? current.preparedFor : cleanLine(patch.preparedFor),
        preparedBy: patch.preparedBy === undefined ? current.preparedBy : cleanLine(patch.preparedBy),
        parties:
          patch.parties === undefined
            ? current.parties
            : this.resolveParties(current.parties, patch.parties, new Set(archived.map((a) => a.id))),
      };
      // A removed party with stances is archived (when confirmed), never deleted: see core/ops/parties.ts.
      const archivedParties =
        patch.parties === undefined && patch.archiveParties === undefined
          ? archived
          : archiveRemovedParties(
              current.parties,
              next.parties,
              archived,
              partyUsage(this.deps.store.areas().map((d) => d.value.board)),
              patch.archiveParties ?? [],
              clock,
            );
      if (JSON.stringify(next) === JSON.stringify(current)) return doc;
      return { ...doc, settings: { ...next, updatedAt: clock.now() }, positions: { ...doc.positions, archivedParties } };
    });
    return saved.settings;
  }

  private resolveParties(
    current: readonly Party[],
    wanted: NonNullable<SettingsPatch['parties']>,
    archivedIds: ReadonlySet<string>,
  ): Party[] {
    const known = new Set(current.map((p) => p.id));
    const seenNames = new Set<string>();
    const seenIds = new Set<string>();
    return wanted.map((p) => {
      const name = requireText(cleanLine(p.name), 'A party needs a name.');
      const key = name.toLocaleLowerCase();
      if (seenNames.has(key)) throw invalid(`Two parties are both called "${name}". Give each party its own name.`);
      seenNames.add(key);
      if (p.id !== undefined) {
        if (!known.has(p.id)) throw invalid(`There is no party with id "${p.id}" in this book.`);
        if (seenIds.has(p.id)) throw invalid(`The party "${name}" is listed twice.`);
        seenIds.add(p.id);
        return { id: p.id, name };
      }
      let id = slug(name);
      // An archived party keeps its id: a new party of the same name must not inherit its stances.
      while (known.has(id) || seenIds.has(id) || archivedIds.has(id)) id = `${slug(name)}-${this.deps.ids.next('p').slice(-4)}`;
      seenIds.add(id);
      return { id, name };
    });
  }

  // ---- areas --------------------------------------------------------------

  async createArea(input: NewArea & { beforeId?: string | null | undefined }): Promise<AreaSummary> {
    this.assertOpen();
    const { store, clock, ids } = this.deps;
    let id = ids.next('area');
    while (store.isIdTaken(id)) id = ids.next('area');
    const all = store.areas().map((d) => d.value.area);
    let area = createArea(input, all, id, clock);
    let reranked: Area[] = [];
    if (input.beforeId) {
      const changed = moveArea([...all, area], id, input.beforeId, clock);
      area = changed.find((a) => a.id === id) ?? area;
      // Colliding ranks (hand-edited data) make the move re-rank other areas too.
      reranked = changed.filter((a) => a.id !== id);
    }
    const doc = await store.createArea({ format: AREA_FORMAT, schemaVersion: 2, area, note: emptyNote(clock), board: emptyBoard() });
    for (const other of reranked) {
      await this.areaDoc(other.id).update((d) => ({ ...d, area: { ...d.area, rank: other.rank, updatedAt: other.updatedAt } }));
    }
    return summarize(doc.value);
  }

  async updateArea(id: string, patch: AreaPatch): Promise<AreaSummary> {
    const saved = await this.areaDoc(id).update((doc) => {
      const area = updateArea(doc.area, patch, this.deps.clock);
      return area === doc.area ? doc : { ...doc, area };
    });
    return summarize(saved);
  }

  async moveArea(id: string, beforeId: string | null): Promise<AreaSummary[]> {
    this.areaDoc(id);
    const all = this.deps.store.areas().map((d) => d.value.area);
    const changed = moveArea(all, id, beforeId, this.deps.clock);
    const results: AreaSummary[] = [];
    for (const area of changed) {
      const saved = await this.areaDoc(area.id).update((doc) => ({
        ...doc,
        area: { ...doc.area, rank: area.rank, updatedAt: area.updatedAt },
      }));
      results.push(summarize(saved));
    }
    return results;
  }

  async setArchived(id: string, archived: boolean): Promise<AreaSummary> {
    const saved = await this.areaDoc(id).update((doc) => {
      const area = setArchived(doc.area, archived, this.deps.clock);
      return area === doc.area ? doc : { ...doc, area };
    });
    return summarize(saved);
  }

  async deleteArea(id: string): Promise<AreaSummary> {
    const saved = await this.areaDoc(id).update((doc) => ({ ...doc, area: markDeleted(doc.area, this.deps.clock) }));
    return summarize(saved);
  }

  async undeleteArea(id: string): Promise<AreaSummary> {
    this.assertOpen();
    const doc = this.deps.store.area(id);
    if (!doc) throw notFound('Issue area', id);
    const saved = await doc.update((d) => {
      if (d.area.deletedAt === null) return d;
      const area = restoreDeleted(d.area, this.deps.clock);
      // While it was deleted another area may have been given the same rank: then it goes just before that one.
      const live = this.deps.store
        .areas()
        .map((x) => x.value.area)
        .filter((a) => a.id !== id && a.deletedAt === null);
      const clash = sortByRank(live).find((a) => a.rank === area.rank);
      if (!clash) return { ...d, area };
      const [placed] = moveArea([...live, area], id, clash.id, this.deps.clock);
      return { ...d, area: placed ?? area };
    });
    return summarize(saved);
  }

  // ---- notes --------------------------------------------------------------

  async saveNote(areaId: string, markdown: string): Promise<Omit<NoteView, 'markdown'>> {
    const saved = await this.areaDoc(areaId).update((doc) => {
      const note = editNote(doc.note, markdown, this.deps.clock);
      return note === doc.note ? doc : { ...doc, note };
    });
    return { areaId, revision: saved.note.revision, updatedAt: saved.note.updatedAt };
  }
}

/** A book whose folder cannot be read (a failing disk, no permission): said in words, nothing written. */
function cannotOpen(error: unknown): AppError {
  return new AppError(
    'storage',
    `The book could not be opened: ${describeFsError(error)}. Nothing in its folder was changed. Check that the disk is connected and readable, then try again.`,
    [error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300)],
  );
}

function summarize(doc: AreaDoc): AreaSummary {
  return { ...doc.area, noteUpdatedAt: doc.note.updatedAt, noteWords: doc.note.words };
}

function missing(id: string): never {
  throw new AppError('internal', `Area ${id} vanished while listing.`);
}

function requireText(value: string, message: string): string {
  if (!value) throw invalid(message);
  return value;
}

function slug(name: string): string {
  const base = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return base || 'party';
}
