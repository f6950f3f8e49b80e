// Bouncy Castle's BKS and UBER keystores: the file layout, the entry stream both share, and the HMAC that
// guards a BKS. Facts from Bouncy Castle's BcKeyStoreSpi (bc-java, prov/.../keystore/bc/BcKeyStoreSpi.java,
// checked against libbcprov-java 1.72); every number is big-endian, "utf" is a u16 byte length and Java's
// modified UTF-8 (DataOutputStream.writeUTF), as in JKS.
//
// BKS ("BKS", KeyStore type Std writes version 2; "BKS-V1" writes version 1):
//   u32 version          2; 1 and 0 are older stores
//   u32 salt length, the salt (Bouncy Castle writes 20 bytes)
//   u32 iteration count  1024..2047 as written; Bouncy Castle refuses more than 2^20 when it loads
//   the entry stream (below), in the clear
//   20 bytes HMAC-SHA1 over the entry stream (header not included). Its key is the PKCS#12 KDF (RFC 7292
//                        B.2, SHA-1, purpose 3 "MAC") of the password as BMPString with a trailing NUL,
//                        the salt and the count; 20 bytes long in version 2 but only 2 bytes in versions 0
//                        and 1 (BC passed the MAC size in bytes where bits were meant: CVE-2018-5382).
//                        Bouncy Castle checks it only when a non-empty password is given.
// UBER ("UBER", "BouncyCastle"): version 1, a 20-byte salt, a count up to 1024 << 6, then the entry stream
//   and its SHA-1 digest, all encrypted together with PBEWithSHAAndTwofish-CBC (uber.ts).
//
// The entry stream: entries, then one 00 byte.
//   u8 type              1 certificate, 2 key (in the clear), 3 secret (opaque bytes), 4 sealed key; 0 ends
//   utf alias            kept as given (no lowercasing); on load the last entry with an alias wins (Hashtable)
//   i64 created          milliseconds since 1970
//   u32 chain length, then that many certificates: utf type ("X.509"), u32 length, DER
//   type 1: one certificate as above
//   type 2: u8 key type (0 private, 1 public, 2 secret), utf format ("PKCS#8", "X.509", "RAW"),
//           utf algorithm, u32 length, the encoded key
//   type 3: u32 length, bytes given to setKeyEntry(alias, byte[], chain), which Bouncy Castle cannot turn
//           back into a Key ("BKS entry stored as byte data cannot be recovered as a key")
//   type 4: u32 length, then: u32 salt length, salt, u32 iteration count, and the key as in type 2
//           encrypted with PBEWithSHAAnd3-KeyTripleDES-CBC (PKCS#12 KDF over the key password). A private key
//           always has a chain (setKeyEntry refuses one without); a sealed secret key has none.
import type { CryptoProvider } from '../../crypto-provider';
import { equalBytes } from '../../x509/certificate';
import { HASH_LENGTH, MAC_ID, pkcs12Kdf } from '../pkcs12/kdf';

export type BksFormat = 'BKS' | 'UBER';

export const ENTRY_END = 0;
export const TYPE_CERTIFICATE = 1;
export const TYPE_KEY = 2;
export const TYPE_SECRET = 3;
export const TYPE_SEALED = 4;
export const MAC_LENGTH = 20;
export const CERTIFICATE_TYPE = 'X.509';
/** Bouncy Castle's own bound on the iteration count it derives keys with (BKS_MAX_IT_COUNT's default). */
export const MAX_ITERATIONS = 1 << 20;
/** UBER's bound (MIN_ITERATIONS << 6). */
export const MAX_UBER_ITERATIONS = 1024 << 6;
/** Bouncy Castle's bound on one length-prefixed block it allocates at once; a longer salt is refused. */
export const MAX_SALT_LENGTH = 2 * 1024 * 1024;

/** What the reader keeps for the writer. */
export interface BksStoreRaw {
  readonly codec: 'bks';
  readonly format: BksFormat;
  readonly version: number;
  readonly salt: Uint8Array;
  readonly iterations: number;
  /** BKS: the HMAC as read (UBER: the inner SHA-1 digest). */
  readonly mac: Uint8Array;
  /** The entry stream as read, its final 00 included. */
  readonly stream: Uint8Array;
}

/** One entry exactly as it was in the stream, type byte to last byte. */
export interface BksEntryRaw {
  readonly codec: 'bks';
  readonly type: number;
  readonly bytes: Uint8Array;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isBksStoreRaw(value: unknown): value is BksStoreRaw {
  return isRecord(value) && value.codec === 'bks' && value.stream instanceof Uint8Array && value.salt instanceof Uint8Array;
}

export function isBksEntryRaw(value: unknown): value is BksEntryRaw {
  return isRecord(value) && value.codec === 'bks' && value.bytes instanceof Uint8Array && value.bytes.length >= 3;
}

/**
 * PBEParametersGenerator.PKCS12PasswordToBytes: UTF-16BE with a trailing NUL, and no bytes at all for an
 * empty password (unlike PKCS#12 files, where an empty password is the NUL alone).
 */
export function bcPasswordBytes(password: string): Uint8Array {
  if (password === '') return new Uint8Array(0);
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    const unit = password.charCodeAt(i);
    out[i * 2] = unit >> 8;
    out[i * 2 + 1] = unit & 0xff;
  }
  return out;
}

/** The BKS HMAC-SHA1 over `stream`, with the version's key length (see the layout above). */
export function bksMac(password: string, version: number, salt: Uint8Array, iterations: number, stream: Uint8Array, crypto: CryptoProvider): Uint8Array {
  const keyLength = version === 2 ? HASH_LENGTH.sha1 : Math.floor(HASH_LENGTH.sha1 / 8);
  const key = pkcs12Kdf(crypto, 'sha1', bcPasswordBytes(password), salt, iterations, MAC_ID, keyLength);
  return crypto.hmac('sha1', key, stream);
}

export function bksMacMatches(password: string, raw: BksStoreRaw, crypto: CryptoProvider): boolean {
  return equalBytes(bksMac(password, raw.version, raw.salt, raw.iterations, raw.stream, crypto), raw.mac);
}
