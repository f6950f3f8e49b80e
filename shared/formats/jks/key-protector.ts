// How JKS and JCEKS protect a private key, both ways. The key entry holds an EncryptedPrivateKeyInfo
// (PKCS#8) whose plaintext is the key's PrivateKeyInfo DER; the two formats differ only in the cipher.
//
// JKS, Sun's "key protector" (OID 1.3.6.1.4.1.42.2.17.1.1, parameters NULL). The encrypted data is
//   salt (20 random bytes) || key XOR stream || SHA-1(password || key)
// where the password is each Java char as two bytes, big-endian, and the stream is the concatenation of
// d1 = SHA-1(password || salt), d2 = SHA-1(password || d1), … cut to the key's length. The trailing digest
// is how Java tells a wrong password ("Cannot recover key").
//
// JCEKS, PBEWithMD5AndTripleDES (OID 1.3.6.1.4.1.42.2.19.1, parameters PBEParameter { salt OCTET STRING
// (8 bytes), iterationCount INTEGER }), DESede-CBC with PKCS#5 padding. Key and IV come from two MD5
// chains: each 4-byte half of the salt is hashed as h = MD5(h || password) iterationCount times, and the
// two 16-byte results, concatenated, are the 24-byte key and the 8-byte IV. Were both halves equal, the
// first half is reversed first. The password is ASCII (Java refuses other characters: "Password is not
// ASCII"). JDK 17 writes 200,000 iterations (jdk.jceks.iterationCount) and reads up to 5,000,000.
//
// Checked against keytool 17: keys it wrote are recovered here, keys written here Java's KeyStore recovers
// (test/shared/formats/key-conversion.test.ts).
import { EncryptedData, EncryptedPrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { AsnConvert, AsnParser, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import type { CryptoProvider } from '../../crypto-provider';
import { CorruptInputError, UnsupportedFormatError, UsageError } from '../../errors';
import { equalBytes } from '../../x509/certificate';
import { Pkcs12PbeParams } from '../pkcs12/asn';
import { concat as concatAll } from '../pkcs12/der-builder';
import { utf16be, type JksFormat } from './layout';
import { md5Chain } from './md5-chain';

const concat = (...parts: Uint8Array[]): Uint8Array => concatAll(parts);

export const JKS_KEY_PROTECTOR = '1.3.6.1.4.1.42.2.17.1.1';
export const JCEKS_KEY_PROTECTOR = '1.3.6.1.4.1.42.2.19.1';
const SALT_LENGTH = 20;
const DIGEST_LENGTH = 20;
/** What JDK 17 writes (KeyProtector's default) and the most it reads. */
export const JCEKS_ITERATIONS = 200_000;
const JCEKS_MAX_ITERATIONS = 5_000_000;

function jksStream(password: Uint8Array, salt: Uint8Array, length: number, crypto: CryptoProvider): Uint8Array {
  const stream = new Uint8Array(Math.ceil(length / DIGEST_LENGTH) * DIGEST_LENGTH);
  let digest = salt;
  for (let at = 0; at < length; at += DIGEST_LENGTH) {
    digest = crypto.digest('sha1', concat(password, digest));
    stream.set(digest, at);
  }
  return stream;
}

function xor(data: Uint8Array, stream: Uint8Array): Uint8Array {
  return data.map((b, i) => b ^ stream[i]!);
}

/** What Java's PBEKey takes as a password: printable ASCII. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function asciiPassword(password: string): Uint8Array {
  if (!PRINTABLE_ASCII.test(password)) {
    throw new UsageError('A JCEKS key password must be printable ASCII (Java refuses others); choose another password.');
  }
  return Uint8Array.from(password, (c) => c.charCodeAt(0));
}

function jceksKeyAndIv(password: string, salt: Uint8Array, iterations: number, crypto: CryptoProvider): { key: Uint8Array; iv: Uint8Array } {
  const pass = asciiPassword(password);
  const halves = [salt.slice(0, 4), salt.slice(4, 8)];
  if (equalBytes(halves[0]!, halves[1]!)) halves[0]!.reverse();
  const derived = halves.map((half) => md5Chain(half, pass, iterations, crypto));
  const both = concat(derived[0]!, derived[1]!);
  return { key: both.subarray(0, 24), iv: both.subarray(24, 32) };
}

/** The EncryptedPrivateKeyInfo of `pkcs8` as a `format` keystore stores it under `password`. */
export function protectJksKey(format: JksFormat, pkcs8: Uint8Array, password: string, crypto: CryptoProvider): Uint8Array {
  const info = new EncryptedPrivateKeyInfo();
  if (format === 'JKS') {
    const pass = utf16be(password);
    const salt = crypto.randomBytes(SALT_LENGTH);
    const check = crypto.digest('sha1', concat(pass, pkcs8));
    info.encryptionAlgorithm = new AlgorithmIdentifier({ algorithm: JKS_KEY_PROTECTOR, parameters: new Uint8Array([0x05, 0x00]).buffer });
    info.encryptedData = new EncryptedData(concat(salt, xor(pkcs8, jksStream(pass, salt, pkcs8.length, crypto)), check));
  } else {
    const salt = crypto.randomBytes(8);
    const { key, iv } = jceksKeyAndIv(password, salt, JCEKS_ITERATIONS, crypto);
    // PBEParameter has the layout of PKCS#12's pbe parameters: SEQUENCE { salt OCTET STRING, iterationCount INTEGER }.
    const params = new Pkcs12PbeParams();
    params.salt = new OctetString(salt);
    params.iterations = JCEKS_ITERATIONS;
    info.encryptionAlgorithm = new AlgorithmIdentifier({ algorithm: JCEKS_KEY_PROTECTOR, parameters: AsnConvert.serialize(params) });
    info.encryptedData = new EncryptedData(crypto.encrypt('des-ede3-cbc', key, iv, pkcs8));
  }
  return new Uint8Array(AsnConvert.serialize(info));
}

/**
 * The PrivateKeyInfo DER protected in a JKS or JCEKS key entry's EncryptedPrivateKeyInfo, or null when
 * `password` is not the key's. Throws for a protection TrustLens does not know or a damaged structure.
 */
function parsed<T>(bytes: Uint8Array | ArrayBuffer, type: new () => T, what: string): T {
  try {
    return AsnParser.parse(bytes, type);
  } catch {
    throw new CorruptInputError(`the protected key ${what}`);
  }
}

export function recoverJksKey(encrypted: Uint8Array, password: string, crypto: CryptoProvider): Uint8Array | null {
  const info = parsed(encrypted, EncryptedPrivateKeyInfo, 'is not a valid EncryptedPrivateKeyInfo');
  const data = new Uint8Array(info.encryptedData.buffer);
  const oid = info.encryptionAlgorithm.algorithm;
  if (oid === JKS_KEY_PROTECTOR) {
    if (data.length < SALT_LENGTH + DIGEST_LENGTH) throw new CorruptInputError('the protected key is too short to hold a key');
    const pass = utf16be(password);
    const salt = data.subarray(0, SALT_LENGTH);
    const body = data.subarray(SALT_LENGTH, data.length - DIGEST_LENGTH);
    const plain = xor(body, jksStream(pass, salt, body.length, crypto));
    return equalBytes(crypto.digest('sha1', concat(pass, plain)), data.subarray(data.length - DIGEST_LENGTH)) ? plain : null;
  }
  if (oid === JCEKS_KEY_PROTECTOR) {
    if (!info.encryptionAlgorithm.parameters) throw new CorruptInputError('the protected key has no PBE parameters');
    const params = parsed(info.encryptionAlgorithm.parameters, Pkcs12PbeParams, 'has malformed PBE parameters');
    const salt = new Uint8Array(params.salt.buffer);
    const iterations = Number(params.iterations);
    if (salt.length !== 8) throw new CorruptInputError(`the protected key's salt is ${salt.length} bytes, not 8`);
    if (!(iterations >= 1 && iterations <= JCEKS_MAX_ITERATIONS)) {
      throw new UnsupportedFormatError(`the protected key asks for ${params.iterations} iterations; Java (JDK 17) reads at most ${JCEKS_MAX_ITERATIONS.toLocaleString('en-US')}`);
    }
    if (!PRINTABLE_ASCII.test(password)) return null;
    const { key, iv } = jceksKeyAndIv(password, salt, iterations, crypto);
    try {
      const plain = crypto.decrypt('des-ede3-cbc', key, iv, data);
      return plain[0] === 0x30 ? plain : null;
    } catch {
      return null;
    }
  }
  throw new UnsupportedFormatError(`the key is protected with ${oid}, which TrustLens cannot decrypt`);
}

/** The EncryptedPrivateKeyInfo inside a private-key entry's file bytes: tag, alias, date, then the key. */
export function entryProtectedKey(entry: Uint8Array): Uint8Array {
  const view = new DataView(entry.buffer, entry.byteOffset, entry.byteLength);
  const at = 4 + 2 + view.getUint16(4) + 8;
  if (entry.length < at + 4 || view.getUint32(0) !== 1) throw new CorruptInputError('the entry holds no private key');
  const length = view.getUint32(at);
  if (entry.length < at + 4 + length) throw new CorruptInputError('the entry is shorter than its key');
  return entry.subarray(at + 4, at + 4 + length);
}
