// The JDKs (and JREs) installed on this machine: JAVA_HOME, the `java` on the PATH, the usual install
// folders of Linux, macOS and Windows, and the homes of running JVMs. Each with its cacerts and, loudly, a
// jssecacerts: Java reads jssecacerts INSTEAD of cacerts when javax.net.ssl.trustStore is not set.
import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { InstalledJdk } from '../../../shared/model/machine-stores';
import { securityDir } from './java-trust-rule';

/** Folders whose children are JDK homes, per platform. */
function installRoots(): { dir: string; suffix: string; label: string }[] {
  if (process.platform === 'darwin') {
    return [
      { dir: '/Library/Java/JavaVirtualMachines', suffix: 'Contents/Home', label: '/Library/Java/JavaVirtualMachines' },
      { dir: path.join(process.env.HOME ?? '', 'Library/Java/JavaVirtualMachines'), suffix: 'Contents/Home', label: '~/Library/Java/JavaVirtualMachines' },
    ];
  }
  if (process.platform === 'win32') {
    const programFiles = [process.env.ProgramFiles, process.env['ProgramFiles(x86)']].filter((dir): dir is string => !!dir);
    return programFiles.flatMap((base) =>
      ['Java', 'Eclipse Adoptium', 'Microsoft', 'Zulu', 'Amazon Corretto', 'BellSoft', 'Semeru'].map((vendor) => ({ dir: path.join(base, vendor), suffix: '', label: path.join(base, vendor) })),
    );
  }
  return [
    { dir: '/usr/lib/jvm', suffix: '', label: '/usr/lib/jvm' },
    { dir: '/usr/java', suffix: '', label: '/usr/java' },
    { dir: '/opt/java', suffix: '', label: '/opt/java' },
    { dir: path.join(process.env.HOME ?? '', '.sdkman/candidates/java'), suffix: '', label: 'SDKMAN' },
  ];
}

function javaBinary(home: string): string {
  return path.join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java');
}

/** JDK 8 keeps its runtime (java.home) in jre/. */
export function runtimeHome(home: string): string {
  const jre = path.join(home, 'jre');
  return existsSync(path.join(jre, 'lib', 'security')) ? jre : home;
}

function versionOf(home: string): string | null {
  for (const dir of [home, path.dirname(home)]) {
    try {
      const m = /^JAVA_VERSION="([^"]+)"/m.exec(readFileSync(path.join(dir, 'release'), 'utf8'));
      if (m) return m[1]!;
    } catch {
      // no release file here
    }
  }
  return null;
}

function javaOnPath(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const java = path.join(dir, process.platform === 'win32' ? 'java.exe' : 'java');
    if (!existsSync(java)) continue;
    try {
      return path.dirname(path.dirname(realpathSync(java)));
    } catch {
      return null;
    }
  }
  return null;
}

/** Every JDK found, once per real folder; `extraHomes`: the homes of running JVMs. */
export function installedJdks(extraHomes: readonly string[] = []): InstalledJdk[] {
  const candidates: { home: string; by: string }[] = [];
  if (process.env.JAVA_HOME) candidates.push({ home: process.env.JAVA_HOME, by: 'JAVA_HOME' });
  const onPath = javaOnPath();
  if (onPath) candidates.push({ home: onPath, by: 'java on the PATH' });
  for (const root of installRoots()) {
    let names: string[];
    try {
      names = readdirSync(root.dir);
    } catch {
      continue;
    }
    for (const name of names.sort()) candidates.push({ home: path.join(root.dir, name, root.suffix), by: root.label });
  }
  for (const home of extraHomes) candidates.push({ home, by: 'a running JVM' });

  const byReal = new Map<string, { home: string; foundBy: string[] }>();
  for (const { home, by } of candidates) {
    if (!existsSync(javaBinary(home))) continue;
    let real: string;
    try {
      real = realpathSync(runtimeHome(home));
    } catch {
      continue;
    }
    const known = byReal.get(real);
    if (known) {
      if (!known.foundBy.includes(by)) known.foundBy.push(by);
    } else byReal.set(real, { home: real, foundBy: [by] });
  }
  return [...byReal.values()].map(({ home, foundBy }) => {
    const security = securityDir(home);
    const cacerts = path.join(security, 'cacerts');
    const jssecacerts = path.join(security, 'jssecacerts');
    return {
      home,
      version: versionOf(home),
      foundBy,
      cacerts: existsSync(cacerts) ? cacerts : null,
      ...(existsSync(jssecacerts) ? { jssecacerts } : {}),
    };
  });
}
