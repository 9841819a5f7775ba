import { create } from 'zustand';

export type OpenDialog =
  | { kind: 'newArea' }
  | { kind: 'deleteArea'; areaId: string }
  | { kind: 'shortcuts' }
  // Sources (issue 3)
  | { kind: 'pasteSource' }
  | { kind: 'deleteSource'; sourceId: string }
  | { kind: 'citeAnnotation'; sourceId: string; annotationId: string }
  | { kind: 'citationPicker'; areaId: string }
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
