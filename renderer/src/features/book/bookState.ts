import { create } from 'zustand';
import type { AreaSummary, BookState, SettingsPatch, StoreNotice } from '../../../../electron/core/contract/views';
import type { BookSettings } from '../../../../electron/core/model/book';
import { sortByRank } from '../../../../electron/core/ops/ranking';
import { api, errorMessage } from '../../api/client';

export interface BookStoreState {
  status: 'loading' | 'ready' | 'failed';
  loadError: string | null;
  bookId: string | null;
  settings: BookSettings | null;
  /** Every live area (archived included), in rank order. */
  areas: AreaSummary[];
  notices: StoreNotice[];
  /** Notices the user closed: not shown again when later notices arrive. */
  dismissed: string[];
  dataDir: string;
  load(): Promise<void>;
  /** Puts changed areas in place and keeps the list in rank order. */
  upsertAreas(changed: readonly AreaSummary[]): void;
  dropArea(id: string): void;
  updateSettings(patch: SettingsPatch): Promise<BookSettings>;
  dismissNotice(id: string): void;
}

export const useBook = create<BookStoreState>()((set, get) => ({
  status: 'loading',
  loadError: null,
  bookId: null,
  settings: null,
  areas: [],
  notices: [],
  dismissed: [],
  dataDir: '',
  async load() {
    set({ status: 'loading', loadError: null });
    try {
      const state: BookState = await api.book.open({});
      set({
        status: 'ready',
        bookId: state.bookId,
        settings: state.settings,
        areas: sortByRank(state.areas),
        notices: state.notices,
        dataDir: state.dataDir,
      });
    } catch (error) {
      set({ status: 'failed', loadError: errorMessage(error) });
      return;
    }
    // The area list does not wait for the Sources library; what reading it found comes a moment later.
    try {
      const all = await api.book.notices({});
      const { notices, dismissed } = get();
      const known = new Set([...notices.map((n) => n.id), ...dismissed]);
      const later = all.filter((n) => !known.has(n.id));
      if (later.length > 0) set({ notices: [...notices, ...later] });
    } catch (error) {
      // The book is open and usable; only the library's messages are missing, and that is said.
      const notice: StoreNotice = {
        id: 'notices-unavailable',
        severity: 'warning',
        title: 'Messages about the Sources library could not be shown',
        message: errorMessage(error),
        file: null,
        movedTo: null,
      };
      set({ notices: [...get().notices, notice] });
    }
  },
  upsertAreas(changed) {
    const byId = new Map(get().areas.map((a) => [a.id, a]));
    for (const area of changed) {
      if (area.deletedAt === null) byId.set(area.id, area);
      else byId.delete(area.id);
    }
    set({ areas: sortByRank([...byId.values()]) });
  },
  dropArea(id) {
    set({ areas: get().areas.filter((a) => a.id !== id) });
  },
  async updateSettings(patch) {
    const settings = await api.book.updateSettings(patch);
    set({ settings });
    return settings;
  },
  dismissNotice(id) {
    set({ notices: get().notices.filter((n) => n.id !== id), dismissed: [...get().dismissed, id] });
  },
}));

export function activeAreas(areas: readonly AreaSummary[]): AreaSummary[] {
  return areas.filter((a) => a.archivedAt === null);
}

export function archivedAreas(areas: readonly AreaSummary[]): AreaSummary[] {
  return areas.filter((a) => a.archivedAt !== null);
}
