import { commands, matchesAccelerator, type CommandId } from '../../../electron/core/commands';
import { activeAreas, useBook } from '../features/book/bookState';
import { moveAreaByStep, setArchivedAction } from '../features/areas/areaActions';
import { chooseArchiveAction, exportArchiveAction } from '../features/export/exportActions';
import { focusActiveEditor, focusEditorWhenReady } from '../features/notes/NoteEditor';
import { noteAutosave } from '../features/notes/noteAutosave';
import { useAreaTab } from '../features/positions/areaTab';
import { copyOpenBoard, showPositionsBoard } from '../features/positions/positionsCommands';
import { importFilesAction } from '../features/sources/fileImport';
import { useToasts } from '../shared/ui/toasts';
import { useNavigation } from './navigation';
import { themeLabels, useTheme } from './theme';
import { useUi } from './uiState';

function stepArea(step: -1 | 1): void {
  const list = activeAreas(useBook.getState().areas);
  if (list.length === 0) return;
  const route = useNavigation.getState().route;
  const index = route.view === 'area' ? list.findIndex((a) => a.id === route.areaId) : -1;
  const next = index < 0 ? (step > 0 ? list[0] : list[list.length - 1]) : list[(index + step + list.length) % list.length];
  if (next) useNavigation.getState().go({ view: 'area', areaId: next.id });
}

function currentArea(): string | null {
  const route = useNavigation.getState().route;
  return route.view === 'area' ? route.areaId : null;
}

/** What each command does. The native menu and the keyboard both end here. */
export async function runCommand(id: CommandId): Promise<void> {
  const nav = useNavigation.getState();
  const ui = useUi.getState();
  switch (id) {
    case 'area.new':
      ui.open({ kind: 'newArea' });
      return;
    case 'area.next':
      stepArea(1);
      return;
    case 'area.previous':
      stepArea(-1);
      return;
    case 'area.moveUp':
    case 'area.moveDown': {
      const areaId = currentArea();
      if (!areaId) return;
      const message = await moveAreaByStep(areaId, id === 'area.moveUp' ? -1 : 1);
      if (message) useToasts.getState().show({ tone: 'info', message, timeoutMs: 3_000 });
      return;
    }
    case 'area.archive': {
      const areaId = currentArea();
      const area = useBook.getState().areas.find((a) => a.id === areaId);
      if (area) await setArchivedAction(area.id, area.archivedAt === null);
      return;
    }
    case 'area.delete': {
      const areaId = currentArea();
      if (areaId) ui.open({ kind: 'deleteArea', areaId });
      return;
    }
    case 'editor.focus':
      // The note editor is on the area's note tab.
      useAreaTab.getState().show('note');
      if (!focusActiveEditor()) {
        // No editor on screen yet (the overview, or a note still loading): focus it as soon as it opens.
        focusEditorWhenReady();
        const first = activeAreas(useBook.getState().areas)[0];
        if (nav.route.view !== 'area' && first) nav.go({ view: 'area', areaId: first.id });
      }
      return;
    case 'note.saveNow': {
      // A title or summary being edited commits on blur: blur it and give the focus back.
      const field = document.activeElement;
      if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
        field.blur();
        field.focus();
      }
      const ok = await noteAutosave.flush();
      useToasts.getState().show({
        tone: ok ? 'info' : 'error',
        message: ok ? 'All notes saved.' : 'Some changes could not be saved yet; see the message above the note.',
        timeoutMs: 2_500,
      });
      return;
    }
    case 'view.home':
      nav.go({ view: 'home' });
      return;
    case 'view.settings':
      nav.go({ view: 'settings' });
      return;
    case 'view.shortcuts':
      ui.open({ kind: 'shortcuts' });
      return;
    case 'view.sources':
      nav.go({ view: 'sources' });
      return;
    case 'search.open':
      ui.open({ kind: 'search' });
      return;
    case 'palette.open':
      ui.open({ kind: 'palette' });
      return;
    // export (issue 6)
    case 'export.pdf':
      ui.open({ kind: 'exportPdf' });
      return;
    case 'export.archive':
      await exportArchiveAction();
      return;
    case 'export.import':
      await chooseArchiveAction();
      return;
    case 'view.backups':
      nav.go({ view: 'backups' });
      return;
    case 'area.positions':
      showPositionsBoard();
      return;
    case 'positions.copyMarkdown':
      copyOpenBoard();
      return;
    case 'view.positions':
      nav.go({ view: 'positions' });
      return;
    case 'view.rounds':
      nav.go({ view: 'rounds' });
      return;
    case 'view.meetings':
      nav.go({ view: 'meetings' });
      return;
    case 'view.timeline':
      nav.go({ view: 'timeline' });
      return;
    case 'sources.import':
      // The Open dialog for articles; what is imported shows in the Sources library.
      if (nav.route.view !== 'sources') nav.go({ view: 'sources' });
      await importFilesAction();
      return;
    case 'view.theme': {
      const theme = useTheme.getState().cycle();
      useToasts.getState().show({ tone: 'info', message: `Theme: ${themeLabels[theme]}`, timeoutMs: 2_000 });
      return;
    }
  }
}

/**
 * The window-level key handler, in the capture phase so the app's shortcuts
 * work everywhere, including inside the editor. While a dialog is open only
 * the dialog gets keys.
 */
export function handleShortcut(event: KeyboardEvent, isMac: boolean): boolean {
  if (useUi.getState().dialog !== null) return false;
  for (const command of commands) {
    if (command.accelerator && matchesAccelerator(command.accelerator, event, isMac)) {
      event.preventDefault();
      event.stopPropagation();
      void runCommand(command.id);
      return true;
    }
  }
  return false;
}
