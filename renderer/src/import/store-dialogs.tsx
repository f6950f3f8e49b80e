// The dialogs a store tab's header opens: Export… (all entries or the chosen ones) and Import… (from a
// server's chain or pasted PEM, then the import plan).
import { useId, useRef, useState, type FormEvent } from 'react';
import type { StoreTab } from '../app/store-tabs';
import type { ChosenEntries } from '../explorer/selection';
import { Modal } from '../app/modal';
import type { ToastTone } from '../app/use-toasts';
import { ImportIcon } from '../ui/icons';
import { ExportDialog } from './export-dialog';
import { ImportDialog, type ImportRequest } from './import-dialog';
import type { StoreEdits } from './use-store-edits';
import { ModalHeading } from '../ui/modal-heading';

export type StoreDialog =
  | { readonly kind: 'export'; readonly storeId: string; readonly selected: ChosenEntries | null }
  | { readonly kind: 'import-source'; readonly storeId: string; readonly draft?: ImportDraft }
  /** `draft`: what was typed in the source dialog, when it led here (Back returns to it). */
  | { readonly kind: 'import'; readonly request: ImportRequest; readonly draft?: ImportDraft };

/** What the source dialog held: where from, and the server or the pasted text. */
interface ImportDraft {
  readonly from: 'server' | 'pem';
  readonly text: string;
}

function ImportSourceDialog({
  tab,
  draft,
  onChoose,
  onCancel,
}: {
  readonly tab: StoreTab;
  readonly draft?: ImportDraft;
  readonly onChoose: (request: ImportRequest, draft: ImportDraft) => void;
  readonly onCancel: () => void;
}) {
  const id = useId();
  const [from, setFrom] = useState<'server' | 'pem'>(draft?.from ?? 'server');
  const target = useRef<HTMLInputElement>(null);
  const pem = useRef<HTMLTextAreaElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const base = { storeId: tab.storeId, store: tab.view };
    if (from === 'server') {
      const value = target.current?.value.trim();
      if (value) onChoose({ ...base, source: { target: value }, from: value }, { from, text: value });
    } else {
      const text = pem.current?.value.trim();
      if (text) onChoose({ ...base, source: { pem: text }, from: 'the pasted text' }, { from, text: pem.current?.value ?? text });
    }
  }

  return (
    <Modal labelledBy={`${id}-title`} onCancel={onCancel} initialFocus={draft?.from === 'pem' ? pem : target} className="import-source-dialog">
      <form className="modal-body" onSubmit={submit}>
        <ModalHeading titleId={`${id}-title`} icon={<ImportIcon />}>
          Import into {tab.title}
        </ModalHeading>
        <div className="segmented wide" role="group" aria-label="Import from">
          <button type="button" className={from === 'server' ? 'segment selected' : 'segment'} aria-pressed={from === 'server'} onClick={() => setFrom('server')}>
            A server’s chain
          </button>
          <button type="button" className={from === 'pem' ? 'segment selected' : 'segment'} aria-pressed={from === 'pem'} onClick={() => setFrom('pem')}>
            Pasted PEM
          </button>
        </div>
        {from === 'server' ? (
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
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button primary">
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
    return (
      <ImportDialog
        request={dialog.request}
        onApplied={(applied) => {
          close();
          edits.applied(dialog.request.storeId, applied);
        }}
        onCancel={close}
        onBack={dialog.draft ? () => onChange({ kind: 'import-source', storeId: dialog.request.storeId, draft: dialog.draft }) : undefined}
      />
    );
  }
  const tab = tabs.find((t) => t.storeId === dialog.storeId);
  if (!tab) return null;
  if (dialog.kind === 'import-source') {
    return <ImportSourceDialog tab={tab} draft={dialog.draft} onChoose={(request, draft) => onChange({ kind: 'import', request, draft })} onCancel={close} />;
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
