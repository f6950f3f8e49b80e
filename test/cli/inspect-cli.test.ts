// `trustlens inspect` as the contract states it, checked against openssl's view of the same files.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, trustlens } from '../support/cli';
import { opensslPemFingerprints } from '../support/openssl';
import { run } from '../support/peers';

const pem = (name: string) => path.resolve(__dirname, '../fixtures/pem', name);

describe('trustlens inspect', () => {
  it('prints the contract JSON for a PEM root, with openssl fingerprints', async () => {
    const r = await trustlens(['inspect', pem('root.pem'), '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ file: pem('root.pem'), format: 'PEM', integrity: 'none' });
    expect(doc.entries).toHaveLength(1);
    const [entry] = doc.entries;
    expect(entry).toMatchObject({ alias: 'trustlens-test-root-ca', type: 'trustedCertificate', created: null });
    const cert = entry.certificates[0];
    expect(cert.sha256).toBe(opensslPemFingerprints(pem('root.pem'))[0]);
    const sha1 = run('openssl', ['x509', '-in', pem('root.pem'), '-noout', '-fingerprint', '-sha1']).stdout.split('=')[1]!.trim().replace(/:/g, '').toLowerCase();
    expect(cert.sha1).toBe(sha1);
    const serial = run('openssl', ['x509', '-in', pem('root.pem'), '-noout', '-serial']).stdout.split('=')[1]!.trim().toLowerCase().replace(/^0+/, '');
    expect(cert.serialNumber).toBe(serial);
    expect(cert).toMatchObject({
      subject: 'CN=TrustLens Test Root CA,O=TrustLens Test,C=US',
      issuer: 'CN=TrustLens Test Root CA,O=TrustLens Test,C=US',
      keyAlgorithm: 'RSA',
      keySize: 2048,
      signatureAlgorithm: 'SHA256withRSA',
      isCA: true,
      selfSigned: true,
      subjectAltNames: [],
    });
    expect(new Date(cert.notBefore).toISOString()).toBe(cert.notBefore);
    const subject = run('openssl', ['x509', '-in', pem('root.pem'), '-noout', '-subject', '-nameopt', 'RFC2253']).stdout.replace(/^subject=/, '').trim();
    expect(cert.subject).toBe(subject);
  });

  it('reads an EC intermediate and a leaf with SANs', async () => {
    const r = await trustlens(['inspect', pem('chain.pem'), '--json']);
    const certs = JSON.parse(r.stdout).entries.map((e: { certificates: unknown[] }) => e.certificates[0]);
    expect(certs[0]).toMatchObject({ subjectAltNames: ['DNS:www.example.test', 'DNS:example.test', 'IP:127.0.0.1'], isCA: false, selfSigned: false });
    expect(certs[1]).toMatchObject({ keyAlgorithm: 'EC', curve: 'P-256', keySize: 256, isCA: true });
  });

  it('prints an aligned table for people', async () => {
    const r = await trustlens(['inspect', pem('chain.pem')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ALIAS\s+TYPE\s+SUBJECT\s+EXPIRES\s+SHA-256/);
    expect(r.stdout).toMatch(/www\.example\.test\s+trusted cert/);
  });

  it('exits 2 with one plain line for a missing file and for garbage', async () => {
    const missing = await trustlens(['inspect', '/nonexistent/store.jks']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/\/nonexistent\/store\.jks does not exist/);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'trustlens-cli-'));
    const junk = path.join(dir, 'junk.p12');
    writeFileSync(junk, 'definitely not a keystore');
    const bad = await trustlens(['inspect', junk]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/junk\.p12: not a keystore or certificate file/);
    expect(bad.stderr).not.toMatch(/\bat .*\.cjs/);
  });

  it('answers --help and --version, and exits 2 on bad usage', async () => {
    const help = await trustlens(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/inspect[\s\S]*probe[\s\S]*diagnose[\s\S]*web/);
    const version = await trustlens(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const usage = await trustlens(['inspect']);
    expect(usage.code).toBe(2);
    expect((await trustlens(['frobnicate'])).code).toBe(2);
  });

  it('runs from the code cache the build wrote, and the same without it or with a damaged one', async () => {
    const built = path.dirname(CLI);
    expect(statSync(path.join(built, 'trustlens-main.cjs.v8cache')).size).toBeGreaterThan(10_000);
    const expected = await trustlens(['inspect', pem('chain.pem'), '--json']);
    expect(expected.code).toBe(0);
    const copy = mkdtempSync(path.join(os.tmpdir(), 'trustlens-launcher-'));
    cpSync(built, copy, { recursive: true });
    const cache = path.join(copy, 'trustlens-main.cjs.v8cache');
    for (const damage of ['truncated', 'garbage', 'missing'] as const) {
      if (damage === 'truncated') writeFileSync(cache, readFileSync(path.join(built, 'trustlens-main.cjs.v8cache')).subarray(0, 1000));
      else if (damage === 'garbage') writeFileSync(cache, randomBytes(200_000));
      else rmSync(cache);
      const r = run(process.execPath, [path.join(copy, 'trustlens.cjs'), 'inspect', pem('chain.pem'), '--json']);
      expect(r.stdout, damage).toBe(expected.stdout);
    }
  });
});
