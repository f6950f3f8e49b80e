// The PKCS#12 key derivation (RFC 7292 Appendix B.2) and password encoding. node:crypto has no such
// primitive, so it is built here over the injected hash; it derives the MAC key (ID 3) and the keys
// and IVs of the pbeWithSHAAnd* ciphers (IDs 1 and 2).
import type { CryptoProvider, HashAlgorithm } from '../../crypto-provider';

/** The diversifier ID of RFC 7292 B.3: 1 derives a cipher key, 2 an IV, 3 a MAC key. */
export type Pkcs12KeyPurpose = 1 | 2 | 3;
export const KEY_ID = 1;
export const IV_ID = 2;
export const MAC_ID = 3;

/** Input block size (v in RFC 7292) of each hash, in bytes. */
const BLOCK_SIZE: Record<HashAlgorithm, number> = { md5: 64, sha1: 64, sha224: 64, sha256: 64, sha384: 128, sha512: 128 };
export const HASH_LENGTH: Record<HashAlgorithm, number> = { md5: 16, sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

/**
 * The password as PKCS#12 wants it: big-endian UTF-16 (BMPString) with a trailing NUL. An empty password
 * encodes as the NUL alone, as Java and OpenSSL 3 write it.
 */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    const code = password.charCodeAt(i);
    out[i * 2] = code >> 8;
    out[i * 2 + 1] = code & 0xff;
  }
  return out;
}

/** UTF-8 bytes of a string (shared/ has no TextEncoder); lone surrogates become U+FFFD as there. */
export function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    else if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return new Uint8Array(out);
}

/**
 * The other encodings real files were written with for the same password, tried when the first fails:
 * no bytes at all for an empty password (OpenSSL's NULL password), and each UTF-8 byte as one
 * character (OpenSSL 1.x for non-ASCII passwords).
 */
export function alternativePasswords(password: string): Uint8Array[] {
  if (password === '') return [new Uint8Array(0)];
  const bytes = utf8(password);
  if (bytes.length === password.length) return [];
  let latin1 = '';
  for (const byte of bytes) latin1 += String.fromCharCode(byte);
  return [bmpPassword(latin1)];
}

function repeatToBlocks(input: Uint8Array, v: number): Uint8Array {
  if (input.length === 0) return input;
  const out = new Uint8Array(v * Math.ceil(input.length / v));
  for (let i = 0; i < out.length; i++) out[i] = input[i % input.length]!;
  return out;
}

/** RFC 7292 B.2: `length` bytes of key material for `purpose` from an encoded password and salt. */
export function pkcs12Kdf(
  crypto: CryptoProvider,
  hash: HashAlgorithm,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  purpose: Pkcs12KeyPurpose,
  length: number,
): Uint8Array {
  const v = BLOCK_SIZE[hash];
  const diversifier = new Uint8Array(v).fill(purpose);
  const s = repeatToBlocks(salt, v);
  const p = repeatToBlocks(password, v);
  const input = new Uint8Array(s.length + p.length);
  input.set(s);
  input.set(p, s.length);
  const out = new Uint8Array(length);
  const dI = new Uint8Array(v + input.length);
  dI.set(diversifier);
  for (let offset = 0; offset < length; ) {
    dI.set(input, v);
    let a = crypto.digest(hash, dI);
    for (let r = 1; r < iterations; r++) a = crypto.digest(hash, a);
    out.set(a.subarray(0, Math.min(a.length, length - offset)), offset);
    offset += a.length;
    if (offset >= length) break;
    // I_j = (I_j + B + 1) mod 2^(8v) for each v-byte block of I, with B = A repeated to v bytes.
    const b = repeatToBlocks(a, v).subarray(0, v);
    for (let j = 0; j < input.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = input[j + k]! + b[k]! + carry;
        input[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return out;
}

/** The PKCS#12 MAC: HMAC over the AuthenticatedSafe with a key derived by purpose 3. */
export function pkcs12Mac(
  crypto: CryptoProvider,
  hash: HashAlgorithm,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  data: Uint8Array,
): Uint8Array {
  const key = pkcs12Kdf(crypto, hash, password, salt, iterations, MAC_ID, HASH_LENGTH[hash]);
  return crypto.hmac(hash, key, data);
}
