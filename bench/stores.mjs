// The stores the benchmark opens, made once and kept outside the repository (os.tmpdir()/trustlens-bench/
// VERSION/): 10,000 distinct certificates as a PEM bundle, a JKS written by the JDK's own KeyStore
// (make-keystore.java), the PKCS#12 that `keytool -importkeystore` makes from it with the JDK's default
// protection, and the JDK's cacerts. Every store is checked with keytool / openssl before it is used.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCertificates, toPem } from './certificates.mjs';

export const COUNT = 10_000;
export const PASSWORD = 'changeit';
/** Change it when the way the stores are made changes: a new folder is made, old ones stay until tmp is cleaned. */
const VERSION = `v1-${COUNT}`;
const HERE = path.dirname(fileURLToPath(import.meta.url));

export const cacheDir = () => path.join(tmpdir(), 'trustlens-bench', VERSION);

function run(command, args, options = {}) {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

export function hasCommand(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** "Your keystore contains 10,000 entries" (any digit grouping) -> 10000. */
export function keytoolCount(output) {
  const match = /contains ([\d.,\s\u00a0\u202f]+) entr/.exec(output);
  return match ? Number(match[1].replace(/\D/g, '')) : NaN;
}

export function findCacerts() {
  const candidates = [process.env.JAVA_HOME && path.join(process.env.JAVA_HOME, 'lib', 'security', 'cacerts'), '/etc/ssl/certs/java/cacerts'];
  try {
    // keytool's own JDK: /usr/lib/jvm/…/bin/keytool -> …/lib/security/cacerts
    const keytool = run('sh', ['-c', 'readlink -f "$(command -v keytool)"']).trim();
    candidates.push(path.join(path.dirname(path.dirname(keytool)), 'lib', 'security', 'cacerts'));
  } catch {
    /* no keytool */
  }
  return candidates.find((file) => file && existsSync(file)) ?? null;
}

function log(message) {
  process.stderr.write(`${message}\n`);
}

/** Make (or reuse) the stores; returns their paths. Needs java and keytool for the JKS and PKCS#12. */
export function ensureStores() {
  const dir = cacheDir();
  const manifest = path.join(dir, 'manifest.json');
  if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = { pem: path.join(dir, 'bench-10000.pem'), jks: path.join(dir, 'bench-10000.jks'), p12: path.join(dir, 'bench-10000.p12') };

  log(`Making ${COUNT.toLocaleString('en-US')} certificates in ${dir} (once)…`);
  let started = Date.now();
  writeFileSync(files.pem, toPem(generateCertificates(COUNT)));
  log(`  certificates and PEM bundle: ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const haveJava = hasCommand('java') && hasCommand('keytool');
  if (haveJava) {
    started = Date.now();
    run('java', [path.join(HERE, 'make-keystore.java'), files.pem, files.jks, PASSWORD]);
    log(`  JKS (java KeyStore): ${((Date.now() - started) / 1000).toFixed(1)} s`);
    started = Date.now();
    run('keytool', [
      '-importkeystore', '-noprompt',
      '-srckeystore', files.jks, '-srcstoretype', 'JKS', '-srcstorepass', PASSWORD,
      '-destkeystore', files.p12, '-deststoretype', 'PKCS12', '-deststorepass', PASSWORD,
    ]);
    log(`  PKCS#12 (keytool -importkeystore): ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const [file, type] of [[files.jks, 'JKS'], [files.p12, 'PKCS12']]) {
      const count = keytoolCount(run('keytool', ['-list', '-keystore', file, '-storetype', type, '-storepass', PASSWORD]));
      if (count !== COUNT) throw new Error(`keytool lists ${count} entries in ${file}, expected ${COUNT}`);
    }
  } else {
    log('  java/keytool not installed: no JKS or PKCS#12 store.');
    delete files.jks;
    delete files.p12;
  }
  if (hasCommand('openssl')) {
    const found = /Total found: (\d+)/.exec(run('openssl', ['storeutl', '-noout', '-certs', files.pem]))?.[1];
    if (Number(found) !== COUNT) throw new Error(`openssl finds ${found} certificates in ${files.pem}, expected ${COUNT}`);
  }
  writeFileSync(manifest, JSON.stringify(files, null, 2));
  return files;
}

/**
 * A one-key PKCS#12 whose MAC keytool wrote with 5,000,000 iterations, the most JDK 17 accepts (and so the
 * most TrustLens accepts): how long the highest legitimate MAC takes. Null without keytool.
 */
export function ensureMaxIterationStore() {
  if (!hasCommand('keytool')) return null;
  const file = path.join(cacheDir(), 'mac-5000000.p12');
  if (existsSync(file)) return file;
  mkdirSync(cacheDir(), { recursive: true });
  run('keytool', ['-genkeypair', '-keystore', file, '-storetype', 'PKCS12', '-storepass', PASSWORD, '-alias', 'key', '-keyalg', 'EC',
    '-groupname', 'secp256r1', '-dname', 'CN=TrustLens bench 5000000 MAC iterations', '-J-Dkeystore.pkcs12.macIterationCount=5000000']);
  return file;
}
