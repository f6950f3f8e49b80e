// Which entries of one store can be copied into another, and how. Trusted certificates go anywhere
// TrustLens writes. Key entries go "as is" into a store of the same format: their protected bytes are
// carried unchanged, never decrypted (a JKS key entry into JKS, a JCEKS entry into JCEKS, a PKCS#12
// shrouded key bag and its certificate bags into PKCS#12). A private key between JKS, JCEKS and PKCS#12
// is "re-encrypted": decrypted with its password and protected the target's way (key-transfer.ts), as
// keytool -importkeystore does. Anything else (secret keys into another format, the Bouncy Castle formats'
// keys) is refused, and the reason names the keytool command that does it.
import type { DecodedEntry, DecodedStore } from './codec';
import type { EntryType, StoreFormat } from '../model/keystore';
import { MOVES_KEYS } from './key-transfer';

export type CopyMode = 'as-is' | 're-encrypt' | 'unsupported';

export interface CopyVerdict {
  readonly mode: CopyMode;
  /** Why, for the person, when the entry cannot be copied. */
  readonly reason?: string;
}

/** An entry of another open store, to be written into this one under `alias`. */
export interface CopiedEntry {
  readonly alias: string;
  readonly entry: DecodedEntry;
  /** The store the entry was decoded from (its writer-specific `raw` is read from there). */
  readonly source: DecodedStore;
}

/** Formats whose key entries TrustLens carries as is into a store of the same format. */
const CARRIES_KEYS: ReadonlySet<StoreFormat> = new Set<StoreFormat>(['JKS', 'JCEKS', 'PKCS12']);

/** Formats that hold secret-key entries at all (JKS and PEM bundles do not). */
const HOLDS_SECRET_KEYS: ReadonlySet<StoreFormat> = new Set<StoreFormat>(['JCEKS', 'PKCS12', 'BKS', 'UBER', 'BCFKS']);

const FORMAT_NAMES: Partial<Record<StoreFormat, string>> = { PKCS12: 'PKCS#12', PEM: 'a PEM bundle' };
const named = (format: StoreFormat) => FORMAT_NAMES[format] ?? format;
const KEYTOOL_TYPES: Partial<Record<StoreFormat, string>> = { PKCS12: 'PKCS12', JKS: 'JKS', JCEKS: 'JCEKS', BKS: 'BKS', UBER: 'UBER', BCFKS: 'BCFKS' };

/** How an entry of `type` in a `from` store copies into a `to` store. */
export function copyVerdict(type: EntryType, from: StoreFormat, to: StoreFormat): CopyVerdict {
  if (type === 'trustedCertificate') return { mode: 'as-is' };
  const kind = type === 'secretKey' ? 'secret key' : 'private key';
  if (to === 'PEM') return { mode: 'unsupported', reason: `A PEM bundle here holds certificates only, not a ${kind}; copy it into a JKS, JCEKS or PKCS#12 store.` };
  if (type === 'secretKey' && !HOLDS_SECRET_KEYS.has(to)) {
    return { mode: 'unsupported', reason: `${named(to)} cannot hold a secret key; copy it into a JCEKS or PKCS#12 store instead.` };
  }
  if (from === to && CARRIES_KEYS.has(to)) return { mode: 'as-is' };
  if (type === 'privateKey' && MOVES_KEYS.has(from) && MOVES_KEYS.has(to)) return { mode: 're-encrypt' };
  const command = KEYTOOL_TYPES[from] && KEYTOOL_TYPES[to] ? ` (keytool -importkeystore -srcstoretype ${KEYTOOL_TYPES[from]} -deststoretype ${KEYTOOL_TYPES[to]} -srcalias …)` : '';
  return {
    mode: 'unsupported',
    reason: `TrustLens does not move a ${kind} from ${named(from)} into ${named(to)}; use keytool${command}, which asks for the key's password.`,
  };
}
