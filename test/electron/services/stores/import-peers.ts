// The peers the import tests ask about stores TrustLens wrote: `keytool -list -v` (entries and their
// types), StoreKeyCheck.java (Java's KeyStore recovers every private and secret key with its password)
// and `openssl pkcs12 -nocerts -nodes` (OpenSSL decrypts the keys). Run asynchronously, two at a time,
// so in-process TLS servers keep answering.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QUICK_JVM } from '../../../peers/java-client';
import { runAsync } from '../../../peers/run-async';

export const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
export const fixture = (relative: string): string => join(FIXTURES, relative);
export const PASSWORD = 'changeit';

export function scratchDir(prefix = 'trustlens-import-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Copy a fixture into `dir` (tests never write into test/fixtures). */
export function copyFixture(relative: string, dir: string, name = basename(relative)): string {
  const target = join(dir, name);
  copyFileSync(fixture(relative), target);
  return target;
}

export interface KeytoolEntry {
  readonly type: string;
  /** Uppercase colon hex, as keytool prints it; key entries: leaf first. */
  readonly sha256: string[];
}

/** `keytool -list -v` text -> alias -> entry type and certificate fingerprints. */
export function parseKeytoolList(text: string): Map<string, KeytoolEntry> {
  const entries = new Map<string, KeytoolEntry>();
  let current: KeytoolEntry | undefined;
  for (const line of text.split('\n')) {
    const alias = /^Alias name: (.*)$/.exec(line);
    if (alias) {
      current = { type: '', sha256: [] };
      entries.set(alias[1]!, current);
      continue;
    }
    const type = /^Entry type: (.*)$/.exec(line);
    if (type && current) (current as { type: string }).type = type[1]!;
    const fp = /^\s*SHA256: ([0-9A-F:]+)$/.exec(line);
    if (fp && current) current.sha256.push(fp[1]!);
  }
  return entries;
}

export async function keytoolList(store: string, storetype: string, password = PASSWORD): Promise<Map<string, KeytoolEntry>> {
  const args = [...QUICK_JVM.map((f) => `-J${f}`), '-list', '-v', '-keystore', store, '-storepass', password, '-storetype', storetype];
  const result = await runAsync('keytool', args, '', 60_000);
  if (result.status !== 0) throw new Error(`keytool -list ${store} exited ${result.status}: ${result.stdout}${result.stderr}`);
  return parseKeytoolList(result.stdout);
}

/** keytool's "AB:CD:…" for a lowercase hex fingerprint. */
export const keytoolHex = (hex: string): string => hex.toUpperCase().replace(/(..)(?!$)/g, '$1:');

/** Compile StoreKeyCheck.java and the diagnose tests' JavaTlsClient.java in one javac run; returns the class directory. */
export async function compileJavaPeers(): Promise<string> {
  const dir = scratchDir('trustlens-keycheck-');
  const tlsClient = fileURLToPath(new URL('../../../peers/JavaTlsClient.java', import.meta.url));
  const result = await runAsync('javac', [...QUICK_JVM.map((f) => `-J${f}`), '-d', dir, fixture('import/StoreKeyCheck.java'), tlsClient]);
  if (result.status !== 0) throw new Error(`javac failed: ${result.stderr}`);
  return dir;
}

export interface KeyCheckCase {
  readonly id: string;
  readonly store: string;
  readonly storetype: string;
  readonly password?: string;
  /** The keys' password where it differs from the store's. */
  readonly keyPassword?: string;
}

export interface JavaEntry {
  readonly alias: string;
  /** "trustedCertificate", "privateKey:RSA", "secretKey:AES", … */
  readonly kind: string;
  /** SHA-256 of the key's encoding (keys) or of the certificate. */
  readonly sha256: string;
}

/** Every case in one JVM: id -> its entries as Java's KeyStore reads them, keys decrypted. */
export async function runKeyCheck(classDir: string, cases: readonly KeyCheckCase[]): Promise<Map<string, JavaEntry[]>> {
  const input = cases.map((c) => [c.id, c.store, c.storetype, c.password ?? PASSWORD, c.keyPassword ?? c.password ?? PASSWORD].join('\t')).join('\n');
  const result = await runAsync('java', [...QUICK_JVM, '-cp', classDir, 'StoreKeyCheck'], `${input}\n`, 120_000);
  if (result.status !== 0) throw new Error(`StoreKeyCheck exited ${result.status}: ${result.stderr}`);
  const out = new Map<string, JavaEntry[]>(cases.map((c) => [c.id, []]));
  for (const line of result.stdout.split('\n')) {
    const [id, alias, kind, sha256] = line.split('\t');
    if (!id || alias === undefined) continue;
    if (alias === 'ERROR') throw new Error(`StoreKeyCheck ${id}: ${kind}`);
    out.get(id)?.push({ alias, kind: kind!, sha256: sha256! });
  }
  return out;
}

/** The private keys OpenSSL decrypts from a PKCS#12 file, as PEM text. */
export async function opensslPrivateKeys(store: string, legacy: boolean, password = PASSWORD): Promise<string> {
  const args = ['pkcs12', '-in', store, '-nocerts', '-nodes', '-passin', `pass:${password}`, ...(legacy ? ['-legacy'] : [])];
  const result = await runAsync('openssl', args);
  if (result.status !== 0) throw new Error(`openssl pkcs12 -nocerts ${store} failed: ${result.stderr}`);
  return (result.stdout.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/g) ?? []).join('\n');
}
