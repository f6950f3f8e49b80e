// The dialogs a store tab's header opens: Export… (all entries or the chosen ones) and Import… (from a
// server's chain, certificate or keystore files, or pasted PEM, then the import plan).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { StoreTab } from '../app/store-tabs';
import type { ChosenEntries } from '../explorer/selection';
import { Modal } from '../app/modal';
import type { ToastTone } from '../app/use-toasts';
import { ImportIcon } from '../ui/icons';
import { ExportDialog } from './export-dialog';
import { closeFileSessions, FileSourcePicker, openedStoreIds, useFileSources, type ChosenFile } from './file-sources';
import { ImportDialog, type ImportRequest } from './import-dialog';
import type { StoreEdits } from './use-store-edits';
import { ModalHeading } from '../ui/modal-heading';

export type StoreDialog =
  | { readonly kind: 'export'; readonly storeId: string; readonly selected: ChosenEntries | null }
  /** `dropped`: files dropped on the store's table, to import from. */
  | { readonly kind: 'import-source'; readonly storeId: string; readonly draft?: ImportDraft; readonly dropped?: readonly File[] }
  /** `draft`: what was typed in the source dialog, when it led here (Back returns to it). */
  | { readonly kind: 'import'; readonly request: ImportRequest; readonly draft?: ImportDraft };

type ImportFrom = 'server' | 'file' | 'pem';

/** What the source dialog held: where from, and the server, the pasted text or the files chosen. */
export interface ImportDraft {
  readonly from: ImportFrom;
  readonly text: string;
  readonly files?: readonly ChosenFile[];
}

const FROM_LABELS: Record<ImportFrom, string> = { server: 'A server’s chain', file: 'A certificate or keystore file', pem: 'Pasted PEM' };

function ImportSourceDialog({
  tab,
  draft,
  dropped,
  onChoose,
  onCancel,
}: {
  readonly tab: StoreTab;
  readonly draft?: ImportDraft;
  readonly dropped?: readonly File[];
  readonly onChoose: (request: ImportRequest, draft: ImportDraft) => void;
  readonly onCancel: (files: readonly ChosenFile[]) => void;
}) {
  const id = useId();
  const [from, setFrom] = useState<ImportFrom>(draft?.from ?? (dropped?.length ? 'file' : 'server'));
  const target = useRef<HTMLInputElement>(null);
  const pem = useRef<HTMLTextAreaElement>(null);
  const chooseFiles = useRef<HTMLButtonElement>(null);
  const { files, add, unlock, remove } = useFileSources(draft?.files);
  const opened = openedStoreIds(files);
  // Files dropped on the table are opened once, when the dialog first shows.
  const takenDrop = useRef(false);
  useEffect(() => {
    if (takenDrop.current || !dropped?.length) return;
    takenDrop.current = true;
    add(dropped);
  }, [dropped, add]);
  const filesReady = opened.length > 0 && files.every((f) => f.state === 'opened' || f.state === 'failed');

  function submit(event: FormEvent) {
    event.preventDefault();
    const base = { storeId: tab.storeId, store: tab.view };
    if (from === 'server') {
      const value = target.current?.value.trim();
      if (value) onChoose({ ...base, source: { target: value }, from: value }, { from, text: value, files });
    } else if (from === 'file') {
      if (!filesReady) return;
      const names = files.filter((f) => f.state === 'opened').map((f) => f.name);
      const label = names.length === 1 ? names[0]! : `${names.length} files`;
      onChoose({ ...base, source: { storeIds: opened }, from: label }, { from, text: '', files });
    } else {
      const text = pem.current?.value.trim();
      if (text) onChoose({ ...base, source: { pem: text }, from: 'the pasted text' }, { from, text: pem.current?.value ?? text, files });
    }
  }

  return (
    <Modal
      labelledBy={`${id}-title`}
      onCancel={() => onCancel(files)}
      initialFocus={draft?.from === 'pem' ? pem : from === 'file' ? chooseFiles : target}
      className="import-source-dialog"
    >
      <form className="modal-body" onSubmit={submit}>
        <ModalHeading titleId={`${id}-title`} icon={<ImportIcon />}>
          Import into {tab.title}
        </ModalHeading>
        <div className="segmented wide" role="group" aria-label="Import from">
          {(['server', 'file', 'pem'] as const).map((choice) => (
            <button key={choice} type="button" className={from === choice ? 'segment selected' : 'segment'} aria-pressed={from === choice} onClick={() => setFrom(choice)}>
              {FROM_LABELS[choice]}
            </button>
          ))}
        </div>
        {from === 'file' ? (
          <FileSourcePicker files={files} onAdd={add} onUnlock={unlock} onRemove={remove} inputRef={chooseFiles} />
        ) : from === 'server' ? (
          <>
            <label className="field-label" htmlFor={`${id}-target`}>
              Server (its root and intermediates are imported)
            </label>
            <input
              ref={target}
              id={`${id}-target`}
              className="text-input mono"
              type="text"
              inputMode="url"
              placeholder="https://host:port"
              defaultValue={draft?.from === 'server' ? draft.text : undefined}
              spellCheck={false}
              autoComplete="off"
              required
            />
          </>
        ) : (
          <>
            <label className="field-label" htmlFor={`${id}-pem`}>
              Certificates (-----BEGIN CERTIFICATE----- blocks)
            </label>
            <textarea
              ref={pem}
              id={`${id}-pem`}
              className="text-input mono pem-input"
              rows={8}
              defaultValue={draft?.from === 'pem' ? draft.text : undefined}
              spellCheck={false}
              required
            />
          </>
        )}
        <div className="modal-actions">
          <button type="button" className="button" onClick={() => onCancel(files)}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={from === 'file' && !filesReady}>
            Continue
          </button>
        </div>
      </form>
    </Modal>
  );
}

export interface StoreDialogsProps {
  readonly dialog: StoreDialog | null;
  readonly tabs: readonly StoreTab[];
  readonly edits: StoreEdits;
  readonly onChange: (dialog: StoreDialog | null) => void;
  readonly push: (tone: ToastTone, message: string) => void;
}

export function StoreDialogs({ dialog, tabs, edits, onChange, push }: StoreDialogsProps) {
  if (!dialog) return null;
  const close = () => onChange(null);
  if (dialog.kind === 'import') {
    // Files opened to import from are sessions of their own: closed when the import is done or abandoned.
    const finish = () => {
      closeFileSessions(dialog.draft?.files ?? []);
      close();
    };
    return (
      <ImportDialog
        request={dialog.request}
        onApplied={(applied) => {
          finish();
          edits.applied(dialog.request.storeId, applied);
        }}
        onCancel={finish}
        onBack={dialog.draft ? () => onChange({ kind: 'import-source', storeId: dialog.request.storeId, draft: dialog.draft }) : undefined}
      />
    );
  }
  const tab = tabs.find((t) => t.storeId === dialog.storeId);
  if (!tab) return null;
  if (dialog.kind === 'import-source') {
    return (
      <ImportSourceDialog
        tab={tab}
        draft={dialog.draft}
        dropped={dialog.dropped}
        onChoose={(request, draft) => onChange({ kind: 'import', request, draft })}
        onCancel={(files) => {
          closeFileSessions(files);
          close();
        }}
      />
    );
  }
  return (
    <ExportDialog
      request={{ subject: tab.title, source: { storeId: tab.storeId }, kind: 'store', selected: dialog.selected ?? undefined }}
      onDone={(message) => {
        close();
        push('success', message);
      }}
      onCancel={close}
    />
  );
}
