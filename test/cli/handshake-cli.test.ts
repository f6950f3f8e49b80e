// `diagnose` judges the whole handshake beside the chain (`connects` beside `trusted`), and a Java
// verdict follows one JDK's java.security. Each case runs real servers on 127.0.0.1 (openssl s_server for
// TLS 1.0, node:tls otherwise), the real JSSE client (JDK 17 on the PATH; also with
// -Djava.security.properties=FILE, and the JDK 25 of this machine where it is installed) and
// `openssl s_client -verify_return_error`, and asserts that `trusted`, `connects`, the exit code and the
// first problem's code agree with what each client did.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileJavaPeer, runJavaClient, type JvmChoice } from '../peers/java-client';
import { opensslHandshake } from '../peers/openssl-client';
import { javaCauses } from '../peers/peer-causes';
import { DIAGNOSE_DIR, startChainServer } from '../chain/diagnose-fixtures';
import { trustlens } from '../support/cli';
import { makeClientKeystore } from '../support/client-keystores';
import { run } from '../support/peers';
import { chainFile, startNodeTlsServer, startOpensslServer, type RunningServer, type TlsServerOptions } from '../support/tls-servers';

const JDK25 = '/usr/lib/jvm/temurin-25-jdk-amd64';

let work: string;
let javaClasses: string;
let jks: string;
const servers: RunningServer[] = [];

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'trustlens-handshake-'));
  jks = path.join(work, 'root.jks');
  run('keytool', ['-importcert', '-noprompt', '-storetype', 'JKS', '-keystore', jks, '-storepass', 'changeit', '-alias', 'root', '-file', chainFile('root')]);
  javaClasses = await compileJavaPeer('JavaTlsClient');
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  for (const dir of [work, javaClasses]) if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openssl(options: TlsServerOptions): Promise<RunningServer> {
  const server = await startOpensslServer(options);
  servers.push(server);
  return server;
}

async function node(options: TlsServerOptions): Promise<RunningServer> {
  const server = await startNodeTlsServer(options);
  servers.push(server);
  return server;
}

interface Verdict {
  readonly code: number | null;
  readonly trusted: boolean;
  readonly connects: boolean;
  readonly first: string | undefined;
  readonly json: { java?: { home: string; version: string }; problems: { code: string; message: string }[] };
}

async function diagnose(server: RunningServer, client: 'java' | 'openssl', extra: string[] = []): Promise<Verdict> {
  const store = client === 'java' ? jks : chainFile('root');
  const result = await trustlens(['diagnose', server.target, '--servername', 'localhost', '--truststore', store, '--client', client, '--json', '--no-download', ...extra]);
  expect([0, 1], result.stderr).toContain(result.code);
  const json = JSON.parse(result.stdout);
  return { code: result.code, trusted: json.trusted, connects: json.connects, first: json.problems[0]?.code, json };
}

/** The real JSSE client's verdict line, with the JVM given. */
async function java(server: RunningServer, jvm: JvmChoice = {}): Promise<string> {
  const options = ['-Dtrustlens.readAfterHandshake=true', ...(jvm.options ?? [])];
  const verdicts = await runJavaClient(javaClasses, [{ id: 'c', host: 'localhost', address: '127.0.0.1', port: server.port, trustStore: jks, storeType: 'JKS', storePassword: 'changeit' }], { ...jvm, options });
  return verdicts.get('c')!;
}

/** TrustLens agrees with a Java verdict line: exit, connects, and the first problem among the causes the line means. */
function agreesWithJava(verdict: Verdict, line: string): void {
  if (line === 'TRUSTED') {
    expect(verdict.code).toBe(0);
    expect([verdict.trusted, verdict.connects]).toEqual([true, true]);
  } else {
    expect(verdict.code).toBe(1);
    expect(verdict.trusted && verdict.connects).toBe(false);
    expect(javaCauses(line)).toContain(verdict.first);
  }
}

describe('a server that speaks only TLS 1.0', () => {
  it('with an ECDHE key exchange: JDK 17 has TLSv1 disabled, OpenSSL 3 refuses its legacy signature; the chain is trusted by both', async () => {
    const server = await openssl({ chain: ['leaf-rsa', 'int'], minVersion: 'TLSv1', maxVersion: 'TLSv1' });
    const line = await java(server);
    expect(line).toMatch(/No appropriate protocol|protocol_version/);
    const j = await diagnose(server, 'java');
    agreesWithJava(j, line);
    expect(j).toMatchObject({ trusted: true, connects: false, first: 'PROTOCOL_VERSION' });
    expect(j.json.problems[0]!.message).toContain('jdk.tls.disabledAlgorithms names "TLSv1"');
    expect(j.json.java).toEqual({ home: '/usr/lib/jvm/java-17-openjdk-amd64', version: '17.0.15' });

    const peer = await opensslHandshake('127.0.0.1', server.port, 'localhost', chainFile('root'));
    expect(peer.connected).toBe(false);
    expect(peer.failure).toBe('legacy sigalg disallowed or unsupported');
    const o = await diagnose(server, 'openssl');
    expect(o).toMatchObject({ code: 1, trusted: true, connects: false, first: 'PROTOCOL_VERSION' });
  });

  it('with RSA key exchange (nothing signed): OpenSSL 3 connects, JDK 17 still does not', async () => {
    const server = await openssl({ chain: ['leaf-rsa', 'int'], minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'AES128-SHA:@SECLEVEL=0' });
    const peer = await opensslHandshake('127.0.0.1', server.port, 'localhost', chainFile('root'));
    expect(peer.connected, peer.output).toBe(true);
    expect(await diagnose(server, 'openssl')).toMatchObject({ code: 0, trusted: true, connects: true });
    agreesWithJava(await diagnose(server, 'java'), await java(server));
  });

  it('JDK 17 with TLSv1 taken out of jdk.tls.disabledAlgorithms (-Djava.security.properties): both connect, and the verdict moves with the client', async () => {
    const server = await openssl({ chain: ['leaf-rsa', 'int'], minVersion: 'TLSv1', maxVersion: 'TLSv1' });
    const overrides = path.join(work, 'tls1-enabled.security');
    writeFileSync(overrides, 'jdk.tls.disabledAlgorithms=SSLv3, RC4, DES, MD5withRSA, \\\n    DH keySize < 1024, EC keySize < 224, 3DES_EDE_CBC, anon, NULL, ECDH\n');
    const line = await java(server, { options: [`-Djava.security.properties=${overrides}`] });
    expect(line).toBe('TRUSTED');
    agreesWithJava(await diagnose(server, 'java', ['--java-security', overrides]), line);
  });
});

describe('jdk.certpath.disabledAlgorithms of a changed java.security', () => {
  it('RSA keySize < 4096 refuses the 2048-bit chain for the real JDK 17 and for the verdict, which names the rule', async () => {
    const server = await node({ chain: ['leaf-rsa', 'int'] });
    expect(await java(server)).toBe('TRUSTED');
    agreesWithJava(await diagnose(server, 'java'), 'TRUSTED');
    const overrides = path.join(work, 'rsa4096.security');
    writeFileSync(overrides, 'jdk.certpath.disabledAlgorithms=MD2, MD5, RSA keySize < 4096\n');
    const line = await java(server, { options: [`-Djava.security.properties=${overrides}`] });
    expect(line).toMatch(/Algorithm constraints check failed/);
    const verdict = await diagnose(server, 'java', ['--java-security', overrides]);
    agreesWithJava(verdict, line);
    expect(verdict).toMatchObject({ trusted: false, first: 'ALGORITHM_CONSTRAINED' });
    expect(verdict.json.problems[0]!.message).toContain('"RSA keySize < 4096"');
  });
});

describe('SHA1 jdkCA & usage TLSServer', () => {
  // A JDK whose own cacerts ships the test root: a hard-linked copy of JDK 17 (nothing copied, nothing of
  // the installed JDK changed) with lib/security/cacerts replaced, the root under an alias with the " [jdk]"
  // label that JDK's AnchorCertificates looks for (Debian's cacerts has none: there jdkCA matches nothing).
  // The same SHA-1 chain is refused only there.
  const jdk17 = '/usr/lib/jvm/java-17-openjdk-amd64';
  it.runIf(existsSync(jdk17))('applies only to a chain anchored at a root that ships in that JDK’s cacerts, for the real JDK 17 and the verdict', async () => {
    const diagnoseRoot = path.join(DIAGNOSE_DIR, 'root.pem');
    const store = path.join(work, 'diagnose-root.jks');
    run('keytool', ['-importcert', '-noprompt', '-storetype', 'JKS', '-keystore', store, '-storepass', 'changeit', '-alias', 'root', '-file', diagnoseRoot]);
    const copy = path.join(work, 'jdk-with-test-root');
    const linked = run('cp', ['-al', jdk17, copy], { allowFailure: true });
    if (linked.status !== 0) return; // another file system: hard links are not possible, and a real copy is too big for a test
    rmSync(path.join(copy, 'lib', 'security', 'cacerts'));
    run('keytool', ['-importcert', '-noprompt', '-storetype', 'JKS', '-keystore', path.join(copy, 'lib', 'security', 'cacerts'), '-storepass', 'changeit', '-alias', 'testroot [jdk]', '-file', diagnoseRoot]);
    const chain = await startChainServer('leaf-sha1', ['leaf-sha1', 'int']);
    const server = { host: '127.0.0.1', port: chain.port, target: `127.0.0.1:${chain.port}`, close: () => chain.close() };
    servers.push(server);
    const cases = [{ id: 'c', host: 'localhost', address: '127.0.0.1', port: server.port, trustStore: store, storeType: 'JKS' as const, storePassword: 'changeit' }];
    const args = (home: string) => ['diagnose', server.target, '--servername', 'localhost', '--truststore', store, '--json', '--no-download', '--java-home', home];

    const system = (await runJavaClient(javaClasses, cases)).get('c')!;
    expect(system).toBe('TRUSTED');
    const plain = JSON.parse((await trustlens(args(jdk17))).stdout);
    expect([plain.trusted, plain.connects]).toEqual([true, true]);

    const shipped = (await runJavaClient(javaClasses, cases, { java: path.join(copy, 'bin', 'java') })).get('c')!;
    expect(shipped).toMatch(/Usage constraint TLSServer check failed: SHA1 used with certificate: CN=localhost sha1/);
    const result = await trustlens(args(copy));
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.trusted).toBe(false);
    expect(javaCauses(shipped)).toContain(json.problems[0].code);
    expect(json.problems[0].code).toBe('ALGORITHM_CONSTRAINED');
    expect(json.problems[0].message).toContain('"SHA1 jdkCA & usage TLSServer"');
    expect(json.problems[0].message).toContain("a root that ships in this JDK's cacerts");
  });
});

describe('cipher suites', () => {
  it('a TLS 1.2 server with only ARIA: neither JDK 17 (a second handshake offering its suites says so) nor OpenSSL\'s DEFAULT list has a suite in common', async () => {
    const server = await node({ chain: ['leaf-rsa', 'int'], maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ARIA128-GCM-SHA256' });
    const line = await java(server);
    expect(line).toMatch(/handshake_failure/);
    const verdict = await diagnose(server, 'java');
    agreesWithJava(verdict, line);
    expect(verdict).toMatchObject({ trusted: true, connects: false, first: 'NO_COMMON_CIPHER' });
    const peer = await opensslHandshake('127.0.0.1', server.port, 'localhost', chainFile('root'));
    expect(peer.connected).toBe(false);
    expect(peer.output).toMatch(/alert handshake failure/);
    expect(await diagnose(server, 'openssl')).toMatchObject({ code: 1, trusted: true, connects: false, first: 'NO_COMMON_CIPHER' });
  });

  it.runIf(existsSync(JDK25))('TLS_RSA suites only: JDK 17 connects, JDK 25 (TLS_RSA_* disabled) does not; --java-home says which', async () => {
    const server = await node({ chain: ['leaf-rsa', 'int'], maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256' });
    agreesWithJava(await diagnose(server, 'java'), await java(server));
    const line = await java(server, { java: path.join(JDK25, 'bin', 'java') });
    expect(line).toMatch(/handshake_failure/);
    const verdict = await diagnose(server, 'java', ['--java-home', JDK25]);
    agreesWithJava(verdict, line);
    expect(verdict.first).toBe('NO_COMMON_CIPHER');
    expect(verdict.json.problems[0]!.message).toContain('"TLS_RSA_*"');
    expect(verdict.json.java).toEqual({ home: JDK25, version: '25.0.3' });
  });
});

describe('a server that requires a client certificate (TLS 1.3)', () => {
  it('without a key entry neither client connects; with --keystore holding a fitting one the verdict connects', async () => {
    const server = await node({ chain: ['leaf-rsa', 'int'], requireClientCertificate: true });
    const line = await java(server);
    expect(line).toMatch(/certificate_required/);
    const verdict = await diagnose(server, 'java');
    agreesWithJava(verdict, line);
    expect(verdict).toMatchObject({ trusted: true, connects: false, first: 'CLIENT_CERT_REQUIRED' });
    const peer = await opensslHandshake('127.0.0.1', server.port, 'localhost', chainFile('root'), true);
    expect(peer.connected).toBe(false);
    expect(peer.failure).toBe('tlsv13 alert certificate required');
    expect(await diagnose(server, 'openssl')).toMatchObject({ code: 1, connects: false, first: 'CLIENT_CERT_REQUIRED' });

    const keystore = makeClientKeystore(work, path.join(work, 'client.p12'), 'PKCS12', [{ alias: 'app', cn: 'app.example.test', ca: 'root', keyType: 'EC' }]);
    expect(await diagnose(server, 'java', ['--keystore', keystore, '--keystore-password', 'changeit'])).toMatchObject({ code: 0, trusted: true, connects: true });
  });
});

describe('the JDK given', () => {
  it('--java-home that is not a JDK, or an unreadable --java-security, is a usage error (exit 2) before any connection', async () => {
    const notJdk = await trustlens(['diagnose', '127.0.0.1:1', '--truststore', jks, '--java-home', work]);
    expect(notJdk.code).toBe(2);
    expect(notJdk.stderr).toContain(`${work} is not a JDK: it has no conf/security/java.security`);
    const missing = await trustlens(['diagnose', '127.0.0.1:1', '--truststore', jks, '--java-security', path.join(work, 'none.security')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read --java-security');
  });
});
