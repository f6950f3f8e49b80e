// The CryptoProvider the main process and the CLI inject into the pure codecs: node:crypto.
import * as crypto from 'node:crypto';
import forge from 'node-forge';
import type { CryptoProvider } from '../../../shared/crypto-provider';
import { signatureVerifyParams } from './signature-params';

const u8 = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/**
 * RC2-CBC ('rc2-40-cbc', 'rc2-64-cbc', 'rc2-128-cbc', 'rc2-cbc'), which old PKCS#12 files use for their
 * certificates, is missing from OpenSSL 3's default provider and from Electron's BoringSSL: node-forge's
 * pure-JS RC2 does it. Returns null for any other cipher.
 */
function rc2(encrypt: boolean, cipher: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array | null {
  const match = /^rc2(?:-(40|64|128))?-cbc$/.exec(cipher);
  if (!match) return null;
  const binary = (bytes: Uint8Array) => Buffer.from(bytes).toString('binary');
  const bits = match[1] ? Number(match[1]) : key.length * 8;
  const rc2Cipher = (encrypt ? forge.rc2.createEncryptionCipher : forge.rc2.createDecryptionCipher)(binary(key), bits);
  rc2Cipher.start(binary(iv));
  rc2Cipher.update(forge.util.createBuffer(binary(data)));
  const ok = encrypt ? rc2Cipher.finish() : rc2Cipher.finish(() => true);
  const out = u8(Buffer.from(rc2Cipher.output.getBytes(), 'binary'));
  if (encrypt) return out;
  const pad = out[out.length - 1] ?? 0;
  if (!ok || pad < 1 || pad > 8 || pad > out.length || out.subarray(out.length - pad).some((b) => b !== pad)) {
    throw new Error('bad decrypt');
  }
  return out.subarray(0, out.length - pad);
}

export const nodeCrypto: CryptoProvider = {
  // crypto.hash is the one-shot form: much cheaper than createHash for the PKCS#12 KDF's many small rounds.
  digest: (algorithm, data) => u8(crypto.hash(algorithm, data, 'buffer')),
  digestHex: (algorithm, data) => crypto.hash(algorithm, data, 'hex'),
  hmac: (algorithm, key, data) => u8(crypto.createHmac(algorithm, key).update(data).digest()),
  pbkdf2: (password, salt, iterations, keyLength, algorithm) =>
    u8(crypto.pbkdf2Sync(password, salt, iterations, keyLength, algorithm)),
  decrypt: (cipher, key, iv, data) => {
    const viaForge = rc2(false, cipher, key, iv, data);
    if (viaForge) return viaForge;
    const d = crypto.createDecipheriv(cipher, key, iv.length ? iv : null);
    return u8(Buffer.concat([d.update(data), d.final()]));
  },
  encrypt: (cipher, key, iv, data) => {
    const viaForge = rc2(true, cipher, key, iv, data);
    if (viaForge) return viaForge;
    const c = crypto.createCipheriv(cipher, key, iv.length ? iv : null);
    return u8(Buffer.concat([c.update(data), c.final()]));
  },
  randomBytes: (length) => u8(crypto.randomBytes(length)),
  verify: (algorithm, spki, data, signature) => {
    const params = signatureVerifyParams(algorithm);
    if (!params) return false;
    try {
      const key = crypto.createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
      return crypto.verify(params.hash, data, { key, ...params.options }, signature);
    } catch {
      return false;
    }
  },
};
