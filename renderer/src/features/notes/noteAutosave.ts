import { useSyncExternalStore } from 'react';
import { api } from '../../api/client';
import { Autosave, type SaveState } from './autosave';

/** The app's one autosave queue, saving through the API. */
export const noteAutosave = new Autosave({
  save: (areaId, markdown) => api.notes.save({ areaId, markdown }),
});

const subscribe = (listener: () => void) => noteAutosave.subscribe(listener);

export function useSaveState(areaId: string): SaveState {
  return useSyncExternalStore(subscribe, () => noteAutosave.state(areaId));
}
