import type { BookState } from '../../electron/core/contract/views';
import type { Booted } from '../services/support';

/**
 * Every kind of stored file (every entry of documentKinds), with what the
 * reliability proofs need to know about it. A feature that stores a new kind of
 * file adds it here; tests/reliability/coverage.test.ts fails until it does.
 */
export interface StoredFile {
  /** Where a file with this content lives, relative to the data folder. */
  relPath(doc: Record<string, unknown>): string;
  /** A file of this kind in the sample template (tests/reliability/folders.ts), which the fuzzer damages. */
  readonly sample: string;
  /** Whether the opened book is using the content of this (valid) file. */
  inUse(b: Booted, doc: Record<string, unknown>): Promise<boolean>;
  /**
   * For a file the book does not read when it opens, what reads it (opening the book stays fast). The rule for such
   * a file: opening the book says nothing about it and does not touch it; damage is found when it is read, and
   * then, as at open, a damaged file is moved to corrupt/ byte for byte with a notice naming both places, a valid
   * file that cannot be used (another id, a newer version) is left as it is with a notice, and the read itself
   * fails with a message naming the file, while everything else goes on working.
   */
  readonly readOnDemand?: (b: Booted) => Promise<{ readonly ok: boolean; readonly message: string }>;
}

const field = (doc: Record<string, unknown>, key: string): Record<string, unknown> => {
  const value = doc[key];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
};

export const storedFiles: Record<string, StoredFile> = {
  'briefing-book/book': {
    relPath: () => 'book.json',
    sample: 'book.json',
    inUse: async (b, doc) => {
      const state = await b.ok<BookState>('bb:book.open');
      return state.bookId === doc['bookId'] && state.settings.title === field(doc, 'settings')['title'];
    },
  },
  'briefing-book/area': {
    relPath: (doc) => `areas/${String(field(doc, 'area')['id'])}.json`,
    sample: 'areas/enforcement.json',
    inUse: async (b, doc) => {
      const area = field(doc, 'area');
      const state = await b.ok<BookState>('bb:book.open');
      // A deleted area is not listed, but its note can still be undeleted: ask for it directly.
      if (area['deletedAt'] !== null) return (await b.call('bb:areas.undelete', { id: area['id'] })).ok;
      if (!state.areas.some((a) => a.id === area['id'] && a.title === area['title'])) return false;
      // Its positions board (format v2) is the one on the board: the same live points, in order.
      const points = Array.isArray(field(doc, 'board')['points']) ? (field(doc, 'board')['points'] as Record<string, unknown>[]) : [];
      const board = await b.call('bb:positions.board', { areaId: area['id'] });
      if (!board.ok) return false;
      const shown = (board.value as { points: { id: string }[] }).points.map((p) => p.id);
      return JSON.stringify(shown) === JSON.stringify(points.filter((p) => p['deletedAt'] === null).map((p) => p['id']));
    },
  },
  // ---- sources (issue 3) ----
  'briefing-book/source': {
    relPath: (doc) => `sources/${String(field(doc, 'source')['id'])}.json`,
    sample: 'sources/src-ustr-readout.json',
    inUse: async (b, doc) => {
      const source = field(doc, 'source');
      // A deleted source is not listed, but can still be brought back.
      if (source['deletedAt'] !== null) return (await b.call('bb:sources.undelete', { id: source['id'] })).ok;
      const listed = await b.ok<{ id: string; title: string }[]>('bb:sources.list', {});
      return listed.some((s) => s.id === source['id'] && s.title === source['title']);
    },
  },
  // The article text of a source: written once at import and read only when its article is opened
  // (docs/decisions/0002-import-and-anchoring.md), so its damage is found then, not at open (see readOnDemand).
  'briefing-book/snapshot': {
    relPath: (doc) => `sources/${String(doc['sourceId'])}.snapshot.json`,
    sample: 'sources/src-ustr-readout.snapshot.json',
    inUse: async (b, doc) => {
      const shown = await b.call('bb:sources.get', { id: doc['sourceId'] });
      if (!shown.ok) return false;
      const article = shown.value as { html: string; text: string };
      return article.html === doc['html'] && article.text === doc['text'];
    },
    readOnDemand: async (b) => {
      const shown = await b.call('bb:sources.get', { id: 'src-ustr-readout' });
      return { ok: shown.ok, message: shown.ok ? '' : shown.error.message };
    },
  },
  'briefing-book/window-state': {
    relPath: () => 'window-state.json',
    sample: 'window-state.json',
    inUse: async (b, doc) => {
      const saved = b.services.windowState.restore([]);
      return saved !== null && JSON.stringify(saved.bounds) === JSON.stringify(doc['bounds']);
    },
  },
};
