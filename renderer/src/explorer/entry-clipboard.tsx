// Copying entries from one open store and pasting them into another (KeyStore Explorer's copy and paste
// between keystores): Ctrl/Cmd+C or the context menu copies the chosen rows; Ctrl/Cmd+V, the context menu
// or dropping dragged rows on another store's tab pastes them there. Only the rows' aliases are kept here;
// the main process copies the entries (trusted certificates, and key entries as is into their own format)
// and says what it skipped and why. A JKS/JCEKS target opened without its password asks for it; a private
// key that moves into another format and whose password is not its store's asks for the key's password.
import { useCallback, useId, useRef, useState, type FormEvent } from 'react';
import type { StoreListing } from '../../../shared/model/keystore';
import { api } from '../api';
import { errorCode, errorMessage } from '../api/remote-error';
import { shortcutLabel } from '../app/keys';
import { Modal } from '../app/modal';
import type { StoreTabs } from '../app/store-tabs';
import type { ToastTone } from '../app/use-toasts';
import { DialogFooter } from '../ui/dialog-footer';
import { baseName } from '../ui/format';
import { CopyIcon } from '../ui/icons';
import { ModalHeading } from '../ui/modal-heading';
import { PasswordField } from './entry-actions';

/** The drag type rows carry onto a tab: JSON of CopiedEntries. Nothing else takes it. */
export const ENTRY_DRAG_TYPE = 'application/x-trustlens-entries';

/** Entries chosen in one store, to paste into another. */
export interface CopiedEntries {
  readonly storeId: string;
  readonly file: string;
  readonly aliases: readonly string[];
}

export function copiedLabel(copied: Pick<CopiedEntries, 'aliases' | 'file'>): string {
  const what = copied.aliases.length === 1 ? `“${copied.aliases[0]}”` : `${copied.aliases.length.toLocaleString('en-US')} entries`;
  return `${what} of ${baseName(copied.file)}`;
}

export interface EntryClipboard {
  readonly copied: CopiedEntries | null;
  readonly copy: (entries: CopiedEntries) => void;
  readonly paste: (targetId: string, entries?: CopiedEntries | null) => Promise<void>;
  /** Rows dragged onto the store tab `targetId` (the drag's data): pasted there. */
  readonly pasteDragged: (targetId: string, data: string) => void;
  /** The password dialog, while a paste waits for the target's password. */
  readonly dialog: React.ReactNode;
}

/** What a paste waits for: the target store's password, or the password of a key that moves (with why). */
type Needs = { readonly kind: 'store' } | { readonly kind: 'key'; readonly why: string };

interface Pending {
  readonly targetId: string;
  readonly entries: CopiedEntries;
  readonly needs: Needs;
  readonly error: string | null;
}

function needsFor(error: unknown): Needs | null {
  if (errorCode(error) === 'PASSWORD_REQUIRED') return { kind: 'store' };
  if (errorCode(error) === 'KEY_PASSWORD_REQUIRED') return { kind: 'key', why: errorMessage(error) };
  return null;
}

export function useEntryClipboard(model: StoreTabs, push: (tone: ToastTone, message: string) => void): EntryClipboard {
  const [copied, setCopied] = useState<CopiedEntries | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);

  const copy = useCallback(
    (entries: CopiedEntries) => {
      setCopied(entries);
      push('info', `Copied ${copiedLabel(entries)}. Paste into another open store with ${shortcutLabel('V')}, or drag the rows onto its tab.`);
    },
    [push],
  );

  const run = useCallback(
    async (targetId: string, entries: CopiedEntries, password?: string, keyPassword?: string): Promise<void> => {
      const tabs = model.snapshot().tabs;
      const source = tabs.find((t) => t.storeId === entries.storeId);
      const target = tabs.find((t) => t.storeId === targetId);
      if (!target) return;
      if (!source) throw new Error(`${baseName(entries.file)} is no longer open; open it again and copy the entries anew.`);
      // The rows as the source shows them now (an edit there may have moved them).
      const indexes = entries.aliases.map((alias) => source.view.entries.findIndex((e) => e.alias === alias)).filter((i) => i >= 0);
      if (indexes.length === 0) throw new Error(`The copied entries are no longer in ${baseName(entries.file)}; copy them again.`);
      const outcome = await api.copyEntries({ storeId: targetId, fromStoreId: source.storeId, indexes, password, keyPassword });
      if (outcome.copied.length) model.updateView(targetId, outcome.store);
      const tone: ToastTone = outcome.skipped.length ? (outcome.copied.length ? 'info' : 'error') : 'success';
      push(tone, [outcome.message, ...outcome.notes, ...(outcome.copied.length ? ['Save to write the file, or Undo.'] : [])].join(' '));
    },
    [model, push],
  );

  const paste = useCallback(
    async (targetId: string, entries: CopiedEntries | null = copied) => {
      if (!entries) {
        push('info', `Nothing to paste: choose entries in another store and copy them (${shortcutLabel('C')}) first.`);
        return;
      }
      try {
        await run(targetId, entries);
      } catch (error) {
        const needs = needsFor(error);
        if (needs) setPending({ targetId, entries, needs, error: null });
        else push('error', errorMessage(error));
      }
    },
    [copied, run, push],
  );

  const pasteDragged = useCallback(
    (targetId: string, data: string) => {
      const entries = parseDragged(data);
      if (entries) void paste(targetId, entries);
    },
    [paste],
  );

  const target = pending ? model.snapshot().tabs.find((t) => t.storeId === pending.targetId) : undefined;
  const dialog =
    pending && target ? (
      <PastePasswordDialog
        view={target.view}
        entries={pending.entries}
        error={pending.error}
        onCancel={() => setPending(null)}
        needs={pending.needs}
        onSubmit={async (password) => {
          try {
            const forKey = pending.needs.kind === 'key';
            await run(pending.targetId, pending.entries, forKey ? undefined : password, forKey ? password : undefined);
            setPending(null);
          } catch (error) {
            // The store's password opened it; a key to move may still want its own.
            const needs = needsFor(error);
            if (needs?.kind === 'key' && pending.needs.kind === 'store') setPending({ ...pending, needs, error: null });
            else setPending({ ...pending, error: needs?.kind === 'key' ? 'That is not the key’s password; try again.' : errorMessage(error) });
          }
        }}
      />
    ) : null;

  return { copied, copy, paste, pasteDragged, dialog };
}

/** The drag's data as this window's tables set it; null for anything else. */
function parseDragged(data: string): CopiedEntries | null {
  try {
    const value = JSON.parse(data) as Partial<CopiedEntries>;
    if (typeof value.storeId !== 'string' || typeof value.file !== 'string' || !Array.isArray(value.aliases)) return null;
    const aliases = value.aliases.filter((a): a is string => typeof a === 'string');
    return aliases.length ? { storeId: value.storeId, file: value.file, aliases } : null;
  } catch {
    return null;
  }
}

function PastePasswordDialog({
  view,
  entries,
  needs,
  error,
  onCancel,
  onSubmit,
}: {
  readonly view: StoreListing;
  readonly entries: CopiedEntries;
  readonly needs: Needs;
  readonly error: string | null;
  readonly onCancel: () => void;
  readonly onSubmit: (password: string) => Promise<void>;
}) {
  const id = useId();
  const password = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const name = baseName(view.file);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const secret = password.current?.value ?? '';
    if (password.current) password.current.value = '';
    setBusy(true);
    await onSubmit(secret);
    setBusy(false);
  }
  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onCancel={onCancel} initialFocus={password} className="confirm-dialog entry-edit-dialog">
      <form className="modal-body" onSubmit={submit}>
        <ModalHeading titleId={`${id}-title`} icon={<CopyIcon />}>
          Paste {copiedLabel(entries)} into {name}?
        </ModalHeading>
        {needs.kind === 'store' ? (
          <>
            <p id={`${id}-text`} className="modal-text">
              {name} was opened without its password, which writing it needs. Nothing is saved until you save.
            </p>
            <PasswordField idPrefix={id} name={name} field={password} />
          </>
        ) : (
          <>
            <p id={`${id}-text`} className="modal-text">
              {needs.why.replace(/ Give the key's password; nothing was copied\.$/, '')} It is decrypted here and protected in {name} with {name}’s store password. Nothing is saved until you save.
            </p>
            <PasswordField idPrefix={id} name={name} field={password} label={`Key password in ${baseName(entries.file)}`} />
          </>
        )}
        <DialogFooter error={error} onCancel={onCancel}>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Pasting…' : 'Paste'}
          </button>
        </DialogFooter>
      </form>
    </Modal>
  );
}
