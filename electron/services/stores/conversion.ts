// Save As in another format (or with another password): a new store of that format holding the trusted
// certificates and, between JKS, JCEKS and PKCS#12, the private keys: each decrypted with the store's
// password (keytool's default key password) and protected with the new one, as `keytool -importkeystore`
// does. A key with a password of its own, a secret key, and any key of or into another format are left
// out and listed with the reason and what moves them (paste or `trustlens copy --key-password`, keytool).
import type { CryptoProvider } from '../../../shared/crypto-provider';
import { UsageError } from '../../../shared/errors';
import { deriveAlias } from '../../../shared/formats/entries/alias';
import type { DecodedStore } from '../../../shared/formats/codec';
import { MOVES_KEYS, recoverPrivateKey, type NewKeyEntry } from '../../../shared/formats/key-transfer';
import { createEmptyStore, decodeWritten, storedAlias, type WritableFormat } from '../../../shared/formats/store-writer';
import type { OmittedEntry } from '../../../shared/ipc';
import { summarizeDer } from '../../../shared/x509/certificate';
import { applyEdits, type EditedStore } from './import-service';
import { nodeCrypto } from '../crypto/node-crypto';

export interface ConvertedStore extends EditedStore {
  readonly omitted: readonly OmittedEntry[];
}

const KEY_REASON = 'TrustLens moves private keys only between JKS, JCEKS and PKCS#12; move it with keytool -importkeystore';
const OWN_PASSWORD_REASON = "its key has a password of its own, not the store's; copy it into the new store with that password (paste, or trustlens copy --key-password)";
const PEM_REASON = 'only trusted certificates can be written to a PEM bundle';
const LOCKED_REASON = 'the store was opened without its password, which its keys need to move; open it with its password and save again';
const SECRET_REASON = 'secret keys are not carried into another format or password; move it with keytool -importkeystore';

/**
 * `store` written as `format` with `password`. Same format and password: the same bytes, nothing left
 * out. Otherwise every trusted certificate under its alias (made unique where the new format folds case),
 * and the key entries listed in `omitted`.
 */
export function convertStore(
  store: DecodedStore,
  bytes: Uint8Array,
  currentPassword: string | undefined,
  format: WritableFormat,
  password: string | undefined,
  crypto: CryptoProvider = nodeCrypto,
): ConvertedStore {
  if (store.format === format && (password === currentPassword || format === 'PEM')) return { bytes, decoded: store, omitted: [] };
  if (format !== 'PEM' && !password) {
    throw new UsageError(`A ${format === 'PKCS12' ? 'PKCS#12' : format} store needs a password; give one to save it in that format.`);
  }
  const empty = createEmptyStore(format, password, crypto);
  const emptyDecoded = decodeWritten(format, empty, password, crypto);
  const taken = new Set<string>();
  const add: { alias: string; der: Uint8Array }[] = [];
  const addKey: NewKeyEntry[] = [];
  const omitted: OmittedEntry[] = [];
  const movesKeys = MOVES_KEYS.has(store.format) && MOVES_KEYS.has(format) && currentPassword !== undefined;
  for (const entry of store.entries) {
    const der = entry.certificates[0];
    if (entry.type === 'privateKey' && movesKeys) {
      const pkcs8 = recoverPrivateKey(store, entry, currentPassword, crypto);
      if (!pkcs8) {
        omitted.push({ alias: entry.alias, type: entry.type, reason: OWN_PASSWORD_REASON });
        continue;
      }
      const alias = storedAlias(format, deriveAlias({ subject: '' }, taken, entry.alias));
      addKey.push({ alias, pkcs8, chain: entry.certificates, password: password!, ...(entry.created ? { created: entry.created } : {}) });
      continue;
    }
    if (entry.type !== 'trustedCertificate' || !der) {
      const locked = entry.type === 'privateKey' && MOVES_KEYS.has(store.format) && MOVES_KEYS.has(format);
      const reason = format === 'PEM' ? PEM_REASON : entry.type === 'secretKey' ? SECRET_REASON : locked ? LOCKED_REASON : KEY_REASON;
      omitted.push({ alias: entry.alias, type: entry.type, reason });
      continue;
    }
    const alias = format === 'PEM' ? deriveAlias(summarizeDer(der, crypto), taken) : deriveAlias({ subject: '' }, taken, entry.alias);
    add.push({ alias: storedAlias(format, alias), der });
  }
  return { ...applyEdits(emptyDecoded, empty, { add, addKey }, password, crypto), omitted };
}
