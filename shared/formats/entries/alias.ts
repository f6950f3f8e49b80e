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

/**
 * The next suffix to try per base alias, for each set of taken aliases: counting up from 2 again for every
 * certificate of one name made 20,000 same-name certificates quadratic (25 s against half a second for
 * distinct names). Taken aliases are only ever added, so every suffix below the one remembered is still
 * taken, and the alias chosen is the same as counting from 2 would give.
 */
const nextSuffix = new WeakMap<Set<string>, Map<string, number>>();

/** A unique alias for `summary` among `taken` (compared case-insensitively); adds it to `taken`. */
export function deriveAlias(summary: Pick<CertificateSummary, 'subject'>, taken: Set<string>, preferred?: string): string {
  const base = preferred?.trim() || aliasBase(summary);
  const key = base.toLowerCase();
  if (!taken.has(key)) {
    taken.add(key);
    return base;
  }
  let suffixes = nextSuffix.get(taken);
  if (!suffixes) nextSuffix.set(taken, (suffixes = new Map()));
  let n = suffixes.get(key) ?? 2;
  while (taken.has(`${key}-${n}`)) n++;
  suffixes.set(key, n + 1);
  taken.add(`${key}-${n}`);
  return `${base}-${n}`;
}
