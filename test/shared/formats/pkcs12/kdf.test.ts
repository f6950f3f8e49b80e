// The PKCS#12 key derivation (RFC 7292 B.2) against OpenSSL's PKCS12KDF, and the RC2 that old
// PKCS#12 files need against OpenSSL's legacy provider.
import { describe, expect, it } from 'vitest';
import type { HashAlgorithm } from '../../../../shared/crypto-provider';
import { alternativePasswords, bmpPassword, pkcs12Kdf, utf8 } from '../../../../shared/formats/pkcs12/kdf';
import type { Pkcs12KeyPurpose } from '../../../../shared/formats/pkcs12/kdf';
import { fromHex, toHex } from '../../../../shared/x509/hex';
import { nodeCrypto } from '../../../support/crypto';
import { run } from '../../../support/peers';

function opensslKdf(hash: HashAlgorithm, password: Uint8Array, salt: Uint8Array, iterations: number, id: number, length: number): string {
  const args = ['kdf', '-keylen', String(length), '-kdfopt', `digest:${hash.toUpperCase()}`, '-kdfopt', `hexpass:${toHex(password)}`];
  args.push('-kdfopt', `hexsalt:${toHex(salt)}`, '-kdfopt', `iter:${iterations}`, '-kdfopt', `id:${id}`, 'PKCS12KDF');
  return run('openssl', args).stdout.trim().replace(/:/g, '').toLowerCase();
}

describe('the PKCS#12 key derivation', () => {
  const cases: [HashAlgorithm, string, string, number, Pkcs12KeyPurpose, number][] = [
    ['sha1', 'changeit', '0102030405060708', 2048, 1, 24], // 3DES key: two hash blocks, so the I_j update runs
    ['sha1', 'changeit', '0102030405060708', 2048, 2, 8],
    ['sha1', '', 'aabbccddeeff00112233445566778899aabbccdd', 1, 3, 20],
    ['sha256', 'pässwörd €', 'ff', 10, 3, 32],
    ['sha256', 'x'.repeat(70), '00112233445566778899', 3, 1, 100],
    ['sha512', '\u{1F600} emoji', '0011223344556677', 5, 1, 130],
    ['sha384', 'changeit', '01', 7, 3, 48],
  ];
  it.each(cases)('%s, password %j, salt %s, %i iterations, id %i, %i bytes: as OpenSSL derives', (hash, password, salt, iterations, id, length) => {
    const encoded = bmpPassword(password);
    const ours = pkcs12Kdf(nodeCrypto, hash, encoded, fromHex(salt), iterations, id, length);
    expect(toHex(ours)).toBe(opensslKdf(hash, encoded, fromHex(salt), iterations, id, length));
  });

  it('encodes passwords as BMPString with a trailing NUL, and knows the other encodings in use', () => {
    expect(toHex(bmpPassword('ab'))).toBe('006100620000');
    expect(toHex(bmpPassword(''))).toBe('0000');
    expect(alternativePasswords('')).toEqual([new Uint8Array(0)]);
    expect(alternativePasswords('plain')).toEqual([]);
    expect(toHex(alternativePasswords('é')[0]!)).toBe('00c300a90000');
    expect(toHex(utf8('é€\u{1F600}'))).toBe(Buffer.from('é€\u{1F600}', 'utf8').toString('hex'));
  });
});

describe('RC2 for old PKCS#12 files (node-forge behind the CryptoProvider)', () => {
  const key = fromHex('0123456789abcdef0123456789abcdef');
  const iv = fromHex('0011223344556677');
  const plain = new TextEncoder().encode('certificates of an old PKCS#12 file, RC2 encrypted');
  it.each([
    ['rc2-40-cbc', 5],
    ['rc2-64-cbc', 8],
    ['rc2-cbc', 16],
  ] as const)('%s matches OpenSSL both ways', (cipher, keyLength) => {
    const k = key.subarray(0, keyLength);
    const args = ['enc', `-${cipher}`, '-K', toHex(k), '-iv', toHex(iv), '-provider', 'legacy', '-provider', 'default'];
    const expected = new Uint8Array(Buffer.from(run('openssl', [...args, '-e', '-a', '-A'], { input: plain }).stdout, 'base64'));
    expect(toHex(nodeCrypto.encrypt(cipher, k, iv, plain))).toBe(toHex(expected));
    expect(new TextDecoder().decode(nodeCrypto.decrypt(cipher, k, iv, expected))).toBe(new TextDecoder().decode(plain));
    const damaged = expected.slice();
    damaged[damaged.length - 1]! ^= 0x55;
    expect(() => nodeCrypto.decrypt(cipher, k, iv, damaged)).toThrow(/bad decrypt/);
  });
});
