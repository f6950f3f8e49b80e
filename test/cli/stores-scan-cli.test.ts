// `trustlens stores --scan DIR`: the trust stores each product's config files name (fixtures in
// test/fixtures/configs, one folder per product), resolved by that product's rule, with what cannot be
// resolved reported and no password printed. A real JKS made by keytool stands where Tomcat's config points.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MachineStoresReport, StoreUser } from '../../shared/model/machine-stores';
import { trustlens } from '../support/cli';
import { run } from '../support/peers';
import { chainFile } from '../support/tls-servers';

const FIXTURES = fileURLToPath(new URL('../fixtures/configs/', import.meta.url));
let dir: string;
let report: MachineStoresReport;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'trustlens-scan-'));
  cpSync(FIXTURES, dir, { recursive: true });
  run('keytool', ['-importcert', '-noprompt', '-alias', 'root', '-file', chainFile('root'), '-keystore', path.join(dir, 'tomcat', 'conf', 'truststore.jks'), '-storetype', 'JKS', '-storepass', 'changeit']);
  const result = await trustlens(['stores', '--scan', dir, '--json']);
  expect(result.code, result.stderr).toBe(0);
  report = JSON.parse(result.stdout) as MachineStoresReport;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configUse(storePath: string): { user: StoreUser; exists: boolean; entries: number | null; format: string | null } {
  const store = report.stores.find((s) => s.path === storePath);
  const user = store?.usedBy.find((u) => u.kind === 'config');
  if (!store || !user) throw new Error(`no config names ${storePath}: ${report.stores.map((s) => s.path).join(', ')}`);
  return { user, exists: store.exists, entries: store.entries, format: store.format };
}

function at(...parts: string[]): string {
  return path.join(dir, ...parts);
}

describe('trustlens stores --scan: config files of each product', () => {
  it.each([
    // [store path, config file, line, rule, purpose, type]
    ['tomcat SSLHostConfig (relative to CATALINA_BASE)', () => at('tomcat', 'conf', 'truststore.jks'), ['tomcat', 'conf', 'server.xml'], 6, 'SSLHostConfig truststoreFile', 'truststore', 'JKS'],
    ['tomcat Certificate keystore (${catalina.base})', () => at('tomcat', 'conf', 'keystore.p12'), ['tomcat', 'conf', 'server.xml'], 10, 'Certificate certificateKeystoreFile', 'keystore', 'PKCS12'],
    ['setenv.sh -D with a variable the file sets', () => '/opt/tomcat/trust/outbound.jks', ['tomcat', 'bin', 'setenv.sh'], 3, '-Djavax.net.ssl.trustStore', 'truststore', 'JKS'],
    ['Spring Boot server.ssl.trust-store (relative)', () => at('spring-boot', 'config', 'server-trust.p12'), ['spring-boot', 'application.properties'], 3, 'server.ssl.trust-store', 'truststore', 'PKCS12'],
    ['Spring Boot SSL bundle with ${certs.dir}', () => '/etc/orders/certs/backend-trust.jks', ['spring-boot', 'application.properties'], 7, 'spring.ssl.bundle.jks.backend.truststore.location', 'truststore', 'JKS'],
    ['Spring Boot SSL bundle in YAML (file:)', () => '/etc/orders/web-trust.jks', ['spring-boot', 'application.yml'], 7, 'spring.ssl.bundle.jks.web.truststore.location', 'truststore', 'JKS'],
    ['Kafka client', () => '/var/private/ssl/kafka.client.truststore.jks', ['kafka', 'client.properties'], 3, 'ssl.truststore.location', 'truststore', 'JKS'],
    ['Kafka broker listener', () => '/var/private/ssl/kafka.server.truststore.p12', ['kafka', 'server.properties'], 2, 'listener.name.internal.ssl.truststore.location', 'truststore', 'PKCS12'],
    ['Elasticsearch flat key', () => at('elasticsearch', 'config', 'certs', 'http-trust.p12'), ['elasticsearch', 'config', 'elasticsearch.yml'], 3, 'xpack.security.http.ssl.truststore.path', 'truststore', undefined],
    ['Elasticsearch nested keys', () => at('elasticsearch', 'config', 'certs', 'transport-trust.p12'), ['elasticsearch', 'config', 'elasticsearch.yml'], 9, 'xpack.security.transport.ssl.truststore.path', 'truststore', 'PKCS12'],
    ['Elasticsearch jvm.options', () => at('elasticsearch', 'config', 'certs', 'jvm-trust.jks'), ['elasticsearch', 'config', 'jvm.options'], 3, '-Djavax.net.ssl.trustStore', 'truststore', undefined],
    ['OpenSearch', () => at('opensearch', 'truststore.jks'), ['opensearch', 'opensearch.yml'], 1, 'plugins.security.ssl.transport.truststore_filepath', 'truststore', 'JKS'],
    ['Liberty defaultTrustStore with a <variable>', () => '/opt/liberty/certs/trust.p12', ['liberty', 'server.xml'], 7, '<keyStore id="defaultTrustStore"> location', 'truststore', 'PKCS12'],
    ['Liberty trustStoreRef', () => at('liberty', 'partner-trust.jks'), ['liberty', 'server.xml'], 9, '<keyStore id="partnerTrust"> location', 'truststore', 'JKS'],
    ['Liberty defaultKeyStore default location', () => at('liberty', 'resources', 'security', 'key.p12'), ['liberty', 'server.xml'], 6, '<keyStore id="defaultKeyStore"> location', 'keystore', undefined],
    ['systemd unit', () => '/etc/pki/orders/trust.jks', ['systemd', 'orders.service'], 5, '-Djavax.net.ssl.trustStore', 'truststore', undefined],
    ['Dockerfile', () => '/app/certs/trust.jks', ['docker', 'Dockerfile'], 3, '-Djavax.net.ssl.trustStore', 'truststore', undefined],
  ] as [string, () => string, string[], number, string, string, string | undefined][])('%s', (_label, storePath, file, line, rule, purpose, type) => {
    const { user } = configUse(storePath());
    expect(user).toMatchObject({ kind: 'config', file: at(...file), line, rule, purpose });
    expect(user.type).toBe(type);
  });

  it('lists the store that exists (a real JKS) with its format and entries, and says the others are missing', () => {
    expect(configUse(path.join(dir, 'tomcat', 'conf', 'truststore.jks'))).toMatchObject({ exists: true, format: 'JKS', entries: 1 });
    const missing = report.stores.find((s) => s.path === '/etc/pki/orders/trust.jks')!;
    expect(missing.exists).toBe(false);
    expect(missing.warnings.join(' ')).toMatch(/does not exist/);
  });

  it('says which settings it could not resolve, and why', () => {
    const reasons = Object.fromEntries(report.unresolved.map((u) => [`${path.relative(dir, u.file)}:${u.line}`, u.reason]));
    expect(reasons[path.join('tomcat', 'conf', 'server.xml') + ':16']).toMatch(/\$\{tomcat\.trust\.dir\} is not defined/);
    expect(reasons[path.join('tomcat', 'bin', 'setenv.sh') + ':4']).toMatch(/\$\{CATALINA_BASE\} is not defined/);
    expect(reasons[path.join('spring-boot', 'application.properties') + ':9']).toMatch(/classpath:/);
  });

  it('says a password is set, never what it is; notes what Tomcat does not use and what is inside an image', () => {
    expect(JSON.stringify(report)).not.toMatch(/not-printed/);
    expect(configUse(path.join(dir, 'tomcat', 'conf', 'truststore.jks')).user.passwordSet).toBe(true);
    expect(configUse('/app/certs/trust.jks').user.why).toMatch(/inside the container image/);
  });

  it('a --scan folder that does not exist: one line, exit 2', async () => {
    const result = await trustlens(['stores', '--scan', path.join(dir, 'nope')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no such file or folder/);
  });
});
