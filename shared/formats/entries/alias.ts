// Aliases derived from a certificate's subject, unique within a store. keytool lowercases JKS aliases,
// so derived aliases are lowercase too; they stay readable ("digicert-global-root-g2").
import type { CertificateSummary } from '../../model/certificate';

function subjectLabel(subject: string): string {
  const attr = (key: string) => new RegExp(`(?:^|,)${key}=((?:\\\\.|[^,])*)`, 'i').exec(subject)?.[1];
  return attr('CN') ?? attr('OU') ?? attr('O') ?? (subject || 'certificate');
}

export function aliasBase(summary: Pick<CertificateSummary, 'subject'>): string {
  const slug = subjectLabel(summary.subject)
    .replace(/\\(.)/g, '$1')
    .toLowerCase()
    .replace(/[^a-z0-9._@-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return slug || 'certificate';
}

/** A unique alias for `summary` among `taken` (compared case-insensitively); adds it to `taken`. */
export function deriveAlias(summary: Pick<CertificateSummary, 'subject'>, taken: Set<string>, preferred?: string): string {
  const base = preferred?.trim() || aliasBase(summary);
  let alias = base;
  for (let n = 2; taken.has(alias.toLowerCase()); n++) alias = `${base}-${n}`;
  taken.add(alias.toLowerCase());
  return alias;
}
