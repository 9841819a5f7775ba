import { useEffect } from 'react';
import { commandSpec, formatAccelerator } from '../../../electron/core/commands';
import { api, onEvent, platform } from '../api/client';
import { DeleteAreaDialog, NewAreaDialog } from '../features/areas/AreaDialogs';
import { AreaList } from '../features/areas/AreaList';
import { AreaView } from '../features/areas/AreaView';
import { useBook } from '../features/book/bookState';
import { BackupsView, RestoreSnapshotDialog } from '../features/export/BackupsView';
import { ExportPdfDialog } from '../features/export/ExportPdfDialog';
import { ImportArchiveDialog } from '../features/export/ImportArchiveDialog';
import { HomeView } from '../features/home/HomeView';
import { noteAutosave } from '../features/notes/noteAutosave';
import { CommandPalette } from '../features/search/CommandPalette';
import { SearchPanel } from '../features/search/SearchPanel';
import { commitOpenEditors } from '../features/positions/CellEditors';
import { flushBoardEdits } from '../features/positions/positionsActions';
import { CopyBoardDialog, PointHistoryDialog } from '../features/positions/PositionsDialogs';
import { PositionsOverview } from '../features/positions/PositionsOverview';
import { RoundsView } from '../features/positions/RoundsView';
import { SettingsView } from '../features/settings/SettingsView';
import { MeetingBriefView } from '../features/meetings/MeetingBrief';
import { MeetingEditor } from '../features/meetings/MeetingEditor';
import { MeetingsView } from '../features/meetings/MeetingsView';
import { RecordStancesView } from '../features/meetings/RecordStances';
import { TimelineView } from '../features/meetings/TimelineView';
import { flushMeetingEdits } from '../features/meetings/meetingsState';
import { Toasts } from '../shared/ui/toasts';
import { handleShortcut, runCommand } from './commandHandlers';
import { useNavigation } from './navigation';
import { Notices } from './Notices';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useUi } from './uiState';
import { SourceDropZone } from '../features/sources/DropZone';
import { CitationPickerDialog, CiteAnnotationDialog, DeleteSourceDialog, PasteSourceDialog } from '../features/sources/SourceDialogs';
import { SourceReader } from '../features/sources/SourceReader';
import { SourcesLibrary } from '../features/sources/SourcesLibrary';
import { useEvidenceOpener } from '../features/sources/openAtQuote';

function Dialogs() {
  const dialog = useUi((s) => s.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'newArea':
      return <NewAreaDialog />;
    case 'deleteArea':
      return <DeleteAreaDialog areaId={dialog.areaId} />;
    case 'shortcuts':
      return <ShortcutsDialog />;
    case 'pasteSource':
      return <PasteSourceDialog />;
    case 'deleteSource':
      return <DeleteSourceDialog sourceId={dialog.sourceId} />;
    case 'citeAnnotation':
      return <CiteAnnotationDialog sourceId={dialog.sourceId} annotationId={dialog.annotationId} />;
    case 'citationPicker':
      return <CitationPickerDialog areaId={dialog.areaId} />;
    case 'search':
      return <SearchPanel />;
    case 'palette':
      return <CommandPalette />;
    case 'exportPdf':
      return <ExportPdfDialog />;
    case 'importArchive':
      return <ImportArchiveDialog chosen={dialog.chosen} />;
    case 'restoreSnapshot':
      return <RestoreSnapshotDialog id={dialog.snapshot.id} takenAt={dialog.snapshot.takenAt} />;
    case 'pointHistory':
      return <PointHistoryDialog areaId={dialog.areaId} pointId={dialog.pointId} partyId={dialog.partyId} />;
    case 'copyBoard':
      return <CopyBoardDialog markdown={dialog.markdown} />;
  }
}

function MainPane() {
  const route = useNavigation((s) => s.route);
  switch (route.view) {
    case 'home':
      return <HomeView />;
    case 'settings':
      return <SettingsView />;
    case 'area':
      return <AreaView areaId={route.areaId} />;
    case 'sources':
      return <SourcesLibrary />;
    case 'source':
      return <SourceReader key={route.sourceId} sourceId={route.sourceId} />;
    case 'backups':
      return <BackupsView />;
    case 'positions':
      return <PositionsOverview />;
    case 'rounds':
      return <RoundsView sinceRoundId={route.sinceRoundId} />;
    case 'meetings':
      return <MeetingsView />;
    case 'meeting':
      return <MeetingEditor key={route.meetingId} meetingId={route.meetingId} />;
    case 'meetingBrief':
      return <MeetingBriefView meetingId={route.meetingId} />;
    case 'recordStances':
      return <RecordStancesView key={route.meetingId} meetingId={route.meetingId} />;
    case 'timeline':
      return <TimelineView />;
  }
}

export function App() {
  const status = useBook((s) => s.status);
  const loadError = useBook((s) => s.loadError);
  const settings = useBook((s) => s.settings);
  const load = useBook((s) => s.load);
  const route = useNavigation((s) => s.route);
  const go = useNavigation((s) => s.go);

  useEffect(() => {
    void load();
  }, [load]);

  useEvidenceOpener();
  useEffect(() => {
    const isMac = platform() === 'darwin';
    const onKey = (event: KeyboardEvent) => handleShortcut(event, isMac);
    window.addEventListener('keydown', onKey, true);
    const offMenu = onEvent('menu.command', ({ command }) => void runCommand(command));
    // Before quit: save everything typed, then tell the main process it may go on.
    const offFlush = onEvent('app.flushRequest', ({ requestId }) => {
      const saved = Promise.allSettled([noteAutosave.flush(), flushBoardEdits(commitOpenEditors), flushMeetingEdits()]);
      void saved.finally(() => void api.app.flushed({ requestId }));
    });
    const onBlur = () => void noteAutosave.flush();
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('blur', onBlur);
      offMenu();
      offFlush();
    };
  }, []);

  useEffect(() => {
    document.title = settings ? `${settings.title} — Briefing Book` : 'Briefing Book';
  }, [settings]);

  if (status === 'failed') {
    return (
      <main className="fatal">
        <h1>The book could not be opened</h1>
        <p role="alert">{loadError}</p>
        <p>Nothing was changed on disk.</p>
        <button type="button" className="btn btn-primary" onClick={() => void load()}>
          Try again
        </button>
      </main>
    );
  }
  if (status === 'loading' || !settings) {
    return (
      <main className="fatal" aria-busy="true">
        <p className="loading">Opening the book…</p>
      </main>
    );
  }

  return (
    <div className="app">
      {settings.marking ? (
        <div className="marking" role="note" aria-label="Classification marking">
          {settings.marking}
        </div>
      ) : null}
      <div className="layout">
        <aside className="sidebar">
          <div className="sidebar-book">
            <button
              type="button"
              className="book-title"
              aria-current={route.view === 'home' ? 'page' : undefined}
              onClick={() => go({ view: 'home' })}
            >
              {settings.title}
            </button>
            <button
              type="button"
              className="sidebar-link sidebar-positions"
              aria-current={route.view === 'positions' ? 'page' : undefined}
              onClick={() => go({ view: 'positions' })}
            >
              Positions overview
            </button>
            <button
              type="button"
              className="sidebar-link sidebar-meetings"
              aria-current={['meetings', 'meeting', 'meetingBrief', 'recordStances'].includes(route.view) ? 'page' : undefined}
              onClick={() => go({ view: 'meetings' })}
            >
              Meetings
            </button>
            <button
              type="button"
              className="sidebar-link sidebar-timeline"
              aria-current={route.view === 'timeline' ? 'page' : undefined}
              onClick={() => go({ view: 'timeline' })}
            >
              Timeline
            </button>
          </div>
          <button type="button" className="sidebar-search" onClick={() => void runCommand('search.open')}>
            <span>Search the book…</span>
            <kbd>{formatAccelerator(commandSpec('search.open').accelerator ?? '', platform() === 'darwin')}</kbd>
          </button>
          <AreaList />
          <div className="sidebar-foot">
            <button
              type="button"
              className="sidebar-link"
              aria-current={route.view === 'sources' || route.view === 'source' ? 'page' : undefined}
              onClick={() => go({ view: 'sources' })}
            >
              Sources
            </button>
            <button
              type="button"
              className="sidebar-link"
              aria-current={route.view === 'rounds' ? 'page' : undefined}
              onClick={() => go({ view: 'rounds' })}
            >
              Negotiation rounds
            </button>
            <button
              type="button"
              className="sidebar-link"
              aria-current={route.view === 'settings' ? 'page' : undefined}
              onClick={() => go({ view: 'settings' })}
            >
              Book settings
            </button>
            <button
              type="button"
              className="sidebar-link"
              aria-current={route.view === 'backups' ? 'page' : undefined}
              onClick={() => go({ view: 'backups' })}
            >
              Export and backups
            </button>
            <button type="button" className="sidebar-link" onClick={() => useUi.getState().open({ kind: 'shortcuts' })}>
              Keyboard shortcuts
            </button>
          </div>
        </aside>
        <main className="main" id="main">
          <Notices />
          <MainPane />
        </main>
      </div>
      <Dialogs />
      <Toasts />
      <SourceDropZone />
    </div>
  );
}
