// A private key moved into a store of another format: decrypted with its password from the source entry
// (JKS, JCEKS or PKCS#12) and written into the target (JKS, JCEKS or PKCS#12), encrypted the target's way
// with the password given for it — what `keytool -importkeystore -srcstoretype X -deststoretype Y` does.
// The key is in the clear only inside the main process (or the CLI) between the two steps: it never
// crosses IPC, and nothing writes it unencrypted. Secret keys are not moved this way (JCEKS seals them as
// serialized Java objects; keytool moves those).
import type { CryptoProvider } from '../crypto-provider';
import { TrustLensError, UsageError, withSource } from '../errors';
import { MOVES_KEYS } from '../model/keystore';
import type { DecodedEntry, DecodedStore } from './codec';
import { entryProtectedKey, recoverJksKey } from './jks/key-protector';
import { isJksEntryRaw } from './jks/layout';
import { recoverPkcs12Key } from './pkcs12/key-bags';

/** A private key entry to write, its key in the clear. */
export interface NewKeyEntry {
  readonly alias: string;
  /** PrivateKeyInfo (PKCS#8) DER. */
  readonly pkcs8: Uint8Array;
  /** The certificate chain, leaf first. */
  readonly chain: readonly Uint8Array[];
  /** What the key is protected with in the target. */
  readonly password: string;
  /** When the entry was made (JKS and JCEKS store it). Defaults to now. */
  readonly created?: Date;
}

export { MOVES_KEYS };

/**
 * The PrivateKeyInfo DER of the private key entry `entry` of `store`, or null when `password` is not
 * its key's password. Throws for an entry of another kind, another format or a damaged key.
 */
export function recoverPrivateKey(store: DecodedStore, entry: DecodedEntry, password: string, crypto: CryptoProvider): Uint8Array | null {
  if (entry.type !== 'privateKey') throw new UsageError(`"${entry.alias}" is not a private key entry.`);
  try {
    if (store.format === 'PKCS12') return recoverPkcs12Key(store, entry, password, crypto);
    if ((store.format === 'JKS' || store.format === 'JCEKS') && isJksEntryRaw(entry.raw)) {
      return recoverJksKey(entryProtectedKey(entry.raw.bytes), password, crypto);
    }
  } catch (error) {
    // A damaged or unknown protection: say which entry's key, as the store's other errors do.
    throw error instanceof TrustLensError ? withSource(error, `The key of "${entry.alias}"`) : error;
  }
  throw new UsageError(`TrustLens cannot decrypt the key of "${entry.alias}" in a ${store.format} store; move it with keytool -importkeystore.`);
}
