import { useEffect, useId, useRef, useState } from 'react';
import './export.css';
import type { ExportProgress, PageSize, PdfExportResult } from '../../../../electron/core/contract/exportViews';
import { api, errorMessage, onEvent } from '../../api/client';
import { useUi } from '../../app/uiState';
import { Dialog } from '../../shared/ui/Dialog';
import { ErrorText } from '../../shared/ui/ErrorText';
import { activeAreas, archivedAreas, useBook } from '../book/bookState';
import { noteAutosave } from '../notes/noteAutosave';
import { formatBytes } from './exportActions';

type Phase =
  | { step: 'choose' }
  | { step: 'running'; progress: ExportProgress | null; cancelling: boolean }
  | { step: 'done'; result: PdfExportResult }
  | { step: 'failed'; message: string };

let jobSeq = 0;

/** A new id for each export, so progress events and Cancel name it. */
function newJobId(): string {
  jobSeq += 1;
  return `pdf-${Date.now().toString(36)}-${jobSeq}`;
}

/**
 * "Export briefing PDF": the whole book or chosen issue areas, the page size;
 * then progress with Cancel, and Open or Show in folder once it is saved.
 */
export function ExportPdfDialog() {
  const close = useUi((s) => s.close);
  const areas = useBook((s) => s.areas);
  const active = activeAreas(areas);
  const archived = archivedAreas(areas);
  const [scope, setScope] = useState<'book' | 'chosen'>('book');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(active.map((a) => a.id)));
  const [pageSize, setPageSize] = useState<PageSize>('a4');
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const jobId = useRef('');
  const ids = { scope: useId(), size: useId(), list: useId() };

  useEffect(
    () =>
      onEvent('pdf.progress', (progress) => {
        if (progress.jobId !== jobId.current) return;
        setPhase((p) => (p.step === 'running' ? { ...p, progress } : p));
      }),
    [],
  );

  // Each step's buttons replace the last ones: move the focus to the new step's main control, so keys keep working.
  useEffect(() => {
    document.querySelector<HTMLElement>('.dialog [data-autofocus]')?.focus();
  }, [phase.step]);

  const running = phase.step === 'running';
  const start = async () => {
    jobId.current = newJobId();
    setPhase({ step: 'running', progress: null, cancelling: false });
    try {
      await noteAutosave.flush();
      const result = await api.pdf.export({
        jobId: jobId.current,
        // In book order (the service prints in book order whatever the order sent).
        areaIds: scope === 'book' ? null : [...active, ...archived].filter((a) => chosen.has(a.id)).map((a) => a.id),
        includeArchived: scope === 'book' && includeArchived,
        pageSize,
      });
      setPhase(result.saved ? { step: 'done', result } : { step: 'choose' });
    } catch (error) {
      setPhase({ step: 'failed', message: errorMessage(error) });
    }
  };
  const cancel = async () => {
    setPhase((p) => (p.step === 'running' ? { ...p, cancelling: true } : p));
    await api.pdf.cancel({ jobId: jobId.current }).catch(() => undefined);
  };
  const dismiss = () => {
    if (running) void cancel();
    else close();
  };

  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  const count = scope === 'book' ? active.length + (includeArchived ? archived.length : 0) : chosen.size;
  const canStart = count > 0;

  let body;
  let actions;
  if (phase.step === 'running') {
    const fraction = phase.progress?.fraction ?? 0;
    body = (
      <div className="export-progress">
        <progress
          className="export-bar"
          max={100}
          value={Math.round(fraction * 100)}
          aria-label="Export progress"
          aria-valuetext={phase.progress?.message ?? 'Starting…'}
        />
        <p className="export-status" role="status" aria-live="polite">
          {phase.cancelling ? 'Cancelling…' : (phase.progress?.message ?? 'Waiting for you to choose where to save the PDF…')}
        </p>
      </div>
    );
    actions = (
      <button type="button" className="btn" data-autofocus onClick={() => void cancel()} disabled={phase.cancelling}>
        Cancel export
      </button>
    );
  } else if (phase.step === 'done') {
    const { result } = phase;
    body = (
      <p className="export-done" role="status">
        Saved {result.pages} pages ({formatBytes(result.bytes)}) to <code>{result.path}</code>.
      </p>
    );
    actions = (
      <>
        <button type="button" className="btn" onClick={() => void api.pdf.reveal({ jobId: jobId.current })}>
          Show in folder
        </button>
        <button type="button" className="btn" onClick={close}>
          Close
        </button>
        <button type="button" className="btn btn-primary" data-autofocus onClick={() => void api.pdf.open({ jobId: jobId.current })}>
          Open PDF
        </button>
      </>
    );
  } else {
    body = (
      <form
        id="export-pdf-form"
        className="export-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (canStart) void start();
        }}
      >
        <fieldset className="export-fieldset">
          <legend>What to print</legend>
          <label className="radio">
            <input
              type="radio"
              name={ids.scope}
              checked={scope === 'book'}
              onChange={() => setScope('book')}
              data-autofocus={phase.step === 'choose' ? true : undefined}
            />
            The whole book ({active.length} issue {active.length === 1 ? 'area' : 'areas'})
          </label>
          {scope === 'book' && archived.length > 0 ? (
            <label className="checkbox nested">
              <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
              Also print the {archived.length} archived {archived.length === 1 ? 'area' : 'areas'}
            </label>
          ) : null}
          <label className="radio">
            <input type="radio" name={ids.scope} checked={scope === 'chosen'} onChange={() => setScope('chosen')} />
            Chosen issue areas
          </label>
          {scope === 'chosen' ? (
            <ul className="export-areas" id={ids.list} aria-label="Issue areas to print">
              {[...active, ...archived].map((area) => (
                <li key={area.id}>
                  <label className="checkbox">
                    <input type="checkbox" checked={chosen.has(area.id)} onChange={() => toggle(area.id)} />
                    {area.title}
                    {area.archivedAt ? <span className="muted"> (archived)</span> : null}
                  </label>
                </li>
              ))}
            </ul>
          ) : null}
        </fieldset>
        <label className="field-inline">
          <span>Page size</span>
          <select id={ids.size} className="select" value={pageSize} onChange={(e) => setPageSize(e.target.value as PageSize)}>
            <option value="a4">A4</option>
            <option value="letter">US Letter</option>
          </select>
        </label>
        <p className="hint">
          A cover, contents with page numbers, one section per issue area and the sources, with the classification marking and page numbers
          on every page.
        </p>
        <ErrorText message={phase.step === 'failed' ? phase.message : null} />
      </form>
    );
    actions = (
      <>
        <button type="button" className="btn" onClick={close}>
          Cancel
        </button>
        <button
          type="submit"
          form="export-pdf-form"
          className="btn btn-primary"
          disabled={!canStart}
          data-autofocus={phase.step === 'failed' ? true : undefined}
        >
          {phase.step === 'failed' ? 'Try again…' : `Export ${count} ${count === 1 ? 'area' : 'areas'}…`}
        </button>
      </>
    );
  }

  return (
    <Dialog title="Export briefing PDF" onClose={dismiss} actions={actions} width="wide">
      {body}
    </Dialog>
  );
}
