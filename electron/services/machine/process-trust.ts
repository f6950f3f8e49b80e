// What one running JVM trusts, for `diagnose --pid`: its trust store by Java's rule, the type it asks for,
// the password it was given (used to open the store, never shown) and its JDK.
import { existsSync } from 'node:fs';
import { UsageError } from '../../../shared/errors';
import type { StoreRule } from '../../../shared/model/machine-stores';
import { installedJdks } from './installed-jdks';
import { javaProcess, passwordsGiven, rulePropertiesOf } from './jvm-processes';

export interface ProcessTrust {
  readonly pid: number;
  readonly command: string;
  readonly trustStore: string;
  readonly rule: StoreRule;
  readonly why: string;
  readonly type?: string;
  /** The process's javax.net.ssl.trustStorePassword, for opening the store here only. */
  readonly password?: string;
  readonly java: { readonly home: string; readonly version: string | null };
  /** Its -Djava.security.properties file (overrides of its JDK's java.security), if it was given one. */
  readonly javaSecurity?: string;
  /** Its revocation switches as given (com.sun.net.ssl.checkRevocation, com.sun.security.enableCRLDP, ocsp.*). */
  readonly properties: Readonly<Record<string, string>>;
}

export function processTrust(pid: number): ProcessTrust {
  const p = javaProcess(pid);
  if (!p) throw new UsageError(`Process ${pid} is not a running Java process (run trustlens stores to list them).`);
  if (!p.readable) throw new UsageError(`Process ${pid} cannot be inspected: ${p.reason ?? 'its environment is not readable'}.`);
  if (!p.trustStore) throw new UsageError(`Process ${pid} reads no trust store file (${p.why ?? 'javax.net.ssl.trustStore=NONE'}): give --truststore instead.`);
  const jdk = installedJdks([p.javaHome!]).find((j) => j.home === p.javaHome);
  const password = passwordsGiven(p).get(p.trustStore);
  const rules = rulePropertiesOf(p);
  // A file the JVM cannot read it skips (java.security.Security logs and goes on): so does the verdict.
  const given = rules.get('java.security.properties');
  const javaSecurity = given && existsSync(given) ? given : undefined;
  const properties = Object.fromEntries([...rules].filter(([name]) => name !== 'java.security.properties'));
  return {
    pid,
    command: p.command,
    trustStore: p.trustStore,
    rule: p.trustStoreRule!,
    why: p.why ?? '',
    ...(p.trustStoreType ? { type: p.trustStoreType } : {}),
    ...(password !== undefined ? { password } : {}),
    java: { home: p.javaHome!, version: jdk?.version ?? null },
    ...(javaSecurity ? { javaSecurity } : {}),
    properties,
  };
}
