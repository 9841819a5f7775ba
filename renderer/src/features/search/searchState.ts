import { create } from 'zustand';
import type { SearchResponse } from '../../../../electron/core/search/schemas';
import { api, errorMessage } from '../../api/client';

export interface SearchState {
  /** The query as typed; kept between openings of the search box. */
  query: string;
  /** The answer to the latest query sent (may lag a keystroke behind `query`). */
  response: SearchResponse | null;
  /** A query is on its way. */
  pending: boolean;
  error: string | null;
  setQuery(query: string): void;
}

/** Pause after a keystroke before asking: results follow typing without a request per key on a fast typist. */
const TYPING_PAUSE_MS = 60;
let timer: ReturnType<typeof setTimeout> | null = null;
let sequence = 0;

async function run(query: string): Promise<void> {
  sequence += 1;
  const mine = sequence;
  try {
    const response = await api.search.query({ query });
    // An answer to an older query never replaces a newer one.
    if (mine === sequence) useSearch.setState({ response, pending: false, error: null });
  } catch (error) {
    if (mine === sequence) useSearch.setState({ pending: false, error: errorMessage(error) });
  }
}

export const useSearch = create<SearchState>()((set) => ({
  query: '',
  response: null,
  pending: false,
  error: null,
  setQuery(query) {
    set({ query, pending: true });
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void run(query);
    }, TYPING_PAUSE_MS);
  },
}));

/** Asks again for the current query (the book changed while the box was closed). */
export function refreshSearch(): void {
  const { query } = useSearch.getState();
  if (query.trim()) useSearch.getState().setQuery(query);
}
