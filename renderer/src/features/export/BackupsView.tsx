import { useCallback, useEffect, useState } from 'react';
import './export.css';
import { snapshotReasonLabels, type ArchiveSummary } from '../../../../electron/core/backup/archive';
import type { SnapshotList } from '../../../../electron/core/contract/exportViews';
import { api, errorMessage } from '../../api/client';
import { useUi } from '../../app/uiState';
import { Dialog } from '../../shared/ui/Dialog';
import { ErrorText } from '../../shared/ui/ErrorText';
import { useToasts } from '../../shared/ui/toasts';
import { useBook } from '../book/bookState';
import { ArchiveFacts } from './ArchiveFacts';
import { chooseArchiveAction, exportArchiveAction, formatBytes, formatWhen, restoreSnapshotAction } from './exportActions';

/** Export and backups: the briefing PDF, the portable archive, and the automatic snapshots. */
export function BackupsView() {
  const open = useUi((s) => s.open);
  const dialog = useUi((s) => s.dialog);
  const bookId = useBook((s) => s.bookId);
  const [list, setList] = useState<SnapshotList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [taking, setTaking] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setList(await api.snapshots.list({}));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  // Read again whenever a dialog closes (a restore takes a snapshot) or the book is reloaded.
  useEffect(() => {
    if (dialog !== null) return;
    let live = true;
    api.snapshots.list({}).then(
      (next) => {
        if (!live) return;
        setList(next);
        setError(null);
      },
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [dialog, bookId]);

  const takeNow = async () => {
    setTaking(true);
    try {
      const taken = await api.snapshots.create({});
      useToasts.getState().show({ tone: 'info', message: `Snapshot taken (${formatBytes(taken.bytes)}).` });
      await refresh();
    } catch (e) {
      useToasts.getState().show({ tone: 'error', message: errorMessage(e), timeoutMs: 15_000 });
    } finally {
      setTaking(false);
    }
  };

  return (
    <div className="settings backups">
      <h1>Export and backups</h1>

      <section className="backup-section" aria-labelledby="pdf-heading">
        <h2 id="pdf-heading">Delegation book (PDF)</h2>
        <p className="hint">
          A printed briefing book: cover, contents with page numbers, one section per issue area, the sources, and the classification
          marking on every page.
        </p>
        <div className="form-actions">
          <button type="button" className="btn btn-primary" onClick={() => open({ kind: 'exportPdf' })}>
            Export briefing PDF…
          </button>
        </div>
      </section>

      <section className="backup-section" aria-labelledby="archive-heading">
        <h2 id="archive-heading">Portable archive</h2>
        <p className="hint">
          One file with the whole book, as the app stores it and as readable Markdown. Import it on another computer, or keep it as a
          backup. Importing makes a new book; it never writes over one.
        </p>
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => void exportArchiveAction()}>
            Export book archive…
          </button>
          <button type="button" className="btn" onClick={() => void chooseArchiveAction()}>
            Import book archive…
          </button>
        </div>
      </section>

      <section className="backup-section" aria-labelledby="snapshots-heading">
        <div className="section-heading">
          <h2 id="snapshots-heading">Snapshots</h2>
          <button type="button" className="btn btn-small" onClick={() => void takeNow()} disabled={taking}>
            {taking ? 'Taking a snapshot…' : 'Take a snapshot now'}
          </button>
        </div>
        <p className="hint">
          {list?.automatic === false
            ? 'Automatic snapshots are off for this book.'
            : `Taken when the app starts, once a day and before the book's files are updated to a new format. The last ${list?.keep ?? 20} are kept, in the book's folder.`}
        </p>
        <ErrorText message={list?.problem} />
        <ErrorText message={error} />
        {list && list.snapshots.length === 0 ? <p className="muted">No snapshots yet.</p> : null}
        {list && list.snapshots.length > 0 ? (
          <table className="snapshot-table">
            <thead>
              <tr>
                <th scope="col">Taken</th>
                <th scope="col">Why</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.snapshots.map((s) => (
                <tr key={s.id} className={s.damaged === null ? undefined : 'snapshot-damaged'}>
                  <td>{formatWhen(s.takenAt)}</td>
                  <td>
                    {snapshotReasonLabels[s.reason]}
                    {s.damaged === null ? null : <div className="snapshot-damage">Cannot be restored: {s.damaged}.</div>}
                  </td>
                  <td className="num">{formatBytes(s.bytes)}</td>
                  <td className="actions">
                    {s.damaged === null ? (
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={`Restore the snapshot of ${formatWhen(s.takenAt)}`}
                        onClick={() => open({ kind: 'restoreSnapshot', snapshot: s })}
                      >
                        Restore…
                      </button>
                    ) : (
                      <span className="badge snapshot-damaged-badge">Damaged</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}

/** Confirms a restore, showing what the snapshot holds. */
export function RestoreSnapshotDialog({ id, takenAt }: { id: string; takenAt: string }) {
  const close = useUi((s) => s.close);
  const [summary, setSummary] = useState<ArchiveSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    api.snapshots
      .inspect({ id })
      .then((s) => live && setSummary(s))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [id]);
  const restore = async () => {
    setBusy(true);
    const problem = await restoreSnapshotAction(id);
    setBusy(false);
    if (problem) setError(problem);
    else close();
  };
  return (
    <Dialog
      title="Restore this snapshot?"
      description={`The book goes back to how it was on ${formatWhen(takenAt)}. The book as it is now is snapshotted first, so you can come back to it.`}
      onClose={() => !busy && close()}
      actions={
        <>
          <button type="button" className="btn" data-autofocus onClick={close} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void restore()} disabled={busy || summary === null}>
            {busy ? 'Restoring…' : 'Restore snapshot'}
          </button>
        </>
      }
    >
      {summary ? (
        <ArchiveFacts
          rows={[
            ['Book', summary.title],
            ['Issue areas', summary.areas],
            ['Size', formatBytes(summary.bytes)],
          ]}
        />
      ) : error ? null : (
        <p className="muted">Checking the snapshot…</p>
      )}
      <ErrorText message={error} />
    </Dialog>
  );
}
