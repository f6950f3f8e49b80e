// A question with a few answers ("Overwrite?", "Save changes before closing?"), asked as a promise:
// `await confirm({...})` resolves to the id of the button pressed, or 'cancel' on Escape.
import { useCallback, useId, useRef, useState, type ReactNode } from 'react';
import { WarningIcon } from '../ui/icons';
import { Modal } from './modal';
import { ModalHeading } from '../ui/modal-heading';

export interface ConfirmAction {
  readonly id: string;
  readonly label: string;
  readonly tone?: 'primary' | 'danger';
}

export interface ConfirmRequest {
  readonly title: string;
  readonly message: string;
  /** Left to right; the primary one last, as in the other dialogs. */
  readonly actions: readonly ConfirmAction[];
}

interface Pending extends ConfirmRequest {
  readonly resolve: (answer: string) => void;
}

function ConfirmDialog({ request }: { readonly request: Pending }) {
  const id = useId();
  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onCancel={() => request.resolve('cancel')} className="confirm-dialog">
      <div className="modal-body">
        <ModalHeading titleId={`${id}-title`} icon={<WarningIcon />} tone="warn">
          {request.title}
        </ModalHeading>
        <p id={`${id}-text`} className="modal-text">
          {request.message}
        </p>
        <div className="modal-actions">
          {request.actions.map((action) => (
            <button
              key={action.id}
              type="button"
              className={action.tone === 'primary' ? 'button primary' : action.tone === 'danger' ? 'button danger' : 'button'}
              onClick={() => request.resolve(action.id)}
            >
              {action.label}
            </button>
          ))}
        </div>
      </div>
    </Modal>
  );
}

/** One question at a time; a second ask while one is open answers the first with 'cancel'. */
export function useConfirm(): { readonly confirm: (request: ConfirmRequest) => Promise<string>; readonly dialog: ReactNode } {
  const [pending, setPending] = useState<Pending | null>(null);
  const open = useRef<Pending | null>(null);
  const confirm = useCallback(
    (request: ConfirmRequest) =>
      new Promise<string>((resolve) => {
        open.current?.resolve('cancel');
        const entry: Pending = {
          ...request,
          resolve: (answer) => {
            if (open.current === entry) {
              open.current = null;
              setPending(null);
            }
            resolve(answer);
          },
        };
        open.current = entry;
        setPending(entry);
      }),
    [],
  );
  return { confirm, dialog: pending ? <ConfirmDialog key={pending.title} request={pending} /> : null };
}
