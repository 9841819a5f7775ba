import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BookState, NoteView } from '../../electron/core/contract/views';
import type { Area, BookSettings } from '../../electron/core/model/book';
import { liveAreas } from '../../electron/core/ops/areas';
import { areaKind, bookKind, windowStateKind, type AreaDoc } from '../../electron/core/persistence/documents';
import { decodeFile } from '../../electron/services/store/loader';
import type { Booted } from '../services/support';

/**
 * What a user sees of a book, without timestamps and generated ids (they differ
 * between a run that failed and was retried and one that did not): settings,
 * the live areas in order with their notes, and the window state. The same
 * shape is read from the services' memory (observeBook) and straight from the
 * files (observeDisk), so a test can tell that memory follows the disk.
 */
export interface Observed {
  readonly settings: Omit<BookSettings, 'updatedAt'> | null;
  readonly areas: readonly ObservedArea[];
  readonly window: { readonly bounds: unknown; readonly maximized: boolean } | null;
}

export interface ObservedArea {
  readonly title: string;
  readonly summary: string;
  readonly status: string;
  readonly priority: string;
  readonly tags: readonly string[];
  readonly archived: boolean;
  readonly note: string;
  readonly revision: number;
}

function observeArea(area: Area, note: { markdown: string; revision: number }): ObservedArea {
  return {
    title: area.title,
    summary: area.summary,
    status: area.status,
    priority: area.priority,
    tags: area.tags,
    archived: area.archivedAt !== null,
    note: note.markdown,
    revision: note.revision,
  };
}

function withoutTime(settings: BookSettings): Omit<BookSettings, 'updatedAt'> {
  const { updatedAt: _updatedAt, ...rest } = settings;
  return rest;
}

/** The book as the running services hold it. */
export async function observeBook(b: Booted): Promise<Observed> {
  const state = await b.ok<BookState>('bb:book.open');
  const areas: ObservedArea[] = [];
  for (const summary of state.areas) {
    const note = await b.ok<NoteView>('bb:notes.get', { areaId: summary.id });
    areas.push(observeArea(summary, note));
  }
  const saved = b.services.windowState.restore([]);
  return { settings: withoutTime(state.settings), areas, window: saved ? { bounds: saved.bounds, maximized: saved.maximized } : null };
}

/** The book as its files hold it, read without the store (nothing is moved, removed or written). */
export async function observeDisk(dir: string): Promise<Observed> {
  const bookBytes = await readFile(join(dir, 'book.json')).catch(() => null);
  const settings = bookBytes ? withoutTime(decodeFile(bookKind, bookBytes).doc.settings) : null;
  const docs: AreaDoc[] = [];
  for (const name of await readdir(join(dir, 'areas')).catch(() => [] as string[])) {
    if (!name.endsWith('.json') || name.startsWith('.')) continue;
    docs.push(decodeFile(areaKind, await readFile(join(dir, 'areas', name))).doc);
  }
  const byId = new Map(docs.map((d) => [d.area.id, d]));
  const areas = liveAreas(docs.map((d) => d.area)).map((area) =>
    observeArea(area, byId.get(area.id)?.note ?? { markdown: '', revision: -1 }),
  );
  const windowBytes = await readFile(join(dir, 'window-state.json')).catch(() => null);
  const w = windowBytes ? decodeFile(windowStateKind, windowBytes).doc : null;
  return { settings, areas, window: w ? { bounds: w.bounds, maximized: w.maximized } : null };
}
