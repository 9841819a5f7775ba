import { create } from 'zustand';

export type OpenDialog =
  { kind: 'newArea' } | { kind: 'deleteArea'; areaId: string } | { kind: 'shortcuts' } | { kind: 'search' } | { kind: 'palette' } | null;

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
