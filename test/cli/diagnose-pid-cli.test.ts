// `trustlens diagnose TARGET --pid PID` judges with what that running JVM uses, and must agree with the
// JVM itself: JavaDefaultTrustClient made the same handshake with its own settings before it went to sleep.
import { mkdtempSync, rmSync } from 'node:fs';
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
  const base = { host: 'localhost', port: server.port };
  [clients.trusting, clients.other, clients.missing] = await Promise.all([
    startSleepingJavaClient(classDir, { ...base, jvmOptions: [`-Djavax.net.ssl.trustStore=${root}`, `-Djavax.net.ssl.trustStorePassword=${PASSWORD}`] }),
    startSleepingJavaClient(classDir, { ...base, env: { JAVA_TOOL_OPTIONS: `-Djavax.net.ssl.trustStore=${other}` } }),
    startSleepingJavaClient(classDir, { ...base, jvmOptions: [`-Djavax.net.ssl.trustStore=${path.join(dir, 'missing.jks')}`] }),
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
  it('the JVMs themselves: one trusts the server, two do not', () => {
    expect([clients.trusting!.verdict, clients.other!.verdict, clients.missing!.verdict].map((v) => v.split(' ')[0])).toEqual(['TRUSTED', 'FAILED', 'FAILED']);
  });

  it.each(['trusting', 'other', 'missing'])('%s: the verdict equals the JVM’s own', async (name) => {
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
