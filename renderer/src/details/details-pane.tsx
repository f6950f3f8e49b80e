// The right-hand pane for the selected entry: notes, the chain, the entries it is related to, and the
// chosen certificate's sections and PEM. A pure render of EntryDetails.
import { useState, type ReactNode } from 'react';
import type { EntryDetails } from '../../../shared/model/details';
import type { ListedEntry } from '../../../shared/model/keystore';
import { ENTRY_TYPE_LABELS, commonName, keyLabel } from '../ui/format';
import { CloseIcon, EntryTypeIcon, ErrorIcon, InfoIcon, WarningIcon } from '../ui/icons';
import { Asn1Dialog } from './asn1-dialog';
import { EntryRevocation } from './entry-revocation';
import { ChainTree } from './chain-tree';
import { CopyButton } from './copy-button';
import { DetailSections } from './detail-list';
import { useEntryDetails } from './use-entry-details';

export interface DetailsPaneProps {
  readonly storeId: string;
  readonly index: number | null;
  readonly entry: ListedEntry | null;
  readonly onSelectAlias: (alias: string) => void;
  readonly onClose: () => void;
  readonly onCopyError: (message: string) => void;
  /** Buttons for the entry shown (rename, delete), before the close button. */
  readonly actions?: ReactNode;
}

function Relations({ title, aliases, onSelectAlias }: { readonly title: string; readonly aliases: readonly string[]; readonly onSelectAlias: (alias: string) => void }) {
  if (aliases.length === 0) return null;
  return (
    <div className="relation">
      <span className="relation-title">{title}</span>
      <ul className="relation-list">
        {aliases.map((alias) => (
          <li key={alias}>
            <button type="button" className="alias-chip" onClick={() => onSelectAlias(alias)} title={`Select ${alias}`}>
              {alias}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface DetailsBodyProps {
  readonly storeId: string;
  readonly index: number;
  readonly details: EntryDetails;
  readonly entry: ListedEntry;
  readonly onSelectAlias: (alias: string) => void;
  readonly onCopyError: (message: string) => void;
}

function DetailsBody({ storeId, index, details, entry, onSelectAlias, onCopyError }: DetailsBodyProps) {
  const [position, setPosition] = useState(0);
  const [asn1Open, setAsn1Open] = useState(false);
  const certificate = details.chain[Math.min(position, details.chain.length - 1)];
  return (
    <>
      {details.chain.length > 1 ? <ChainTree chain={details.chain} selected={position} onSelect={setPosition} /> : null}
      {details.issuedBy.length > 0 || details.issued.length > 0 ? (
        <section className="relations" aria-label="Related entries">
          <Relations title="Issued by" aliases={details.issuedBy} onSelectAlias={onSelectAlias} />
          <Relations title="Issued" aliases={details.issued} onSelectAlias={onSelectAlias} />
        </section>
      ) : null}
      {certificate ? (
        <div className="certificate-details" key={`${certificate.summary.sha256}-${position}`}>
          {details.chain.length > 1 ? (
            <p className="certificate-caption">
              Showing <strong>{commonName(certificate.summary.subject) || 'certificate'}</strong>
              {position === 0 ? ' (leaf)' : ''}
            </p>
          ) : null}
          <DetailSections sections={certificate.sections} onCopyError={onCopyError} />
          <EntryRevocation storeId={storeId} index={index} position={Math.min(position, details.chain.length - 1)} />
          <section className="detail-section pem-section" aria-label="PEM">
            <div className="section-head">
              <h3 className="section-title">PEM</h3>
              <span className="section-actions">
                <button type="button" className="copy-button with-text asn1-open" onClick={() => setAsn1Open(true)} title="The certificate's ASN.1 structure and bytes">
                  ASN.1
                </button>
                <CopyButton value={certificate.pem} label="Copy PEM" text="Copy PEM" onError={onCopyError} />
              </span>
            </div>
            <pre className="pem" tabIndex={0} aria-label="PEM text">
              {certificate.pem}
            </pre>
          </section>
          {asn1Open ? (
            <Asn1Dialog storeId={storeId} index={index} position={Math.min(position, details.chain.length - 1)} title={commonName(certificate.summary.subject) || entry.alias} onClose={() => setAsn1Open(false)} />
          ) : null}
        </div>
      ) : (
        <p className="details-placeholder">
          {entry.type === 'secretKey'
            ? `Secret key${entry.keyAlgorithm ? ` (${entry.keyAlgorithm})` : ''}: it carries no certificate, and TrustLens never shows key material.`
            : 'This entry carries no certificate.'}
        </p>
      )}
    </>
  );
}

export function DetailsPane({ storeId, index, entry, onSelectAlias, onClose, onCopyError, actions }: DetailsPaneProps) {
  const { details, error, loading } = useEntryDetails(storeId, index);
  const leaf = entry?.leaf;
  const subtitle = entry ? [ENTRY_TYPE_LABELS[entry.type], leaf ? keyLabel(leaf) : entry.keyAlgorithm].filter(Boolean).join(' · ') : '';

  return (
    <aside className="details" aria-label={entry ? `Details of ${entry.alias}` : 'Details'}>
      <div className="details-header">
        {entry ? (
          <>
            <span className={`details-type details-type-${entry.type}`}>
              <EntryTypeIcon type={entry.type} />
            </span>
            <div className="details-heading">
              <h2 className="details-title" title={entry.alias}>
                {entry.alias}
              </h2>
              <p className="details-subtitle">{subtitle}</p>
            </div>
          </>
        ) : (
          <div className="details-heading">
            <h2 className="details-title muted">No entry selected</h2>
          </div>
        )}
        {entry ? actions : null}
        <button type="button" className="icon-button" aria-label="Close details" title="Close details" onClick={onClose}>
          <CloseIcon />
        </button>
      </div>
      <div className="details-scroll" tabIndex={-1}>
        {!entry ? <p className="details-placeholder">Select an entry to see its certificate, chain and fingerprints.</p> : null}
        {entry?.notes?.map((note, i) => (
          <div key={i} className={entry.javaTrusted === false ? 'callout callout-warn' : 'callout'} role="note">
            {entry.javaTrusted === false ? <WarningIcon className="icon-sm" /> : <InfoIcon className="icon-sm" />}
            <span>{note}</span>
          </div>
        ))}
        {entry && error ? (
          <div className="callout callout-bad" role="alert">
            <ErrorIcon className="icon-sm" />
            <span>{error}</span>
          </div>
        ) : null}
        {entry && loading ? <div className="details-loading" aria-label="Loading details" /> : null}
        {entry && details && index !== null ? (
          <DetailsBody key={`${storeId}:${index}`} storeId={storeId} index={index} details={details} entry={entry} onSelectAlias={onSelectAlias} onCopyError={onCopyError} />
        ) : null}
      </div>
    </aside>
  );
}
