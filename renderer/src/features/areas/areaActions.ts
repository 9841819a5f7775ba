import type { AreaSummary } from '../../../../electron/core/contract/views';
import type { AreaPatch } from '../../../../electron/core/ops/areas';
import { api, errorMessage } from '../../api/client';
import { useNavigation } from '../../app/navigation';
import { useToasts } from '../../shared/ui/toasts';
import { activeAreas, useBook } from '../book/bookState';
import { noteAutosave } from '../notes/noteAutosave';

/**
 * What a user can do to issue areas. Each action calls the API, puts the
 * result in the book state and says what happened; a failure shows the
 * message from the main process and changes nothing on screen.
 */
function failed(action: string, error: unknown): void {
  useToasts.getState().show({ tone: 'error', message: `${action} failed: ${errorMessage(error)}` });
}

export async function createAreaAction(title: string): Promise<AreaSummary | null> {
  try {
    const area = await api.areas.create({ title });
    useBook.getState().upsertAreas([area]);
    useNavigation.getState().go({ view: 'area', areaId: area.id });
    return area;
  } catch (error) {
    failed('Creating the issue area', error);
    return null;
  }
}

export async function updateAreaAction(id: string, patch: AreaPatch): Promise<boolean> {
  try {
    const { tags, ...rest } = patch;
    const area = await api.areas.update({ id, patch: { ...rest, ...(tags ? { tags: [...tags] } : {}) } });
    useBook.getState().upsertAreas([area]);
    return true;
  } catch (error) {
    failed('Saving the issue area', error);
    return false;
  }
}

export async function moveAreaAction(id: string, beforeId: string | null): Promise<boolean> {
  try {
    const changed = await api.areas.move({ id, beforeId });
    useBook.getState().upsertAreas(changed);
    return true;
  } catch (error) {
    failed('Moving the issue area', error);
    return false;
  }
}

/** Moves an area one place up or down among the active areas. */
export async function moveAreaByStep(id: string, step: -1 | 1): Promise<string | null> {
  const list = activeAreas(useBook.getState().areas);
  const index = list.findIndex((a) => a.id === id);
  if (index < 0) return null;
  const target = index + step;
  if (target < 0 || target >= list.length) return null;
  // Moving down by one means placing it before the item two below (or last).
  const beforeId = step < 0 ? (list[target]?.id ?? null) : (list[target + 1]?.id ?? null);
  const ok = await moveAreaAction(id, beforeId);
  const area = list[index];
  return ok && area ? `Moved "${area.title}" to position ${target + 1} of ${list.length}.` : null;
}

export async function setArchivedAction(id: string, archived: boolean): Promise<void> {
  try {
    const area = await api.areas.setArchived({ id, archived });
    useBook.getState().upsertAreas([area]);
    useToasts.getState().show({
      tone: 'info',
      message: archived ? `Archived "${area.title}".` : `Restored "${area.title}".`,
      action: { label: 'Undo', run: () => void setArchivedAction(id, !archived) },
    });
  } catch (error) {
    failed(archived ? 'Archiving' : 'Restoring', error);
  }
}

/** Puts the keyboard focus on an area's item in the sidebar, or on the book title, once it is drawn. */
function focusSidebar(areaId: string | null): void {
  requestAnimationFrame(() => {
    const target = areaId
      ? document.querySelector<HTMLElement>(`[data-area-id="${areaId}"]`)
      : document.querySelector<HTMLElement>('.book-title');
    target?.focus();
  });
}

export async function deleteAreaAction(id: string): Promise<void> {
  const all = useBook.getState().areas;
  const deleted = all.find((a) => a.id === id);
  // The next area to show comes from the same group (active or archived) the deleted one was in.
  const list = deleted?.archivedAt === null ? activeAreas(all) : all.filter((a) => a.archivedAt !== null);
  const index = list.findIndex((a) => a.id === id);
  try {
    // Save what was typed first, so undo brings back the latest text.
    await noteAutosave.saveOne(id);
    const area = await api.areas.delete({ id });
    noteAutosave.forget(id);
    useBook.getState().dropArea(id);
    const nav = useNavigation.getState();
    if (nav.route.view === 'area' && nav.route.areaId === id) {
      const next = list[index + 1] ?? list[index - 1];
      nav.go(next && next.id !== id ? { view: 'area', areaId: next.id } : { view: 'home' });
      focusSidebar(next && next.id !== id && next.archivedAt === null ? next.id : null);
    }
    useToasts.getState().show({
      tone: 'info',
      message: `Deleted "${area.title}".`,
      timeoutMs: 12_000,
      action: { label: 'Undo', run: () => void undeleteAreaAction(id) },
    });
  } catch (error) {
    failed('Deleting the issue area', error);
  }
}

export async function undeleteAreaAction(id: string): Promise<void> {
  try {
    const area = await api.areas.undelete({ id });
    useBook.getState().upsertAreas([area]);
    useNavigation.getState().go({ view: 'area', areaId: id });
    useToasts.getState().show({ tone: 'info', message: `Restored "${area.title}".` });
  } catch (error) {
    failed('Undoing the delete', error);
  }
}
