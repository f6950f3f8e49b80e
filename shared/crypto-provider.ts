// Synchronous primitives the pure codecs need, injected by the process that runs them.
// shared/ imports nothing node-only: the main process and the CLI pass node:crypto's implementation
// (electron/services/crypto/node-crypto.ts); nothing here is a hand-written primitive.

export type HashAlgorithm = 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

export interface CryptoProvider {
  digest(algorithm: HashAlgorithm, data: Uint8Array): Uint8Array;
  /** The digest as lowercase hex: fingerprints, made natively (10,000-entry stores take 20,000 of them). */
  digestHex(algorithm: HashAlgorithm, data: Uint8Array): string;
  hmac(algorithm: HashAlgorithm, key: Uint8Array, data: Uint8Array): Uint8Array;
  pbkdf2(password: Uint8Array, salt: Uint8Array, iterations: number, keyLength: number, algorithm: HashAlgorithm): Uint8Array;
  /** OpenSSL cipher names as node:crypto knows them, e.g. 'aes-256-cbc', 'des-ede3-cbc'. */
  decrypt(cipher: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array;
  encrypt(cipher: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array;
  randomBytes(length: number): Uint8Array;
  /**
   * Verify a signature. `algorithm` is the signature AlgorithmIdentifier as DER (with parameters,
   * so RSA-PSS works), `spki` the signer's SubjectPublicKeyInfo DER.
   */
  verify(algorithm: Uint8Array, spki: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean;
}
