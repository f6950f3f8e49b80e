// Browser mode: open a file that lives on the machine running `trustlens web`, by its path there.
import { useId, useRef } from 'react';
import { PathIcon } from '../ui/icons';
import { Modal } from './modal';
import { ModalHeading } from '../ui/modal-heading';

export interface OpenPathDialogProps {
  readonly onOpen: (path: string) => void;
  readonly onCancel: () => void;
}

export function OpenPathDialog({ onOpen, onCancel }: OpenPathDialogProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onCancel={onCancel} initialFocus={input} className="path-dialog">
      <form
        className="modal-body"
        onSubmit={(event) => {
          event.preventDefault();
          const path = input.current?.value.trim();
          if (path) onOpen(path);
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
        <input ref={input} id={`${id}-path`} className="text-input mono" type="text" spellCheck={false} autoComplete="off" required />
        <div className="modal-actions">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button primary">
            Open
          </button>
        </div>
      </form>
    </Modal>
  );
}
