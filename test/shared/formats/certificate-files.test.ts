// PEM, DER and PKCS#7 files written by OpenSSL: detection from bytes and the certificates openssl sees.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnsupportedFormatError } from '../../../shared/errors';
import { decodeStore, detectFormat } from '../../../shared/formats';
import { summarizeDer } from '../../../shared/x509/certificate';
import { nodeCrypto } from '../../support/crypto';
import { opensslFingerprint, opensslPemFingerprints, opensslPkcs7Fingerprints } from '../../support/openssl';
import { run } from '../../support/peers';

const dir = path.resolve(__dirname, '../../fixtures/pem');
const file = (name: string) => path.join(dir, name);
const derFingerprint = (name: string) => opensslFingerprint(run('openssl', ['x509', '-inform', 'DER', '-in', file(name)]).stdout);

const table: [string, string, () => string[]][] = [
  ['root.pem', 'PEM', () => opensslPemFingerprints(file('root.pem'))],
  ['chain.pem', 'PEM', () => opensslPemFingerprints(file('chain.pem'))],
  ['bundle-crlf.pem', 'PEM', () => opensslPemFingerprints(file('chain.pem'))],
  ['trusted-root.pem', 'PEM', () => opensslPemFingerprints(file('root.pem'))],
  ['root.der', 'DER', () => [derFingerprint('root.der')]],
  ['root.cer', 'DER', () => [derFingerprint('root.cer')]],
  ['chain.p7b', 'PKCS7', () => opensslPkcs7Fingerprints(file('chain.p7b'), 'DER')],
  // PKCS#7 in PEM armour (`openssl crl2pkcs7` without -outform DER) is a PKCS#7 bundle, like its DER form: the
  // contract's format names it PKCS7. This row said PEM while the file was read as a bundle of PEM blocks.
  ['chain-pem.p7c', 'PKCS7', () => opensslPkcs7Fingerprints(file('chain-pem.p7c'), 'PEM')],
];

describe('certificate files written by openssl', () => {
  it.each(table)('%s is detected as %s and holds the certificates openssl reports', (name, format, expected) => {
    const bytes = new Uint8Array(readFileSync(file(name)));
    expect(detectFormat(bytes)).toBe(format);
    const store = decodeStore(bytes, { crypto: nodeCrypto });
    const fingerprints = store.entries.flatMap((e) => e.certificates.map((der) => summarizeDer(der, nodeCrypto).sha256));
    expect(fingerprints).toEqual(expected());
    expect(store.entries.every((e) => e.type === 'trustedCertificate')).toBe(true);
    expect(new Set(store.entries.map((e) => e.alias)).size).toBe(store.entries.length);
  });

  it('lists private key blocks as keys without their material', () => {
    const store = decodeStore(new Uint8Array(readFileSync(file('leaf-with-keys.pem'))), { crypto: nodeCrypto });
    expect(store.entries.map((e) => e.type)).toEqual(['trustedCertificate', 'privateKey', 'privateKey']);
    expect(JSON.stringify(store.entries.slice(1))).not.toMatch(/MII/);
    expect(store.properties.find((p) => p.label === 'Private keys')?.value).toMatch(/^2 /);
  });

  it('reads a bundle whose notes are Latin-1, UTF-8 or start with a byte-order mark, as openssl does', () => {
    const chain = readFileSync(file('chain.pem'));
    const expected = opensslPemFingerprints(file('chain.pem'));
    const encoder = new TextEncoder();
    for (const [label, note] of [
      ['Latin-1', Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x0a])], // "Café" in ISO-8859-1: not UTF-8
      ['UTF-8', encoder.encode('Café – root bundle\n')],
      ['BOM', Uint8Array.from([0xef, 0xbb, 0xbf, 0x23, 0x0a])],
    ] as const) {
      const bytes = Uint8Array.from([...note, ...chain]);
      const store = decodeStore(bytes, { crypto: nodeCrypto });
      expect(store.entries.flatMap((e) => e.certificates.map((der) => summarizeDer(der, nodeCrypto).sha256)), label).toEqual(expected);
    }
  });

  it('derives readable, unique aliases from subjects', () => {
    const store = decodeStore(new Uint8Array(readFileSync(file('chain.pem'))), { crypto: nodeCrypto });
    expect(store.entries.map((e) => e.alias)).toEqual(['www.example.test', 'trustlens-test-intermediate-ca', 'trustlens-test-root-ca']);
  });

  it('says what a PEM file holds when it holds no certificate: a request and a public key (openssl req -new)', () => {
    const request = run('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', '-', '-subj', '/CN=request.example.test']).stdout;
    const key = request.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----\n/)![0];
    const publicKey = run('openssl', ['pkey', '-pubout'], { input: key }).stdout;
    const onlyOthers = new TextEncoder().encode(request.replace(key, '') + publicKey + publicKey);
    expect(detectFormat(onlyOthers)).toBe('PEM');
    let caught: unknown;
    try {
      decodeStore(onlyOthers, { crypto: nodeCrypto });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnsupportedFormatError);
    expect((caught as Error).message).toBe(
      'this PEM holds no certificates, only one CERTIFICATE REQUEST block and 2 PUBLIC KEY blocks; TrustLens reads certificates, PKCS#7 bundles and keystores, so give a certificate file instead',
    );
    // With its private key the file is a key listed as an entry, as before.
    expect(decodeStore(new TextEncoder().encode(request), { crypto: nodeCrypto }).entries.map((e) => e.type)).toEqual(['privateKey']);
  });

  it.each([
    ['empty', new Uint8Array(0), /empty/],
    ['garbage', new TextEncoder().encode('hello world, not a certificate'), /not a keystore or certificate file/],
    ['truncated DER', new Uint8Array(readFileSync(file('root.der'))).subarray(0, 300), /length runs past the end|the file is truncated/],
    ['PEM with broken base64', new TextEncoder().encode('-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n'), /./],
  ])('rejects %s input with a typed error', (_name, bytes, message) => {
    let caught: unknown;
    try {
      decodeStore(bytes, { crypto: nodeCrypto });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as { code?: string }).code).toMatch(/^(UNSUPPORTED_FORMAT|CORRUPT_INPUT|TRUNCATED_INPUT)$/);
    expect((caught as Error).message).toMatch(message);
  });
});
