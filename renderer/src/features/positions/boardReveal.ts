import { create } from 'zustand';

/** A cell of a board to put the keyboard on once the board is shown (a search result: a stance or an assessment). */
export interface BoardReveal {
  readonly areaId: string;
  readonly pointId: string;
  /** The party whose stance it is; null for the team's assessment. */
  readonly partyId: string | null;
}

interface BoardRevealState {
  pending: BoardReveal | null;
  reveal(target: BoardReveal): void;
  /** The board took it. */
  take(): void;
}

export const useBoardReveal = create<BoardRevealState>()((set) => ({
  pending: null,
  reveal: (target) => set({ pending: target }),
  take: () => set({ pending: null }),
}));
