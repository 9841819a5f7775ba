import { noteAutosave, useSaveState } from './noteAutosave';

function time(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** Saved / Saving / Not saved, always visible next to the note. */
export function SaveIndicator({ areaId }: { areaId: string }) {
  const state = useSaveState(areaId);
  let content;
  switch (state.kind) {
    case 'saved':
      content = <span className="save-ok">{state.at ? `Saved ${time(state.at)}` : 'Saved'}</span>;
      break;
    case 'pending':
      content = <span className="save-pending">Unsaved changes</span>;
      break;
    case 'saving':
      content = <span className="save-pending">Saving…</span>;
      break;
    case 'failed':
      content = (
        <span className="save-failed">
          {state.message}{' '}
          <button type="button" className="btn btn-small" onClick={() => void noteAutosave.saveOne(areaId)}>
            Retry now
          </button>
        </span>
      );
      break;
  }
  return (
    <div className={`save-indicator save-${state.kind}`} role="status" aria-live="polite" data-save-state={state.kind}>
      {content}
    </div>
  );
}
