// Which certificates of a store Java trusts, checked against a real JSSE client: the first certificate
// of a private-key entry is an anchor (JSSE's TrustStoreUtil adds it), and a PKCS#12 certificate without
// Java's trusted-key-usage attribute (as OpenSSL writes them) is not. Our Java verdict must follow, and
// say why a certificate the store holds is not used.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../shared/chain/diagnose';
import { decodeStore } from '../../shared/formats';
import type { ClientProfile } from '../../shared/model/probe';
import { ignoredAnchors, trustAnchors } from '../../electron/services/diagnosis/probe-service';
import { probeTls } from '../../electron/services/tls/probe';
import { nodeCrypto } from '../support/crypto';
import { run } from '../support/peers';
import { compileJavaPeer, runJavaClient } from '../peers/java-client';
import { DIAGNOSE_DIR, startChainServer, STORE_PASSWORD, type ChainServer } from './diagnose-fixtures';

const fixture = (name: string) => join(DIAGNOSE_DIR, name);

/** Stores holding the diagnose root CA in different ways, each made by the tool users would use. */
const STORES = {
  // The root with its key, as a PrivateKeyEntry (e.g. a CA's own keystore used as a trust store).
  'root as a key entry (JKS)': { file: 'key-entry.jks', type: 'JKS', javaTrusts: true },
  // `openssl pkcs12 -export -nokeys`: no trusted-key-usage attribute, so Java lists no entries; no
  // friendly name either (-name only names a key's certificate), so the alias is derived from the subject.
  'root from openssl (PKCS#12)': { file: 'openssl.p12', type: 'PKCS12', javaTrusts: false },
  // `keytool -importcert` into PKCS#12: the attribute is there.
  'root from keytool (PKCS#12)': { file: 'keytool.p12', type: 'PKCS12', javaTrusts: true },
} as const;
type StoreLabel = keyof typeof STORES;

let dir = '';
let classDir = '';
let server: ChainServer;
let sent: Uint8Array[] = [];
const javaVerdicts = new Map<string, string>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trustlens-anchors-'));
  const pass = `pass:${STORE_PASSWORD}`;
  const keyP12 = join(dir, 'key.p12');
  run('openssl', ['pkcs12', '-export', '-in', fixture('root.pem'), '-inkey', fixture('root.key'), '-name', 'root-key', '-passout', pass, '-out', keyP12]);
  run('keytool', ['-importkeystore', '-noprompt', '-srckeystore', keyP12, '-srcstoretype', 'PKCS12', '-srcstorepass', STORE_PASSWORD, '-destkeystore', join(dir, 'key-entry.jks'), '-deststoretype', 'JKS', '-deststorepass', STORE_PASSWORD]);
  run('openssl', ['pkcs12', '-export', '-nokeys', '-in', fixture('root.pem'), '-name', 'root', '-passout', pass, '-out', join(dir, 'openssl.p12')]);
  run('keytool', ['-importcert', '-noprompt', '-alias', 'root', '-file', fixture('root.pem'), '-keystore', join(dir, 'keytool.p12'), '-storetype', 'PKCS12', '-storepass', STORE_PASSWORD]);

  server = await startChainServer('leaf', ['leaf', 'int']);
  sent = (await probeTls(`127.0.0.1:${server.port}`, { servername: 'localhost' })).sent;
  classDir = await compileJavaPeer('JavaTlsClient');
  const cases = (Object.entries(STORES) as [StoreLabel, (typeof STORES)[StoreLabel]][]).map(([label, store]) => ({
    id: label,
    host: 'localhost',
    address: '127.0.0.1',
    port: server.port,
    trustStore: join(dir, store.file),
    storeType: store.type,
    storePassword: STORE_PASSWORD,
  }));
  for (const [id, verdict] of await runJavaClient(classDir, cases)) javaVerdicts.set(id, verdict);
});

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (classDir) rmSync(classDir, { recursive: true, force: true });
});

function ourVerdict(label: StoreLabel, client: ClientProfile) {
  const store = decodeStore(new Uint8Array(readFileSync(join(dir, STORES[label].file))), { password: STORE_PASSWORD, crypto: nodeCrypto });
  return diagnose({
    target: `127.0.0.1:${server.port}`,
    host: 'localhost',
    sent,
    trustStore: trustAnchors(store, client),
    ignored: ignoredAnchors(store, client),
    client,
    crypto: nodeCrypto,
  });
}

describe('the anchors Java takes from a store', () => {
  it.each(Object.keys(STORES) as StoreLabel[])('%s: our Java verdict is the JSSE client’s', (label) => {
    const java = javaVerdicts.get(label);
    expect(java === 'TRUSTED', `JSSE: ${java}`).toBe(STORES[label].javaTrusts);
    const ours = ourVerdict(label, 'java');
    expect(ours.trusted, ours.problems.map((p) => p.message).join('\n')).toBe(STORES[label].javaTrusts);
  });

  it('an OpenSSL-made PKCS#12 holds the root, and the verdict says why Java ignores it', () => {
    const listed = run('keytool', ['-list', '-keystore', join(dir, 'openssl.p12'), '-storetype', 'PKCS12', '-storepass', STORE_PASSWORD]).stdout;
    expect(listed).toMatch(/contains 0 entries/);
    const [first] = ourVerdict('root from openssl (PKCS#12)', 'java').problems;
    expect(first?.code).toBe('UNTRUSTED_ROOT');
    expect(first?.message).toMatch(/does hold 'CN=Diagnose Root CA,O=TrustLens Diagnose', as 'diagnose-root-ca'.*Java ignores it/);
    expect(first?.fix).toMatch(/^Delete 'diagnose-root-ca' and import/);
    // OpenSSL's profile reads every certificate of the file.
    expect(ourVerdict('root from openssl (PKCS#12)', 'openssl').trusted).toBe(true);
  });

  it('a key entry is no anchor for OpenSSL’s profile', () => {
    expect(ourVerdict('root as a key entry (JKS)', 'openssl').trusted).toBe(false);
  });
});
