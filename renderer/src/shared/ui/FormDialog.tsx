import type { ReactNode } from 'react';
import { Dialog, type DialogProps } from './Dialog';

export interface FormDialogProps extends Pick<DialogProps, 'title' | 'description' | 'width' | 'onClose'> {
  /** The id of the form, so the dialog's submit button belongs to it. */
  readonly formId: string;
  readonly submitLabel: string;
  readonly canSubmit: boolean;
  readonly onSubmit: () => void;
  readonly children: ReactNode;
}

/** A dialog holding one form, with Cancel and a submit button; Enter in a field submits. */
export function FormDialog({ formId, submitLabel, canSubmit, onSubmit, children, onClose, ...dialog }: FormDialogProps) {
  return (
    <Dialog
      {...dialog}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="btn btn-primary" disabled={!canSubmit}>
            {submitLabel}
          </button>
        </>
      }
    >
      <form
        id={formId}
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
    </Dialog>
  );
}
