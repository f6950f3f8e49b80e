// What to do about a diagnosis. The primary action (import what the store lacks, or save the import) is
// the verdict banner's (PrimaryAction, shown in view at 1024×700); here: undo an import not saved yet,
// export the server's root and intermediates, or set another chain beside this one.
import type { ReactNode } from 'react';
import type { StoreListing } from '../../../shared/model/keystore';
import type { Diagnosis } from '../../../shared/model/probe';
import { importOffer, type ImportOffer } from './import-offer';
import { baseName } from '../ui/format';
import { CompareIcon, ExportIcon, ImportIcon, InfoIcon, SaveIcon, UndoIcon } from '../ui/icons';

export interface PrimaryActionProps {
  readonly diagnosis: Diagnosis | null;
  readonly store: StoreListing | null;
  readonly busy: boolean;
  readonly onImport: (offer: ImportOffer) => void;
  readonly onSave: () => void;
}

/** The one button that fixes the verdict: save an import not saved yet, else the import that would help; or nothing. */
export function primaryAction({ diagnosis, store, busy, onImport, onSave }: PrimaryActionProps): ReactNode {
  if (store?.dirty) {
    const name = baseName(store.file);
    return (
      <button type="button" className="button primary" onClick={onSave} disabled={busy}>
        <SaveIcon className="icon-sm" />
        Save {name}
      </button>
    );
  }
  const offer = importOffer(diagnosis, store);
  if (!offer) return null;
  return (
    <button type="button" className="button primary step-button" onClick={() => onImport(offer)} disabled={busy}>
      <ImportIcon className="icon-sm" />
      {offer.label}
    </button>
  );
}

export interface NextStepsProps {
  readonly store: StoreListing | null;
  readonly busy: boolean;
  readonly onUndo: () => void;
  readonly onExport: () => void;
  readonly onCompare: () => void;
}

export function NextSteps({ store, busy, onUndo, onExport, onCompare }: NextStepsProps) {
  const name = store ? baseName(store.file) : '';
  return (
    <section className="probe-section" aria-labelledby="next-steps-heading">
      <h2 className="section-title" id="next-steps-heading">
        Next steps
      </h2>
      {store?.dirty ? (
        <div className="callout callout-unsaved" role="status">
          <InfoIcon className="icon-sm" />
          <div className="callout-body">
            <p>
              <strong>{name}</strong> has unsaved changes: the verdict above is for the store as edited. Save it (the button in the verdict) to write the file your application reads.
            </p>
            <div className="callout-actions">
              <button type="button" className="button" onClick={onUndo} disabled={busy}>
                <UndoIcon className="icon-sm" />
                Undo
              </button>
            </div>
          </div>
        </div>
      ) : null}
      <div className="step-buttons">
        <button type="button" className="button step-button" onClick={onExport} disabled={busy}>
          <ExportIcon className="icon-sm" />
          Export root &amp; intermediates…
        </button>
        <button type="button" className="button step-button" onClick={onCompare} disabled={busy}>
          <CompareIcon className="icon-sm" />
          Compare with another server or file…
        </button>
      </div>
    </section>
  );
}
