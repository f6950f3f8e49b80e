// The certificates the server sent, in wire order, one card each: its role on the path, names, expiry,
// key and fingerprint, and beside it whether the compared trust store holds it (by SHA-256).
import type { StoreListing } from '../../../shared/model/keystore';
import type { ChainIssue } from '../../../shared/model/probe';
import { CopyButton } from '../details/copy-button';
import { useNow } from '../explorer/use-now';
import { baseName, colonHex, commonName, expiry, formatDate, keyLabel, shortFingerprint } from '../ui/format';
import { ShieldCheckIcon, WarningIcon } from '../ui/icons';
import { RevocationLine } from './revocation-status';
import { ROLE_LABELS, storeHoldings, type SentCertificate, type StoreHolding } from './sent-roles';
import type { RevocationRun } from './use-revocation';

export interface SentChainProps {
  readonly sent: readonly SentCertificate[];
  /** Notes on the chain as sent (the ones the diagnosis already lists as problems are left out by the caller). */
  readonly chainIssues: readonly ChainIssue[];
  /** The compared store, or null when none is chosen. */
  readonly store: StoreListing | null;
  readonly onCopyError: (message: string) => void;
  /** The revocation checks of this chain, shown on each card. */
  readonly revocation?: RevocationRun;
}

function Holding({ holding, store }: { readonly holding: StoreHolding | undefined; readonly store: StoreListing }) {
  const name = baseName(store.file);
  if (!holding) {
    return (
      <span className="holding holding-missing" title={`${name} does not hold this certificate`}>
        Not in store
      </span>
    );
  }
  if (holding.type !== 'trustedCertificate') {
    return (
      <span className="holding holding-key" title={`${name} holds it only in the chain of a key entry, which Java does not use as a trust anchor`}>
        In key entry “{holding.alias}”
      </span>
    );
  }
  return (
    <span className="holding holding-found" title={`${name} holds this certificate as a trusted certificate`}>
      <ShieldCheckIcon className="icon-sm" />
      In store as alias <strong>{holding.alias}</strong>
    </span>
  );
}

export function SentChain({ sent, chainIssues, store, onCopyError, revocation = { phase: 'off' } }: SentChainProps) {
  const now = useNow();
  const holdings = storeHoldings(store);
  return (
    <section className="probe-section" aria-labelledby="sent-chain-heading">
      <h2 className="section-title" id="sent-chain-heading">
        Sent by the server <span className="section-count">{sent.length}</span>
      </h2>
      {sent.length === 0 ? <p className="muted">The server sent no certificates.</p> : null}
      <ol className="sent-list">
        {sent.map(({ position, certificate, role }) => {
          const validity = expiry(certificate.notBefore, certificate.notAfter, now);
          const name = commonName(certificate.subject) || certificate.subject;
          return (
            <li key={position} className={`sent-card role-${role}`} aria-label={`Certificate ${position + 1}: ${name}`}>
              <div className="sent-position" aria-hidden="true">
                {position + 1}
              </div>
              <div className="sent-body">
                <div className="sent-title-line">
                  <span className={`role-badge role-badge-${role}`}>{ROLE_LABELS[role]}</span>
                  <span className="sent-name" title={certificate.subject}>
                    {name}
                  </span>
                </div>
                <div className="sent-issuer" title={certificate.issuer}>
                  {certificate.selfSigned ? 'Self-signed' : <>Issued by {commonName(certificate.issuer) || certificate.issuer}</>}
                </div>
                <div className="sent-facts">
                  <span className={`expiry-${validity.status}`} title={validity.relative}>
                    {validity.status === 'expired' ? 'Expired' : 'Expires'} {formatDate(certificate.notAfter)}
                  </span>
                  <span>{keyLabel(certificate)}</span>
                  <span className="sent-sha-group">
                    <span className="sent-sha mono" title={colonHex(certificate.sha256)}>
                      SHA-256 {shortFingerprint(certificate.sha256)}
                    </span>
                    <CopyButton value={colonHex(certificate.sha256)} label="Copy SHA-256 fingerprint" onError={onCopyError} />
                  </span>
                </div>
                <RevocationLine run={revocation} sha256={certificate.sha256} />
              </div>
              {store ? (
                <div className="sent-holding">
                  <Holding holding={holdings.get(certificate.sha256.toLowerCase())} store={store} />
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      {chainIssues.length > 0 ? (
        <ul className="chain-notes" aria-label="Notes on the chain as sent">
          {chainIssues.map((issue) => (
            <li key={`${issue.code}-${issue.message}`} className="callout callout-warn">
              <WarningIcon className="icon-sm" />
              <span>
                <span className="code-badge">{issue.code}</span> {issue.message}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
