// "Compare with…": the second chain to set beside a server's, from another server (probed now) or a
// certificate file (PEM, DER, PKCS#7, or a store; read by the main process, then closed again).
import { useId, useRef, useState, type FormEvent } from 'react';
import type { OpenResult } from '../../../shared/ipc';
import type { CertificateSummary } from '../../../shared/model/certificate';
import { api } from '../api';
import { errorMessage } from '../api/remote-error';
import { Modal } from '../app/modal';
import { endpointLabel, newRequestId } from '../probe/endpoint';
import { DialogFooter } from '../ui/dialog-footer';
import { CompareIcon, FolderOpenIcon } from '../ui/icons';
import type { ChainSide } from './align-chains';
import { ModalHeading } from '../ui/modal-heading';

export interface CompareDialogProps {
  readonly onCompare: (side: ChainSide) => void;
  readonly onCancel: () => void;
}

/** Every certificate of an opened file, entry by entry, in the file's order. */
async function certificatesOf(result: OpenResult): Promise<readonly CertificateSummary[]> {
  if (result.kind !== 'opened') throw new Error('needs a password');
  try {
    return await api.storeCertificates({ storeId: result.storeId });
  } finally {
    await api.closeStore({ storeId: result.storeId }).catch(() => undefined);
  }
}

export function CompareDialog({ onCompare, onCancel }: CompareDialogProps) {
  const id = useId();
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [locked, setLocked] = useState<{ readonly pendingId: string; readonly name: string } | null>(null);
  const requestId = useRef<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);

  async function run(label: string, work: () => Promise<ChainSide | null>) {
    setBusy(label);
    setError(null);
    try {
      const side = await work();
      setBusy(null);
      if (side) onCompare(side);
    } catch (failure) {
      setBusy(null);
      setError(errorMessage(failure));
    }
  }

  function probe(event: FormEvent) {
    event.preventDefault();
    const value = target.trim();
    if (!value) return;
    void run(`Connecting to ${endpointLabel(value)}…`, async () => {
      const call = newRequestId('compare');
      requestId.current = call;
      const result = await api.probe({ requestId: call, target: value });
      requestId.current = null;
      return { label: `${result.host.includes(':') ? `[${result.host}]` : result.host}:${result.port}`, certificates: result.sent };
    });
  }

  async function opened(result: OpenResult, name: string): Promise<ChainSide | null> {
    if (result.kind === 'needsPassword') {
      setLocked({ pendingId: result.pendingId, name });
      if (result.reason === 'wrong') throw new Error('Wrong password — try again.');
      return null;
    }
    setLocked(null);
    const certificates = await certificatesOf(result);
    if (certificates.length === 0) throw new Error(`${name} holds no certificates to compare.`);
    return { label: name, certificates };
  }

  function chooseFile(file: File) {
    void run(`Reading ${file.name}…`, async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      return opened(await api.openBytes({ name: file.name, bytes }), file.name);
    });
  }

  function unlock(event: FormEvent) {
    event.preventDefault();
    if (!locked) return;
    const field = password.current;
    const secret = field?.value ?? '';
    if (field) field.value = '';
    void run(`Opening ${locked.name}…`, async () => opened(await api.unlock({ pendingId: locked.pendingId, password: secret }), locked.name));
  }

  function cancel() {
    if (requestId.current) void api.cancel({ requestId: requestId.current }).catch(() => undefined);
    if (locked) void api.closeStore({ storeId: locked.pendingId }).catch(() => undefined);
    onCancel();
  }

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onCancel={cancel} className="compare-dialog">
      <div className="modal-body">
        <ModalHeading titleId={`${id}-title`} icon={<CompareIcon />}>
          Compare with another chain
        </ModalHeading>
        <p id={`${id}-text`} className="modal-text">
          Another server (say, a second host behind the same load balancer), or a certificate file.
        </p>
        <form className="compare-form" onSubmit={probe}>
          <label className="field-label" htmlFor={`${id}-target`}>
            Server
          </label>
          <div className="inline-field">
            <input
              id={`${id}-target`}
              className="text-input mono"
              type="text"
              inputMode="url"
              placeholder="https://host:port"
              value={target}
              onChange={(event) => setTarget(event.target.value)}
              spellCheck={false}
              autoComplete="off"
              disabled={busy !== null}
            />
            <button type="submit" className="button primary" disabled={busy !== null || !target.trim()}>
              Compare
            </button>
          </div>
        </form>
        <div className="or-divider" aria-hidden="true">
          or
        </div>
        {locked ? (
          <form onSubmit={unlock}>
            <label className="field-label" htmlFor={`${id}-password`}>
              Password of {locked.name}
            </label>
            <div className="inline-field">
              <input ref={password} id={`${id}-password`} className="text-input" type="password" autoComplete="off" disabled={busy !== null} />
              <button type="submit" className="button primary" disabled={busy !== null}>
                Open
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className="button" onClick={() => fileInput.current?.click()} disabled={busy !== null}>
            <FolderOpenIcon className="icon-sm" />
            Choose a certificate file…
          </button>
        )}
        <input
          ref={fileInput}
          type="file"
          hidden
          tabIndex={-1}
          aria-label="Certificate file to compare with"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) chooseFile(file);
          }}
        />
        {busy ? (
          <p className="compare-busy" role="status">
            <span className="spinner" aria-hidden="true" />
            {busy}
          </p>
        ) : null}
        <DialogFooter error={error} onCancel={cancel} />
      </div>
    </Modal>
  );
}
