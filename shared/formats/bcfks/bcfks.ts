// The BCFKS keystore codec (Bouncy Castle's FIPS keystore, KeyStore type "BCFKS"): check the HMAC-SHA512
// with the password, decrypt the store (AES-256-CCM), list the entries. Keys stay encrypted: each is its own
// EncryptedPrivateKeyInfo or EncryptedSecretKeyData inside the store, never opened. The layout is in layout.ts;
// the whole store is encrypted, so unlike BKS it cannot be listed without its password.
import type { CryptoProvider } from '../../crypto-provider';
import type { DecodedEntry, DecodedStore, DecodeOptions, StoreCodec } from '../codec';
import type { EntryType } from '../../model/keystore';
import { CorruptInputError, PasswordRequiredError, UnsupportedFormatError, WrongPasswordError } from '../../errors';
import { equalBytes, keyInfo, parseCertificate } from '../../x509/certificate';
import { quoted } from '../jks/bytes';
import { MAX_ITERATIONS } from '../pkcs12/pbe';
import { ccmDecrypt } from './ccm';
import { TAG, content, element, expect, generalizedTime, integer, oid, sequence, utf8String, whole } from './der';
import type { Tlv } from './der';
import { OIDS, TYPE, deriveKey } from './layout';
import type { BcfksEntryRaw, BcfksStoreRaw, Pbkdf2 } from './layout';

export type { BcfksEntryRaw, BcfksStoreRaw } from './layout';

/** PBKDF2 AlgorithmIdentifier with its parameters; only the PRF Bouncy Castle writes (HMAC-SHA512) is read. */
function readPbkdf2(bytes: Uint8Array, algorithm: Tlv | undefined, what: string): Pbkdf2 {
  const [id, params] = sequence(bytes, algorithm, 2, what);
  const kdf = oid(bytes, id, what);
  if (kdf === OIDS.scrypt) throw new UnsupportedFormatError(`This BCFKS keystore derives its ${what} with scrypt; TrustLens reads the PBKDF2 ones Bouncy Castle writes by default.`);
  if (kdf !== OIDS.pbkdf2) throw new UnsupportedFormatError(`This BCFKS keystore uses key derivation ${kdf} for its ${what}; TrustLens reads PBKDF2.`);
  const [salt, count, ...rest] = sequence(bytes, params, 2, what);
  const iterations = integer(bytes, count, `the ${what} iteration count`);
  if (iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new CorruptInputError(`This BCFKS keystore asks for ${iterations} PBKDF2 iterations for its ${what} (at most ${MAX_ITERATIONS} are read); the file is damaged or hostile.`);
  }
  let keyLength: number | undefined;
  let prf: string = OIDS.hmacWithSha1; // PBKDF2's default
  for (const field of rest) {
    if (field.tag === TAG.integer) keyLength = integer(bytes, field, `the ${what} key length`);
    else prf = oid(bytes, sequence(bytes, field, 1, what)[0], what);
  }
  if (prf !== OIDS.hmacWithSha512) throw new UnsupportedFormatError(`This BCFKS keystore uses PRF ${prf} for its ${what}; TrustLens reads HMAC-SHA512 (SHA3-512 is not in node:crypto).`);
  return { salt: content(bytes, expect(salt!, TAG.octetString, `the ${what} salt`)), iterations, keyLength };
}

interface EncryptedStore {
  readonly kdf: Pbkdf2;
  readonly nonce: Uint8Array;
  readonly tagLength: number;
  readonly ciphertext: Uint8Array;
}

function readEncryptedStore(bytes: Uint8Array, storeData: Tlv): EncryptedStore {
  const [algorithm, encrypted] = sequence(bytes, storeData, 2, 'the encrypted store');
  const [id, params] = sequence(bytes, algorithm, 2, 'the store encryption');
  if (oid(bytes, id, 'the store encryption') !== OIDS.pbes2) throw new UnsupportedFormatError('This BCFKS keystore is not encrypted with PBES2; TrustLens reads what Bouncy Castle writes.');
  const [kdf, scheme] = sequence(bytes, params, 2, 'the PBES2 parameters');
  const [schemeId, ccm] = sequence(bytes, scheme, 1, 'the store cipher');
  const cipher = oid(bytes, schemeId, 'the store cipher');
  if (cipher === OIDS.aes256WrapPad) throw new UnsupportedFormatError('This BCFKS keystore is encrypted with AES key wrap (BCFKSLoadStoreParameter AES256_KWP); TrustLens reads the default, AES-256-CCM.');
  if (cipher !== OIDS.aes256Ccm) throw new UnsupportedFormatError(`This BCFKS keystore is encrypted with ${cipher}; TrustLens reads AES-256-CCM.`);
  const [nonce, icv] = sequence(bytes, ccm, 1, 'the CCM parameters');
  return {
    kdf: readPbkdf2(bytes, kdf, 'store key'),
    nonce: content(bytes, expect(nonce!, TAG.octetString, 'the CCM nonce')),
    tagLength: icv ? integer(bytes, icv, 'the CCM tag length') : 12,
    ciphertext: content(bytes, expect(encrypted!, TAG.octetString, 'the encrypted store')),
  };
}

function leafKeyAlgorithm(der: Uint8Array | undefined): string | undefined {
  if (!der) return undefined;
  try {
    return keyInfo(parseCertificate(der)).algorithm;
  } catch {
    return undefined;
  }
}

function readEntry(plain: Uint8Array, tlv: Tlv, index: number): DecodedEntry {
  const what = `entry ${index}`;
  const fields = sequence(plain, tlv, 5, what);
  const [typeTlv, identifier, created, , data] = fields;
  const type = integer(plain, typeTlv, `the type of ${what}`);
  const alias = utf8String(plain, identifier, `the alias of ${what}`);
  const body = content(plain, expect(data!, TAG.octetString, `the data of ${what}`));
  const certificates: Uint8Array[] = [];
  const notes: string[] = [];
  let entryType: EntryType;
  const own = type === TYPE.protectedPrivateKey || type === TYPE.protectedSecretKey ? ' under its own key password' : '';
  if (type === TYPE.certificate) {
    entryType = 'trustedCertificate';
    certificates.push(body);
  } else if (type === TYPE.privateKey || type === TYPE.protectedPrivateKey) {
    entryType = 'privateKey';
    const at = `the private key of ${quoted(alias)}`;
    const key = element(body, 0, body.length, at);
    const [, chain] = sequence(body, key, 2, at);
    for (const cert of sequence(body, chain, 0, `the chain of ${quoted(alias)}`)) certificates.push(whole(body, cert));
    notes.push(`The private key is encrypted (PBES2, PBKDF2-HMAC-SHA512${own}).`);
  } else if (type === TYPE.secretKey || type === TYPE.protectedSecretKey) {
    entryType = 'secretKey';
    notes.push(`The secret key is encrypted${own}; its algorithm is stored encrypted, so it is not shown.`);
  } else {
    throw new CorruptInputError(`${what} (${quoted(alias)}) of this BCFKS keystore has unknown type ${type}; the file is damaged.`);
  }
  const keyAlgorithm = entryType === 'privateKey' ? leafKeyAlgorithm(certificates[0]) : undefined;
  const raw: BcfksEntryRaw = { codec: 'bcfks', fields: fields.map((field) => whole(plain, field)), type };
  return {
    alias,
    type: entryType,
    created: generalizedTime(plain, created),
    certificates,
    ...(keyAlgorithm !== undefined ? { keyAlgorithm } : {}),
    ...(notes.length ? { notes } : {}),
    raw,
  };
}

const WRONG =
  'The password for this BCFKS keystore is wrong, or the file is damaged (its integrity MAC does not match); nothing was changed. Check the password.';

/** The decrypted ObjectStoreData, after the MAC has been checked (WrongPasswordError when it does not match). */
export function openStore(bytes: Uint8Array, password: string, crypto: CryptoProvider) {
  const top = element(bytes, 0, bytes.length, 'the keystore');
  const [storeData, integrity] = sequence(bytes, top, 2, 'the keystore');
  if (integrity!.tag !== TAG.sequence) {
    throw new UnsupportedFormatError('This BCFKS keystore is protected by a signature (SignatureCheck), not a password MAC; TrustLens reads MAC-protected BCFKS stores.');
  }
  const [macAlgorithm, macKdf, mac] = sequence(bytes, integrity, 3, 'the integrity check');
  const macOid = oid(bytes, sequence(bytes, macAlgorithm, 1, 'the MAC algorithm')[0], 'the MAC algorithm');
  if (macOid !== OIDS.hmacWithSha512) throw new UnsupportedFormatError(`This BCFKS keystore's MAC is ${macOid}; TrustLens reads HMAC-SHA512.`);
  const macParams = readPbkdf2(bytes, macKdf, 'MAC key');
  const macKey = deriveKey(crypto, password, 'INTEGRITY_CHECK', macParams, 64);
  if (!equalBytes(crypto.hmac('sha512', macKey, whole(bytes, storeData!)), content(bytes, expect(mac!, TAG.octetString, 'the MAC')))) {
    throw new WrongPasswordError(WRONG);
  }
  const encrypted = readEncryptedStore(bytes, storeData!);
  const key = deriveKey(crypto, password, 'STORE_ENCRYPTION', encrypted.kdf, 32);
  const plain = ccmDecrypt(crypto, key, encrypted.nonce, encrypted.tagLength, encrypted.ciphertext);
  if (!plain) throw new CorruptInputError('This BCFKS keystore passed its integrity check but does not decrypt; the file is damaged.');
  return { plain, encrypted, macKdf: macParams };
}

export function decodeBcfks(input: Uint8Array, options: DecodeOptions): DecodedStore {
  if (options.password === undefined) throw new PasswordRequiredError('A BCFKS keystore is encrypted as a whole: give its password to list it.');
  const bytes = input.slice();
  const { plain, encrypted, macKdf } = openStore(bytes, options.password, options.crypto);
  const storeData = element(plain, 0, plain.length, 'the decrypted store');
  const fields = sequence(plain, storeData, 5, 'the decrypted store');
  // The ASN.1 module's comment lists a dataSalt after the version; Bouncy Castle 1.72 does not write one.
  const hasSalt = fields[1]?.tag === TAG.octetString;
  const [version, , created, lastModified, objects, comment] = hasSalt ? [fields[0], ...fields.slice(2)] : fields;
  const entries = sequence(plain, objects, 0, 'the entry list').map((tlv, i) => readEntry(plain, tlv, i + 1));
  const raw: BcfksStoreRaw = {
    codec: 'bcfks',
    file: bytes,
    head: plain.subarray(version!.start, created!.end),
    comment: comment ? whole(plain, comment) : new Uint8Array(0),
    storeKdf: encrypted.kdf,
    macKdf,
    tagLength: encrypted.tagLength,
  };
  const modified = generalizedTime(plain, lastModified);
  return {
    format: 'BCFKS',
    integrity: 'verified',
    entries,
    properties: [
      { label: 'Format', value: `BCFKS (Bouncy Castle FIPS keystore), version ${integer(plain, version, 'the version')}` },
      { label: 'Entries', value: String(entries.length) },
      { label: 'Encryption', value: `AES-256-CCM, key by PBKDF2-HMAC-SHA512 (${encrypted.kdf.iterations} iterations)` },
      { label: 'Integrity', value: `HMAC-SHA512 verified with the store password (${macKdf.iterations} iterations)` },
      ...(modified ? [{ label: 'Last modified', value: modified.toISOString() }] : []),
    ],
    raw,
  };
}

export const bcfksCodec: StoreCodec = { format: 'BCFKS', decode: decodeBcfks };
