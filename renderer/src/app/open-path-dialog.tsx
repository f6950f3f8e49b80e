// Browser mode: open a file that lives on the machine running `trustlens web`, by its path there. A path
// that cannot be opened keeps the dialog open with the reason under the field, so it can be corrected.
import { useId, useRef, useState } from 'react';
import { errorMessage } from '../api/remote-error';
import { DialogFooter } from '../ui/dialog-footer';
import { PathIcon } from '../ui/icons';
import { Modal } from './modal';
import { ModalHeading } from '../ui/modal-heading';

export interface OpenPathDialogProps {
  /** Opens the store (or asks for its password); rejects with the reason the path cannot be opened. */
  readonly onOpen: (path: string) => Promise<void>;
  /** The store is open (or its password dialog is up). */
  readonly onDone: () => void;
  readonly onCancel: () => void;
}

export function OpenPathDialog({ onOpen, onDone, onCancel }: OpenPathDialogProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onCancel={onCancel} initialFocus={input} className="path-dialog">
      <form
        className="modal-body"
        onSubmit={(event) => {
          event.preventDefault();
          const path = input.current?.value.trim();
          if (!path || opening) return;
          setOpening(true);
          setError(null);
          onOpen(path).then(onDone, (failure: unknown) => {
            setOpening(false);
            setError(errorMessage(failure));
            input.current?.focus();
            input.current?.select();
          });
        }}
      >
        <ModalHeading titleId={`${id}-title`} icon={<PathIcon />}>
          Open by path
        </ModalHeading>
        <p id={`${id}-text`} className="modal-text">
          The path of a store on the machine running TrustLens, e.g. <code>/etc/ssl/certs/java/cacerts</code>.
        </p>
        <label className="field-label" htmlFor={`${id}-path`}>
          Path
        </label>
        <input
          ref={input}
          id={`${id}-path`}
          className="text-input mono"
          type="text"
          spellCheck={false}
          autoComplete="off"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={() => setError(null)}
        />
        <DialogFooter error={error} errorId={`${id}-error`} onCancel={onCancel}>
          <button type="submit" className="button primary" disabled={opening}>
            {opening ? 'Opening…' : 'Open'}
          </button>
        </DialogFooter>
      </form>
    </Modal>
  );
}
