// Revocation on the chain cards: one line per certificate saying what its CA says of it (good, revoked with
// date and reason, unknown, or not checked and why) and which source said so (the server's stapled OCSP
// response, the OCSP responder, the CRL); and the REVOKED notes under the verdict. The checks run after the
// verdict is shown (use-revocation.ts): a spinner says they are under way.
import type { RevocationCheck } from '../../../shared/model/revocation';
import type { RevocationReport } from '../../../shared/model/revocation-report';
import { commonName, formatDate } from '../ui/format';
import { ErrorIcon, ShieldCheckIcon, ShieldQuestionIcon, WarningIcon } from '../ui/icons';
import type { RevocationRun } from './use-revocation';
import { ProblemItem } from './verdict';

/** Where an answer came from, in a few words. */
function sourceLabel(check: RevocationCheck): string {
  const host = check.url ? hostOf(check.url) : '';
  switch (check.source) {
    case 'staple':
      return 'the OCSP response the server stapled';
    case 'ocsp':
      return host ? `OCSP responder ${host}` : 'the OCSP responder';
    case 'crl':
      return host ? `CRL at ${host}` : 'the CRL';
    default:
      return '';
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function humanReason(reason: string): string {
  return reason.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export function revocationText(check: RevocationCheck): string {
  const by = sourceLabel(check);
  switch (check.status) {
    case 'good':
      return `Not revoked, says ${by}`;
    case 'revoked':
      return `Revoked${check.revokedAt ? ` on ${formatDate(check.revokedAt)}` : ''}${check.reason ? ` (${humanReason(check.reason)})` : ''}, says ${by}`;
    case 'unknown':
      return `Unknown to ${by || 'its CA'}${check.why ? `: ${check.why}` : ''}`;
    default:
      return `Revocation not checked: ${check.why ?? 'no source answered'}`;
  }
}

/** The line on one chain card; nothing while no check was asked for. */
export function RevocationLine({ run, sha256 }: { readonly run: RevocationRun; readonly sha256: string }) {
  if (run.phase === 'off') return null;
  if (run.phase === 'checking') {
    return (
      <div className="sent-revocation revocation-checking" role="status">
        <span className="spinner spinner-sm" aria-hidden="true" />
        Checking revocation…
      </div>
    );
  }
  if (run.phase === 'failed') {
    return <div className="sent-revocation revocation-unchecked">Revocation not checked: {run.message}</div>;
  }
  const found = run.report.certificates.find((c) => c.sha256 === sha256);
  if (!found) return null;
  const { check } = found;
  const title = [check.url, check.thisUpdate ? `This update ${check.thisUpdate}` : '', check.nextUpdate ? `Next update ${check.nextUpdate}` : '', ...(check.attempts ?? []).map((a) => `${a.source}${a.url ? ` ${a.url}` : ''}: ${a.why ?? a.status}`)]
    .filter(Boolean)
    .join('\n');
  const Icon = check.status === 'good' ? ShieldCheckIcon : check.status === 'revoked' ? ErrorIcon : check.status === 'unknown' ? WarningIcon : ShieldQuestionIcon;
  return (
    <div className={`sent-revocation revocation-${check.status}`} title={title || undefined}>
      <Icon className="icon-sm" />
      <span>{revocationText(check)}</span>
    </div>
  );
}

/** REVOKED under the verdict: blocking for a client that checks, a loud warning for one that does not. */
export function RevocationNotes({ report }: { readonly report: RevocationReport }) {
  if (report.problems.length === 0) return null;
  return (
    <section className="probe-section" aria-labelledby="revocation-heading">
      <h2 className="section-title" id="revocation-heading">
        Revocation <span className="section-count">{report.problems.length}</span>
      </h2>
      <ol className="problem-list">
        {report.problems.map((problem, i) => (
          <ProblemItem
            key={`${problem.code}-${i}`}
            problem={problem}
            blocking={problem.blocking}
            first
            className="revocation-problem"
            {...(problem.blocking ? {} : { note: 'does not block this client' })}
          />
        ))}
      </ol>
      <p className="path-note">{report.clientNote}</p>
    </section>
  );
}

/** Under the verdict, loud: a revoked certificate on a chain this client still accepts (or refuses for it). */
export function RevocationCallout({ run }: { readonly run: RevocationRun }) {
  if (run.phase !== 'done') return null;
  const revoked = run.report.certificates.filter((c) => c.check.status === 'revoked');
  if (revoked.length === 0) return null;
  const blocking = run.report.problems.some((p) => p.blocking && p.code === 'REVOKED');
  const names = revoked.map((c) => commonName(c.subject) || c.subject).join(' and ');
  return (
    <div className={`callout ${blocking ? 'callout-bad' : 'callout-warn'} revocation-callout`} role="alert">
      {blocking ? <ErrorIcon className="icon-sm" /> : <WarningIcon className="icon-sm" />}
      <span>
        <strong>Revoked: {names}.</strong> {blocking ? 'This client checks revocation and refuses the chain.' : 'This client accepts the chain only because it checks no revocation; browsers will not.'}
      </span>
    </div>
  );
}
