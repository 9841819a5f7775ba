import { create } from 'zustand';

/** Which part of an issue area is shown: its briefing note or its positions board. Remembered between runs. */
export type AreaTab = 'note' | 'positions';

const KEY = 'briefing.areaTab';

function initial(): AreaTab {
  try {
    return window.localStorage.getItem(KEY) === 'positions' ? 'positions' : 'note';
  } catch {
    return 'note';
  }
}

interface AreaTabState {
  tab: AreaTab;
  show(tab: AreaTab): void;
}

export const useAreaTab = create<AreaTabState>()((set) => ({
  tab: initial(),
  show(tab) {
    set({ tab });
    try {
      window.localStorage.setItem(KEY, tab);
    } catch {
      // Private or full storage: the choice lasts for this run only.
    }
  },
}));
