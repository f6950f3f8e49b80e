// "New trust store…": choose PKCS#12 or JKS and a password (twice); the main process makes the empty
// store in memory and it opens as a new, unsaved tab. Its first save asks where it goes.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { OpenedStore } from '../../../shared/ipc';
import { api, isElectron } from '../api';
import { errorMessage } from '../api/remote-error';
import { PlusIcon } from '../ui/icons';
import { Modal } from './modal';
import { DialogFooter } from '../ui/dialog-footer';
import { NewPasswordFields, clearNewPassword, readNewPassword } from './new-password-fields';
import { FormatChoices } from '../ui/format-choices';
import { ModalHeading } from '../ui/modal-heading';

export type NewStoreFormat = 'PKCS12' | 'JKS';

const FORMATS: readonly { readonly id: NewStoreFormat; readonly label: string; readonly hint: string }[] = [
  { id: 'PKCS12', label: 'PKCS#12', hint: '.p12, Java’s default since Java 9; OpenSSL reads it too' },
  { id: 'JKS', label: 'JKS', hint: '.jks, for older Java clients' },
];

export interface NewStoreDialogProps {
  readonly onCreated: (opened: OpenedStore) => void;
  readonly onCancel: () => void;
}

export function NewStoreDialog({ onCreated, onCancel }: NewStoreDialogProps) {
  const id = useId();
  const [format, setFormat] = useState<NewStoreFormat>('PKCS12');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const password = useRef<HTMLInputElement>(null);
  const repeat = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const typed = readNewPassword(password.current, repeat.current);
    if (typed === null) return setError('The two passwords differ: type the same one twice.');
    if (typed === '') return setError('A trust store needs a password: Java clients open it with that password.');
    setError(null);
    setBusy(true);
    try {
      const opened = await api.createStore({ format, password: typed });
      clearNewPassword(password.current, repeat.current);
      onCreated(opened);
    } catch (failure) {
      setBusy(false);
      setError(errorMessage(failure));
    }
  }

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onCancel={onCancel} className="new-store-dialog">
      <form className="modal-body" onSubmit={submit} onChange={() => setError(null)} noValidate>
        <ModalHeading titleId={`${id}-title`} icon={<PlusIcon />}>
          New trust store
        </ModalHeading>
        <p id={`${id}-text`} className="modal-text">
          An empty store opens in a new tab: import certificates into it, then save it{isElectron ? ' where you choose' : ''}.
        </p>
        <FormatChoices name={`${id}-format`} options={FORMATS} value={format} onChange={setFormat} />
        <NewPasswordFields idPrefix={id} password={password} repeat={repeat} label="Store password" invalid={error !== null} disabled={busy} />
        <DialogFooter error={error} onCancel={onCancel}>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create'}
          </button>
        </DialogFooter>
      </form>
    </Modal>
  );
}
