import { useState } from 'react';
import { useUi } from '../../app/uiState';
import { Dialog } from '../../shared/ui/Dialog';
import { FormDialog } from '../../shared/ui/FormDialog';
import { useBook } from '../book/bookState';
import { createAreaAction, deleteAreaAction } from './areaActions';

export function NewAreaDialog() {
  const close = useUi((s) => s.close);
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!title.trim() || busy) return;
    setBusy(true);
    const created = await createAreaAction(title);
    setBusy(false);
    if (created) close();
  };
  return (
    <FormDialog
      title="New issue area"
      onClose={close}
      formId="new-area-form"
      submitLabel="Create"
      canSubmit={Boolean(title.trim()) && !busy}
      onSubmit={() => void submit()}
    >
      <label className="field">
        <span>Title</span>
        <input
          data-autofocus
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="e.g. Forced technology transfer"
        />
      </label>
    </FormDialog>
  );
}

export function DeleteAreaDialog({ areaId }: { areaId: string }) {
  const close = useUi((s) => s.close);
  const area = useBook((s) => s.areas.find((a) => a.id === areaId));
  if (!area) return null;
  return (
    <Dialog
      title={`Delete "${area.title}"?`}
      description={`The issue area and its briefing note (${area.noteWords.toLocaleString('en-US')} words) will be deleted. You can undo this straight after.`}
      onClose={close}
      actions={
        <>
          <button type="button" className="btn" data-autofocus onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger-solid"
            onClick={() => {
              close();
              void deleteAreaAction(areaId);
            }}
          >
            Delete issue area
          </button>
        </>
      }
    >
      {null}
    </Dialog>
  );
}
