// `--revocation` on probe and diagnose, end to end: the built CLI against `openssl s_server` chains whose
// certificates name an `openssl ocsp` responder and a CRL on loopback (test/support/revocation-pki.ts).
// Java's verdict is checked against JVMs themselves: `diagnose --pid` of a JVM started with revocation
// checking on (-Dcom.sun.net.ssl.checkRevocation=true, ocsp.enable in its -Djava.security.properties) must
// refuse exactly what that JVM refused, and one with checking off must trust what it trusted.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileJavaPeer, startSleepingJavaClient, type SleepingJavaClient } from '../peers/java-client';
import { trustlens } from '../support/cli';
import { run } from '../support/peers';
import { makeRevocationPki, startChainServer, type LeafName, type RevocationPki, type StapleServer } from '../support/revocation-pki';

let dir: string;
let pki: RevocationPki;
let truststore: string;
const servers = new Map<string, StapleServer>();
const jvms = new Map<string, SleepingJavaClient>();

interface Cert {
  subject: string;
  revocation?: { status: string; source?: string; reason?: string; revokedAt?: string; why?: string };
}

const CHAINS: Record<string, { leaf: LeafName; staple?: boolean }> = {
  good: { leaf: 'leaf-good' },
  revoked: { leaf: 'leaf-revoked' },
  'revoked intermediate': { leaf: 'leaf-under-revoked' },
  stapled: { leaf: 'leaf-revoked', staple: true },
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'trustlens-revocation-cli-'));
  pki = await makeRevocationPki(dir);
  truststore = path.join(dir, 'trust.p12');
  run('keytool', ['-importcert', '-noprompt', '-alias', 'root', '-file', pki.file('root'), '-keystore', truststore, '-storetype', 'PKCS12', '-storepass', 'changeit']);
  const classes = compileJavaPeer('JavaDefaultTrustClient');
  for (const [name, { leaf, staple }] of Object.entries(CHAINS)) {
    let statusFile: string | undefined;
    if (staple) {
      statusFile = path.join(dir, `${name}.ocsp`);
      run('openssl', ['ocsp', '-index', path.join(dir, 'int.index'), '-rsigner', pki.file('int'), '-rkey', pki.key('int'), '-CA', pki.file('int'), '-issuer', pki.file('int'), '-cert', pki.file(leaf), '-respout', statusFile, '-ndays', '1'], { allowFailure: true });
    }
    servers.set(name, await startChainServer(pki.file(leaf), pki.key(leaf), [pki.file(pki.issuerOf(leaf))], path.join(dir, `${name}-chain.pem`), statusFile));
  }
  const classDir = await classes;
  const strict = path.join(dir, 'ocsp.security');
  writeFileSync(strict, 'ocsp.enable=true\n');
  const trust = [`-Djavax.net.ssl.trustStore=${truststore}`, '-Djavax.net.ssl.trustStorePassword=changeit'];
  for (const name of ['good', 'revoked', 'revoked intermediate']) {
    const base = { host: 'localhost', port: servers.get(name)!.port };
    jvms.set(`${name} checking`, await startSleepingJavaClient(classDir, { ...base, jvmOptions: [...trust, '-Dcom.sun.net.ssl.checkRevocation=true', `-Djava.security.properties=${strict}`] }));
    jvms.set(`${name} default`, await startSleepingJavaClient(classDir, { ...base, jvmOptions: trust }));
  }
}, 180_000);

afterAll(async () => {
  for (const jvm of jvms.values()) jvm.kill();
  for (const server of servers.values()) await server.close();
  await pki?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const target = (name: string) => `localhost:${servers.get(name)!.port}`;

describe('probe --revocation', () => {
  it('a revoked leaf: revoked, with the reason and date its OCSP responder gives', async () => {
    const result = await trustlens(['probe', target('revoked'), '--revocation', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const sent = (JSON.parse(result.stdout) as { sent: Cert[] }).sent;
    expect(sent[0]!.revocation).toMatchObject({ status: 'revoked', source: 'ocsp', reason: 'keyCompromise' });
    expect(Date.parse(sent[0]!.revocation!.revokedAt!)).toBe(Date.parse(pki.revokedAt));
    expect(sent[1]!.revocation).toMatchObject({ status: 'unchecked' }); // its issuer, the root, was not sent
  });

  it('a revoked intermediate, for people: each certificate with its source', async () => {
    const result = await trustlens(['probe', target('revoked intermediate'), '--revocation']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Revocation:\n {2}localhost {2}good \(OCSP http:\/\/127\.0\.0\.1:\d+\/ocsp\/int-revoked\)/);
  });

  it('the staple answers first; --no-download fetches nothing else', async () => {
    const before = pki.requests.length;
    const result = await trustlens(['probe', target('stapled'), '--revocation', '--no-download', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const doc = JSON.parse(result.stdout) as { stapled?: boolean; sent: Cert[] };
    expect(doc.stapled).toBe(true);
    expect(doc.sent[0]!.revocation).toMatchObject({ status: 'revoked', source: 'staple' });
    expect(pki.requests.length).toBe(before);
  });

  it('--no-download without a staple: not checked, and why', async () => {
    const result = await trustlens(['probe', target('revoked'), '--revocation', '--no-download', '--json']);
    const sent = (JSON.parse(result.stdout) as { sent: Cert[] }).sent;
    expect(sent[0]!.revocation).toEqual({ status: 'unchecked', why: 'downloads are off (--no-download) and the server stapled no OCSP response' });
  });

  it('without --revocation nothing is asked', async () => {
    const before = pki.requests.length;
    const result = await trustlens(['probe', target('revoked'), '--json']);
    expect((JSON.parse(result.stdout) as { sent: Cert[] }).sent[0]!.revocation).toBeUndefined();
    expect(pki.requests.length).toBe(before);
  });
});

describe('inspect --revocation', () => {
  it('checks each entry’s certificate with its issuer from the store; a self-signed root is not checked; exit 1 for a revoked one', async () => {
    const bundle = path.join(dir, 'bundle.pem');
    writeFileSync(bundle, ['root', 'int', 'int-revoked'].map((n) => readFileSync(pki.file(n as 'root'), 'utf8')).join(''));
    const result = await trustlens(['inspect', bundle, '--revocation', '--json']);
    expect(result.code, result.stderr).toBe(1);
    const entries = (JSON.parse(result.stdout) as { entries: { revocation?: { status: string; source?: string; why?: string } }[] }).entries;
    expect(entries.map((e) => e.revocation?.status)).toEqual(['unchecked', 'good', 'revoked']);
    expect(entries[0]!.revocation!.why).toMatch(/^a self-signed root/);
    expect(entries[2]!.revocation!.source).toBe('ocsp');
    const human = await trustlens(['inspect', bundle, '--revocation']);
    expect(human.stdout).toMatch(/Revoked Intermediate {2}REVOKED on \d{4}-\d\d-\d\d, keyCompromise \(ocsp http:/);
  });
});

describe('diagnose --revocation agrees with JVMs', () => {
  it('the JVMs themselves: with checking on they refuse the revoked chains; by default they trust all', () => {
    const verdict = (name: string) => jvms.get(name)!.verdict.split(' ')[0];
    expect(['good', 'revoked', 'revoked intermediate'].map((n) => verdict(`${n} checking`))).toEqual(['TRUSTED', 'FAILED', 'FAILED']);
    expect(['good', 'revoked', 'revoked intermediate'].map((n) => verdict(`${n} default`))).toEqual(['TRUSTED', 'TRUSTED', 'TRUSTED']);
  });

  it.each(['good', 'revoked', 'revoked intermediate'])('%s: diagnose --pid --revocation says what each JVM did', async (name) => {
    for (const mode of ['checking', 'default']) {
      const jvm = jvms.get(`${name} ${mode}`)!;
      const result = await trustlens(['diagnose', target(name), '--pid', String(jvm.pid), '--revocation', '--json']);
      const doc = JSON.parse(result.stdout) as { trusted: boolean; problems: { code: string; message: string }[]; path: Cert[] };
      const jvmTrusted = jvm.verdict.startsWith('TRUSTED');
      expect(doc.trusted, `${name} ${mode}: ${jvm.verdict}`).toBe(jvmTrusted);
      expect(result.code).toBe(jvmTrusted ? 0 : 1);
      if (name !== 'good') {
        const revoked = doc.problems.find((p) => p.code === 'REVOKED');
        expect(revoked?.message).toMatch(mode === 'checking' ? /refuses it/ : /Java accepts it because revocation checking is off .*; browsers will not\./);
        expect(jvm.verdict).toMatch(mode === 'checking' ? /revoked/i : /TRUSTED/);
      }
    }
  });

  it('for OpenSSL (no -crl_check): a warning, and each path certificate carries its revocation', async () => {
    const result = await trustlens(['diagnose', target('revoked intermediate'), '--truststore', truststore, '--password', 'changeit', '--client', 'openssl', '--revocation', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const doc = JSON.parse(result.stdout) as { trusted: boolean; problems: { code: string; message: string }[]; path: Cert[] };
    expect(doc.trusted).toBe(true);
    expect(doc.path.map((c) => c.revocation?.status)).toEqual(['good', 'revoked', undefined]);
    expect(doc.problems.map((p) => p.code)).toContain('REVOKED');
  });
});
