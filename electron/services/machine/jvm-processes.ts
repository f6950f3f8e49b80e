// The Java processes running on this machine and the javax.net.ssl settings each was started with,
// from Linux's /proc: cmdline (world-readable), environ, exe and maps (readable only by the process's
// user and root). The JDK a process runs is where its libjvm.so was loaded from (the VM derives
// java.home from that path), else the real path of its executable: a tree of symlinks leads to the JDK
// it points at. Other platforms have no /proc: the caller says so.
import { readFileSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { JavaProcess } from '../../../shared/model/machine-stores';
import { applicationOf, redactedCommand, systemProperties } from './java-options';
import { keyStoreOf, trustStoreOf } from './java-trust-rule';

/** The passwords each process was given, kept beside (not in) what crosses to the UI or the JSON: only used to list its stores. */
const givenPasswords = new WeakMap<JavaProcess, ReadonlyMap<string, string>>();

export function passwordsGiven(p: JavaProcess): ReadonlyMap<string, string> {
  return givenPasswords.get(p) ?? new Map();
}

/**
 * The system properties that change how its JDK judges a chain, kept beside the process like its passwords:
 * java.security.properties (a file of java.security overrides, relative to its working directory) and the
 * revocation switches (com.sun.net.ssl.checkRevocation, com.sun.security.enableCRLDP, …).
 */
const ruleProperties = new WeakMap<JavaProcess, ReadonlyMap<string, string>>();
const RULE_PROPERTIES = /^(java\.security\.properties|com\.sun\.net\.ssl\.checkRevocation|com\.sun\.security\.enableCRLDP|jdk\.tls\.client\.enableStatusRequestExtension|ocsp\..*)$/;

export function rulePropertiesOf(p: JavaProcess): ReadonlyMap<string, string> {
  return ruleProperties.get(p) ?? new Map();
}

const JAVA_BINARIES = new Set(['java', 'javaw', 'jsvc']);

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'latin1');
  } catch {
    return null;
  }
}

function nulSeparated(text: string): string[] {
  const parts = text.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function environment(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of nulSeparated(text)) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

/** The JDK home from the process's memory map: …/lib/server/libjvm.so -> … */
function homeFromMaps(maps: string): string | null {
  const m = /\s(\/\S*)\/lib\/(?:[\w-]+\/)?(?:server|client|zero|minimal)\/libjvm\.so$/m.exec(maps); // JDK 8: jre/lib/amd64/server
  return m ? m[1]! : null;
}

function looksLikeJava(argv0: string, exe: string | null): boolean {
  if (exe && JAVA_BINARIES.has(path.basename(exe))) return true;
  return JAVA_BINARIES.has(path.basename(argv0));
}

function processInfo(pid: number, proc: string): JavaProcess | null {
  const cmdline = readText(path.join(proc, String(pid), 'cmdline'));
  if (!cmdline) return null; // gone, or a kernel thread
  const argv = nulSeparated(cmdline);
  let exe: string | null;
  try {
    exe = readlinkSync(path.join(proc, String(pid), 'exe')).replace(/ \(deleted\)$/, '');
  } catch {
    exe = null;
  }
  const maps = readText(path.join(proc, String(pid), 'maps'));
  const javaHomeFromMaps = maps ? homeFromMaps(maps) : null;
  if (!javaHomeFromMaps && !looksLikeJava(argv[0] ?? '', exe)) return null;
  const command = redactedCommand(argv);
  const environText = readText(path.join(proc, String(pid), 'environ'));
  if (environText === null || (!exe && !javaHomeFromMaps)) {
    return { pid, command, readable: false, reason: `its environment and executable are not readable by this user: run TrustLens as the process's user or as root to see which trust store it reads` };
  }
  const env = environment(environText);
  let cwd: string | undefined;
  try {
    cwd = readlinkSync(path.join(proc, String(pid), 'cwd'));
  } catch {
    cwd = undefined;
  }
  const readArgFile = (name: string) => readText(path.isAbsolute(name) || !cwd ? name : path.join(cwd, name));
  const properties = systemProperties(argv, env, readArgFile);
  let javaHome = javaHomeFromMaps;
  if (!javaHome && exe) {
    try {
      javaHome = path.dirname(path.dirname(realpathSync(exe)));
    } catch {
      javaHome = path.dirname(path.dirname(exe));
    }
  }
  const home = javaHome!;
  const trust = trustStoreOf(home, properties, cwd);
  const key = keyStoreOf(properties, cwd);
  const sources: Record<string, string> = {};
  for (const [name, property] of properties) if (name.startsWith('javax.net.ssl.')) sources[name] = property.source;
  const info: JavaProcess = {
    pid,
    command,
    readable: true,
    ...(applicationOf(argv) ? { application: applicationOf(argv)! } : {}),
    javaHome: home,
    trustStore: trust.path,
    trustStoreRule: trust.rule,
    trustStoreType: trust.type,
    trustStorePasswordSet: trust.passwordSet,
    ...(key ? { keyStore: key.path, keyStoreType: key.type, keyStorePasswordSet: key.passwordSet } : {}),
    sources,
    why: trust.why,
    ...(trust.skipped ? { skippedTrustStore: trust.skipped } : {}),
  };
  const passwords = new Map<string, string>();
  const trustPassword = properties.get('javax.net.ssl.trustStorePassword')?.value;
  const keyPassword = properties.get('javax.net.ssl.keyStorePassword')?.value;
  if (trust.path && trustPassword) passwords.set(trust.path, trustPassword);
  if (key && keyPassword) passwords.set(key.path, keyPassword);
  givenPasswords.set(info, passwords);
  const rules = new Map<string, string>();
  for (const [name, property] of properties) {
    if (!RULE_PROPERTIES.test(name)) continue;
    // java.security.properties names a file: as the JVM opens it, from its working directory.
    const file = name === 'java.security.properties' ? property.value.replace(/^=/, '') : null;
    rules.set(name, file !== null && cwd && !path.isAbsolute(file) ? path.join(cwd, file) : property.value);
  }
  ruleProperties.set(info, rules);
  return info;
}

/** Every Java process /proc shows, readable or not; null when there is no /proc (not Linux). */
export function javaProcesses(proc = '/proc'): JavaProcess[] | null {
  let names: string[];
  try {
    names = readdirSync(proc);
  } catch {
    return null;
  }
  const found: JavaProcess[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid) continue;
    const info = processInfo(pid, proc);
    if (info) found.push(info);
  }
  return found.sort((a, b) => a.pid - b.pid);
}

/** One process by id (for `diagnose --pid`); null when it is not a Java process or is gone. */
export function javaProcess(pid: number, proc = '/proc'): JavaProcess | null {
  return processInfo(pid, proc);
}
