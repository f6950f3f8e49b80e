// Which entries of one store can be copied into another, and how: as is (the protected key bytes are
// carried unchanged, no password needed), only after re-encryption (the entry's password is needed, asked
// for in the main process), or not at all (the target format cannot hold that kind of entry).
import type { EntryType, StoreFormat } from '../model/keystore';

export type CopyMode = 'as-is' | 'needs-password' | 'unsupported';

export interface CopyVerdict {
  readonly mode: CopyMode;
  /** Why, for the person, when the entry cannot be copied or needs its password. */
  readonly reason?: string;
}

/** Formats that hold secret-key entries (JKS and PEM bundles do not; JCEKS, PKCS#12, BKS, UBER, BCFKS do). */
const HOLDS_SECRET_KEYS: ReadonlySet<StoreFormat> = new Set<StoreFormat>(['JCEKS', 'PKCS12', 'BKS', 'UBER', 'BCFKS']);

/**
 * How an entry of `type` in a `from` store copies into a `to` store. Key entries go as is only between
 * stores of the same format, whose protected blobs the target's reader takes unchanged (a JKS key entry into
 * JKS, a PKCS#12 shrouded key bag into PKCS#12); otherwise the key must be decrypted and re-encrypted.
 */
export function copyVerdict(type: EntryType, from: StoreFormat, to: StoreFormat): CopyVerdict {
  if (type === 'trustedCertificate') return { mode: 'as-is' };
  if (type === 'secretKey' && !HOLDS_SECRET_KEYS.has(to)) {
    const name = to === 'PEM' ? 'A PEM bundle' : to;
    return { mode: 'unsupported', reason: `${name} cannot hold a secret key; copy it into a JCEKS or PKCS#12 store instead.` };
  }
  if (from === to) return { mode: 'as-is' };
  return { mode: 'needs-password', reason: `The key must be re-encrypted for ${to}: its password is needed.` };
}
