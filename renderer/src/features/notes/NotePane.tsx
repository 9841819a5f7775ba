import { useDeferredValue, useEffect, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { Markdown } from '../../shared/ui/Markdown';
import { openLink } from '../../shared/openLink';
import { NoteEditor } from './NoteEditor';
import { noteAutosave } from './noteAutosave';
import { SaveIndicator } from './SaveIndicator';
import { useUi } from '../../app/uiState';
import { renderCitationLink } from '../sources/Citation';
import { useReveal } from './reveal';

type Mode = 'write' | 'split' | 'preview';
const MODE_KEY = 'briefing.noteMode';

function initialMode(): Mode {
  const saved = window.localStorage.getItem(MODE_KEY);
  return saved === 'write' || saved === 'preview' ? saved : 'split';
}

/** The briefing note of one area: editor beside a live preview, with its save state. */
export function NotePane({ areaId, areaTitle }: { areaId: string; areaTitle: string }) {
  const [loaded, setLoaded] = useState<{ areaId: string } | null>(null);
  // The text tagged with its area, so the deferred preview can tell when it belongs to another note.
  const [text, setText] = useState({ areaId: '', markdown: '' });
  const [failure, setFailure] = useState<{ areaId: string; message: string } | null>(null);
  const error = failure?.areaId === areaId ? failure.message : null;
  const [mode, setMode] = useState<Mode>(initialMode);
  // Showing a search match needs the editor: Preview alone switches to Split.
  const revealHere = useReveal((s) => s.request?.areaId === areaId);
  if (revealHere && mode === 'preview') setMode('split');
  const deferred = useDeferredValue(text);
  // While typing, the preview may lag a keystroke behind; a note that has just opened shows at once,
  // never as "Nothing written yet" or as the previous area's note.
  const preview = deferred.areaId === text.areaId ? deferred.markdown : text.markdown;

  useEffect(() => {
    let cancelled = false;
    api.notes
      .get({ areaId })
      .then((note) => {
        if (cancelled) return;
        // A draft that has not been saved yet wins over what is on disk.
        const start = noteAutosave.draft(areaId) ?? note.markdown;
        noteAutosave.loaded(areaId, note.updatedAt);
        setText({ areaId, markdown: start });
        setLoaded({ areaId });
      })
      .catch((e: unknown) => {
        if (!cancelled) setFailure({ areaId, message: errorMessage(e) });
      });
    return () => {
      cancelled = true;
      void noteAutosave.saveOne(areaId);
    };
  }, [areaId]);

  const changeMode = (next: Mode) => {
    setMode(next);
    window.localStorage.setItem(MODE_KEY, next);
  };

  return (
    <section className="note-pane" aria-labelledby="note-heading">
      <div className="note-toolbar">
        <h2 id="note-heading">Briefing note</h2>
        <div className="segmented" role="group" aria-label="Note layout">
          {(['write', 'split', 'preview'] as const).map((m) => (
            <button key={m} type="button" aria-pressed={mode === m} onClick={() => changeMode(m)}>
              {m === 'write' ? 'Write' : m === 'split' ? 'Split' : 'Preview'}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="btn btn-small"
          disabled={mode === 'preview'}
          title="Insert a quote from Sources at the cursor"
          onClick={() => useUi.getState().open({ kind: 'citationPicker', areaId })}
        >
          Cite…
        </button>
        <SaveIndicator areaId={areaId} />
      </div>
      {error ? (
        <p className="error-text" role="alert">
          The note could not be loaded: {error}
        </p>
      ) : null}
      {loaded && loaded.areaId === areaId ? (
        <div className={`note-body mode-${mode}`}>
          {mode !== 'preview' ? (
            <NoteEditor
              docKey={areaId}
              // The editor is created again after Preview: it starts from what was typed, not from what was loaded.
              initial={text.markdown}
              label={`Briefing note for ${areaTitle}, Markdown`}
              onChange={(value) => {
                setText({ areaId, markdown: value });
                noteAutosave.edit(areaId, value);
              }}
              onBlur={() => void noteAutosave.saveOne(areaId)}
            />
          ) : null}
          {mode !== 'write' ? (
            <article className="note-preview" aria-label="Preview of the briefing note" tabIndex={0}>
              {preview.trim() ? (
                <Markdown source={preview} onOpenLink={openLink} renderLink={renderCitationLink} />
              ) : (
                <p className="empty-hint">Nothing written yet.</p>
              )}
            </article>
          ) : null}
        </div>
      ) : !error ? (
        <p className="loading">Loading note…</p>
      ) : null}
    </section>
  );
}
