// The bottom of a form dialog: the error sentence (when there is one), then Cancel and the dialog's own
// buttons, so every dialog shows failures and offers a way out in the same place.
import type { ReactNode } from 'react';
import { WarningIcon } from './icons';

/** An error sentence under a dialog's fields, announced to screen readers. */
export function FieldError({ message, id }: { readonly message: ReactNode; readonly id?: string }) {
  return (
    <p id={id} className="field-error" role="alert">
      <WarningIcon className="icon-sm" />
      {message}
    </p>
  );
}

/** The error (if any) and the action row; `children` are the buttons after Cancel. */
export function DialogFooter({
  error,
  errorId,
  onCancel,
  cancelLabel = 'Cancel',
  children,
}: {
  readonly error: string | null | undefined;
  /** For aria-describedby on the field the error is about. */
  readonly errorId?: string;
  readonly onCancel: () => void;
  /** "Close" when there is nothing to cancel (the dialog only informs). */
  readonly cancelLabel?: string;
  readonly children?: ReactNode;
}) {
  return (
    <>
      {error ? <FieldError message={error} id={errorId} /> : null}
      <div className="modal-actions">
        <button type="button" className="button" onClick={onCancel}>
          {cancelLabel}
        </button>
        {children}
      </div>
    </>
  );
}
