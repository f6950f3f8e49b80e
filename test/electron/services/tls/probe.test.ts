// probeTls against real servers on 127.0.0.1: what it records must be, certificate for certificate and in
// order, what `openssl s_client -showcerts` prints for the same server, under TLS 1.2 and TLS 1.3.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainIssues } from '../../../../shared/chain/shape';
import { parseCertificate } from '../../../../shared/x509/certificate';
import { probeTls } from '../../../../electron/services/tls/probe';
import { nodeCrypto } from '../../../support/crypto';
import { run } from '../../../support/peers';
import { chainDer, opensslShowcerts, serverPerTest } from '../../../support/tls-servers';
import type { RunningServer, TlsVersionName } from '../../../support/tls-servers';

const sha256 = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

const scenarios = [
  { name: 'good chain (RSA leaf + intermediate)', chain: ['leaf-rsa', 'int'], issues: [] },
  { name: 'missing intermediate (leaf only)', chain: ['leaf-rsa'], issues: ['INCOMPLETE_CHAIN'] },
  { name: 'root sent (leaf + intermediate + root)', chain: ['leaf-rsa', 'int', 'root'], issues: ['CONTAINS_ANCHOR'] },
  { name: 'wrong order plus an unrelated certificate', chain: ['leaf-deep', 'int', 'sub', 'other-int'], issues: ['WRONG_ORDER', 'EXTRA_CERTS'] },
  { name: 'duplicate intermediate (ECDSA leaf)', chain: ['leaf-ec', 'int', 'int'], issues: ['EXTRA_CERTS'] },
];

const serve = serverPerTest();

/** Probe the server and check `sent` against s_client; returns the record for further checks. */
async function probeAndCompare(server: RunningServer, chain: readonly string[], version: TlsVersionName) {
  const peer = await opensslShowcerts(server, { version });
  const record = await probeTls(server.target, { servername: 'localhost', timeoutMs: 5000 });
  expect(record.sent.map(sha256)).toEqual(peer.certificates.map(sha256));
  // s_client agrees with what the server was configured to send, so the comparison above means something.
  expect(peer.certificates.map(sha256)).toEqual(chain.map((name) => sha256(chainDer(name))));
  expect(peer.protocol).toBe(version);
  expect(record.protocol).toBe(version);
  return { record, peer };
}

describe.each(['TLSv1.2', 'TLSv1.3'] as const)('probeTls under %s (node:tls server)', (version) => {
  it.each(scenarios)('$name', async ({ chain, issues }) => {
    const server = await serve('node', { chain, minVersion: version, maxVersion: version });
    const { record } = await probeAndCompare(server, chain, version);
    expect(record).toMatchObject({ host: '127.0.0.1', port: server.port, address: '127.0.0.1', servername: 'localhost', alpn: 'http/1.1' });
    expect(record.clientCertificateRequested).toBe(false);
    const found = chainIssues(record.sent.map((der) => parseCertificate(der)), nodeCrypto).map((issue) => issue.code);
    expect(found).toEqual(issues);
  });
});

/** The IANA name OpenSSL gives one of its cipher names (`openssl ciphers -stdname`). */
function standardName(openSslName: string): string {
  if (openSslName.startsWith('TLS_')) return openSslName; // TLS 1.3 suites have one name
  const lines = run('openssl', ['ciphers', '-stdname', openSslName]).stdout.split('\n');
  const line = lines.find((l) => l.split(' - ')[1]?.trim().split(/\s+/)[0] === openSslName);
  if (!line) throw new Error(`openssl ciphers -stdname does not know ${openSslName}`);
  return line.split(' - ')[0]!.trim();
}

describe('probeTls against openssl s_server', () => {
  it.each([
    { version: 'TLSv1.3' as const, suite: { ciphersuites: 'TLS_CHACHA20_POLY1305_SHA256' }, chain: ['leaf-deep', 'int', 'sub', 'other-int'] },
    { version: 'TLSv1.3' as const, suite: { ciphersuites: 'TLS_AES_256_GCM_SHA384' }, chain: ['leaf-ec', 'int', 'int'] },
    { version: 'TLSv1.3' as const, suite: { ciphersuites: 'TLS_AES_128_GCM_SHA256' }, chain: ['leaf-rsa', 'int', 'root'] },
    { version: 'TLSv1.2' as const, suite: { ciphers: 'ECDHE-ECDSA-CHACHA20-POLY1305' }, chain: ['leaf-ec', 'int'] },
    { version: 'TLSv1.2' as const, suite: { ciphers: 'AES256-SHA256' }, chain: ['leaf-rsa', 'root', 'int'] },
  ].map((row) => ({ ...row, label: Object.values(row.suite)[0] })))('$version $label sends $chain', async ({ version, chain, suite }) => {
    const server = await serve('openssl', { chain, minVersion: version, maxVersion: version, ...suite });
    const { record, peer } = await probeAndCompare(server, chain, version);
    expect(record.alpn).toBeNull();
    expect(record.cipher).toBe(standardName(peer.cipher));
  });
});

describe('probeTls TLS 1.3 cipher suites (node:tls server)', () => {
  it.each(['TLS_CHACHA20_POLY1305_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_AES_128_GCM_SHA256'])('decrypts the Certificate message under %s', async (suite) => {
    const chain = ['leaf-ec', 'int', 'root'];
    const server = await serve('node', { chain, minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3', ciphersuites: suite });
    const { record, peer } = await probeAndCompare(server, chain, 'TLSv1.3');
    expect(record.cipher).toBe(suite);
    expect(peer.cipher).toBe(suite);
  });
});

describe('probeTls after a TLS 1.3 HelloRetryRequest', () => {
  it.each(['node', 'openssl'] as const)('records the chain when the %s server asks for another key share', async (kind) => {
    const chain = ['leaf-rsa', 'int', 'int'];
    const server = await serve(kind, { chain, minVersion: 'TLSv1.3', groups: 'P-384' });
    await probeAndCompare(server, chain, 'TLSv1.3');
  });
});

describe('probeTls edge cases', () => {
  const big = ['leaf-rsa', 'int', 'root', 'other-int', 'other-root', ...Array<string>(14).fill('sub')];

  it.each(['TLSv1.2', 'TLSv1.3'] as const)('records a chain larger than one TLS record under %s', async (version) => {
    const server = await serve('node', { chain: big, minVersion: version, maxVersion: version });
    const { record } = await probeAndCompare(server, big, version);
    expect(record.sent.reduce((total, der) => total + der.length, 0)).toBeGreaterThan(16384);
  });

  it.each(['TLSv1', 'TLSv1.1'] as const)('talks to a legacy %s-only server', async (version) => {
    const chain = ['leaf-rsa', 'int'];
    const server = await serve('openssl', { chain, minVersion: version, maxVersion: version });
    await probeAndCompare(server, chain, version);
  });
});
