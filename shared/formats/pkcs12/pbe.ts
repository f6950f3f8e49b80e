// Password-based encryption of PKCS#12 content blocks: the PKCS#12 pbeWithSHAAnd* schemes (RFC 7292
// Appendix C, keys from the PKCS#12 KDF over the BMPString password) and PBES2 (RFC 8018: PBKDF2 over
// the UTF-8 password, then AES / 3DES / RC2 in CBC mode). Describes, decrypts and (for the writer)
// encrypts with the same scheme and fresh salt and IV.
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import type { CryptoProvider, HashAlgorithm } from '../../crypto-provider';
import { CorruptInputError, UnsupportedFormatError } from '../../errors';
import { Pbes2Params, Pbkdf2Params, Pkcs12PbeParams, Rc2CbcParams, parseAsn, readCount, toBytes } from './asn';
import { readDerHeader } from '../der-sniff';
import { IV_ID, KEY_ID, bmpPassword, pkcs12Kdf, utf8 } from './kdf';
import { rc4 } from './rc4';

/**
 * Iteration counts accepted, for PBKDF2 and the PKCS#12 KDF alike: JDK 17's PKCS12KeyStore refuses any MAC,
 * certificate-block or key iteration count above MAX_ITERATION_COUNT = 5,000,000 ("MAC iteration count too
 * large", "cert PBE iteration count too large") and keytool refuses to write more; its tests load a store of
 * 5,000,000 and refuse 5,000,001. Real files use 2,048 to 100,000. The decoder's work budget keeps what one
 * file may ask for in total bounded (pkcs12/pkcs12.ts).
 */
export const MAX_ITERATIONS = 5_000_000;
export const MAX_PKCS12_KDF_ITERATIONS = MAX_ITERATIONS;
/** Why a count above MAX_ITERATIONS is refused, for the error a person reads. */
export const JAVA_REFUSES = 'and Java (JDK 17) refuses more too';

const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';
const PKCS12_3DES = '1.2.840.113549.1.12.1.3';

interface Pkcs12Cipher {
  readonly name: string;
  readonly cipher: string | null; // null: not supported
  readonly keyLength: number;
}

const PKCS12_PBE: Record<string, Pkcs12Cipher> = {
  // 'rc4' is not a node:crypto name: rc4.ts does it (OpenSSL 3 refuses RC4).
  '1.2.840.113549.1.12.1.1': { name: 'pbeWithSHAAnd128BitRC4', cipher: 'rc4', keyLength: 16 },
  '1.2.840.113549.1.12.1.2': { name: 'pbeWithSHAAnd40BitRC4', cipher: 'rc4', keyLength: 5 },
  [PKCS12_3DES]: { name: 'pbeWithSHAAnd3-KeyTripleDES-CBC', cipher: 'des-ede3-cbc', keyLength: 24 },
  '1.2.840.113549.1.12.1.4': { name: 'pbeWithSHAAnd2-KeyTripleDES-CBC', cipher: 'des-ede-cbc', keyLength: 16 },
  '1.2.840.113549.1.12.1.5': { name: 'pbeWithSHAAnd128BitRC2-CBC', cipher: 'rc2-128-cbc', keyLength: 16 },
  '1.2.840.113549.1.12.1.6': { name: 'pbeWithSHAAnd40BitRC2-CBC', cipher: 'rc2-40-cbc', keyLength: 5 },
};

const PBES1: Record<string, string> = {
  '1.2.840.113549.1.5.1': 'pbeWithMD2AndDES-CBC',
  '1.2.840.113549.1.5.3': 'pbeWithMD5AndDES-CBC',
  '1.2.840.113549.1.5.6': 'pbeWithMD5AndRC2-CBC',
  '1.2.840.113549.1.5.10': 'pbeWithSHA1AndDES-CBC',
  '1.2.840.113549.1.5.11': 'pbeWithSHA1AndRC2-CBC',
};

const PRFS: Record<string, HashAlgorithm> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};

const RC2_CBC = '1.2.840.113549.3.2';
const AES_256_CBC = '2.16.840.1.101.3.4.1.42';
const PBES2_CIPHERS: Record<string, { name: string; cipher: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'AES-128-CBC', cipher: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'AES-192-CBC', cipher: 'aes-192-cbc', keyLength: 24 },
  [AES_256_CBC]: { name: 'AES-256-CBC', cipher: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'DES-EDE3-CBC', cipher: 'des-ede3-cbc', keyLength: 24 },
  '1.3.14.3.2.7': { name: 'DES-CBC', cipher: 'des-cbc', keyLength: 8 },
};

/** A scheme with everything needed to derive the key: the result of reading an AlgorithmIdentifier. */
export type PbeScheme =
  | { readonly kind: 'pkcs12'; readonly oid: string; readonly name: string; readonly cipher: string; readonly keyLength: number; readonly salt: Uint8Array; readonly iterations: number }
  | {
      readonly kind: 'pbes2';
      readonly prf: HashAlgorithm;
      readonly prfOid: string;
      readonly cipherOid: string;
      readonly cipherName: string;
      readonly cipher: string;
      readonly keyLength: number;
      readonly salt: Uint8Array;
      readonly iv: Uint8Array;
      readonly iterations: number;
    };

function params(algorithm: AlgorithmIdentifier, what: string): Uint8Array {
  if (!algorithm.parameters) throw new CorruptInputError(`the ${what} has no parameters`);
  return toBytes(algorithm.parameters);
}

function rc2Bits(version: number | string | undefined): number {
  const v = Number(version ?? 32);
  return ({ 160: 40, 120: 64, 58: 128 } as Record<number, number>)[v] ?? (v >= 256 ? v : 32);
}

/** Read an encryption AlgorithmIdentifier. Throws UnsupportedFormatError for schemes TrustLens cannot decrypt. */
export function readPbeScheme(algorithm: AlgorithmIdentifier): PbeScheme {
  const oid = algorithm.algorithm;
  const pkcs12 = PKCS12_PBE[oid];
  if (pkcs12) {
    if (!pkcs12.cipher) throw new UnsupportedFormatError(`${pkcs12.name} encryption is not supported`);
    const p = parseAsn(params(algorithm, pkcs12.name), Pkcs12PbeParams, `${pkcs12.name} parameters`);
    const iterations = readCount(p.iterations, 'encryption iteration count', MAX_PKCS12_KDF_ITERATIONS, JAVA_REFUSES);
    return { kind: 'pkcs12', oid, name: pkcs12.name, cipher: pkcs12.cipher, keyLength: pkcs12.keyLength, salt: toBytes(p.salt.buffer), iterations };
  }
  if (oid === PBES2) {
    const p = parseAsn(params(algorithm, 'PBES2 algorithm'), Pbes2Params, 'PBES2 parameters');
    if (p.keyDerivationFunc.algorithm !== PBKDF2) {
      throw new UnsupportedFormatError(`PBES2 with key derivation ${p.keyDerivationFunc.algorithm} is not supported (only PBKDF2)`);
    }
    const kdf = parseAsn(params(p.keyDerivationFunc, 'PBKDF2 algorithm'), Pbkdf2Params, 'PBKDF2 parameters');
    const prfOid = kdf.prf?.algorithm ?? '1.2.840.113549.2.7';
    const prf = PRFS[prfOid];
    if (!prf) throw new UnsupportedFormatError(`PBKDF2 with the pseudo-random function ${prfOid} is not supported`);
    const iterations = readCount(kdf.iterationCount, 'PBKDF2 iteration count', MAX_ITERATIONS, JAVA_REFUSES);
    const declaredLength = kdf.keyLength === undefined ? undefined : readCount(kdf.keyLength, 'PBKDF2 key length', 64);
    const cipherOid = p.encryptionScheme.algorithm;
    const base = { kind: 'pbes2' as const, prf, prfOid, cipherOid, salt: toBytes(kdf.salt.buffer), iterations };
    const schemeParams = params(p.encryptionScheme, 'PBES2 cipher');
    if (cipherOid === RC2_CBC) {
      const rc2 = parseAsn(schemeParams, Rc2CbcParams, 'RC2 parameters');
      const bits = rc2Bits(rc2.version);
      const keyLength = declaredLength ?? Math.ceil(bits / 8);
      return { ...base, cipherName: `RC2-CBC (${bits}-bit)`, cipher: `rc2-${bits}-cbc`, keyLength, iv: toBytes(rc2.iv.buffer) };
    }
    const cipher = PBES2_CIPHERS[cipherOid];
    if (!cipher) throw new UnsupportedFormatError(`PBES2 with the cipher ${cipherOid} is not supported`);
    const iv = toBytes(parseAsn(schemeParams, OctetString, 'cipher IV').buffer);
    return { ...base, cipherName: cipher.name, cipher: cipher.cipher, keyLength: declaredLength ?? cipher.keyLength, iv };
  }
  const pbes1 = PBES1[oid];
  if (pbes1) throw new UnsupportedFormatError(`${pbes1} encryption (PKCS#5 v1.5, single DES) is not supported`);
  throw new UnsupportedFormatError(`the encryption algorithm ${oid} is not supported`);
}

const HASH_NAMES: Record<HashAlgorithm, string> = {
  md5: 'MD5',
  sha1: 'SHA1',
  sha224: 'SHA224',
  sha256: 'SHA256',
  sha384: 'SHA384',
  sha512: 'SHA512',
};

/** "PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), 10000 iterations" or "pbeWithSHAAnd40BitRC2-CBC, 2048 iterations". */
export function describeScheme(scheme: PbeScheme): string {
  if (scheme.kind === 'pkcs12') return `${scheme.name}, ${scheme.iterations} iterations`;
  return `PBES2 (PBKDF2-HMAC-${HASH_NAMES[scheme.prf]}, ${scheme.cipherName}), ${scheme.iterations} iterations`;
}

/**
 * Relative cost of deriving a key with `scheme`, in PBKDF2 iterations: the PKCS#12 PBE derives key and IV
 * separately, and each of its iterations is a hash call costing about ten PBKDF2 iterations.
 */
export function schemeCost(scheme: PbeScheme): number {
  return scheme.kind === 'pkcs12' ? scheme.iterations * 20 : scheme.iterations;
}

/** describeScheme, or the reason the scheme cannot be read. */
export function describeAlgorithm(algorithm: AlgorithmIdentifier): string {
  try {
    return describeScheme(readPbeScheme(algorithm));
  } catch (error) {
    return PKCS12_PBE[algorithm.algorithm]?.name ?? PBES1[algorithm.algorithm] ?? `${algorithm.algorithm} (${error instanceof Error ? error.message : 'unreadable'})`;
  }
}

function deriveKeyAndIv(crypto: CryptoProvider, scheme: PbeScheme, password: string | Uint8Array): { key: Uint8Array; iv: Uint8Array } {
  if (scheme.kind === 'pkcs12') {
    const encoded = typeof password === 'string' ? bmpPassword(password) : password;
    return {
      key: pkcs12Kdf(crypto, 'sha1', encoded, scheme.salt, scheme.iterations, KEY_ID, scheme.keyLength),
      iv: pkcs12Kdf(crypto, 'sha1', encoded, scheme.salt, scheme.iterations, IV_ID, 8),
    };
  }
  const encoded = typeof password === 'string' ? utf8(password) : password;
  return { key: crypto.pbkdf2(encoded, scheme.salt, scheme.iterations, scheme.keyLength, scheme.prf), iv: scheme.iv };
}

/**
 * Decrypt with a scheme. Returns null when the padding is wrong, which means a wrong password (or damaged
 * data); a PKCS#12 `password` as string is encoded per scheme, as bytes it is used as given.
 */
export function pbeDecrypt(crypto: CryptoProvider, scheme: PbeScheme, password: string | Uint8Array, data: Uint8Array): Uint8Array | null {
  const { key, iv } = deriveKeyAndIv(crypto, scheme, password);
  if (scheme.cipher === 'rc4') {
    // A stream cipher has no padding to tell a wrong key: the plaintext must be one whole DER SEQUENCE.
    const plain = rc4(key, data);
    const header = readDerHeader(plain);
    return plain[0] === 0x30 && header && header.headerLength + header.length === plain.length ? plain : null;
  }
  try {
    return crypto.decrypt(scheme.cipher, key, iv, data);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/bad decrypt|final block|wrong final|padding/i.test(message)) return null;
    if (/invalid (key|iv|initialization)/i.test(message)) {
      throw new CorruptInputError(`the ${describeScheme(scheme)} parameters are malformed (${message})`);
    }
    throw new UnsupportedFormatError(`cannot decrypt ${describeScheme(scheme)}: ${message}`);
  }
}

/**
 * The scheme the writer encrypts new content with, given one the store already uses: the same algorithm,
 * hash and iteration count with a fresh salt and IV. RC2, RC4 and single DES are not written: those
 * become pbeWithSHAAnd3-KeyTripleDES-CBC (PKCS#12 PBE) or PBES2 with AES-256-CBC, which every reader of
 * such files (JDK 8, Windows, OpenSSL) also reads.
 */
export function freshScheme(crypto: CryptoProvider, like: PbeScheme | null): PbeScheme {
  const salt = (n: number) => crypto.randomBytes(Math.max(8, Math.min(64, n)));
  if (!like) {
    return pbes2Scheme(salt(20), crypto.randomBytes(16), 10_000, 'sha256', '1.2.840.113549.2.9', AES_256_CBC);
  }
  if (like.kind === 'pkcs12') {
    const oid = /rc2|rc4/i.test(like.cipher) ? PKCS12_3DES : like.oid;
    const known = PKCS12_PBE[oid]!;
    return { kind: 'pkcs12', oid, name: known.name, cipher: known.cipher!, keyLength: known.keyLength, salt: salt(like.salt.length), iterations: like.iterations };
  }
  const keep = PBES2_CIPHERS[like.cipherOid] && like.cipherOid !== '1.3.14.3.2.7' ? like.cipherOid : AES_256_CBC;
  const ivLength = keep.startsWith('2.16.840.1.101.3.4.1.') ? 16 : 8; // AES blocks are 16 bytes, 3DES 8
  return pbes2Scheme(salt(like.salt.length), crypto.randomBytes(ivLength), like.iterations, like.prf, like.prfOid, keep);
}

function pbes2Scheme(salt: Uint8Array, iv: Uint8Array, iterations: number, prf: HashAlgorithm, prfOid: string, cipherOid: string): PbeScheme {
  const cipher = PBES2_CIPHERS[cipherOid]!;
  return { kind: 'pbes2', prf, prfOid, cipherOid, cipherName: cipher.name, cipher: cipher.cipher, keyLength: cipher.keyLength, salt, iv, iterations };
}

/** The AlgorithmIdentifier that describes `scheme`, as the writer stores it. */
export function schemeAlgorithm(scheme: PbeScheme): AlgorithmIdentifier {
  if (scheme.kind === 'pkcs12') {
    const p = new Pkcs12PbeParams();
    p.salt = new OctetString(scheme.salt);
    p.iterations = scheme.iterations;
    return new AlgorithmIdentifier({ algorithm: scheme.oid, parameters: AsnConvert.serialize(p) });
  }
  const kdf = new Pbkdf2Params();
  kdf.salt = new OctetString(scheme.salt);
  kdf.iterationCount = scheme.iterations;
  if (scheme.prfOid !== '1.2.840.113549.2.7') kdf.prf = new AlgorithmIdentifier({ algorithm: scheme.prfOid, parameters: null });
  const pbes2 = new Pbes2Params();
  pbes2.keyDerivationFunc = new AlgorithmIdentifier({ algorithm: PBKDF2, parameters: AsnConvert.serialize(kdf) });
  pbes2.encryptionScheme = new AlgorithmIdentifier({ algorithm: scheme.cipherOid, parameters: AsnConvert.serialize(new OctetString(scheme.iv)) });
  return new AlgorithmIdentifier({ algorithm: PBES2, parameters: AsnConvert.serialize(pbes2) });
}

export function pbeEncrypt(crypto: CryptoProvider, scheme: PbeScheme, password: string | Uint8Array, data: Uint8Array): Uint8Array {
  const { key, iv } = deriveKeyAndIv(crypto, scheme, password);
  if (scheme.cipher === 'rc4') return rc4(key, data);
  return crypto.encrypt(scheme.cipher, key, iv, data);
}
