// The real JSSE peers of the chain tests, compiled once per test file into a temp dir:
// JavaTlsClient (one JVM checks a whole table of host/port/trust-store cases, one verdict line each),
// JavaHostnameCheck (JSSE's HostnameChecker on a table of certificate/host pairs) and JavaClientAliases
// (the key entries JSSE's key manager would offer a server that asks for a client certificate),
// JavaStartTlsClient (a protocol's STARTTLS exchange on a plain socket, then JSSE layered over it), and
// JavaDefaultTrustClient (one handshake with the JVM's default trust settings, then a sleep: a running
// "application" whose trust store `trustlens stores` must name, and whose debug log `explain` reads), and
// JavaRevocationClient (JavaTlsClient after Security.setProperty of the revocation security properties).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAsync } from './run-async';

/** A short-lived JVM starts faster and burns less CPU with the client compiler only and the serial GC. */
export const QUICK_JVM = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
/** JavaHostnameCheck uses sun.security.util.HostnameChecker, which java.base does not export. */
const HOSTNAME_EXPORTS = ['--add-exports', 'java.base/sun.security.util=ALL-UNNAMED'];

type JavaPeer = 'JavaTlsClient' | 'JavaHostnameCheck' | 'JavaClientAliases' | 'JavaStartTlsClient' | 'JavaDefaultTrustClient' | 'JavaRevocationClient';

/** Compile one peer; returns the class directory. */
export async function compileJavaPeer(peer: JavaPeer): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'trustlens-jsse-'));
  const source = fileURLToPath(new URL(`./${peer}.java`, import.meta.url));
  // JavaRevocationClient runs JavaTlsClient's cases: javac finds that source beside it.
  const extra = peer === 'JavaHostnameCheck' ? ['-nowarn', '-XDsuppressNotes', ...HOSTNAME_EXPORTS] : peer === 'JavaRevocationClient' ? ['-sourcepath', dirname(source)] : [];
  const result = await runAsync('javac', [...QUICK_JVM.map((flag) => `-J${flag}`), ...extra, '-d', dir, source]);
  if (result.status !== 0) throw new Error(`javac ${peer}.java failed: ${result.stderr || result.stdout}`);
  return dir;
}

/** Run a peer on tab-separated input lines (first field an id); returns id -> the rest of its output line. */
/** Which JVM runs a peer: `java` (default the one on the PATH) and extra options such as -Djava.security.properties=FILE. */
export interface JvmChoice {
  readonly java?: string;
  readonly options?: readonly string[];
}

async function runPeer(peer: JavaPeer, classDir: string, lines: readonly string[][], jvm: JvmChoice | readonly string[] = []): Promise<Map<string, string>> {
  const choice: JvmChoice = Array.isArray(jvm) ? { options: jvm as readonly string[] } : (jvm as JvmChoice);
  const args = [...QUICK_JVM, ...(peer === 'JavaHostnameCheck' ? HOSTNAME_EXPORTS : []), ...(choice.options ?? []), '-cp', classDir, peer];
  const result = await runAsync(choice.java ?? 'java', args, `${lines.map((fields) => fields.join('\t')).join('\n')}\n`, 120_000);
  if (result.status !== 0) throw new Error(`${peer} exited ${result.status}: ${result.stderr}`);
  const out = new Map<string, string>();
  for (const line of result.stdout.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) out.set(line.slice(0, tab), line.slice(tab + 1));
  }
  for (const [id] of lines) if (!out.has(id!)) throw new Error(`${peer} printed nothing for ${id}: ${result.stderr}`);
  return out;
}

export interface JavaCase {
  readonly id: string;
  /** Name sent as SNI and checked by endpoint identification. */
  readonly host: string;
  /** Address actually connected to. */
  readonly address: string;
  readonly port: number;
  readonly trustStore: string;
  readonly storeType: 'JKS' | 'PKCS12';
  readonly storePassword: string;
  /** SNI name to send instead of `host` (which stays the peer host that endpoint identification falls back to). */
  readonly servername?: string;
}

/**
 * Every TLS case in one JVM; returns id -> "TRUSTED" or "exception class: message | cause …".
 * `jvm`: -Dname=value options the JVM is started with, or which `java` runs them and with what options.
 */
export function runJavaClient(classDir: string, cases: readonly JavaCase[], jvm: JvmChoice | readonly string[] = []): Promise<Map<string, string>> {
  return runPeer(
    'JavaTlsClient',
    classDir,
    cases.map((c) => [c.id, c.host, c.address, String(c.port), c.trustStore, c.storeType, c.storePassword, ...(c.servername ? [c.servername] : [])]),
    jvm,
  );
}

/**
 * JavaTlsClient's cases with revocation settings: `security` are set with Security.setProperty before the
 * first handshake (e.g. ocsp.enable), `jvm.options` are the -D system properties (com.sun.net.ssl.checkRevocation).
 */
export function runJavaRevocationClient(classDir: string, cases: readonly JavaCase[], security: Readonly<Record<string, string>>, options: readonly string[] = []): Promise<Map<string, string>> {
  const securityOptions = Object.entries(security).map(([name, value]) => `-Dtrustlens.security.${name}=${value}`);
  return runPeer(
    'JavaRevocationClient',
    classDir,
    cases.map((c) => [c.id, c.host, c.address, String(c.port), c.trustStore, c.storeType, c.storePassword]),
    [...options, ...securityOptions],
  );
}

/** The aliases JSSE's default key manager would offer a server that names `issuers` (RFC 2253), for each keystore: id -> aliases. */
export async function runJavaClientAliases(
  classDir: string,
  cases: readonly { id: string; store: string; storeType: 'JKS' | 'PKCS12'; password: string; issuers: readonly string[] }[],
): Promise<Map<string, string[]>> {
  const out = await runPeer('JavaClientAliases', classDir, cases.map((c) => [c.id, c.store, c.storeType, c.password, ...c.issuers]));
  return new Map([...out].map(([id, aliases]) => [id, aliases ? aliases.split(',') : []]));
}

/** JSSE's hostname verdict for each (id, certificate PEM file, host): id -> true when it matches. */
export async function runJavaHostnameChecks(classDir: string, cases: readonly { id: string; certificate: string; host: string }[]): Promise<Map<string, boolean>> {
  const out = await runPeer('JavaHostnameCheck', classDir, cases.map((c) => [c.id, c.certificate, c.host]));
  return new Map([...out].map(([id, verdict]) => [id, verdict === 'MATCH']));
}

/** A JavaCase after a protocol's upgrade to TLS (smtp, ldap, postgres, mysql, …). */
export interface JavaStartTlsCase extends JavaCase {
  readonly protocol: string;
}

/** Every STARTTLS case in one JVM, one after the other; returns id -> "TRUSTED" or the exception. */
export function runJavaStartTlsClient(classDir: string, cases: readonly JavaStartTlsCase[]): Promise<Map<string, string>> {
  return runPeer(
    'JavaStartTlsClient',
    classDir,
    cases.map((c) => [c.id, c.protocol, c.host, c.address, String(c.port), c.trustStore, c.storeType, c.storePassword]),
  );
}

export interface DefaultTrustClientRun {
  /** TRUSTED or "FAILED exception…" (stdout). */
  readonly verdict: string;
  /** Everything the JVM wrote on stderr: the -Djavax.net.debug log and the stack trace. */
  readonly log: string;
}

export interface DefaultTrustClientOptions {
  readonly host: string;
  readonly address?: string;
  readonly port: number;
  /** JVM options before the class, e.g. -Djavax.net.ssl.trustStore=…, -Djavax.net.debug=ssl:handshake. */
  readonly jvmOptions?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** The java binary (a JDK copy's bin/java); default the one on the PATH. */
  readonly java?: string;
  /** The JVM's working directory (relative store paths are resolved against it). */
  readonly cwd?: string;
  /** startSleepingJavaClient: also wait until the log shows this (e.g. /trustStore is: .*\n/). */
  readonly waitForLog?: RegExp;
}

function defaultTrustArgs(classDir: string, options: DefaultTrustClientOptions, sleepSeconds: number): string[] {
  return [...QUICK_JVM, ...(options.jvmOptions ?? []), '-cp', classDir, 'JavaDefaultTrustClient', options.host, options.address ?? '127.0.0.1', String(options.port), String(sleepSeconds)];
}

/** One handshake by JavaDefaultTrustClient, to the end: its verdict and its log. */
export async function runDefaultTrustClient(classDir: string, options: DefaultTrustClientOptions): Promise<DefaultTrustClientRun> {
  const child = spawn(options.java ?? 'java', defaultTrustArgs(classDir, options, 0), { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let log = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (log += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => resolve());
  });
  clearTimeout(timer);
  return { verdict: stdout.trim(), log };
}

export interface SleepingJavaClient extends DefaultTrustClientRun {
  readonly pid: number;
  readonly process: ChildProcess;
  kill(): void;
}

/** JavaDefaultTrustClient after its handshake, still running (sleeping) until kill(). */
export async function startSleepingJavaClient(classDir: string, options: DefaultTrustClientOptions): Promise<SleepingJavaClient> {
  const child = spawn(options.java ?? 'java', defaultTrustArgs(classDir, options, 300), { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], cwd: options.cwd });
  let stdout = '';
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (/^(TRUSTED|FAILED)/m.test(stdout) && (!options.waitForLog || options.waitForLog.test(log))) resolve();
    };
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`JavaDefaultTrustClient exited (${code}) before its handshake: ${log}`)));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      log += d;
      check();
    });
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      check();
    });
  });
  child.removeAllListeners('exit');
  return {
    pid: child.pid!,
    process: child,
    verdict: stdout.trim(),
    get log() {
      return log;
    },
    kill: () => child.kill('SIGKILL'),
  };
}
