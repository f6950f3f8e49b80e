// `trustlens stores --json` against real running JVMs: each started with its trust store chosen a
// different way (-Djavax.net.ssl.trustStore, JAVA_TOOL_OPTIONS, a JDK copy whose lib/security holds a
// jssecacerts, a trustStore property naming a missing file). Every JVM runs with
// -Djavax.net.debug=ssl:trustmanager, so it says itself which file it read ("trustStore is: …"), and
// TrustLens must name the same file by the same rule.
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MachineStoresReport } from '../../shared/model/machine-stores';
import { compileJavaPeer, startSleepingJavaClient, type SleepingJavaClient } from '../peers/java-client';
import { runAsync } from '../peers/run-async';
import { CLI, trustlens } from '../support/cli';
import { run } from '../support/peers';
import { chainFile, startNodeTlsServer, type RunningServer } from '../support/tls-servers';

const PASSWORD = 'Tr0ub4dor-secret';
const SAID = /trustStore is: (.*)\n/;

let dir: string;
let server: RunningServer;
let jdkCopy: string;
const clients: Record<string, SleepingJavaClient> = {};
let report: MachineStoresReport;

function realJavaHome(): string {
  return path.dirname(path.dirname(realpathSync(run('which', ['java']).stdout.trim())));
}

/** The store the JVM itself said it read (a relative name is relative to its working directory). */
function jvmSaid(client: SleepingJavaClient, cwd = process.cwd()): string {
  const m = SAID.exec(client.log);
  if (!m) throw new Error(`the JVM did not say its trust store: ${client.log}`);
  return realpathSync(path.resolve(cwd, m[1]!.trim()));
}

function storeOf(pid: number) {
  const store = report.stores.find((s) => s.usedBy.some((u) => u.kind === 'process' && u.pid === pid && u.purpose === 'truststore'));
  if (!store) throw new Error(`no store names process ${pid}: ${JSON.stringify(report.stores.map((s) => s.path))}`);
  return { store, user: store.usedBy.find((u) => u.pid === pid && u.purpose === 'truststore')! };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'trustlens-stores-'));
  const [classDir, started] = await Promise.all([compileJavaPeer('JavaDefaultTrustClient'), startNodeTlsServer({ chain: ['leaf-rsa', 'int'] })]);
  server = started;
  run('keytool', ['-importcert', '-noprompt', '-alias', 'root', '-file', chainFile('root'), '-keystore', path.join(dir, 'app-trust.p12'), '-storetype', 'PKCS12', '-storepass', PASSWORD]);
  run('keytool', ['-importcert', '-noprompt', '-alias', 'root', '-file', chainFile('root'), '-keystore', path.join(dir, 'tool-trust.jks'), '-storetype', 'JKS', '-storepass', 'changeit']);
  // A real copy of the JDK (java.home follows the binary's real path, so links would lead back to the original).
  jdkCopy = path.join(dir, 'jdk-copy');
  const home = realJavaHome();
  mkdirSync(jdkCopy);
  for (const part of ['bin', 'conf', 'lib', 'release']) cpSync(path.join(home, part), path.join(jdkCopy, part), { recursive: true, dereference: true, filter: (source) => existsSync(source) }); // as cp -rL, leaving out dangling links (src.zip)
  run('keytool', ['-importcert', '-noprompt', '-alias', 'root', '-file', chainFile('root'), '-keystore', path.join(jdkCopy, 'lib', 'security', 'jssecacerts'), '-storetype', 'JKS', '-storepass', 'changeit']);

  const base = { host: 'localhost', port: server.port, waitForLog: SAID };
  const debug = '-Djavax.net.debug=ssl:trustmanager';
  const running = await Promise.all([
    startSleepingJavaClient(classDir, { ...base, jvmOptions: [debug, `-Djavax.net.ssl.trustStore=${path.join(dir, 'app-trust.p12')}`, `-Djavax.net.ssl.trustStorePassword=${PASSWORD}`, '-Djavax.net.ssl.trustStoreType=PKCS12'] }),
    startSleepingJavaClient(classDir, { ...base, jvmOptions: [debug], env: { JAVA_TOOL_OPTIONS: `-Djavax.net.ssl.trustStore=${path.join(dir, 'tool-trust.jks')}` } }),
    startSleepingJavaClient(classDir, { ...base, jvmOptions: [debug], java: path.join(jdkCopy, 'bin', 'java') }),
    startSleepingJavaClient(classDir, { ...base, jvmOptions: [debug, `-Djavax.net.ssl.trustStore=${path.join(dir, 'missing.jks')}`] }),
    startSleepingJavaClient(classDir, { ...base, jvmOptions: [debug, '-Djavax.net.ssl.trustStore=tool-trust.jks'], cwd: dir }),
  ]);
  [clients.property, clients.toolOptions, clients.jssecacerts, clients.missing, clients.relative] = running;
  const result = await trustlens(['stores', '--json']);
  expect(result.code, result.stderr).toBe(0);
  report = JSON.parse(result.stdout) as MachineStoresReport;
}, 120_000);

afterAll(async () => {
  for (const client of Object.values(clients)) client.kill();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('trustlens stores: running JVMs', () => {
  it('names the -Djavax.net.ssl.trustStore of the command line, as the JVM read it', () => {
    const { store, user } = storeOf(clients.property!.pid);
    expect(clients.property!.verdict).toBe('TRUSTED');
    expect(realpathSync(store.path)).toBe(jvmSaid(clients.property!));
    expect(user.rule).toBe('javax.net.ssl.trustStore');
    expect(user.type).toBe('PKCS12');
    expect(user.passwordSet).toBe(true);
    expect(store.format).toBe('PKCS12');
    expect(store.entries).toBe(1); // listed with the process's own password, which is never printed
  });

  it('never prints a password: the command line shows *** in its place', () => {
    const text = JSON.stringify(report);
    expect(text).not.toContain(PASSWORD);
    expect(storeOf(clients.property!.pid).user.command).toContain('-Djavax.net.ssl.trustStorePassword=***');
  });

  it('reads JAVA_TOOL_OPTIONS from the process environment', () => {
    const { store, user } = storeOf(clients.toolOptions!.pid);
    expect(realpathSync(store.path)).toBe(jvmSaid(clients.toolOptions!));
    expect(user.rule).toBe('javax.net.ssl.trustStore');
    expect(user.why).toContain('JAVA_TOOL_OPTIONS');
    expect(user.passwordSet).toBe(false);
    const proc = report.processes.find((p) => p.pid === clients.toolOptions!.pid)!;
    expect(proc.sources?.['javax.net.ssl.trustStore']).toBe('JAVA_TOOL_OPTIONS');
  });

  it("finds the JDK copy by the binary's real path and its jssecacerts, read instead of cacerts", () => {
    const { store, user } = storeOf(clients.jssecacerts!.pid);
    expect(realpathSync(store.path)).toBe(jvmSaid(clients.jssecacerts!));
    expect(store.path).toBe(path.join(jdkCopy, 'lib', 'security', 'jssecacerts'));
    expect(user.rule).toBe('jssecacerts');
    expect(store.warnings.join(' ')).toMatch(/SHADOWS/);
    const jdk = report.jdks.find((j) => j.home === jdkCopy);
    expect(jdk?.jssecacerts).toBe(path.join(jdkCopy, 'lib', 'security', 'jssecacerts'));
    expect(jdk?.version).toMatch(/^17/);
    const cacerts = report.stores.find((s) => s.path === path.join(jdkCopy, 'lib', 'security', 'cacerts'));
    expect(cacerts?.warnings.join(' ')).toMatch(/Shadowed by/);
  });

  it('a trustStore property naming a missing file: Java skips it and reads cacerts, and so says TrustLens', () => {
    const { store, user } = storeOf(clients.missing!.pid);
    expect(clients.missing!.log).toContain(`Inaccessible trust store: ${path.join(dir, 'missing.jks')}`);
    expect(realpathSync(store.path)).toBe(jvmSaid(clients.missing!));
    expect(user.rule).toBe('cacerts');
    expect(user.why).toContain('not a readable file');
    expect(report.processes.find((p) => p.pid === clients.missing!.pid)?.skippedTrustStore).toBe(path.join(dir, 'missing.jks'));
  });

  it("resolves a relative trustStore against the process's working directory", () => {
    const { store, user } = storeOf(clients.relative!.pid);
    expect(clients.relative!.log).toMatch(/trustStore is: tool-trust\.jks\n/);
    expect(store.path).toBe(jvmSaid(clients.relative!, dir));
    expect(user.rule).toBe('javax.net.ssl.trustStore');
  });

  it('warns where processes of one application read different trust stores', () => {
    const { store } = storeOf(clients.property!.pid);
    expect(store.warnings.join(' ')).toMatch(new RegExp(`Process ${clients.toolOptions!.pid} of the same application \\(JavaDefaultTrustClient\\) reads another trust store`));
  });

  it.skipIf(process.getuid?.() !== 0)('lists a JVM this user may not inspect as such (run as nobody)', async () => {
    const result = await runAsync('runuser', ['-u', 'nobody', '--', 'env', 'TMPDIR=/tmp', process.execPath, CLI, 'stores', '--json'], '', 60_000, '/');
    expect(result.status, result.stderr).toBe(0);
    const seen = JSON.parse(result.stdout) as MachineStoresReport;
    const hidden = seen.processes.find((p) => p.pid === clients.property!.pid);
    expect(hidden).toMatchObject({ readable: false });
    expect(hidden?.reason).toMatch(/run TrustLens as the process's user or as root/);
    expect(hidden?.command).toContain('-Djavax.net.ssl.trustStorePassword=***');
    expect(seen.stores.some((s) => s.usedBy.some((u) => u.pid === clients.property!.pid))).toBe(false);
  });
});
