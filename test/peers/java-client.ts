// The real JSSE peers of the chain tests, compiled once per test file into a temp dir:
// JavaTlsClient (one JVM checks a whole table of host/port/trust-store cases, one verdict line each),
// JavaHostnameCheck (JSSE's HostnameChecker on a table of certificate/host pairs) and JavaClientAliases
// (the key entries JSSE's key manager would offer a server that asks for a client certificate).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAsync } from './run-async';

/** A short-lived JVM starts faster and burns less CPU with the client compiler only and the serial GC. */
export const QUICK_JVM = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
/** JavaHostnameCheck uses sun.security.util.HostnameChecker, which java.base does not export. */
const HOSTNAME_EXPORTS = ['--add-exports', 'java.base/sun.security.util=ALL-UNNAMED'];

type JavaPeer = 'JavaTlsClient' | 'JavaHostnameCheck' | 'JavaClientAliases';

/** Compile one peer; returns the class directory. */
export async function compileJavaPeer(peer: JavaPeer): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'trustlens-jsse-'));
  const source = fileURLToPath(new URL(`./${peer}.java`, import.meta.url));
  const extra = peer === 'JavaHostnameCheck' ? ['-nowarn', '-XDsuppressNotes', ...HOSTNAME_EXPORTS] : [];
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

async function runPeer(peer: JavaPeer, classDir: string, lines: readonly string[][], jvm: JvmChoice = {}): Promise<Map<string, string>> {
  const args = [...QUICK_JVM, ...(jvm.options ?? []), ...(peer === 'JavaHostnameCheck' ? HOSTNAME_EXPORTS : []), '-cp', classDir, peer];
  const result = await runAsync(jvm.java ?? 'java', args, `${lines.map((fields) => fields.join('\t')).join('\n')}\n`, 120_000);
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
}

/** Every TLS case in one JVM; returns id -> "TRUSTED" or "exception class: message | cause …". */
export function runJavaClient(classDir: string, cases: readonly JavaCase[], jvm: JvmChoice = {}): Promise<Map<string, string>> {
  return runPeer(
    'JavaTlsClient',
    classDir,
    cases.map((c) => [c.id, c.host, c.address, String(c.port), c.trustStore, c.storeType, c.storePassword]),
    jvm,
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
