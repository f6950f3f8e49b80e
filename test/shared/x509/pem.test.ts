// PEM writing and scanning, checked against what OpenSSL writes and reads.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { CorruptInputError, TruncatedInputError } from '../../../shared/errors';
import { fromBase64, pemBlocks, scanPem, toBase64, toPem } from '../../../shared/x509/pem';
import { run } from '../../support/peers';
import { opensslDer } from './openssl-text';

const DIR = fileURLToPath(new URL('../../fixtures/x509/', import.meta.url));
const CA = `${DIR}ca.pem`;
const LEAF = `${DIR}leaf-rich.pem`;
const EC = `${DIR}ec-p384.pem`;

const certDer = (file: string) => opensslDer(['x509', '-in', file, '-outform', 'DER']);

describe('base64', () => {
  test('matches openssl base64 both ways, for every padding case', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 6, 57, 1000]) {
      const bytes = length ? opensslDer(['rand', String(length)]) : new Uint8Array(0);
      const theirs = run('openssl', ['base64', '-A'], { input: bytes }).stdout.trim();
      expect(toBase64(bytes)).toBe(theirs);
      expect(fromBase64(theirs)).toEqual(bytes);
    }
  });

  test('whitespace anywhere (inside groups of four too, as openssl base64 breaks lines at 64)', () => {
    const bytes = opensslDer(['rand', '700']);
    const wrapped = run('openssl', ['base64'], { input: bytes }).stdout;
    expect(wrapped.split('\n')[0]).toHaveLength(64);
    expect(fromBase64(wrapped)).toEqual(bytes);
    const plain = toBase64(bytes);
    for (const at of [1, 2, 3, 5, 63, 65, plain.length - 2, plain.length - 1]) {
      for (const space of [' ', '\r\n', '\t\t']) expect(fromBase64(plain.slice(0, at) + space + plain.slice(at))).toEqual(bytes);
    }
    expect(fromBase64(`  ${plain.slice(0, 10)} ${plain.slice(10)}\n`)).toEqual(bytes);
  });

  test.each([
    ['a character outside the alphabet in a later group', `${'QUJD'.repeat(20)}QU!D`, /unexpected character "!" at offset 82/],
    ['a character outside the alphabet', 'QUJD!A==', /unexpected character "!"/],
    ['non-ASCII', 'QUJDé', /unexpected character/],
    ['data after padding', 'QQ==QUJD', /data after '=' padding/],
    ['a lone trailing digit', 'QUJDR', /middle of a byte/],
    ['too much padding', 'QUI===', /padding/],
  ])('refuses %s with a CorruptInputError', (_, text, message) => {
    expect(() => fromBase64(text)).toThrow(CorruptInputError);
    expect(() => fromBase64(text)).toThrow(message);
  });
});

describe('toPem', () => {
  test('writes what OpenSSL writes: 64-character lines, for any label', () => {
    const der = certDer(LEAF);
    const pem = toPem(der);
    expect(pem).toBe(run('openssl', ['x509', '-in', LEAF]).stdout);
    expect(pem.split('\n').every((line) => line.length <= 64)).toBe(true);
    const spki = opensslDer(['x509', '-in', LEAF, '-noout', '-pubkey', '|', 'openssl', 'pkey', '-pubin', '-outform', 'DER']);
    const publicKeyPem = toPem(spki, 'PUBLIC KEY');
    expect(run('openssl', ['pkey', '-pubin'], { input: publicKeyPem }).stdout).toBe(publicKeyPem);
  });
});

describe('pemBlocks', () => {
  test('blocks among the text `openssl pkcs7 -print_certs` writes around them', () => {
    const bundle = run('sh', ['-c', `cat '${LEAF}' '${CA}' '${EC}' | openssl crl2pkcs7 -nocrl -certfile /dev/stdin | openssl pkcs7 -print_certs`]).stdout;
    expect(bundle).toMatch(/^subject=/); // text before and between the blocks
    const blocks = pemBlocks(bundle);
    expect(blocks.map((b) => b.label)).toEqual(['CERTIFICATE', 'CERTIFICATE', 'CERTIFICATE']);
    expect(blocks.map((b) => b.der)).toEqual([certDer(LEAF), certDer(CA), certDer(EC)]);
    for (const block of blocks) {
      const slice = bundle.slice(block.start, block.end);
      expect(slice.startsWith('-----BEGIN CERTIFICATE-----')).toBe(true);
      expect(slice.endsWith('-----END CERTIFICATE-----')).toBe(true);
    }
  });

  test('CRLF line ends, indentation, trailing spaces and notes', () => {
    const text = ['Our proxy CA, install me:', ...readFileSync(CA, 'utf8').trim().split('\n').map((l) => `  ${l}  `), 'thanks!', '', readFileSync(EC, 'utf8')]
      .join('\n')
      .replace(/\n/g, '\r\n');
    expect(pemBlocks(text).map((b) => b.der)).toEqual([certDer(CA), certDer(EC)]);
  });

  test('TRUSTED CERTIFICATE (OpenSSL trust settings appended to the certificate)', () => {
    const trusted = run('openssl', ['x509', '-in', CA, '-addtrust', 'serverAuth', '-trustout']).stdout;
    const [block] = pemBlocks(trusted);
    expect(block!.label).toBe('TRUSTED CERTIFICATE');
    const body = trusted.split('\n').filter((l) => l && !l.startsWith('-----')).join('\n');
    expect(block!.der).toEqual(opensslDer(['base64', '-d'], body + '\n'));
    const cert = certDer(CA);
    expect(block!.der.subarray(0, cert.length)).toEqual(cert);
    expect(block!.der.length).toBeGreaterThan(cert.length);
  });

  test('RFC 1421 headers of a legacy encrypted key are returned, not decoded as base64', () => {
    const key = run('sh', ['-c', 'openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 | openssl ec -aes128 -passout pass:changeit 2>/dev/null']).stdout;
    const [block] = pemBlocks(key);
    expect(block!.label).toBe('EC PRIVATE KEY');
    expect(block!.headers!['Proc-Type']).toBe(/^Proc-Type: (.*)$/m.exec(key)![1]);
    expect(block!.headers!['DEK-Info']).toBe(/^DEK-Info: (.*)$/m.exec(key)![1]);
    const body = key.split('\n').filter((l) => l && !l.startsWith('-----') && !l.includes(':')).join('\n');
    expect(block!.der).toEqual(opensslDer(['base64', '-d'], body + '\n'));
  });

  test('garbage base64: pemBlocks names the block and line; scanPem skips it with the reason', () => {
    const good = readFileSync(CA, 'utf8');
    const text = `${good}note\n-----BEGIN CERTIFICATE-----\nMIIB$$$not base64***\n-----END CERTIFICATE-----\n${readFileSync(EC, 'utf8')}`;
    expect(() => pemBlocks(text)).toThrow(CorruptInputError);
    const line = good.split('\n').length + 1;
    expect(() => pemBlocks(text)).toThrow(new RegExp(`CERTIFICATE block at line ${line}: .*unexpected character "\\$"`));
    const scan = scanPem(text);
    expect(scan.blocks.map((b) => b.der)).toEqual([certDer(CA), certDer(EC)]);
    expect(scan.skipped).toHaveLength(1);
    expect(scan.skipped[0]!.reason).toMatch(/not valid PEM: invalid base64/);
  });

  test('a missing END line is a TruncatedInputError; a wrong END label is corrupt', () => {
    const pem = readFileSync(CA, 'utf8');
    const cut = pem.slice(0, pem.length / 2);
    expect(() => pemBlocks(cut)).toThrow(TruncatedInputError);
    expect(() => pemBlocks(cut)).toThrow(/no END line/);
    expect(scanPem(`${cut}\n${readFileSync(EC, 'utf8')}`).blocks.map((b) => b.der)).toEqual([certDer(EC)]);
    const mismatched = pem.replace('-----END CERTIFICATE-----', '-----END X509 CRL-----');
    expect(() => pemBlocks(mismatched)).toThrow(CorruptInputError);
    expect(() => pemBlocks(mismatched)).toThrow(/ends with "X509 CRL"/);
    expect(() => pemBlocks('-----BEGIN CERTIFICATE-----\n\n-----END CERTIFICATE-----\n')).toThrow(/empty/);
  });

  test('text without blocks, and hostile text, end quickly', () => {
    expect(pemBlocks('')).toEqual([]);
    expect(pemBlocks('just a note, no certificate here\n')).toEqual([]);
    const started = Date.now();
    const many = '-----BEGIN CERTIFICATE-----\nQUJD\n'.repeat(100_000); // 3.3 MB of blocks that never end
    const scan = scanPem(many);
    expect(scan.blocks).toEqual([]);
    expect(scan.skipped).toHaveLength(100_000);
    expect(scanPem('-----BEGIN '.repeat(200_000)).blocks).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
