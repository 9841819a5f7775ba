import { create } from 'zustand';
import type { PointView, RoundsView } from '../../../../electron/core/contract/positionsViews';
import { api, errorMessage } from '../../api/client';

/**
 * What the renderer holds of the positions: each open board (by area), the rounds, and the
 * undo history of board changes. Boards are loaded when an area's Positions tab opens.
 */
export interface BoardEntry {
  readonly status: 'loading' | 'ready' | 'failed';
  readonly points: readonly PointView[];
  readonly error: string | null;
  /** The parties the board was loaded for; a change of parties reloads it. */
  readonly partiesKey: string;
}

export interface UndoEntry {
  readonly areaId: string;
  readonly label: string;
  readonly undo: () => Promise<boolean>;
  readonly redo: () => Promise<boolean>;
}

interface PositionsState {
  boards: Record<string, BoardEntry>;
  rounds: RoundsView | null;
  roundsError: string | null;
  /** Per area, newest last. */
  undoStack: Record<string, readonly UndoEntry[]>;
  redoStack: Record<string, readonly UndoEntry[]>;
  loadBoard(areaId: string, partiesKey: string): Promise<void>;
  /** Puts a changed point in place (or adds it at `index`, or last). */
  putPoint(areaId: string, point: PointView, index?: number): void;
  dropPoint(areaId: string, pointId: string): void;
  reorder(areaId: string, order: readonly string[]): void;
  loadRounds(): Promise<void>;
  setRounds(rounds: RoundsView): void;
  pushUndo(entry: UndoEntry): void;
  takeUndo(areaId: string): UndoEntry | null;
  takeRedo(areaId: string): UndoEntry | null;
  pushRedo(entry: UndoEntry): void;
}

const UNDO_DEPTH = 100;

export const usePositions = create<PositionsState>()((set, get) => ({
  boards: {},
  rounds: null,
  roundsError: null,
  undoStack: {},
  redoStack: {},

  async loadBoard(areaId, partiesKey) {
    const current = get().boards[areaId];
    set({
      boards: {
        ...get().boards,
        [areaId]: { status: current?.status === 'ready' ? 'ready' : 'loading', points: current?.points ?? [], error: null, partiesKey },
      },
    });
    try {
      const board = await api.positions.board({ areaId });
      set({ boards: { ...get().boards, [areaId]: { status: 'ready', points: board.points, error: null, partiesKey } } });
    } catch (error) {
      set({ boards: { ...get().boards, [areaId]: { status: 'failed', points: [], error: errorMessage(error), partiesKey } } });
    }
  },

  putPoint(areaId, point, index) {
    const entry = get().boards[areaId];
    if (!entry) return;
    const at = entry.points.findIndex((p) => p.id === point.id);
    let points: PointView[];
    if (at >= 0) points = entry.points.map((p) => (p.id === point.id ? point : p));
    else {
      points = [...entry.points];
      points.splice(index ?? points.length, 0, point);
    }
    set({ boards: { ...get().boards, [areaId]: { ...entry, points } } });
  },

  dropPoint(areaId, pointId) {
    const entry = get().boards[areaId];
    if (!entry) return;
    set({ boards: { ...get().boards, [areaId]: { ...entry, points: entry.points.filter((p) => p.id !== pointId) } } });
  },

  reorder(areaId, order) {
    const entry = get().boards[areaId];
    if (!entry) return;
    const byId = new Map(entry.points.map((p) => [p.id, p]));
    const points = order.flatMap((id) => {
      const p = byId.get(id);
      return p ? [p] : [];
    });
    set({ boards: { ...get().boards, [areaId]: { ...entry, points } } });
  },

  async loadRounds() {
    try {
      set({ rounds: await api.rounds.list({}), roundsError: null });
    } catch (error) {
      set({ roundsError: errorMessage(error) });
    }
  },

  setRounds(rounds) {
    set({ rounds, roundsError: null });
  },

  pushUndo(entry) {
    const list = [...(get().undoStack[entry.areaId] ?? []), entry].slice(-UNDO_DEPTH);
    // A new change makes the redo history meaningless.
    set({ undoStack: { ...get().undoStack, [entry.areaId]: list }, redoStack: { ...get().redoStack, [entry.areaId]: [] } });
  },

  takeUndo(areaId) {
    const list = get().undoStack[areaId] ?? [];
    const entry = list[list.length - 1];
    if (!entry) return null;
    set({ undoStack: { ...get().undoStack, [areaId]: list.slice(0, -1) } });
    return entry;
  },

  takeRedo(areaId) {
    const list = get().redoStack[areaId] ?? [];
    const entry = list[list.length - 1];
    if (!entry) return null;
    set({ redoStack: { ...get().redoStack, [areaId]: list.slice(0, -1) } });
    return entry;
  },

  pushRedo(entry) {
    set({ redoStack: { ...get().redoStack, [entry.areaId]: [...(get().redoStack[entry.areaId] ?? []), entry].slice(-UNDO_DEPTH) } });
  },
}));
