// Which trust store a JVM reads, by the rule of JDK 17's sun.security.ssl.TrustStoreManager (and the
// keystore it would offer as a client, by SSLContextImpl's default key manager):
//   - javax.net.ssl.trustStore=NONE: no file (a PKCS#11 token or similar);
//   - else the first of [javax.net.ssl.trustStore (default <java.home>/lib/security/jssecacerts),
//     <java.home>/lib/security/cacerts] that is a readable file. So a trustStore property naming a file
//     that does not exist is skipped in silence and cacerts is read (the debug log says only
//     "Inaccessible trust store: …"), and when the property is set, jssecacerts is never looked at.
//   - its type: javax.net.ssl.trustStoreType, else KeyStore.getDefaultType() ("pkcs12" in JDK 17, which
//     also reads JKS files: keystore.type.compat).
// Checked against the JVM's own "trustStore is:" debug line in test/electron/services/machine.
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';
import type { StoreRule } from '../../../shared/model/machine-stores';
import type { SystemProperty } from './java-options';

export interface TrustChoice {
  readonly path: string | null;
  readonly rule: StoreRule;
  readonly why: string;
  readonly type: string;
  readonly passwordSet: boolean;
  /** The property's file when Java skipped it (missing or unreadable). */
  readonly skipped?: string;
}

function readableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

export function securityDir(javaHome: string): string {
  return path.join(javaHome, 'lib', 'security');
}

/** Relative paths are resolved against the process's working directory, as java.io.File does. */
function absolute(file: string, cwd: string | undefined): string {
  return path.isAbsolute(file) || !cwd ? file : path.resolve(cwd, file);
}

export function trustStoreOf(javaHome: string, properties: ReadonlyMap<string, SystemProperty>, cwd?: string, isReadable: (file: string) => boolean = readableFile): TrustChoice {
  const set = properties.get('javax.net.ssl.trustStore');
  const type = properties.get('javax.net.ssl.trustStoreType')?.value || 'pkcs12';
  const passwordSet = (properties.get('javax.net.ssl.trustStorePassword')?.value ?? '') !== '';
  const jssecacerts = path.join(securityDir(javaHome), 'jssecacerts');
  const cacerts = path.join(securityDir(javaHome), 'cacerts');
  if (set?.value === 'NONE') return { path: null, rule: 'javax.net.ssl.trustStore', why: `-Djavax.net.ssl.trustStore=NONE (${set.source}): no file, a token provider is meant`, type, passwordSet };
  if (set) {
    const file = absolute(set.value, cwd);
    if (isReadable(file)) return { path: file, rule: 'javax.net.ssl.trustStore', why: `-Djavax.net.ssl.trustStore is set (${set.source})`, type, passwordSet };
    const fallback = isReadable(cacerts) ? cacerts : null;
    return {
      path: fallback,
      rule: 'cacerts',
      why: `-Djavax.net.ssl.trustStore=${set.value} (${set.source}) is not a readable file, so Java skips it without an error and reads cacerts`,
      type,
      passwordSet,
      skipped: file,
    };
  }
  if (isReadable(jssecacerts)) return { path: jssecacerts, rule: 'jssecacerts', why: 'javax.net.ssl.trustStore is not set and this JDK has a jssecacerts, which Java reads instead of cacerts', type, passwordSet };
  return { path: isReadable(cacerts) ? cacerts : null, rule: 'cacerts', why: 'javax.net.ssl.trustStore is not set and there is no jssecacerts: the JDK default', type, passwordSet };
}

export interface KeyChoice {
  readonly path: string;
  readonly type: string;
  readonly passwordSet: boolean;
  readonly source: string;
}

/** The keystore of the default key manager; none unless javax.net.ssl.keyStore is set. */
export function keyStoreOf(properties: ReadonlyMap<string, SystemProperty>, cwd?: string): KeyChoice | null {
  const set = properties.get('javax.net.ssl.keyStore');
  if (!set || !set.value || set.value === 'NONE') return null;
  return {
    path: absolute(set.value, cwd),
    type: properties.get('javax.net.ssl.keyStoreType')?.value || 'pkcs12',
    passwordSet: (properties.get('javax.net.ssl.keyStorePassword')?.value ?? '') !== '',
    source: set.source,
  };
}
