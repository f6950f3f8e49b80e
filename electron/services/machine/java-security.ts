// Which JDK a Java verdict is for, and its rules: the JDK given with --java-home (or chosen in the app),
// else the one whose `java` the PATH finds; its conf/security/java.security (JDK 8:
// jre/lib/security/java.security) with the overrides of --java-security FILE (the
// -Djava.security.properties format), its version from its `release` file, and the roots of its own
// cacerts (what `jdkCA` in jdk.certpath.disabledAlgorithms refers to: JDK's AnchorCertificates loads
// lib/security/cacerts, the entries labelled " [jdk"). Also the JDKs this machine has, for the app's JDK picker.
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CryptoProvider } from '../../../shared/crypto-provider';
import type { JavaRules } from '../../../shared/chain/java-certpath';
import { JDK17_DEFAULTS, javaSecurityRules } from '../../../shared/chain/java-security';
import { UsageError } from '../../../shared/errors';
import type { JavaRuntime } from '../../../shared/model/probe';
import { nodeCrypto } from '../crypto/node-crypto';
import { decodeOrAsk } from '../stores/decode-or-ask';
import { installedJdks, javaOnPath } from './installed-jdks';

export interface JavaChoice {
  /** A JDK's home (--java-home); default the JDK of the `java` on the PATH. */
  readonly javaHome?: string;
  /** Overrides in the -Djava.security.properties format (--java-security). */
  readonly javaSecurity?: string;
}

/** The master java.security of a JDK home: JDK 9+ conf/security, JDK 8 jre/lib/security (or lib/security of a JRE). */
function masterFile(home: string): string | null {
  for (const rel of [['conf', 'security'], ['jre', 'lib', 'security'], ['lib', 'security']]) {
    const file = path.join(home, ...rel, 'java.security');
    if (existsSync(file)) return file;
  }
  return null;
}

function cacertsFile(home: string): string | null {
  for (const rel of [['lib', 'security'], ['jre', 'lib', 'security']]) {
    const file = path.join(home, ...rel, 'cacerts');
    if (existsSync(file)) return file;
  }
  return null;
}

/** JAVA_VERSION of the JDK's `release` file ("17.0.15"; JDK 8: "1.8.0_392"); '' when it has none. */
function versionOf(home: string): string {
  try {
    const text = readFileText(path.join(home, 'release'));
    return /^JAVA_VERSION="?([^"\n]+)"?/m.exec(text)?.[1] ?? '';
  } catch {
    return '';
  }
}

/** Small files (release, java.security: a few kB) read at once, as the JDK reads them (ISO-8859-1). */
function readFileText(file: string): string {
  return readFileSync(file, 'latin1');
}

const cacertsCache = new Map<string, { mtimeMs: number; sha256: ReadonlySet<string> }>();

/**
 * SHA-256 of the JDK's own roots in its cacerts (JKS lists without a password; PKCS#12 with "changeit"):
 * as AnchorCertificates reads it, only entries whose alias carries the JDK's " [jdk" label (the roots the
 * JDK ships, e.g. "digicertglobalrootca [jdk]"). A cacerts made from the OS bundle (Debian's, aliases
 * "debian:….pem") has none, so there `jdkCA` applies to no chain.
 */
async function jdkCaRoots(home: string, crypto: CryptoProvider): Promise<ReadonlySet<string>> {
  const file = cacertsFile(home);
  if (!file) return new Set();
  try {
    const stat = await fs.stat(file);
    const cached = cacertsCache.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs) return cached.sha256;
    const bytes = new Uint8Array(await fs.readFile(file));
    let outcome = decodeOrAsk(file, bytes, undefined, crypto);
    if ('needs' in outcome) outcome = decodeOrAsk(file, bytes, 'changeit', crypto);
    const sha256 = new Set<string>(
      'decoded' in outcome ? outcome.decoded.entries.flatMap((e) => (e.type === 'trustedCertificate' && e.alias.includes(' [jdk') && e.certificates[0] ? [crypto.digestHex('sha256', e.certificates[0])] : [])) : [],
    );
    cacertsCache.set(file, { mtimeMs: stat.mtimeMs, sha256 });
    return sha256;
  } catch {
    return new Set();
  }
}

/** The JDK the verdict is for and its rules. A --java-home that is not a JDK, or an unreadable --java-security, is a usage error. */
export async function loadJavaRules(choice: JavaChoice = {}, crypto: CryptoProvider = nodeCrypto): Promise<JavaRules> {
  const home = choice.javaHome ? path.resolve(choice.javaHome) : javaOnPath();
  let override: string | undefined;
  if (choice.javaSecurity !== undefined) {
    try {
      override = await fs.readFile(choice.javaSecurity, 'latin1');
    } catch (error) {
      throw new UsageError(`cannot read --java-security ${choice.javaSecurity}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
  }
  const files = choice.javaSecurity !== undefined ? [path.resolve(choice.javaSecurity)] : [];
  if (!home) {
    // No JDK here: JDK 17's own defaults, said as such.
    return { java: javaSecurityRules(JDK17_DEFAULTS, { override, home: '', version: '', files }), jdkCa: new Set() };
  }
  const master = masterFile(home);
  if (!master) {
    if (choice.javaHome) throw new UsageError(`${choice.javaHome} is not a JDK: it has no conf/security/java.security (nor jre/lib/security/java.security); give the JDK's home directory`);
    return { java: javaSecurityRules(JDK17_DEFAULTS, { override, home: '', version: '', files }), jdkCa: new Set() };
  }
  const java = javaSecurityRules(readFileText(master), { override, home, version: versionOf(home), files: [master, ...files] });
  return { java, jdkCa: await jdkCaRoots(home, crypto) };
}

/**
 * The JDKs this machine has, for the app's JDK picker: the ones `trustlens stores` finds (installed-jdks.ts:
 * JAVA_HOME, the `java` on the PATH, the usual install folders), those with a java.security to judge by.
 */
export function listJdks(): JavaRuntime[] {
  return installedJdks().flatMap((jdk) => (masterFile(jdk.home) ? [{ home: jdk.home, version: jdk.version ?? versionOf(jdk.home) }] : []));
}
