// Save As (and the first save of a new store in browser mode): choose the format (JKS, JCEKS, PKCS#12, BKS or
// a PEM bundle), where it goes and, for a keystore, its password. Electron asks where with its native
// dialog; browser mode takes a path on the machine running TrustLens, or downloads the file. Private keys
// move between JKS, JCEKS and PKCS#12, protected with the new password; what cannot move (secret keys,
// keys of other formats or with a password of their own) the dialog says before and after, with why.
import { useCallback, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { OmittedEntry, WritableStoreFormat } from '../../../shared/ipc';
import { MOVES_KEYS, type EntryType, type StoreFormat, type StoreListing } from '../../../shared/model/keystore';
import { api, isElectron } from '../api';
import { errorMessage } from '../api/remote-error';
import { Modal } from '../app/modal';
import { NewPasswordFields, clearNewPassword, readNewPassword } from '../app/new-password-fields';
import type { StoreTab, StoreTabs } from '../app/store-tabs';
import type { ToastTone } from '../app/use-toasts';
import { baseName, countLabel } from '../ui/format';
import { SaveIcon, WarningIcon } from '../ui/icons';
import { downloadFile } from './downloads';
import { savedNotice } from './save-notice';
import { isWritable } from './writable';
import { FormatChoices } from '../ui/format-choices';
import { ModalHeading } from '../ui/modal-heading';

const FORMATS: readonly { readonly id: WritableStoreFormat; readonly label: string; readonly extension: string; readonly hint: string }[] = [
  { id: 'PKCS12', label: 'PKCS#12', extension: 'p12', hint: 'Java 9+ and OpenSSL' },
  { id: 'JKS', label: 'JKS', extension: 'jks', hint: 'any Java version' },
  { id: 'JCEKS', label: 'JCEKS', extension: 'jceks', hint: 'Java, with secret keys' },
  { id: 'PEM', label: 'PEM bundle', extension: 'pem', hint: 'trusted certificates only; curl, OpenSSL, Node' },
  { id: 'BKS', label: 'BKS', extension: 'bks', hint: 'Bouncy Castle; Android apps' },
  { id: 'UBER', label: 'UBER', extension: 'uber', hint: 'Bouncy Castle, encrypted as a whole' },
  { id: 'BCFKS', label: 'BCFKS', extension: 'bcfks', hint: 'Bouncy Castle FIPS' },
];

/** Before the save: which keys move (protected with the new password) and which stay behind, and why. */
function keysNotice(entries: readonly { readonly type: EntryType }[], from: StoreFormat, format: WritableStoreFormat, knowsPassword: boolean): string | null {
  const moves = MOVES_KEYS.has(from) && MOVES_KEYS.has(format);
  const keys = moves ? entries.filter((e) => e.type === 'privateKey').length : 0;
  const counts = new Map<EntryType, number>();
  for (const entry of entries) if (entry.type !== 'trustedCertificate' && !(moves && entry.type === 'privateKey')) counts.set(entry.type, (counts.get(entry.type) ?? 0) + 1);
  const parts: string[] = [];
  const moving = knowsPassword ? keys : 0;
  if (keys && !knowsPassword) {
    parts.push(`${countLabel('privateKey', keys)} will not be carried over: the store was opened without its password, which its keys need to move. Open it with its password first.`);
  }
  if (moving) parts.push(`${countLabel('privateKey', moving)} will be decrypted and protected with the new store's password, where this store's password opens ${moving === 1 ? 'it' : 'them'}.`);
  if (counts.size) {
    const why = format === 'PEM' ? 'only trusted certificates can be written to a PEM bundle' : 'TrustLens moves only private keys between JKS, JCEKS and PKCS#12; move the rest with keytool -importkeystore';
    parts.push(`${[...counts].map(([type, count]) => countLabel(type, count)).join(' and ')} will not be carried over: ${why}.`);
  }
  return parts.length ? parts.join(' ') : null;
}

/** After the save: the entries left out, grouped by the reason the main process gave. */
function leftOut(omitted: readonly OmittedEntry[]): string | null {
  if (omitted.length === 0) return null;
  const byReason = new Map<string, OmittedEntry[]>();
  for (const entry of omitted) byReason.set(entry.reason, [...(byReason.get(entry.reason) ?? []), entry]);
  return [...byReason]
    .map(([reason, entries]) => {
      const names = entries.slice(0, 3).map((e) => `“${e.alias}”`).join(', ') + (entries.length > 3 ? ', …' : '');
      const types = new Set(entries.map((e) => e.type));
      const what = types.size === 1 ? countLabel(entries[0]!.type, entries.length) : `${entries.length} entries`;
      return `${what} (${names}) ${entries.length === 1 ? 'was' : 'were'} not carried over: ${reason}.`;
    })
    .join(' ');
}

function suggestedPath(tab: StoreTab, extension: string): string {
  if (tab.source.kind !== 'path') return '';
  const name = baseName(tab.source.path);
  const folder = tab.source.path.slice(0, tab.source.path.length - name.length);
  return `${folder}${name.replace(/\.[^.]+$/, '') || 'truststore'}.${extension}`;
}

export interface SaveAsDialogProps {
  readonly tab: StoreTab;
  /** The first save of a store made with "New trust store…" (an empty path downloads it). */
  readonly first: boolean;
  readonly model: StoreTabs;
  readonly push: (tone: ToastTone, message: string) => void;
  readonly onClose: (saved: boolean) => void;
}

export function SaveAsDialog({ tab, first, model, push, onClose }: SaveAsDialogProps) {
  const id = useId();
  const view: StoreListing = tab.view;
  const [format, setFormat] = useState<WritableStoreFormat>(isWritable(view.format) ? (view.format as WritableStoreFormat) : 'PEM');
  const extension = FORMATS.find((f) => f.id === format)!.extension;
  const [path, setPath] = useState(() => suggestedPath(tab, extension));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [omitted, setOmitted] = useState<{ readonly file: string; readonly message: string } | null>(null);
  const password = useRef<HTMLInputElement>(null);
  const repeat = useRef<HTMLInputElement>(null);
  const pathInput = useRef<HTMLInputElement>(null);
  // A store opened with its password (or made here) keeps it; one opened without needs a new one for a keystore format.
  const knowsPassword = view.integrity === 'verified';
  const converting = format !== view.format;
  // The first save of a new store in its own format keeps the password it was made with: no need to ask.
  const keystore = format !== 'PEM' && !(first && !converting);
  const holdsKeys = view.entries.some((e) => e.type !== 'trustedCertificate');
  const warning = converting ? keysNotice(view.entries, view.format, format, knowsPassword) : null;

  function chooseFormat(next: WritableStoreFormat) {
    setFormat(next);
    const nextExtension = FORMATS.find((f) => f.id === next)!.extension;
    setPath((current) => (/\.[a-z0-9]+$/i.test(current) ? current.replace(/\.[a-z0-9]+$/i, `.${nextExtension}`) : current));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const typed = keystore ? readNewPassword(password.current, repeat.current) : '';
    if (typed === null) return setError('The two passwords differ: type the same one twice.');
    if (keystore && typed === '' && !knowsPassword) return setError(`A ${format === 'PKCS12' ? 'PKCS#12' : format} store needs a password: type one.`);
    const target = isElectron ? undefined : path.trim() || undefined;
    setError(null);
    setBusy(true);
    try {
      if (first && target === undefined && !converting && typed === '') {
        // Browser mode, no path: the store itself is downloaded and counts as saved.
        const result = await api.saveStore({ storeId: tab.storeId });
        if (result.kind === 'download') {
          downloadFile(result.name, result.bytes);
          model.updateView(tab.storeId, result.store, true);
          push('success', `${result.name} was downloaded.`);
        } else if (result.kind === 'saved') {
          model.relocate(tab.storeId, result.store, result.file);
        }
        return onClose(result.kind !== 'cancelled');
      }
      const result = await api.saveStoreAs({ storeId: tab.storeId, path: target, format, password: typed || undefined });
      clearNewPassword(password.current, repeat.current);
      if (result.kind === 'cancelled') {
        setBusy(false);
        return;
      }
      let file: string;
      let done: string;
      if (result.kind === 'download') {
        downloadFile(result.name, result.bytes);
        file = result.name;
        done = `${file} was downloaded.`;
      } else {
        model.relocate(tab.storeId, result.store, result.file);
        file = baseName(result.file);
        if (result.backup) file += ` (the file that was there is kept as ${baseName(result.backup)})`;
        done = savedNotice('Saved as', result);
      }
      const note = leftOut(result.omitted);
      if (note) {
        setOmitted({ file, message: note });
        setBusy(false);
        return;
      }
      push('success', done);
      onClose(true);
    } catch (failure) {
      setBusy(false);
      setError(errorMessage(failure));
    }
  }

  if (omitted) {
    return (
      <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onCancel={() => onClose(true)} className="save-as-dialog">
        <div className="modal-body">
          <ModalHeading titleId={`${id}-title`} icon={<WarningIcon />} tone="warn">
            Saved without its keys
          </ModalHeading>
          <p id={`${id}-text`} className="modal-text">
            Wrote {omitted.file}. {omitted.message}
          </p>
          <div className="modal-actions">
            <button type="button" className="button primary" onClick={() => onClose(true)}>
              Done
            </button>
          </div>
        </div>
      </Modal>
    );
  }

  const title = first ? `Save ${tab.title}` : `Save ${tab.title} as`;
  const action = isElectron ? 'Choose where…' : path.trim() ? 'Save' : 'Download';
  return (
    <Modal labelledBy={`${id}-title`} onCancel={() => onClose(false)} className="save-as-dialog" initialFocus={isElectron ? undefined : pathInput}>
      <form className="modal-body" onSubmit={submit} onChange={() => setError(null)} noValidate>
        <ModalHeading titleId={`${id}-title`} icon={<SaveIcon />}>
          {title}
        </ModalHeading>
        {first && !isElectron ? <p className="modal-text">A new store has no file yet: choose where it goes, or download it.</p> : null}
        <FormatChoices name={`${id}-format`} options={FORMATS} value={format} onChange={chooseFormat} />
        {warning ? (
          <div className="callout callout-warn save-as-warning" role="note">
            <WarningIcon className="icon-sm" />
            <span>{warning}</span>
          </div>
        ) : null}
        {isElectron ? null : (
          <>
            <label className="field-label" htmlFor={`${id}-path`}>
              Path on the machine running TrustLens
            </label>
            <input
              ref={pathInput}
              id={`${id}-path`}
              className="text-input mono"
              type="text"
              value={path}
              onChange={(event) => setPath(event.target.value)}
              placeholder={`/home/you/truststore.${extension}`}
              spellCheck={false}
              autoComplete="off"
              disabled={busy}
            />
            <p className="field-hint">Leave it empty to download the file instead. A file already there is kept as .bak.</p>
          </>
        )}
        {keystore ? (
          <NewPasswordFields
            idPrefix={id}
            password={password}
            repeat={repeat}
            label={knowsPassword ? 'New password (optional)' : 'Store password'}
            hint={knowsPassword ? `Leave both empty to keep the current password${holdsKeys && !converting ? (MOVES_KEYS.has(format) ? '; a new one protects the private keys too' : '; a new one leaves the keys behind') : ''}.` : undefined}
            invalid={error !== null && /password/i.test(error)}
            disabled={busy}
          />
        ) : null}
        {error ? (
          <p className="field-error" role="alert">
            <WarningIcon className="icon-sm" />
            {error}
          </p>
        ) : null}
        <div className="modal-actions">
          <button type="button" className="button" onClick={() => onClose(false)}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Saving…' : action}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Save As as a promise (`await saveAs(storeId)` is true when written or downloaded), and its dialog. */
export function useSaveAs(model: StoreTabs, push: (tone: ToastTone, message: string) => void): {
  readonly saveAs: (storeId: string) => Promise<boolean>;
  readonly dialog: ReactNode;
} {
  const [pending, setPending] = useState<{ readonly storeId: string; readonly resolve: (saved: boolean) => void } | null>(null);
  const saveAs = useCallback(
    (storeId: string) =>
      new Promise<boolean>((resolve) => {
        setPending((current) => {
          current?.resolve(false);
          return { storeId, resolve };
        });
      }),
    [],
  );
  const tab = pending ? model.snapshot().tabs.find((t) => t.storeId === pending.storeId) : undefined;
  const dialog =
    pending && tab ? (
      <SaveAsDialog
        key={pending.storeId}
        tab={tab}
        first={tab.source.kind === 'new'}
        model={model}
        push={push}
        onClose={(saved) => {
          setPending(null);
          pending.resolve(saved);
        }}
      />
    ) : null;
  return { saveAs, dialog };
}
