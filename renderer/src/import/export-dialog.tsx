// Export certificates (a server's chain, or a store's entries) as PEM or DER files or one PKCS#7
// bundle. Electron asks for a folder; browser mode gets the files back and downloads them.
import { useId, useState, type FormEvent } from 'react';
import type { CertificateSourceSpec, ExportResult } from '../../../shared/ipc';
import type { CertificateRole } from '../../../shared/model/certificate';
import { api, isElectron } from '../api';
import { errorMessage } from '../api/remote-error';
import { Modal } from '../app/modal';
import { DialogFooter } from '../ui/dialog-footer';
import { ExportIcon } from '../ui/icons';
import { downloadFile } from './downloads';
import type { ChosenEntries } from '../explorer/selection';
import { FormatChoices } from '../ui/format-choices';
import { ModalHeading } from '../ui/modal-heading';

export interface ExportRequest {
  /** "the chain of example.com:443", "truststore.jks": what the dialog names. */
  readonly subject: string;
  readonly source: CertificateSourceSpec;
  /** A server's chain offers roles to choose; a store offers all entries or the ones chosen in its table. */
  readonly kind: 'server' | 'store';
  readonly selected?: ChosenEntries;
  /** A server's roles that have nothing to export, each with why (e.g. no root was sent, held or found). */
  readonly unavailable?: Partial<Record<CertificateRole, string>>;
}

export interface ExportDialogProps {
  readonly request: ExportRequest;
  /** The export is done: a sentence saying what was written or downloaded. */
  readonly onDone: (message: string) => void;
  readonly onCancel: () => void;
}

type Format = 'pem' | 'der' | 'p7b' | 'pem-chain' | 'pkipath' | 'pubkey-pem' | 'pubkey-der';

const FORMATS: readonly { readonly id: Format; readonly label: string; readonly hint: string }[] = [
  { id: 'pem', label: 'PEM', hint: 'one .pem file per certificate' },
  { id: 'der', label: 'DER', hint: 'one binary .der file per certificate' },
  { id: 'pem-chain', label: 'Chain as one PEM bundle', hint: 'all in one .pem file, leaf first' },
  { id: 'p7b', label: 'PKCS#7 bundle', hint: 'all in one .p7b file' },
  { id: 'pkipath', label: 'PKI Path', hint: 'all in one .pkipath file, as Java’s CertPath writes it' },
  { id: 'pubkey-pem', label: 'Public key (PEM)', hint: 'each certificate’s key, “BEGIN PUBLIC KEY”' },
  { id: 'pubkey-der', label: 'Public key (DER)', hint: 'each certificate’s key, binary SPKI' },
];

const ROLES: readonly { readonly id: CertificateRole; readonly label: string }[] = [
  { id: 'root', label: 'Root' },
  { id: 'intermediate', label: 'Intermediates' },
  { id: 'leaf', label: 'Leaf (the server’s own certificate)' },
];

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One sentence about what an export did; downloads happen here. */
function settle(result: ExportResult): string | null {
  if (result.kind === 'cancelled') return null;
  const notes = result.notes.length ? ` ${result.notes.join(' ')}` : '';
  if (result.kind === 'written') return `Wrote ${plural(result.written.length, 'certificate')} to ${result.folder}.${notes}`;
  for (const file of result.files) downloadFile(file.name, file.bytes);
  return `Downloaded ${result.files.map((f) => f.name).join(', ')}.${notes}`;
}

export function ExportDialog({ request, onDone, onCancel }: ExportDialogProps) {
  const id = useId();
  const [format, setFormat] = useState<Format>('pem');
  const [roles, setRoles] = useState<ReadonlySet<CertificateRole>>(
    new Set((['root', 'intermediate'] as const).filter((role) => !request.unavailable?.[role])),
  );
  // Rows chosen on purpose (more than the one a click leaves selected) are what the person means to export.
  const [onlySelected, setOnlySelected] = useState((request.selected?.indexes.length ?? 0) > 1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    let source = request.source;
    if (request.kind === 'store' && onlySelected && request.selected && 'storeId' in source) {
      source = { storeId: source.storeId, indexes: [...request.selected.indexes] };
    }
    try {
      const result = await api.exportCertificates({ source, format, certs: request.kind === 'server' ? [...roles] : undefined });
      const message = settle(result);
      setBusy(false);
      if (message) onDone(message);
    } catch (failure) {
      setBusy(false);
      setError(errorMessage(failure));
    }
  }

  const toggleRole = (role: CertificateRole) =>
    setRoles((current) => {
      const next = new Set(current);
      if (next.has(role)) next.delete(role);
      else next.add(role);
      return next;
    });

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onCancel={onCancel} className="export-dialog">
      <form className="modal-body" onSubmit={submit}>
        <ModalHeading titleId={`${id}-title`} icon={<ExportIcon />}>
          Export certificates
        </ModalHeading>
        <p id={`${id}-text`} className="modal-text">
          From {request.subject}. {isElectron ? 'You choose the folder next.' : 'The files are downloaded by your browser.'}
        </p>
        {request.kind === 'server' ? (
          <fieldset className="choice-group">
            <legend className="field-label">Certificates</legend>
            {ROLES.map((role) => (
              <label key={role.id} className="choice">
                <input type="checkbox" checked={roles.has(role.id)} onChange={() => toggleRole(role.id)} disabled={request.unavailable?.[role.id] !== undefined} />
                {role.label}
                {request.unavailable?.[role.id] ? <span className="choice-hint"> — {request.unavailable[role.id]}</span> : null}
              </label>
            ))}
          </fieldset>
        ) : request.selected ? (
          <fieldset className="choice-group">
            <legend className="field-label">Certificates</legend>
            <label className="choice">
              <input type="radio" name={`${id}-scope`} checked={!onlySelected} onChange={() => setOnlySelected(false)} />
              All certificates of the store
            </label>
            <label className="choice">
              <input type="radio" name={`${id}-scope`} checked={onlySelected} onChange={() => setOnlySelected(true)} />
              Only {request.selected.label}
            </label>
          </fieldset>
        ) : null}
        <FormatChoices name={`${id}-format`} options={FORMATS} value={format} onChange={setFormat} />
        <DialogFooter error={error} onCancel={onCancel}>
          <button type="submit" className="button primary" disabled={busy || (request.kind === 'server' && roles.size === 0)}>
            {busy ? 'Exporting…' : isElectron ? 'Choose folder…' : 'Download'}
          </button>
        </DialogFooter>
      </form>
    </Modal>
  );
}
