import { useId, useState } from 'react';
import type { ChosenArchive, ImportArchiveResult } from '../../../../electron/core/contract/exportViews';
import { api, errorMessage } from '../../api/client';
import { useUi } from '../../app/uiState';
import { Dialog } from '../../shared/ui/Dialog';
import { ErrorText } from '../../shared/ui/ErrorText';
import { ArchiveFacts } from './ArchiveFacts';
import { formatBytes, formatWhen } from './exportActions';

/** A checked archive: where the imported book goes (never over an existing one), then an offer to open it. */
export function ImportArchiveDialog({ chosen }: { chosen: ChosenArchive }) {
  const close = useUi((s) => s.close);
  const [destination, setDestination] = useState<'beside' | 'folder'>('beside');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ImportArchiveResult | null>(null);
  const name = useId();
  const { summary, importId } = chosen;
  if (!summary || !importId) return null;

  const runImport = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.backup.importArchive({ importId, destination });
      if (result.imported) setDone(result);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Dialog
        title="Book imported"
        onClose={close}
        actions={
          <>
            <button type="button" className="btn" onClick={close}>
              Stay in this book
            </button>
            <button type="button" className="btn btn-primary" data-autofocus onClick={() => void api.backup.openImported({ importId })}>
              Open the imported book
            </button>
          </>
        }
      >
        <p role="status">
          “{summary.title}” ({done.areas} issue {done.areas === 1 ? 'area' : 'areas'}) is now a book of its own in{' '}
          <code>{done.dataDir}</code>. Opening it restarts Briefing Book on that book; everything typed here is saved first.
        </p>
      </Dialog>
    );
  }

  return (
    <Dialog
      title="Import book archive"
      width="wide"
      onClose={() => !busy && close()}
      actions={
        <>
          <button type="button" className="btn" onClick={close} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void runImport()} disabled={busy}>
            {busy ? 'Importing…' : destination === 'beside' ? 'Import' : 'Choose folder and import…'}
          </button>
        </>
      }
    >
      <ArchiveFacts
        rows={[
          ['File', chosen.fileName],
          ['Book', summary.title],
          ['Issue areas', summary.areas],
          ['Archived', `${formatWhen(summary.createdAt)} by Briefing Book ${summary.appVersion}`],
          ['Size', formatBytes(summary.bytes)],
        ]}
      />
      <fieldset className="export-fieldset">
        <legend>Import as a new book</legend>
        <label className="radio">
          <input type="radio" name={name} checked={destination === 'beside'} onChange={() => setDestination('beside')} data-autofocus />
          <span>
            Beside the current book, in <code>{chosen.besidePath}</code>
          </span>
        </label>
        <label className="radio">
          <input type="radio" name={name} checked={destination === 'folder'} onChange={() => setDestination('folder')} />
          In an empty folder I choose
        </label>
        <p className="hint">The book that is open now is not changed.</p>
      </fieldset>
      <ErrorText message={error} />
    </Dialog>
  );
}
