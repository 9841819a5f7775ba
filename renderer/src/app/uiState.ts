import { create } from 'zustand';
import type { SnapshotInfo } from '../../../electron/core/backup/archive';
import type { ChosenArchive } from '../../../electron/core/contract/exportViews';

export type OpenDialog =
  | { kind: 'newArea' }
  | { kind: 'deleteArea'; areaId: string }
  | { kind: 'shortcuts' }
  | { kind: 'search' }
  | { kind: 'palette' }
  // export (issue 6)
  | { kind: 'exportPdf' }
  | { kind: 'importArchive'; chosen: ChosenArchive }
  | { kind: 'restoreSnapshot'; snapshot: SnapshotInfo }
  | null;

interface UiState {
  dialog: OpenDialog;
  open(dialog: OpenDialog): void;
  close(): void;
}

/** Which modal is open. One at a time. */
export const useUi = create<UiState>()((set) => ({
  dialog: null,
  open(dialog) {
    set({ dialog });
  },
  close() {
    set({ dialog: null });
  },
}));
