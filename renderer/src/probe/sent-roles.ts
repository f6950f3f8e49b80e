// What each certificate the server sent is: on the path the client built (leaf, intermediate, root) or
// not (an extra, or a repeat of one sent before), and whether the compared trust store holds it. Only
// reshapes the summaries the main process made: matching is by SHA-256 and by names as written.
import type { CertificateSummary } from '../../../shared/model/certificate';
import type { EntryType, StoreListing } from '../../../shared/model/keystore';
import type { Diagnosis } from '../../../shared/model/probe';

export type SentRole = 'leaf' | 'intermediate' | 'root' | 'extra' | 'duplicate';

export interface SentCertificate {
  /** Position in the wire order, from 0. */
  readonly position: number;
  readonly certificate: CertificateSummary;
  readonly role: SentRole;
}

function pathRole(certificate: CertificateSummary, at: number, length: number): SentRole {
  if (certificate.role) return certificate.role;
  if (at === 0) return 'leaf';
  return at === length - 1 && certificate.selfSigned ? 'root' : 'intermediate';
}

/**
 * Without a diagnosis (no trust store chosen), follow issuer names from the first certificate: what is
 * reached is the chain, the rest is extra. With one, its path decides.
 */
export function sentRoles(sent: readonly CertificateSummary[], diagnosis: Diagnosis | null): SentCertificate[] {
  const seen = new Set<string>();
  let onPath: Map<string, SentRole>;
  if (diagnosis) {
    onPath = new Map(diagnosis.path.map((c, at) => [c.sha256, pathRole(c, at, diagnosis.path.length)]));
  } else {
    onPath = new Map();
    let current = sent[0];
    let at = 0;
    while (current && !onPath.has(current.sha256)) {
      onPath.set(current.sha256, at === 0 ? 'leaf' : current.selfSigned ? 'root' : 'intermediate');
      if (current.selfSigned) break;
      const issuer = current.issuer;
      current = sent.find((c) => c.subject === issuer && !onPath.has(c.sha256));
      at++;
    }
  }
  return sent.map((certificate, position) => {
    const repeat = seen.has(certificate.sha256);
    seen.add(certificate.sha256);
    return { position, certificate, role: repeat ? 'duplicate' : (onPath.get(certificate.sha256) ?? 'extra') };
  });
}

export interface StoreHolding {
  readonly alias: string;
  readonly type: EntryType;
}

/** SHA-256 -> the entry that holds the certificate; trusted-certificate entries win over key entries' chains. */
export function storeHoldings(view: StoreListing | null): ReadonlyMap<string, StoreHolding> {
  const holdings = new Map<string, StoreHolding>();
  if (!view) return holdings;
  for (const entry of view.entries) {
    const chain = entry.leaf ? [entry.leaf.sha256, ...(entry.chain ?? [])] : [];
    chain.forEach((fingerprint, at) => {
      const sha256 = fingerprint.toLowerCase();
      const known = holdings.get(sha256);
      if (entry.type === 'trustedCertificate' && at === 0 && known?.type !== 'trustedCertificate') holdings.set(sha256, { alias: entry.alias, type: entry.type });
      else if (!known) holdings.set(sha256, { alias: entry.alias, type: entry.type });
    });
  }
  return holdings;
}

export const ROLE_LABELS: Record<SentRole, string> = {
  leaf: 'Leaf',
  intermediate: 'Intermediate',
  root: 'Root',
  extra: 'Extra',
  duplicate: 'Duplicate',
};
