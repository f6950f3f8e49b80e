// The strip above a store's table: its name, format, what it holds, whether its integrity was
// verified, whether it has unsaved changes, and its actions (import, export, save, undo, properties).
import { useMemo } from 'react';
import type { EntryType, StoreListing } from '../../../shared/model/keystore';
import { expiryState } from '../../../shared/x509/expiry-window';
import { ENTRY_TYPE_ORDER, EXPIRY_WARNING_DAYS, FORMAT_LABELS, baseName, countLabel, folderName } from '../ui/format';
import type { ExpiryFilter } from './entry-rows';
import {
  EntryTypeIcon,
  ExportIcon,
  ImportIcon,
  InfoIcon,
  SaveIcon,
  ShieldCheckIcon,
  ShieldOffIcon,
  ShieldQuestionIcon,
  UndoIcon,
  WarningIcon,
} from '../ui/icons';
import { shortcutLabel } from '../app/keys';

export interface StoreHeaderProps {
  readonly view: StoreListing;
  readonly now: number;
  /** The table shows only the entries expiring soon, or expired, when set; clicking a count sets it. */
  readonly expiryFilter: ExpiryFilter;
  readonly onExpiryFilter: (filter: ExpiryFilter) => void;
  readonly propertiesId: string;
  readonly propertiesOpen: boolean;
  readonly onToggleProperties: () => void;
  /** Re-open the store with its password, to verify its integrity. */
  readonly onVerify: () => void;
  /** Store actions; a button shows only when its handler is given. */
  readonly onImport?: () => void;
  readonly onExport?: () => void;
  readonly onSave?: () => void;
  readonly onUndo?: () => void;
  readonly onSaveAs?: () => void;
}


function IntegrityBadge({ view, onVerify }: { readonly view: StoreListing; readonly onVerify: () => void }) {
  if (view.integrity === 'verified') {
    return (
      <span className="badge badge-ok" title="The store's password-based integrity check passed: nothing was changed since it was written.">
        <ShieldCheckIcon className="icon-sm" />
        Integrity verified
      </span>
    );
  }
  if (view.integrity === 'not-checked') {
    return (
      <span className="integrity-unchecked">
        <span className="badge badge-warn" title="Opened without the store password, so its integrity check was skipped.">
          <ShieldQuestionIcon className="icon-sm" />
          Integrity not checked
        </span>
        <button type="button" className="link-button" onClick={onVerify}>
          Enter the password to verify integrity
        </button>
      </span>
    );
  }
  return (
    <span className="badge badge-neutral" title={`${FORMAT_LABELS[view.format]} files carry no integrity check.`}>
      <ShieldOffIcon className="icon-sm" />
      No integrity check
    </span>
  );
}

/** "3 certificates expire within 30 days" and "1 expired", each a toggle that filters the table to them. */
function ExpiryCounts({ view, now, filter, onFilter }: { readonly view: StoreListing; readonly now: number; readonly filter: ExpiryFilter; readonly onFilter: (filter: ExpiryFilter) => void }) {
  const counts = useMemo(() => {
    let expiring = 0;
    let expired = 0;
    for (const entry of view.entries) {
      const state = expiryState(entry.leaf?.notAfter, EXPIRY_WARNING_DAYS, now);
      if (state === 'expiring') expiring++;
      else if (state === 'expired') expired++;
    }
    return { expiring, expired };
  }, [view.entries, now]);
  const toggle = (which: Exclude<ExpiryFilter, null>, text: string, title: string) => (
    <button
      type="button"
      className={`expiry-count expiry-count-${which}${filter === which ? ' toggled' : ''}`}
      aria-pressed={filter === which}
      title={filter === which ? 'Show every entry again' : title}
      onClick={() => onFilter(filter === which ? null : which)}
    >
      <WarningIcon className="icon-sm" />
      {text}
    </button>
  );
  const plural = (n: number) => (n === 1 ? 'certificate' : 'certificates');
  return (
    <>
      {counts.expiring > 0
        ? toggle('expiring', `${counts.expiring.toLocaleString('en-US')} ${plural(counts.expiring)} ${counts.expiring === 1 ? 'expires' : 'expire'} within ${EXPIRY_WARNING_DAYS} days`, 'Show only these')
        : null}
      {counts.expired > 0 ? toggle('expired', `${counts.expired.toLocaleString('en-US')} expired`, 'Show only the expired ones') : null}
    </>
  );
}

export function StoreHeader({ view, now, expiryFilter, onExpiryFilter, propertiesId, propertiesOpen, onToggleProperties, onVerify, onImport, onExport, onSave, onUndo, onSaveAs }: StoreHeaderProps) {
  const counts = useMemo(() => {
    const byType = new Map<EntryType, number>();
    for (const entry of view.entries) byType.set(entry.type, (byType.get(entry.type) ?? 0) + 1);
    return ENTRY_TYPE_ORDER.filter((type) => byType.has(type)).map((type) => ({ type, count: byType.get(type)! }));
  }, [view.entries]);
  const folder = folderName(view.file);

  return (
    <div className="store-header">
      <div className="store-identity">
        <div className="store-title-line">
          <h1 className="store-title" title={view.file}>
            {baseName(view.file)}
          </h1>
          <span className="badge badge-format">{FORMAT_LABELS[view.format]}</span>
          <IntegrityBadge view={view} onVerify={onVerify} />
          {view.dirty ? (
            <span className="badge badge-unsaved" title="Edits not written to the file yet">
              <span className="unsaved-dot" aria-hidden="true" />
              Unsaved changes
            </span>
          ) : null}
        </div>
        <div className="store-meta">
          {folder ? (
            <span className="store-folder" title={view.file}>
              {folder}
            </span>
          ) : null}
          {counts.length === 0 ? <span className="store-count">No entries</span> : null}
          {counts.map(({ type, count }) => (
            <span key={type} className="store-count">
              <EntryTypeIcon type={type} className="icon-sm" />
              {countLabel(type, count)}
            </span>
          ))}
          <ExpiryCounts view={view} now={now} filter={expiryFilter} onFilter={onExpiryFilter} />
        </div>
      </div>
      <div className="store-actions">
        {view.undoable && onUndo ? (
          <button type="button" className="button quiet" onClick={onUndo} title="Take back the last change">
            <UndoIcon className="icon-sm" />
            Undo
          </button>
        ) : null}
        {view.dirty && onSave ? (
          <button type="button" className="button primary" onClick={onSave} title={`Write the changes to the file (${shortcutLabel('S')})`}>
            <SaveIcon className="icon-sm" />
            Save
          </button>
        ) : null}
        {onSaveAs ? (
          <button type="button" className="button quiet" onClick={onSaveAs} title={`Write it to another file or format (${shortcutLabel('Shift+S')})`}>
            <SaveIcon className="icon-sm" />
            Save as…
          </button>
        ) : null}
        {onImport ? (
          <button type="button" className="button quiet" onClick={onImport} title="Add certificates from a server or pasted PEM">
            <ImportIcon className="icon-sm" />
            Import…
          </button>
        ) : null}
        {onExport ? (
          <button
            type="button"
            className="button quiet"
            onClick={onExport}
            disabled={view.entries.length === 0}
            title={view.entries.length === 0 ? 'This store has no certificates to export yet' : 'Write certificates as PEM, DER or PKCS#7 files'}
          >
            <ExportIcon className="icon-sm" />
            Export…
          </button>
        ) : null}
      <button
        type="button"
        className={propertiesOpen ? 'button quiet toggled' : 'button quiet'}
        aria-expanded={propertiesOpen}
        aria-controls={propertiesId}
        onClick={onToggleProperties}
        title="Store properties"
      >
        <InfoIcon className="icon-sm" />
        Properties
      </button>
      </div>
    </div>
  );
}
