// BCFKS, Bouncy Castle's FIPS keystore: the ASN.1 layout and its key derivation. Facts from bc-java's
// asn1/bc/*.java and BcFKSKeyStoreSpi (checked against libbcprov-java 1.72):
//
//   ObjectStore ::= SEQUENCE {
//     storeData       EncryptedObjectStoreData | ObjectStoreData,
//     integrityCheck  PbkdMacIntegrityCheck | [0] EXPLICIT SignatureCheck }
//   EncryptedObjectStoreData ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedContent OCTET STRING }
//     PBES2 { PBKDF2 (64-byte salt, 51200 iterations, key length 32, PRF hmacWithSHA512),
//             aes256-CCM { nonce OCTET STRING, ICV length INTEGER (8 as written) } } (or aes256-wrap-pad)
//   PbkdMacIntegrityCheck ::= SEQUENCE { macAlgorithm (hmacWithSHA512), pbkdAlgorithm (PBKDF2, key length 64),
//                                        mac OCTET STRING }  -- HMAC over the DER of storeData, as in the file
//   ObjectStoreData ::= SEQUENCE { version INTEGER (1), integrityAlgorithm AlgorithmIdentifier (the MAC's),
//     creationDate GeneralizedTime, lastModifiedDate GeneralizedTime, objectDataSequence SEQUENCE OF ObjectData,
//     comment UTF8String OPTIONAL }  -- the module's comment has a dataSalt after the version; none is written
//   ObjectData ::= SEQUENCE { type INTEGER, identifier UTF8String (the alias), creationDate GeneralizedTime,
//     lastModifiedDate GeneralizedTime, data OCTET STRING, comment UTF8String OPTIONAL }
//   type 0 certificate (data: its DER); 1 private key, 3 one under its own password (data:
//     EncryptedPrivateKeyData ::= SEQUENCE { EncryptedPrivateKeyInfo, SEQUENCE OF Certificate }, chain leaf
//     first); 2 secret key, 4 one under its own password (data: EncryptedSecretKeyData, algorithm inside).
//
// Every key is PBKDF2-HMAC-SHA512 over PKCS12PasswordToBytes(password) || PKCS12PasswordToBytes(purpose),
// purpose "STORE_ENCRYPTION", "INTEGRITY_CHECK", "PRIVATE_KEY_ENCRYPTION" or "SECRET_KEY_ENCRYPTION".
// On load the MAC is checked first, then the store decrypted; Bouncy Castle writes a fresh salt and nonce
// on every store, and so does the writer (a CCM nonce must never encrypt two texts under one key).
import type { CryptoProvider } from '../../crypto-provider';
import { UnsupportedFormatError } from '../../errors';
import { bcPasswordBytes } from '../bks/layout';

export const OIDS = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  scrypt: '1.3.6.1.4.1.11591.4.11',
  hmacWithSha512: '1.2.840.113549.2.11',
  hmacWithSha1: '1.2.840.113549.2.7',
  aes256Ccm: '2.16.840.1.101.3.4.1.47',
  aes256WrapPad: '2.16.840.1.101.3.4.1.48',
} as const;

export const TYPE = { certificate: 0, privateKey: 1, secretKey: 2, protectedPrivateKey: 3, protectedSecretKey: 4 } as const;

export type Purpose = 'STORE_ENCRYPTION' | 'INTEGRITY_CHECK';

export interface Pbkdf2 {
  readonly salt: Uint8Array;
  readonly iterations: number;
  readonly keyLength: number | undefined;
}

/** What the reader keeps for the writer. */
export interface BcfksStoreRaw {
  readonly codec: 'bcfks';
  /** The file as read: an unedited store is written back as it was. */
  readonly file: Uint8Array;
  /** ObjectStoreData's fields before lastModifiedDate (version, integrityAlgorithm, creationDate), as read. */
  readonly head: Uint8Array;
  /** The comment after the object sequence, as read (empty when there is none). */
  readonly comment: Uint8Array;
  readonly storeKdf: Pbkdf2;
  readonly macKdf: Pbkdf2;
  readonly tagLength: number;
}

export interface BcfksEntryRaw {
  readonly codec: 'bcfks';
  /** Each field of the ObjectData as read (type, identifier, creationDate, lastModifiedDate, data, comment?). */
  readonly fields: readonly Uint8Array[];
  readonly type: number;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The key for `purpose` (see above). */
export function deriveKey(crypto: CryptoProvider, password: string, purpose: Purpose, kdf: Pbkdf2, defaultLength: number): Uint8Array {
  const length = kdf.keyLength ?? defaultLength;
  if (length < 16 || length > 128) throw new UnsupportedFormatError(`This BCFKS keystore asks for a ${length}-byte key; TrustLens reads 16 to 128.`);
  return crypto.pbkdf2(concat(bcPasswordBytes(password), bcPasswordBytes(purpose)), kdf.salt, kdf.iterations, length, 'sha512');
}
