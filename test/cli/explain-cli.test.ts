// `trustlens explain` on real logs: the JSSE client (JavaDefaultTrustClient, JDK 17, default trust
// settings) run with -Djavax.net.debug against real servers that break trust in one way each, and real
// curl and openssl s_client output. What explain names is checked against the fixtures as OpenSSL reads them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sameName } from '../../shared/explain/names';
import type { LogExplanation } from '../../shared/model/explanation';
import { compileJavaPeer, runDefaultTrustClient } from '../peers/java-client';
import { runAsync } from '../peers/run-async';
import { trustlens } from '../support/cli';
import { run } from '../support/peers';
import { chainFile, startNodeTlsServer, type RunningServer } from '../support/tls-servers';

let dir: string;
let classDir: string;
const servers: Record<string, RunningServer> = {};
const stores: Record<string, string> = {};

/** The subject of a fixture certificate as OpenSSL prints it (RFC 2253). */
function subjectOf(name: string): string {
  return run('openssl', ['x509', '-in', chainFile(name), '-noout', '-subject', '-nameopt', 'RFC2253']).stdout.trim().replace(/^subject=/, '');
}

function serialOf(name: string): string {
  return run('openssl', ['x509', '-in', chainFile(name), '-noout', '-serial']).stdout.trim().replace(/^serial=/, '').toLowerCase().replace(/^(00)+/, '');
}

function makeStore(file: string, certs: string[]): string {
  const store = path.join(dir, file);
  for (const cert of certs) run('keytool', ['-importcert', '-noprompt', '-alias', cert, '-file', chainFile(cert), '-keystore', store, '-storetype', 'JKS', '-storepass', 'changeit']);
  return store;
}

/** A real JSSE client's log of one failing handshake, written to a file. */
async function javaLog(name: string, server: string, trustStore: string, debug: string | null, host = 'localhost'): Promise<string> {
  const result = await runDefaultTrustClient(classDir, {
    host,
    port: servers[server]!.port,
    jvmOptions: [...(debug ? [`-Djavax.net.debug=${debug}`] : []), `-Djavax.net.ssl.trustStore=${trustStore}`, '-Djavax.net.ssl.trustStorePassword=changeit'],
  });
  expect(result.verdict).toMatch(/^FAILED/);
  const file = path.join(dir, `${name}.log`);
  writeFileSync(file, result.log);
  return file;
}

async function explain(file: string, ...extra: string[]): Promise<LogExplanation> {
  const result = await trustlens(['explain', file, '--json', ...extra]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as LogExplanation;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'trustlens-explain-'));
  classDir = await compileJavaPeer('JavaDefaultTrustClient');
  servers.leafOnly = await startNodeTlsServer({ chain: ['leaf-rsa'] });
  servers.good = await startNodeTlsServer({ chain: ['leaf-rsa', 'int'] });
  servers.good12 = await startNodeTlsServer({ chain: ['leaf-rsa', 'int'], maxVersion: 'TLSv1.2' });
  servers.expired = await startNodeTlsServer({ chain: ['leaf-expired', 'int'] });
  servers.wrongHost = await startNodeTlsServer({ chain: ['leaf-wrong-host', 'int'] });
  stores.root = makeStore('root.jks', ['root']);
  stores.app = makeStore('app-trust.jks', ['root']);
  stores.other = makeStore('other.jks', ['other-root']);
  stores.int = makeStore('intermediates.jks', ['int']);
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe('trustlens explain: real JSSE debug logs', () => {
  it('missing intermediate (ssl:handshake:trustmanager): names the trust store, the class, the missing issuer and where this machine has it', async () => {
    const log = await javaLog('missing-int', 'leafOnly', stores.app!, 'ssl:handshake:trustmanager');
    const result = await explain(log, '--store', stores.int!);
    expect(result.kinds).toContain('jsse-debug');
    expect(result.trustStore?.path).toBe(stores.app);
    expect(result.trustStore?.type).toBe('pkcs12'); // what JSSE prints: the default type, even for this JKS
    expect(result.trusted?.map((c) => c.subject).some((s) => sameName(s, subjectOf('root')))).toBe(true);
    expect(result.failure?.class).toBe('PKIX_PATH_BUILDING');
    expect(result.chain).toHaveLength(1);
    expect(result.chain![0]!.serialNumber).toBe(serialOf('leaf-rsa'));
    expect(result.host).toBe('localhost');
    expect(result.diagnosis?.code).toBe('INCOMPLETE_CHAIN');
    expect(sameName(result.diagnosis!.missingIssuer!.name, subjectOf('int'))).toBe(true);
    expect(result.diagnosis?.foundOnMachine?.[0]).toMatchObject({ file: stores.int, alias: 'int', by: 'subject-key-id' });
    expect(result.diagnosis?.trustStoreHasItNow).toBe(false);
    expect(result.diagnosis?.fix).toContain(`${stores.app} — the store this JVM reads`);
    expect(result.notShown.join(' ')).toMatch(/port/);

    // The commands it gives, run as given (the import's password added): then the same JVM trusts the server.
    const [exportCommand, importCommand] = result.diagnosis!.commands!;
    expect(exportCommand).toMatch(/^keytool -exportcert /);
    expect(importCommand).toBe(`trustlens import ${stores.app} --from int.pem`);
    const exported = await runAsync('sh', ['-c', exportCommand!], '', 60_000, dir);
    expect(exported.status, exported.stderr).toBe(0);
    const imported = await trustlens(['import', stores.app!, '--from', 'int.pem', '--password', 'changeit'], { cwd: dir });
    expect(imported.code, imported.stderr).toBe(0);
    const again = await runDefaultTrustClient(classDir, { host: 'localhost', port: servers.leafOnly!.port, jvmOptions: [`-Djavax.net.ssl.trustStore=${stores.app}`, '-Djavax.net.ssl.trustStorePassword=changeit'] });
    expect(again.verdict).toBe('TRUSTED');
  });

  it('unknown root over TLS 1.2: the root the store lacks, the server chain by issuer and serial on this machine', async () => {
    const log = await javaLog('unknown-root', 'good12', stores.other!, 'ssl:handshake:trustmanager');
    const result = await explain(log, '--store', stores.root!, '--store', stores.int!);
    expect(result.trustStore?.path).toBe(stores.other);
    expect(result.chain?.map((c) => c.serialNumber)).toEqual([serialOf('leaf-rsa'), serialOf('int')]);
    expect(result.diagnosis?.code).toBe('UNTRUSTED_ROOT');
    expect(sameName(result.diagnosis!.missingIssuer!.name, subjectOf('root'))).toBe(true);
    expect(result.diagnosis?.foundOnMachine?.map((m) => m.file)).toEqual([stores.root]);
    expect(result.chainOnMachine?.find((m) => m.index === 1)?.matches[0]).toMatchObject({ file: stores.int, by: 'issuer-serial' });
    expect(result.diagnosis?.fix).toMatch(new RegExp(`Import the CA certificate .*TrustLens Test Root CA.* into ${stores.other!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} — the store this JVM reads`));
  });

  it('expired leaf (ssl:handshake): the expired certificate and its date, even with hour 24 in the log', async () => {
    const log = await javaLog('expired', 'expired', stores.root!, 'ssl:handshake');
    const result = await explain(log);
    expect(result.failure?.class).toBe('EXPIRED');
    expect(result.diagnosis?.code).toBe('EXPIRED');
    expect(sameName(result.diagnosis!.certificate!.subject, subjectOf('leaf-expired'))).toBe(true);
    const notAfter = run('openssl', ['x509', '-in', chainFile('leaf-expired'), '-noout', '-enddate']).stdout.trim().replace(/^notAfter=/, '');
    expect(result.diagnosis?.certificate?.notAfter).toBe(new Date(Date.parse(notAfter)).toISOString());
    expect(result.notShown.join(' ')).toMatch(/trust store: JSSE names it only with -Djavax.net.debug=ssl:trustmanager/);
  });

  it('wrong host (all): the host named and the names the certificate has', async () => {
    const log = await javaLog('wrong-host', 'wrongHost', stores.root!, 'all');
    const result = await explain(log);
    expect(result.failure?.class).toBe('HOSTNAME_MISMATCH');
    expect(result.host).toBe('localhost');
    expect(result.trustStore?.path).toBe(stores.root);
    expect(result.diagnosis?.certificate?.subjectAltNames).toEqual(['DNS:wrong-host.test']);
  });

  it('plain -Djavax.net.debug=ssl shows neither store nor chain (JDK 17), and explain says how to get them', async () => {
    const log = await javaLog('ssl-only', 'good', stores.other!, 'ssl');
    const result = await explain(log);
    expect(result.kinds).toContain('jsse-debug');
    expect(result.failure?.class).toBe('PKIX_PATH_BUILDING');
    expect(result.trustStore).toBeUndefined();
    expect(result.chain).toBeUndefined();
    expect(result.notShown.join(' ')).toMatch(/-Djavax\.net\.debug=ssl:trustmanager.*-Djavax\.net\.debug=ssl:handshake/);
  });

  it('a bare stack trace (no debug): the class, and what the log does not show instead of a guess', async () => {
    const log = await javaLog('plain', 'good', stores.other!, null);
    const result = await trustlens(['explain', '-', '--json'], { input: (await import('node:fs')).readFileSync(log, 'utf8') });
    expect(result.code, result.stderr).toBe(0);
    const parsed = JSON.parse(result.stdout) as LogExplanation;
    expect(parsed.kinds).toEqual(['java-stack-trace']);
    expect(parsed.failure?.class).toBe('PKIX_PATH_BUILDING');
    expect(parsed.failure?.exception).toMatch(/SSLHandshakeException|SunCertPathBuilderException|ValidatorException/);
    expect(parsed.chain).toBeUndefined();
    expect(parsed.diagnosis?.missingIssuer).toBeUndefined();
    expect(parsed.notShown.join(' ')).toMatch(/the chain the server sent/);
    expect(parsed.notShown.join(' ')).toMatch(/the trust store/);
    expect(parsed.notShown.join(' ')).toMatch(/the server: no line names its host/);
  });
});

describe('trustlens explain: curl and openssl output', () => {
  it('curl -v with a CA file that lacks the root', async () => {
    const curl = await runAsync('curl', ['-v', '--max-time', '5', '--cacert', chainFile('other-root'), '--resolve', `localhost:${servers.good!.port}:127.0.0.1`, `https://localhost:${servers.good!.port}/`]);
    expect(curl.status).toBe(60);
    const file = path.join(dir, 'curl.log');
    writeFileSync(file, curl.stderr);
    const result = await explain(file);
    expect(result.kinds).toContain('curl');
    expect(result).toMatchObject({ host: 'localhost', port: servers.good!.port });
    expect(result.failure?.class).toBe('PKIX_PATH_BUILDING');
    expect(result.trustStore).toMatchObject({ path: chainFile('other-root'), client: 'curl' });
  });

  it('openssl s_client: the chain from its s:/i: lines and the verify error', async () => {
    const out = await runAsync('openssl', ['s_client', '-connect', `127.0.0.1:${servers.leafOnly!.port}`, '-servername', 'localhost', '-CAfile', chainFile('root')], 'Q\n', 10_000);
    const file = path.join(dir, 'openssl.log');
    writeFileSync(file, `${out.stdout}${out.stderr}`);
    const result = await explain(file);
    expect(result.kinds).toContain('openssl');
    expect(result.failure?.class).toBe('PKIX_PATH_BUILDING');
    expect(result.chain).toHaveLength(1);
    expect(result.diagnosis?.code).toBe('INCOMPLETE_CHAIN');
    expect(sameName(result.diagnosis!.missingIssuer!.name, subjectOf('int'))).toBe(true);
  });

  it('a file that does not exist: one line, exit 2', async () => {
    const result = await trustlens(['explain', path.join(dir, 'nope.log')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('does not exist');
  });
});
