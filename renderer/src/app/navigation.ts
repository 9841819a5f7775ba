import { create } from 'zustand';

export type Route =
  | { view: 'home' }
  | { view: 'settings' }
  | { view: 'area'; areaId: string }
  // Sources (issue 3): the library, and one article, optionally scrolled to an annotation that flashes,
  // or (from search) to the sentence of a match in its text, which is marked.
  | { view: 'sources' }
  | { view: 'source'; sourceId: string; annotationId?: string; match?: TextMatch; flash?: number; editDetails?: boolean }
  // export (issue 6)
  | { view: 'backups' }
  // Positions: the overview across all areas, and the rounds with "what changed since".
  | { view: 'positions' }
  | { view: 'rounds'; sinceRoundId?: string }
  // Meetings and the timeline (issue 7)
  | { view: 'meetings' }
  | { view: 'meeting'; meetingId: string; followUpId?: string }
  | { view: 'meetingBrief'; meetingId: string }
  | { view: 'recordStances'; meetingId: string }
  | { view: 'timeline'; eventId?: string; flash?: number };

/** Where a search matched in a text: the offset and length in the indexed text, and the matched text to find it again. */
export interface TextMatch {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

interface NavigationState {
  route: Route;
  go(route: Route): void;
}

export const useNavigation = create<NavigationState>()((set) => ({
  route: { view: 'home' },
  go(route) {
    set({ route });
  },
}));

export function currentAreaId(route: Route): string | null {
  return route.view === 'area' ? route.areaId : null;
}
