import { create } from 'zustand';
import type { SnapshotInfo } from '../../../electron/core/backup/archive';
import type { ChosenArchive } from '../../../electron/core/contract/exportViews';

export type OpenDialog =
  | { kind: 'newArea' }
  | { kind: 'deleteArea'; areaId: string }
  | { kind: 'shortcuts' }
  // Sources (issue 3)
  | { kind: 'pasteSource' }
  | { kind: 'deleteSource'; sourceId: string }
  | { kind: 'citeAnnotation'; sourceId: string; annotationId: string }
  | { kind: 'citationPicker'; areaId: string }
  | { kind: 'search' }
  | { kind: 'palette' }
  // export (issue 6)
  | { kind: 'exportPdf' }
  | { kind: 'importArchive'; chosen: ChosenArchive }
  | { kind: 'restoreSnapshot'; snapshot: SnapshotInfo }
  // Positions: a cell's history (partyId null: the point's status), and the board's Markdown when the clipboard refused it.
  | { kind: 'pointHistory'; areaId: string; pointId: string; partyId: string | null }
  | { kind: 'copyBoard'; markdown: string }
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
