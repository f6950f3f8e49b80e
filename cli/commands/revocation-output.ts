// `--revocation` on probe and diagnose: each certificate of the JSON gets its `revocation` (CLI-CONTRACT.md),
// and people get one line per certificate with the source that said so, then what it means for the client.
import type { RevocationReport } from '../../shared/model/revocation-report';
import type { RevocationCheck } from '../../shared/model/revocation';
import { commonNameOf, style } from '../human';

/** The certificates with their revocation (by SHA-256); the anchor and certificates off the path get none. */
export function withRevocation<T extends { readonly sha256: string }>(certificates: readonly T[], report: RevocationReport): (T & { revocation?: RevocationCheck })[] {
  const bySha = new Map(report.certificates.map((c) => [c.sha256, c.check]));
  return certificates.map((cert) => {
    const check = bySha.get(cert.sha256);
    return check ? { ...cert, revocation: check } : cert;
  });
}

const SOURCE_NAMES = { staple: 'OCSP staple', ocsp: 'OCSP', crl: 'CRL' } as const;

function line(check: RevocationCheck): string {
  const by = check.source ? ` (${SOURCE_NAMES[check.source]}${check.url ? ` ${check.url}` : ''})` : '';
  switch (check.status) {
    case 'good':
      return `${style.green('good')}${by}`;
    case 'revoked':
      return `${style.red('REVOKED')}${check.revokedAt ? ` on ${check.revokedAt.slice(0, 10)}` : ''}${check.reason ? `, ${check.reason}` : ''}${by}`;
    case 'unknown':
      return `${style.yellow('unknown')}${by}${check.why ? `: ${check.why}` : ''}`;
    default:
      return `${style.dim('not checked')}${check.why ? `: ${check.why}` : ''}`;
  }
}

export function printRevocation(report: RevocationReport): void {
  process.stdout.write('\nRevocation:\n');
  for (const cert of report.certificates) process.stdout.write(`  ${commonNameOf(cert.subject)}  ${line(cert.check)}\n`);
  for (const p of report.problems) {
    process.stdout.write(`  ${p.blocking ? style.red(p.code) : style.yellow(`${p.code} (warning)`)}  ${p.message}\n    ${style.dim('Fix:')} ${p.fix}\n`);
  }
  process.stdout.write(`  ${style.dim(report.clientNote)}\n`);
}
