// `trustlens diagnose TARGET --pid PID` judges with what that running JVM uses, and must agree with the
// JVM itself: JavaDefaultTrustClient made the same handshake with its own settings before it went to sleep.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileJavaPeer, startSleepingJavaClient, type SleepingJavaClient } from '../peers/java-client';
import { trustlens } from '../support/cli';
import { run } from '../support/peers';
import { chainFile, startNodeTlsServer, type RunningServer } from '../support/tls-servers';

const PASSWORD = 'pid-Secret-77';
let dir: string;
let server: RunningServer;
const clients: Record<string, SleepingJavaClient> = {};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'trustlens-pid-'));
  const [classDir, started] = await Promise.all([compileJavaPeer('JavaDefaultTrustClient'), startNodeTlsServer({ chain: ['leaf-rsa', 'int'] })]);
  server = started;
  const root = path.join(dir, 'root.p12');
  const other = path.join(dir, 'other.jks');
  run('keytool', ['-importcert', '-noprompt', '-alias', 'root', '-file', chainFile('root'), '-keystore', root, '-storetype', 'PKCS12', '-storepass', PASSWORD]);
  run('keytool', ['-importcert', '-noprompt', '-alias', 'other', '-file', chainFile('other-root'), '-keystore', other, '-storetype', 'JKS', '-storepass', 'changeit']);
  // Its own java.security overrides, relative to its working directory as the JVM reads them: no RSA key under 4096 bits.
  writeFileSync(path.join(dir, 'strict.security'), 'jdk.certpath.disabledAlgorithms=MD2, MD5, SHA1 jdkCA & usage TLSServer, RSA keySize < 4096\n');
  const base = { host: 'localhost', port: server.port };
  [clients.trusting, clients.other, clients.missing, clients.strict] = await Promise.all([
    startSleepingJavaClient(classDir, { ...base, jvmOptions: [`-Djavax.net.ssl.trustStore=${root}`, `-Djavax.net.ssl.trustStorePassword=${PASSWORD}`] }),
    startSleepingJavaClient(classDir, { ...base, env: { JAVA_TOOL_OPTIONS: `-Djavax.net.ssl.trustStore=${other}` } }),
    startSleepingJavaClient(classDir, { ...base, jvmOptions: [`-Djavax.net.ssl.trustStore=${path.join(dir, 'missing.jks')}`] }),
    startSleepingJavaClient(classDir, { ...base, cwd: dir, jvmOptions: [`-Djavax.net.ssl.trustStore=${root}`, `-Djavax.net.ssl.trustStorePassword=${PASSWORD}`, '-Djava.security.properties=strict.security'] }),
  ]);
}, 120_000);

afterAll(async () => {
  for (const client of Object.values(clients)) client.kill();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function diagnosePid(client: SleepingJavaClient) {
  const result = await trustlens(['diagnose', `localhost:${server.port}`, '--pid', String(client.pid), '--json', '--no-download']);
  return { code: result.code, stderr: result.stderr, json: result.stdout ? (JSON.parse(result.stdout) as { trusted: boolean; process: { trustStore: string; rule: string }; java: { home: string; version: string | null }; problems: { code: string }[] }) : null };
}

describe('trustlens diagnose --pid', () => {
  it('the JVMs themselves: one trusts the server, three do not', () => {
    expect([clients.trusting!.verdict, clients.other!.verdict, clients.missing!.verdict, clients.strict!.verdict].map((v) => v.split(' ')[0])).toEqual(['TRUSTED', 'FAILED', 'FAILED', 'FAILED']);
  });

  it('judges with the -Djava.security.properties file the JVM was started with', async () => {
    const { json, stderr } = await diagnosePid(clients.strict!);
    expect(json, stderr).not.toBeNull();
    expect(json!.problems.map((p) => p.code)).toContain('ALGORITHM_CONSTRAINED');
  });

  it.each(['trusting', 'other', 'missing', 'strict'])('%s: the verdict equals the JVM’s own', async (name) => {
    const client = clients[name]!;
    const { code, json, stderr } = await diagnosePid(client);
    expect(json, stderr).not.toBeNull();
    const jvmTrusted = client.verdict === 'TRUSTED';
    expect(json!.trusted).toBe(jvmTrusted);
    expect(code).toBe(jvmTrusted ? 0 : 1);
    expect(json!.java.version).toMatch(/^17/);
  });

  it('opens a PKCS#12 store with the password the process was given, and never prints it', async () => {
    const result = await trustlens(['diagnose', `localhost:${server.port}`, '--pid', String(clients.trusting!.pid), '--no-download']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Process ${clients.trusting!.pid} reads ${path.join(dir, 'root.p12')}`);
    expect(`${result.stdout}${result.stderr}`).not.toContain(PASSWORD);
  });

  it('names the store by the rule: a missing trustStore file means cacerts', async () => {
    const { json } = await diagnosePid(clients.missing!);
    expect(json!.process.rule).toBe('cacerts');
    expect(json!.process.trustStore).toMatch(/lib\/security\/cacerts$/);
  });

  it('a pid that is not a Java process: one line, exit 2', async () => {
    const result = await trustlens(['diagnose', `localhost:${server.port}`, '--pid', String(process.pid)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not a running Java process/);
  });
});
