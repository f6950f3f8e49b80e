// Private keys going into and out of PKCS#12 in the clear, for a key moved between formats (key-transfer.ts).
// Out: the entry's pkcs8ShroudedKeyBag decrypted with the key's password (or a plain keyBag as is). In: a
// new pkcs8ShroudedKeyBag encrypted like the store's other keys, or as JDK 17 does by default (PBES2,
// PBKDF2-HMAC-SHA256 with 10,000 iterations, AES-256-CBC), beside the leaf's certificate bag; both get the
// alias as friendlyName and a fresh localKeyId. The chain's CA certificates go without attributes, as
// JDK 17 writes a key's chain.
import { EncryptedData, EncryptedPrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { AsnConvert } from '@peculiar/asn1-schema';
import type { CryptoProvider } from '../../crypto-provider';
import { UsageError } from '../../errors';
import type { DecodedEntry, DecodedStore } from '../codec';
import type { NewKeyEntry } from '../key-transfer';
import { OID, RawSafeBag, parseAsn } from './asn';
import { certificateBag, flattenBags } from './bags';
import { isPkcs12EntryRaw, isPkcs12Raw, keyAttributes, keyIdSource, type CopiedBags } from './copy-bags';
import { explicit0, oid, sequence, set } from './der-builder';
import { freshScheme, pbeDecrypt, pbeEncrypt, readPbeScheme, schemeAlgorithm, type PbeScheme } from './pbe';
import type { Pkcs12Raw } from './pkcs12';

/** The PrivateKeyInfo DER of a PKCS#12 key entry, or null when `password` is not the key's. */
export function recoverPkcs12Key(store: DecodedStore, entry: DecodedEntry, password: string, crypto: CryptoProvider): Uint8Array | null {
  if (!isPkcs12Raw(store.raw) || !isPkcs12EntryRaw(entry.raw) || entry.type !== 'privateKey') {
    throw new UsageError(`Entry "${entry.alias}" was not read as a PKCS#12 private key entry.`);
  }
  const keyId = entry.raw.bagIds[0];
  const bag = store.raw.blocks.flatMap((block) => flattenBags(block.bags)).find((b) => b.id === keyId);
  if (!bag) throw new UsageError(`Entry "${entry.alias}" refers to a part of its store that is missing; open the store again.`);
  const value = new Uint8Array(parseAsn(bag.raw, RawSafeBag, 'bag').bagValue);
  if (bag.bagId === OID.keyBag) return value;
  if (bag.bagId !== OID.shroudedKeyBag) throw new UsageError(`The key of "${entry.alias}" is not a PKCS#8 private key.`);
  const info = parseAsn(value, EncryptedPrivateKeyInfo, 'shrouded key bag');
  const scheme = readPbeScheme(info.encryptionAlgorithm);
  return pbeDecrypt(crypto, scheme, password, new Uint8Array(info.encryptedData.buffer));
}

/** How the store's keys are encrypted (its first shrouded key bag), for new keys to match; null: JDK 17's default. */
function keyScheme(target: Pkcs12Raw): PbeScheme | null {
  for (const bag of target.blocks.flatMap((block) => flattenBags(block.bags))) {
    if (bag.bagId !== OID.shroudedKeyBag || !bag.keyEncryption) continue;
    try {
      return readPbeScheme(bag.keyEncryption);
    } catch {
      return null;
    }
  }
  return null;
}

/** The bags for `keys` in `target`: a shrouded key bag each, and their chains' certificate bags. */
export function newKeyBags(keys: readonly NewKeyEntry[], target: Pkcs12Raw, crypto: CryptoProvider, now = Date.now()): CopiedBags {
  const freshKeyId = keyIdSource(target, now);
  const like = keyScheme(target);
  const keyBags: Uint8Array[] = [];
  const certificateBags: Uint8Array[] = [];
  for (const key of keys) {
    const scheme = freshScheme(crypto, like);
    const info = new EncryptedPrivateKeyInfo({ encryptionAlgorithm: schemeAlgorithm(scheme), encryptedData: new EncryptedData(pbeEncrypt(crypto, scheme, key.password, key.pkcs8)) });
    const attributes = set(...keyAttributes(key.alias, freshKeyId()));
    keyBags.push(sequence(oid(OID.shroudedKeyBag), explicit0(new Uint8Array(AsnConvert.serialize(info))), attributes));
    key.chain.forEach((der, i) => certificateBags.push(certificateBag(der, i === 0 ? attributes : undefined)));
  }
  return { keyBags, certificateBags };
}
