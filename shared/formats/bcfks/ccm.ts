// AES-CCM (NIST SP 800-38C, RFC 3610) without associated data, as BCFKS encrypts its store with it, built
// from the injected provider's AES-CTR and AES-CBC (the CryptoProvider has no AEAD call, and CCM is just
// those two: a CBC-MAC over B0 and the zero-padded message, and CTR encryption whose counter block 0
// masks the tag).
import type { CryptoProvider } from '../../crypto-provider';
import { equalBytes } from '../../x509/certificate';

function aesName(key: Uint8Array, mode: 'ctr' | 'cbc'): string {
  return `aes-${key.length * 8}-${mode}`;
}

/** Counter block i: flags (L - 1), the nonce, i in L bytes. */
function counterBlock(nonce: Uint8Array, i: number): Uint8Array {
  const block = new Uint8Array(16);
  const l = 15 - nonce.length;
  block[0] = l - 1;
  block.set(nonce, 1);
  for (let k = 15, v = i; k > nonce.length && v > 0; k--, v = Math.floor(v / 256)) block[k] = v & 0xff;
  return block;
}

/** The CBC-MAC tag T (full 16 bytes) of `message`. */
function cbcMac(crypto: CryptoProvider, key: Uint8Array, nonce: Uint8Array, tagLength: number, message: Uint8Array): Uint8Array {
  const l = 15 - nonce.length;
  const b0 = new Uint8Array(16);
  b0[0] = (((tagLength - 2) / 2) << 3) | (l - 1);
  b0.set(nonce, 1);
  for (let k = 15, v = message.length; k > nonce.length; k--, v = Math.floor(v / 256)) b0[k] = v & 0xff;
  const padded = new Uint8Array(16 + Math.ceil(message.length / 16) * 16);
  padded.set(b0);
  padded.set(message, 16);
  // CBC with a zero IV; the provider adds a PKCS#7 block after the data, so the MAC is the block before it.
  const out = crypto.encrypt(aesName(key, 'cbc'), key, new Uint8Array(16), padded);
  return out.subarray(padded.length - 16, padded.length);
}

function checkParameters(nonce: Uint8Array, tagLength: number): void {
  if (nonce.length < 7 || nonce.length > 13) throw new RangeError('a CCM nonce is 7 to 13 bytes');
  if (tagLength < 4 || tagLength > 16 || tagLength % 2) throw new RangeError('a CCM tag is 4 to 16 bytes, even');
}

/** Ciphertext followed by the tag. */
export function ccmEncrypt(crypto: CryptoProvider, key: Uint8Array, nonce: Uint8Array, tagLength: number, plaintext: Uint8Array): Uint8Array {
  checkParameters(nonce, tagLength);
  const tag = cbcMac(crypto, key, nonce, tagLength, plaintext);
  const body = crypto.encrypt(aesName(key, 'ctr'), key, counterBlock(nonce, 1), plaintext);
  const maskedTag = crypto.encrypt(aesName(key, 'ctr'), key, counterBlock(nonce, 0), tag).subarray(0, tagLength);
  const out = new Uint8Array(body.length + tagLength);
  out.set(body);
  out.set(maskedTag, body.length);
  return out;
}

/** The plaintext, or null when the tag does not match (a wrong key or damaged data). */
export function ccmDecrypt(crypto: CryptoProvider, key: Uint8Array, nonce: Uint8Array, tagLength: number, data: Uint8Array): Uint8Array | null {
  checkParameters(nonce, tagLength);
  if (data.length < tagLength) return null;
  const body = data.subarray(0, data.length - tagLength);
  const plaintext = crypto.decrypt(aesName(key, 'ctr'), key, counterBlock(nonce, 1), body);
  const tag = cbcMac(crypto, key, nonce, tagLength, plaintext);
  const expected = crypto.encrypt(aesName(key, 'ctr'), key, counterBlock(nonce, 0), tag).subarray(0, tagLength);
  return equalBytes(expected, data.subarray(data.length - tagLength)) ? plaintext : null;
}
