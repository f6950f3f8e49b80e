// Deleting and renaming entries of an open store: the buttons in the details header, and the two dialogs
// (Delete asks first and names the aliases; Rename takes the new alias and shows the main process's
// reason inline when it refuses). A JKS/JCEKS opened without its password needs it to be written, so
// both dialogs ask for it then; it lives only for the call.
import { useId, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { listsWithoutPassword, type ListedEntry, type StoreListing } from '../../../shared/model/keystore';
import { api } from '../api';
import { errorMessage } from '../api/remote-error';
import { Modal } from '../app/modal';
import { isWritable } from '../import/writable';
import { baseName } from '../ui/format';
import { DialogFooter } from '../ui/dialog-footer';
import { ModalHeading } from '../ui/modal-heading';

/** The edit a dialog is open for. */
export type EntryEdit =
  | { readonly kind: 'rename'; readonly index: number; readonly alias: string }
  | { readonly kind: 'delete'; readonly indexes: readonly number[] };

/** Entries can be deleted (and renamed, below) only in a store TrustLens writes back in place. */
export function canEditEntries(view: StoreListing): boolean {
  return isWritable(view.format);
}

/** Why an entry cannot be renamed, or null when it can. */
export function renameBlocked(view: StoreListing): string | null {
  if (!canEditEntries(view)) return `A ${view.format} file cannot be changed in place; use Save As first.`;
  if (view.format === 'PEM') return 'A PEM bundle has no aliases: the names shown come from each certificate’s subject.';
  return null;
}

function needsPassword(view: StoreListing): boolean {
  return view.integrity === 'not-checked' && listsWithoutPassword(view.format);
}

function EditIcon({ children, className }: { readonly children: ReactNode; readonly className?: string }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinecap="round" strokeLinejoin="round" className={className ? `icon ${className}` : 'icon'} aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export function TrashIcon({ className }: { readonly className?: string }) {
  return (
    <EditIcon className={className}>
      <path d="M4.5 6.5h15M9.5 6.5V4.5h5v2M6.5 6.5l.9 12.1a1.5 1.5 0 0 0 1.5 1.4h6.2a1.5 1.5 0 0 0 1.5-1.4l.9-12.1" />
      <path d="M10 10.5v6M14 10.5v6" />
    </EditIcon>
  );
}

export function RenameIcon({ className }: { readonly className?: string }) {
  return (
    <EditIcon className={className}>
      <path d="M14.5 5.5 18.5 9.5M4.5 19.5l1-4.5L16 4.5a1.4 1.4 0 0 1 2 0l1.5 1.5a1.4 1.4 0 0 1 0 2L9 18.5Z" />
    </EditIcon>
  );
}

/** Rename and Delete for the entry shown in the details pane. */
export function EntryActionButtons({ view, onRename, onDelete }: { readonly view: StoreListing; readonly onRename: () => void; readonly onDelete: () => void }) {
  if (!canEditEntries(view)) return null;
  const blocked = renameBlocked(view);
  return (
    <div className="entry-actions">
      <button type="button" className="icon-button" onClick={onRename} disabled={blocked !== null} aria-label="Rename…" title={blocked ?? 'Rename the alias (F2)'}>
        <RenameIcon />
      </button>
      <button type="button" className="icon-button danger" onClick={onDelete} aria-label="Delete…" title="Delete the entry (Delete)">
        <TrashIcon />
      </button>
    </div>
  );
}

export function PasswordField({ idPrefix, name, field, label }: { readonly idPrefix: string; readonly name: string; readonly field: RefObject<HTMLInputElement | null>; readonly label?: string }) {
  return (
    <>
      <label className="field-label entry-edit-password" htmlFor={`${idPrefix}-password`}>
        {label ?? `Password of ${name} (needed to write it)`}
      </label>
      <input ref={field} id={`${idPrefix}-password`} className="text-input" type="password" autoComplete="off" spellCheck={false} />
    </>
  );
}

interface DialogProps {
  readonly storeId: string;
  readonly view: StoreListing;
  readonly onDone: (view: StoreListing, message: string, alias?: string) => void;
  readonly onCancel: () => void;
}

function quoted(aliases: readonly string[]): string {
  if (aliases.length === 1) return `“${aliases[0]}”`;
  if (aliases.length <= 3) return aliases.map((a) => `“${a}”`).join(', ');
  return `${aliases.length} entries`;
}

export function DeleteEntriesDialog({ storeId, view, indexes, onDone, onCancel }: DialogProps & { readonly indexes: readonly number[] }) {
  const id = useId();
  const password = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const entries = indexes.map((i) => view.entries[i]).filter((e): e is ListedEntry => e !== undefined);
  const aliases = entries.map((e) => e.alias);
  const name = baseName(view.file);
  const holdsKeys = entries.some((e) => e.type !== 'trustedCertificate');
  const ask = needsPassword(view);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const secret = ask ? password.current?.value : undefined;
    if (password.current) password.current.value = '';
    setBusy(true);
    setError(null);
    try {
      const { store } = await api.deleteEntries({ storeId, indexes: [...indexes], password: secret || undefined });
      onDone(store, `Deleted ${quoted(aliases)} from ${name}. Save to write the file, or Undo.`);
    } catch (failure) {
      setBusy(false);
      setError(errorMessage(failure));
    }
  }

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onCancel={onCancel} className="confirm-dialog entry-edit-dialog">
      <form className="modal-body" onSubmit={submit}>
        <ModalHeading titleId={`${id}-title`} icon={<TrashIcon />} tone="warn" titleTooltip={aliases.join(', ')}>
          Delete {quoted(aliases)} from {name}?
        </ModalHeading>
        <p id={`${id}-text`} className="modal-text">
          {holdsKeys
            ? 'Private keys cannot be recovered after saving. Until you save, Undo takes it back.'
            : 'The file changes when you save; until then, Undo takes it back.'}
        </p>
        {ask ? <PasswordField idPrefix={id} name={name} field={password} /> : null}
        <DialogFooter error={error} onCancel={onCancel}>
          <button type="submit" className="button danger-solid" disabled={busy}>
            {busy ? 'Deleting…' : 'Delete'}
          </button>
        </DialogFooter>
      </form>
    </Modal>
  );
}

export function RenameEntryDialog({ storeId, view, index, alias, onDone, onCancel }: DialogProps & { readonly index: number; readonly alias: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = baseName(view.file);
  const ask = needsPassword(view);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const next = input.current?.value.trim() ?? '';
    if (!next) return setError('Type the new alias.');
    if (next === alias) return onCancel();
    const secret = ask ? password.current?.value : undefined;
    setBusy(true);
    setError(null);
    try {
      const { store } = await api.renameEntry({ storeId, index, alias: next, password: secret || undefined });
      if (password.current) password.current.value = '';
      const renamed = store.entries[index]?.alias ?? next;
      onDone(store, `Renamed “${alias}” to “${renamed}”. Save to write the file, or Undo.`, renamed);
    } catch (failure) {
      setBusy(false);
      setError(errorMessage(failure));
      input.current?.focus();
    }
  }

  return (
    <Modal labelledBy={`${id}-title`} onCancel={onCancel} initialFocus={input} className="entry-edit-dialog">
      <form className="modal-body" onSubmit={submit} onChange={() => setError(null)} noValidate>
        <ModalHeading titleId={`${id}-title`} icon={<RenameIcon />} titleTooltip={alias} subtitle={name}>
          Rename “{alias}”
        </ModalHeading>
        <label className="field-label" htmlFor={`${id}-alias`}>
          New alias
        </label>
        <input
          ref={input}
          id={`${id}-alias`}
          className={error ? 'text-input mono invalid' : 'text-input mono'}
          type="text"
          defaultValue={alias}
          spellCheck={false}
          autoComplete="off"
          maxLength={256}
          aria-invalid={error !== null || undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onFocus={(event) => event.currentTarget.select()}
        />
        {view.format === 'JKS' || view.format === 'JCEKS' ? (
          <p className="field-hint">{view.format} keeps aliases in lower case.</p>
        ) : null}
        {ask ? <PasswordField idPrefix={id} name={name} field={password} /> : null}
        <DialogFooter error={error} errorId={`${id}-error`} onCancel={onCancel}>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Renaming…' : 'Rename'}
          </button>
        </DialogFooter>
      </form>
    </Modal>
  );
}
