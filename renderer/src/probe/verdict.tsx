// The diagnosis: the verdict in one sentence (green or red) with its one primary action (the import that
// fixes it, or saving the import), the problems with their fixes (in the order the diagnosis gives, real
// cause first), the path the client built from the leaf to its anchor, and the certificates a trusted path
// would still need.
import type { ReactNode } from 'react';
import type { ClientProfile, Diagnosis, Problem, PathCertificate, ProblemCode } from '../../../shared/model/probe';
import { CopyButton } from '../details/copy-button';
import { colonHex, commonName, shortFingerprint } from '../ui/format';
import { CertificateIcon, ErrorIcon, ShieldCheckIcon, WarningIcon } from '../ui/icons';

export const CLIENT_NAMES: Record<ClientProfile, string> = { java: 'Java', openssl: 'OpenSSL' };

/** What each problem comes down to, in a few words, for the line under the verdict. */
const PROBLEM_GISTS: Record<ProblemCode, string> = {
  UNTRUSTED_ROOT: 'the chain ends at a CA this trust store does not hold',
  INCOMPLETE_CHAIN: 'the server does not send an intermediate the path needs',
  SELF_SIGNED: 'the server’s certificate is self-signed and not in this trust store',
  EXPIRED: 'a certificate on the path has expired',
  NOT_YET_VALID: 'a certificate on the path is not valid yet',
  HOSTNAME_MISMATCH: 'the certificate does not name the host connected to',
  WEAK_SIGNATURE: 'a certificate is signed with an algorithm the client refuses',
  WEAK_KEY: 'a key on the path is too weak for the client',
  BAD_SIGNATURE: 'a signature on the path does not verify',
  NOT_A_CA: 'a certificate that is not a CA issued the next one',
  PATH_LENGTH: 'the path is longer than a CA on it allows',
  KEY_USAGE: 'a certificate’s key usage does not allow this use',
  EXTENDED_KEY_USAGE: 'a certificate’s extended key usage does not allow TLS server use',
  NAME_CONSTRAINTS: 'a CA on the path may not issue for the names below it',
  PROTOCOL_VERSION: 'the server speaks only a protocol version the client refuses',
  NO_COMMON_CIPHER: 'the server and the client have no cipher suite in common',
  CLIENT_CERT_REQUIRED: 'the server requires a client certificate the client would not send',
  ALGORITHM_CONSTRAINED: 'a rule of this JDK’s java.security refuses an algorithm or key on the path',
  REVOKED: 'a certificate on the path has been revoked by its CA',
  REVOCATION_UNKNOWN: 'the client checks revocation and could not find out whether a certificate is revoked',
  CONTAINS_ANCHOR: 'the server sends its root',
  WRONG_ORDER: 'the server sends its chain out of order',
  EXTRA_CERTS: 'the server sends certificates that are not on its path',
};

/** "A Java client would trust host:443 with cacerts" / "… would NOT trust …". */
export function verdictSentence(client: ClientProfile, trusted: boolean, endpoint: string, storeName: string, edited = false): string {
  const who = client === 'java' ? 'A Java client' : 'An OpenSSL client';
  return `${who} would ${trusted ? '' : 'NOT '}trust ${endpoint} with ${storeName}${edited ? ' as edited, not saved yet' : ''}`;
}

export interface VerdictBannerProps {
  readonly diagnosis: Diagnosis;
  readonly endpoint: string;
  readonly storeName: string;
  /** Judged against the store with edits not saved yet: the file on disk does not say this yet. */
  readonly edited?: boolean;
  /** The verdict's primary action, shown in the banner so it is in view without scrolling (1024×700). */
  readonly action?: ReactNode;
}

export function VerdictBanner({ diagnosis, endpoint, storeName, edited = false, action }: VerdictBannerProps) {
  const { trusted, client, path, problems } = diagnosis;
  const connects = diagnosis.connects !== false;
  const anchor = path[path.length - 1];
  let detail: string;
  if (trusted && !connects) {
    const cause = problems[0];
    detail = `The chain is trusted, but the handshake would not complete: ${cause ? (PROBLEM_GISTS[cause.code] ?? cause.code) : 'see below'}.`;
  } else if (trusted && anchor) {
    const where = anchor.trustStoreAlias ? `alias “${anchor.trustStoreAlias}” of ${storeName}` : storeName;
    detail = `The path ends at ${commonName(anchor.subject) || anchor.subject}, trusted as ${where}.`;
  } else {
    const cause = problems[0];
    detail = cause
      ? `Why: ${PROBLEM_GISTS[cause.code] ?? cause.code}. ${problems.length === 1 ? 'The problem below says what to do.' : 'The problems below say what to do, the cause first.'}`
      : `${CLIENT_NAMES[client]} would reject this chain.`;
  }
  const ok = trusted && connects;
  const title = trusted && !connects ? `${verdictSentence(client, true, endpoint, storeName, edited)}, but would NOT connect` : verdictSentence(client, trusted, endpoint, storeName, edited);
  const jdk = diagnosis.java ? (diagnosis.java.home ? `Java ${diagnosis.java.version} (${diagnosis.java.home})` : 'JDK 17’s default rules (no JDK found)') : null;
  return (
    <div className={ok ? 'verdict verdict-trusted' : 'verdict verdict-untrusted'} role="status" aria-live="polite">
      {ok ? <ShieldCheckIcon className="verdict-icon" /> : <ErrorIcon className="verdict-icon" />}
      <div className="verdict-text">
        <p className="verdict-title">{title}</p>
        <p className="verdict-detail">{detail}</p>
        {jdk ? <p className="verdict-detail verdict-jdk">Judged with the rules of {jdk}.</p> : null}
        {action ? <div className="verdict-actions">{action}</div> : null}
      </div>
    </div>
  );
}

/** One problem with its fix: an error where it stops the client, a warning where it does not. */
export function ProblemItem({ problem, blocking, first = false, note, className = '' }: { readonly problem: Problem; readonly blocking: boolean; readonly first?: boolean; readonly note?: string; readonly className?: string }) {
  return (
    <li className={`problem${first && blocking ? ' problem-first' : ''}${className ? ` ${className}` : ''}`}>
      <div className="problem-head">
        {blocking ? <ErrorIcon className="icon-sm problem-icon" /> : <WarningIcon className="icon-sm problem-icon warn" />}
        <span className="code-badge">{problem.code}</span>
        {note ? <span className="problem-note">{note}</span> : null}
      </div>
      <p className="problem-message">{problem.message}</p>
      <p className="problem-fix">
        <span className="problem-fix-label">Fix</span>
        {problem.fix}
      </p>
    </li>
  );
}

export function ProblemList({ diagnosis }: { readonly diagnosis: Diagnosis }) {
  if (diagnosis.problems.length === 0) return null;
  // Problems that stop the call: the chain's, or the handshake's when the chain is trusted.
  const ok = diagnosis.trusted && diagnosis.connects !== false;
  return (
    <section className="probe-section" aria-labelledby="problems-heading">
      <h2 className="section-title" id="problems-heading">
        {ok ? 'Worth fixing' : 'Problems'} <span className="section-count">{diagnosis.problems.length}</span>
      </h2>
      <ol className="problem-list">
        {diagnosis.problems.map((problem, i) => (
          <ProblemItem key={`${problem.code}-${i}`} problem={problem} blocking={!ok} first={i === 0} />
        ))}
      </ol>
    </section>
  );
}

function pathRole(certificate: PathCertificate, at: number, length: number, trusted: boolean): string {
  if (certificate.source === 'found') return certificate.role === 'root' ? 'Missing root' : 'Missing';
  if (certificate.role === 'root') return 'Root';
  if (certificate.role === 'leaf' || at === 0) return 'Leaf';
  if (at === length - 1 && trusted) return 'Anchor';
  return 'Intermediate';
}

export function BuiltPath({ diagnosis, storeName, onCopyError }: { readonly diagnosis: Diagnosis; readonly storeName: string; readonly onCopyError: (message: string) => void }) {
  const { path, missing, trusted } = diagnosis;
  // Where the path stops short of a root that neither the server nor the store supplied, name the issuer it needs.
  const last = path[path.length - 1];
  const issuerMissing = diagnosis.problems.some((p) => p.code === 'UNTRUSTED_ROOT' || p.code === 'INCOMPLETE_CHAIN');
  // Certificates found elsewhere that the path already goes through are shown on it, not again below it.
  const onPath = new Set(path.filter((c) => c.source === 'found').map((c) => c.sha256));
  const unfound = !trusted && issuerMissing && missing.length === 0 && last && !last.selfSigned && last.trustStoreAlias === null ? last : null;
  return (
    <section className="probe-section" aria-labelledby="path-heading">
      <h2 className="section-title" id="path-heading">
        Path the client built
      </h2>
      <ol className="path-tree">
        {path.map((certificate, at) => (
          <li key={`${certificate.sha256}-${at}`} className={certificate.source === 'found' ? 'path-node path-missing' : 'path-node'} data-depth={Math.min(at, 6)}>
            {certificate.source === 'found' ? <WarningIcon className="icon-sm path-icon" /> : <CertificateIcon className="icon-sm path-icon" />}
            <span className="path-name" title={certificate.subject}>
              {commonName(certificate.subject) || certificate.subject}
            </span>
            <span className="path-role">{pathRole(certificate, at, path.length, trusted)}</span>
            {certificate.source === 'found' && certificate.foundIn ? (
              <span className="path-source path-source-found" title={`Not sent and not in ${storeName}; SHA-256 ${colonHex(certificate.sha256)}`}>
                missing · {'url' in certificate.foundIn ? 'at its CA Issuers URL' : <>in {certificate.foundIn.label} as “{certificate.foundIn.alias}”</>}
              </span>
            ) : certificate.source === 'truststore' ? (
              <span className="path-source path-source-store" title={`Taken from ${storeName}${certificate.trustStoreAlias ? ` (alias ${certificate.trustStoreAlias})` : ''}`}>
                from {storeName}
                {certificate.trustStoreAlias ? <> as “{certificate.trustStoreAlias}”</> : null}
              </span>
            ) : (
              <span className="path-source" title={`Sent by the server${certificate.trustStoreAlias ? `; ${storeName} holds it too, as ${certificate.trustStoreAlias}` : ''}`}>
                sent
                {certificate.trustStoreAlias ? <> · in store as “{certificate.trustStoreAlias}”</> : null}
              </span>
            )}
          </li>
        ))}
        {unfound ? (
          <li className="path-node path-missing" data-depth={Math.min(path.length, 6)}>
            <WarningIcon className="icon-sm path-icon" />
            <span className="path-name" title={unfound.issuer}>
              {commonName(unfound.issuer) || unfound.issuer}
            </span>
            <span className="path-role">Not found</span>
            <span className="path-source" title={`The issuer of ${unfound.subject}: the server did not send it and ${storeName} does not hold it`}>
              not sent, not in store
            </span>
          </li>
        ) : null}
        {missing.filter((certificate) => !onPath.has(certificate.sha256)).map((certificate, i) => (
          <li key={`missing-${certificate.sha256}-${i}`} className="path-node path-missing" data-depth={Math.min(path.length + i, 6)}>
            <WarningIcon className="icon-sm path-icon" />
            <span className="path-name" title={certificate.subject}>
              {commonName(certificate.subject) || certificate.subject}
            </span>
            <span className="path-role">Missing</span>
            {certificate.foundIn ? (
              'url' in certificate.foundIn ? (
                <span className="path-source path-source-found" title={`SHA-256 ${colonHex(certificate.sha256)}, downloaded from ${certificate.foundIn.url}`}>
                  at its CA Issuers URL
                </span>
              ) : (
                <span className="path-source path-source-found" title={`SHA-256 ${colonHex(certificate.sha256)}, in ${certificate.foundIn.file}`}>
                  in {certificate.foundIn.label} as “{certificate.foundIn.alias}”
                </span>
              )
            ) : (
              <span className="path-source mono" title={colonHex(certificate.sha256)}>
                SHA-256 {shortFingerprint(certificate.sha256, 8)}
              </span>
            )}
            <CopyButton value={colonHex(certificate.sha256)} label={`Copy the SHA-256 of ${commonName(certificate.subject)}`} onError={onCopyError} />
          </li>
        ))}
      </ol>
      {missing.length > 0 ? (
        <p className="path-note">
          Missing from {storeName}: {missing.map((c) => c.subject).join('; ')}.
          {missing
            .filter((c) => c.foundIn)
            .map((c) => (
              <span key={`found-${c.sha256}`}>
                {' '}
                {commonName(c.subject) || c.subject} is{' '}
                {'url' in c.foundIn! ? (
                  <>
                    at <span className="mono">{c.foundIn!.url}</span>
                  </>
                ) : (
                  <>
                    in {c.foundIn!.label} (<span className="mono">{c.foundIn!.file}</span>)
                  </>
                )}
                .
              </span>
            ))}
        </p>
      ) : null}
    </section>
  );
}
