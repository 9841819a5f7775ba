import { api, errorMessage } from '../../api/client';
import { useNavigation } from '../../app/navigation';
import { useUi } from '../../app/uiState';
import { useToasts } from '../../shared/ui/toasts';
import { useBook } from '../book/bookState';
import { noteAutosave } from '../notes/noteAutosave';

/** "Export book archive…": the main process asks where, then writes the archive. */
export async function exportArchiveAction(): Promise<void> {
  const toasts = useToasts.getState();
  try {
    await noteAutosave.flush();
    const result = await api.backup.exportArchive({});
    if (!result.saved || !result.path) return;
    toasts.show({
      tone: 'info',
      message: `Book archived: ${result.areas} issue ${result.areas === 1 ? 'area' : 'areas'}, ${formatBytes(result.bytes)}, saved to ${result.path}.`,
    });
  } catch (error) {
    toasts.show({ tone: 'error', message: errorMessage(error), timeoutMs: 15_000 });
  }
}

/** "Import book archive…": choose and check an archive, then ask where the imported book goes. */
export async function chooseArchiveAction(): Promise<void> {
  try {
    const chosen = await api.backup.chooseArchive({});
    if (chosen.chosen) useUi.getState().open({ kind: 'importArchive', chosen });
  } catch (error) {
    useToasts.getState().show({ tone: 'error', message: errorMessage(error), timeoutMs: 15_000 });
  }
}

/**
 * Restores a snapshot: every typed change is saved first (so it is in the
 * snapshot the restore takes of the current state), then the book is read again.
 */
export async function restoreSnapshotAction(id: string): Promise<string | null> {
  await noteAutosave.flush();
  try {
    const result = await api.snapshots.restore({ id });
    // The notes on screen belong to the book as it was: forget their drafts, then reload.
    for (const area of useBook.getState().areas) noteAutosave.forget(area.id);
    await useBook.getState().load();
    useNavigation.getState().go({ view: 'home' });
    useToasts.getState().show({
      tone: 'info',
      message: `The book is back as it was on ${formatWhen(result.restored.takenAt)}. The state just before is kept as a snapshot.`,
      timeoutMs: 10_000,
    });
    return null;
  } catch (error) {
    // A restore that failed has left the book as it was (nothing to reload), or closed it when the disk would
    // not let its files be put back yet: then the app shows why the book cannot be opened.
    const stillOpen = await api.book.open({}).then(
      () => true,
      () => false,
    );
    if (!stillOpen) await useBook.getState().load();
    return errorMessage(error);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}
