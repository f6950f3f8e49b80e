// The integrity MAC of a PKCS#12 file: the classic MacData HMAC keyed by the PKCS#12 KDF over the
// BMPString password (RFC 7292 §5), or PBMAC1 (RFC 9579) keyed by PBKDF2 over the UTF-8 password. Read,
// checked with a password (and the encodings other tools use for it), and described for the store's
// properties. The caller's work budget is charged for every key derived.
import type { MacData } from '@peculiar/asn1-pfx';
import type { CryptoProvider, HashAlgorithm } from '../../crypto-provider';
import { CorruptInputError, UnsupportedFormatError } from '../../errors';
import { toHex } from '../../x509/hex';
import { Pbes2Params, Pbkdf2Params, parseAsn, readCount, toBytes } from './asn';
import { alternativePasswords, bmpPassword, pkcs12Mac, utf8 } from './kdf';
import { JAVA_REFUSES, MAX_ITERATIONS, MAX_PKCS12_KDF_ITERATIONS } from './pbe';

/** What the MAC check is charged to (the decoder's work budget). */
export interface WorkCharge {
  charge(units: number): void;
}

export const MAC_HASHES: Record<string, HashAlgorithm> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '1.2.840.113549.2.5': 'md5',
};

export interface Pkcs12Mac {
  /** The HMAC's hash. */
  readonly hash: HashAlgorithm;
  /** PBMAC1: the PBKDF2 salt and count (MacData's own are "not used"); else the PKCS#12 KDF's. */
  readonly salt: Uint8Array;
  readonly iterations: number;
  readonly digest: Uint8Array;
  /** Set for PBMAC1 (RFC 9579): the key is PBKDF2 with this PRF over the UTF-8 password, not the PKCS#12 KDF. */
  readonly pbmac1?: { readonly prf: HashAlgorithm; readonly keyLength: number };
}

const PBMAC1 = '1.2.840.113549.1.5.14';
const PBKDF2 = '1.2.840.113549.1.5.12';
const HMACS: Record<string, HashAlgorithm> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};

/**
 * PBMAC1 (RFC 9579; OpenSSL 3.4 -pbmac1_pbkdf2): PBMAC1-params { keyDerivationFunc PBKDF2, messageAuthScheme
 * HMAC }. The PBKDF2 key length must be given (the RFC's vector A.6 lacks it: damaged); the MacData salt and
 * count beside it are ignored, so a wrong PBKDF2 salt or count (vectors A.4, A.5) simply fails the MAC.
 */
function readPbmac1(macData: MacData): Pkcs12Mac {
  const params = macData.mac.digestAlgorithm.parameters;
  if (!params) throw new CorruptInputError('the PBMAC1 MAC has no parameters; the file is damaged');
  const p = parseAsn(toBytes(params), Pbes2Params, 'PBMAC1 parameters');
  if (p.keyDerivationFunc.algorithm !== PBKDF2) throw new UnsupportedFormatError(`PBMAC1 with key derivation ${p.keyDerivationFunc.algorithm} is not supported (only PBKDF2)`);
  if (!p.keyDerivationFunc.parameters) throw new CorruptInputError('the PBMAC1 PBKDF2 has no parameters; the file is damaged');
  const kdf = parseAsn(toBytes(p.keyDerivationFunc.parameters), Pbkdf2Params, 'PBMAC1 PBKDF2 parameters');
  const prf = HMACS[kdf.prf?.algorithm ?? '1.2.840.113549.2.7'];
  const hash = HMACS[p.encryptionScheme.algorithm];
  if (!prf || !hash) throw new UnsupportedFormatError(`PBMAC1 with ${kdf.prf?.algorithm ?? ''} / ${p.encryptionScheme.algorithm} is not supported`);
  if (kdf.keyLength === undefined) throw new CorruptInputError('the PBMAC1 key derivation gives no key length, which RFC 9579 requires; the file is damaged');
  return {
    hash,
    salt: toBytes(kdf.salt.buffer),
    iterations: readCount(kdf.iterationCount, 'PBMAC1 iteration count', MAX_ITERATIONS, JAVA_REFUSES),
    digest: toBytes(macData.mac.digest.buffer),
    pbmac1: { prf, keyLength: readCount(kdf.keyLength, 'PBMAC1 key length', 64) },
  };
}

/** A store's password as text (for PBES2) and in the BMPString encoding its MAC matched (for the PKCS#12 KDF). */
export interface Pkcs12Password {
  readonly text: string;
  readonly pkcs12: Uint8Array;
}

export function readMac(macData: MacData | undefined): Pkcs12Mac | null {
  if (!macData?.mac.digestAlgorithm.algorithm) return null;
  const oid = macData.mac.digestAlgorithm.algorithm;
  if (oid === PBMAC1) return readPbmac1(macData);
  const hash = MAC_HASHES[oid];
  if (!hash) throw new UnsupportedFormatError(`the MAC algorithm ${oid} is not supported`);
  const iterations = readCount(macData.iterations, 'MAC iteration count', MAX_PKCS12_KDF_ITERATIONS, JAVA_REFUSES);
  return { hash, salt: toBytes(macData.macSalt.buffer), iterations, digest: toBytes(macData.mac.digest.buffer) };
}

/** The password (and its encoding) that the MAC accepts, or null. */
export function checkMac(crypto: CryptoProvider, mac: Pkcs12Mac, authenticatedSafe: Uint8Array, password: string, work?: WorkCharge): Pkcs12Password | null {
  if (mac.pbmac1) {
    work?.charge(mac.iterations);
    const key = crypto.pbkdf2(utf8(password), mac.salt, mac.iterations, mac.pbmac1.keyLength, mac.pbmac1.prf);
    return toHex(crypto.hmac(mac.hash, key, authenticatedSafe)) === toHex(mac.digest) ? { text: password, pkcs12: bmpPassword(password) } : null;
  }
  for (const encoded of [bmpPassword(password), ...alternativePasswords(password)]) {
    work?.charge(mac.iterations * 10);
    const computed = pkcs12Mac(crypto, mac.hash, encoded, mac.salt, mac.iterations, authenticatedSafe);
    if (toHex(computed) === toHex(mac.digest)) return { text: password, pkcs12: encoded };
  }
  return null;
}

const HASH_LABELS: Record<HashAlgorithm, string> = { md5: 'MD5', sha1: 'SHA1', sha224: 'SHA224', sha256: 'SHA256', sha384: 'SHA384', sha512: 'SHA512' };

export function describeMac(mac: Pkcs12Mac): string {
  if (mac.pbmac1) return `PBMAC1 (PBKDF2-HMAC-${HASH_LABELS[mac.pbmac1.prf]}, HMAC-${HASH_LABELS[mac.hash]}), ${mac.iterations} iterations`;
  return `HMAC-${HASH_LABELS[mac.hash]}, ${mac.iterations} iterations`;
}

