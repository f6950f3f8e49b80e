// `trustlens stores` and the app's "Trust stores on this machine": every trust store a Java application
// here reads (running JVMs by Java's rule, config files under the folders given, each JDK's default),
// grouped by file, with who reads it, why, and what a person should be warned of.
import { promises as fs, realpathSync } from 'node:fs';
import type { CryptoProvider } from '../../../shared/crypto-provider';
import { decodeStore, detectFormat } from '../../../shared/formats';
import type { InstalledJdk, JavaProcess, MachineStore, MachineStoresReport, StoreUser, UnresolvedSetting } from '../../../shared/model/machine-stores';
import { installedJdks } from './installed-jdks';
import { javaProcesses, passwordsGiven } from './jvm-processes';

/** A store a config file names, as the config scanner reports it. */
export interface ConfigStoreUse {
  readonly path: string;
  readonly user: StoreUser;
}

export interface StoresOptions {
  readonly crypto: CryptoProvider;
  /** Stores named by config files (see config-scan.ts). */
  readonly configs?: readonly ConfigStoreUse[];
  readonly unresolved?: readonly UnresolvedSetting[];
  /** Tests: another /proc. */
  readonly proc?: string;
}

function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** Format and entry count: a JKS lists without its password, a PKCS#12 with the JDK's default or its users' one. */
async function describe(file: string, crypto: CryptoProvider, passwords: readonly string[]): Promise<Pick<MachineStore, 'exists' | 'format' | 'entries'>> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(file));
  } catch {
    return { exists: false, format: null, entries: null };
  }
  const format = detectFormat(bytes);
  for (const password of [undefined, 'changeit', ...passwords]) {
    try {
      return { exists: true, format, entries: decodeStore(bytes, { password, crypto }).entries.length };
    } catch {
      // try the next password
    }
  }
  return { exists: true, format, entries: null };
}

function processUsers(processes: readonly JavaProcess[]): ConfigStoreUse[] {
  const uses: ConfigStoreUse[] = [];
  for (const p of processes) {
    if (!p.readable) continue;
    if (p.trustStore) {
      uses.push({
        path: p.trustStore,
        user: { kind: 'process', pid: p.pid, command: p.command, rule: p.trustStoreRule!, purpose: 'truststore', why: p.why ?? '', type: p.trustStoreType, passwordSet: p.trustStorePasswordSet },
      });
    }
    if (p.keyStore) {
      uses.push({
        path: p.keyStore,
        user: { kind: 'process', pid: p.pid, command: p.command, rule: 'javax.net.ssl.keyStore', purpose: 'keystore', why: '-Djavax.net.ssl.keyStore is set: the key (client certificate) this JVM offers', type: p.keyStoreType, passwordSet: p.keyStorePasswordSet },
      });
    }
  }
  return uses;
}

function jdkUsers(jdks: readonly InstalledJdk[]): ConfigStoreUse[] {
  return jdks.flatMap((jdk): ConfigStoreUse[] => {
    const uses: ConfigStoreUse[] = [];
    if (jdk.jssecacerts) {
      uses.push({ path: jdk.jssecacerts, user: { kind: 'jdk-default', file: jdk.home, rule: 'jssecacerts', purpose: 'truststore', why: `the default of ${jdk.home}: it has a jssecacerts, read instead of cacerts` } });
    }
    if (jdk.cacerts) {
      uses.push({
        path: jdk.cacerts,
        user: { kind: 'jdk-default', file: jdk.home, rule: 'cacerts', purpose: 'truststore', why: jdk.jssecacerts ? `${jdk.home}'s cacerts, shadowed by its jssecacerts: read only by applications that name it` : `the default of ${jdk.home}` },
      });
    }
    return uses;
  });
}

/** Warnings about a store: shadowed, shadowing, missing, or one application split over two stores. */
function warningsFor(store: { path: string; exists: boolean; usedBy: readonly StoreUser[] }, jdks: readonly InstalledJdk[], processes: readonly JavaProcess[]): string[] {
  const warnings: string[] = [];
  const real = realPath(store.path);
  for (const jdk of jdks) {
    if (jdk.jssecacerts && realPath(jdk.jssecacerts) === real) {
      warnings.push(`This jssecacerts SHADOWS ${jdk.cacerts ?? 'cacerts'}: Java applications of ${jdk.home} that do not set javax.net.ssl.trustStore read this file, not cacerts; a certificate imported into cacerts is not seen by them.`);
    }
    if (jdk.jssecacerts && jdk.cacerts && realPath(jdk.cacerts) === real) {
      warnings.push(`Shadowed by ${jdk.jssecacerts}: a JVM of ${jdk.home} without javax.net.ssl.trustStore does not read this file.`);
    }
  }
  if (!store.exists) {
    const what = store.usedBy.some((u) => u.kind === 'process') ? 'Java skips a missing trust store and reads cacerts instead' : 'the application that names it will fail to start its TLS or fall back to a default';
    warnings.push(`The file does not exist: ${what}.`);
  }
  const pids = new Set(store.usedBy.filter((u) => u.kind === 'process' && u.purpose === 'truststore').map((u) => u.pid));
  for (const p of processes) {
    if (!pids.has(p.pid) || !p.application) continue;
    const others = processes.filter((o) => o.application === p.application && o.readable && o.trustStore && realPath(o.trustStore) !== real);
    for (const other of others) {
      const line = `Process ${other.pid} of the same application (${p.application}) reads another trust store: ${other.trustStore}.`;
      if (!warnings.includes(line)) warnings.push(line);
    }
  }
  return warnings;
}

export async function storesInUse(options: StoresOptions): Promise<MachineStoresReport> {
  const notes: string[] = [];
  const found = javaProcesses(options.proc);
  if (found === null) notes.push(`Running JVMs are found from /proc, which ${process.platform} does not have: only JDKs and config files are listed.`);
  const processes = found ?? [];
  // A PKCS#12 trust store cannot be listed without its password: its users' own is tried (never shown).
  const passwords = new Map<string, string[]>();
  for (const p of processes) for (const [file, password] of passwordsGiven(p)) passwords.set(realPath(file), [...(passwords.get(realPath(file)) ?? []), password]);
  const unreadable = processes.filter((p) => !p.readable).length;
  if (unreadable) notes.push(`${unreadable} Java process${unreadable === 1 ? '' : 'es'} could not be inspected by this user (listed under "processes").`);
  const jdks = installedJdks(processes.flatMap((p) => (p.javaHome ? [p.javaHome] : [])));
  const uses = [...processUsers(processes), ...(options.configs ?? []), ...jdkUsers(jdks)];

  const byReal = new Map<string, { path: string; usedBy: StoreUser[] }>();
  for (const use of uses) {
    const key = realPath(use.path);
    const entry = byReal.get(key) ?? { path: use.path, usedBy: [] };
    entry.usedBy.push(use.user);
    byReal.set(key, entry);
  }
  const stores = await Promise.all(
    [...byReal].map(async ([real, { path, usedBy }]): Promise<MachineStore> => {
      const described = await describe(path, options.crypto, passwords.get(real) ?? []);
      const base = { path, ...(real !== path ? { realPath: real } : {}), ...described, usedBy };
      return { ...base, warnings: warningsFor(base, jdks, processes) };
    }),
  );
  return { stores, jdks, processes, unresolved: options.unresolved ?? [], notes };
}
