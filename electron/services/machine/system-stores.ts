// Trust stores this machine already has: the JDK's cacerts (for the java profile) and the OS bundle
// (for the openssl profile). Offered when no store is open.
import { existsSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { SystemTrustStore } from '../../../shared/ipc';

function candidates(): SystemTrustStore[] {
  const list: SystemTrustStore[] = [];
  const javaHome = process.env.JAVA_HOME;
  if (javaHome) list.push({ path: path.join(javaHome, 'lib', 'security', 'cacerts'), label: `JDK cacerts (JAVA_HOME)`, defaultPassword: 'changeit' });
  list.push(
    { path: '/etc/ssl/certs/java/cacerts', label: 'Java cacerts (system)', defaultPassword: 'changeit' },
    { path: '/usr/lib/jvm/default-java/lib/security/cacerts', label: 'Java cacerts (default-java)', defaultPassword: 'changeit' },
    { path: '/Library/Java/JavaVirtualMachines/Current/Contents/Home/lib/security/cacerts', label: 'Java cacerts', defaultPassword: 'changeit' },
  );
  // The JDK that `java` runs, where its cacerts is none of the above (RHEL's links to /etc/pki/ca-trust).
  const onPath = javaOnPath();
  if (onPath) list.push({ path: path.join(onPath, 'lib', 'security', 'cacerts'), label: 'JDK cacerts (java on PATH)', defaultPassword: 'changeit' });
  list.push(
    { path: '/etc/ssl/certs/ca-certificates.crt', label: 'OS CA bundle (Debian/Ubuntu)' },
    { path: '/etc/pki/tls/certs/ca-bundle.crt', label: 'OS CA bundle (RHEL)' },
    { path: '/etc/ssl/cert.pem', label: 'OS CA bundle' },
  );
  return list;
}

/** The home of the JDK whose `java` the PATH finds (bin/java, through its links), if any. */
export function javaOnPath(): string | null {
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

export function findSystemTrustStores(): SystemTrustStore[] {
  const seen = new Set<string>();
  const found: SystemTrustStore[] = [];
  for (const store of candidates()) {
    if (!existsSync(store.path)) continue;
    let real: string;
    try {
      real = realpathSync(store.path);
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    found.push(store);
  }
  return found;
}
