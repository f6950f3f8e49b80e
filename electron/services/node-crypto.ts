// The CryptoProvider the main process and the CLI inject into the pure codecs: node:crypto.
import * as crypto from 'node:crypto';
import type { CryptoProvider } from '../../shared/crypto-provider';
import { signatureVerifyParams } from './signature-params';

const u8 = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export const nodeCrypto: CryptoProvider = {
  digest: (algorithm, data) => u8(crypto.createHash(algorithm).update(data).digest()),
  hmac: (algorithm, key, data) => u8(crypto.createHmac(algorithm, key).update(data).digest()),
  pbkdf2: (password, salt, iterations, keyLength, algorithm) =>
    u8(crypto.pbkdf2Sync(password, salt, iterations, keyLength, algorithm)),
  decrypt: (cipher, key, iv, data) => {
    const d = crypto.createDecipheriv(cipher, key, iv.length ? iv : null);
    return u8(Buffer.concat([d.update(data), d.final()]));
  },
  encrypt: (cipher, key, iv, data) => {
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
