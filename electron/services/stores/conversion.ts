// Save As in another format (or with another password): a new store of that format holding the trusted
// certificates. Private and secret keys are never decrypted, so they cannot be re-protected for another
// format or password: they are left out and listed with the reason, for the person to move with keytool.
import type { CryptoProvider } from '../../../shared/crypto-provider';
import { UsageError } from '../../../shared/errors';
import { deriveAlias } from '../../../shared/formats/entries/alias';
import type { DecodedStore } from '../../../shared/formats/codec';
import { createEmptyStore, decodeWritten, storedAlias, type WritableFormat } from '../../../shared/formats/store-writer';
import type { OmittedEntry } from '../../../shared/ipc';
import { summarizeDer } from '../../../shared/x509/certificate';
import { applyEdits, type EditedStore } from './import-service';
import { nodeCrypto } from '../crypto/node-crypto';

export interface ConvertedStore extends EditedStore {
  readonly omitted: readonly OmittedEntry[];
}

const KEY_REASON =
  'private keys are not carried into another format or password (TrustLens never decrypts them); move it with keytool -importkeystore';
const SECRET_REASON = 'secret keys are not carried into another format or password (TrustLens never decrypts them)';

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
  const omitted: OmittedEntry[] = [];
  for (const entry of store.entries) {
    const der = entry.certificates[0];
    if (entry.type !== 'trustedCertificate' || !der) {
      omitted.push({ alias: entry.alias, type: entry.type, reason: entry.type === 'secretKey' ? SECRET_REASON : KEY_REASON });
      continue;
    }
    const alias = format === 'PEM' ? deriveAlias(summarizeDer(der, crypto), taken) : deriveAlias({ subject: '' }, taken, entry.alias);
    add.push({ alias: storedAlias(format, alias), der });
  }
  return { ...applyEdits(emptyDecoded, empty, { add }, password, crypto), omitted };
}
