// Importing a root and an intermediate into stores keytool and OpenSSL made (JKS with two private keys,
// JCEKS with a secret key, PKCS#12 from JDK 17 with modern and legacy algorithms, PKCS#12 from
// `openssl -legacy`): keytool lists old and new entries with the right types, Java and OpenSSL still
// decrypt every key to the same key, untouched entries keep their bytes, a second import adds nothing,
// and a Java client then trusts a server that sends only its leaf.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROLES, pemTextCertificates, selectRoles } from '../../../../electron/services/stores/certificate-sources';
import { readStoreFile } from '../../../../electron/services/stores/file-service';
import { importEdits, planImport, writeEdits, type ImportPlan } from '../../../../electron/services/stores/import-service';
import { decodeStore } from '../../../../shared/formats';
import type { DecodedStore } from '../../../../shared/formats/codec';
import type { JksEntryRaw } from '../../../../shared/formats/jks/jks';
import type { Pkcs12Raw } from '../../../../shared/formats/pkcs12/pkcs12';
import { encodeStore, formatFromFileName } from '../../../../shared/formats/store-writer';
import { runJavaClient, type JavaCase } from '../../../peers/java-client';
import { nodeCrypto } from '../../../support/crypto';
import { opensslFingerprint } from '../../../support/openssl';
import { chainPem, startNodeTlsServer, type RunningServer } from '../../../support/tls-servers';
import {
  compileJavaPeers,
  copyFixture,
  fixture,
  keytoolHex,
  keytoolList,
  opensslPrivateKeys,
  parseKeytoolList,
  PASSWORD,
  runKeyCheck,
  scratchDir,
  type JavaEntry,
  type KeytoolEntry,
} from './import-peers';

interface StoreCase {
  readonly name: string;
  readonly fixture: string;
  readonly storetype: 'JKS' | 'JCEKS' | 'PKCS12';
  /** How OpenSSL reads its keys (PKCS#12 only). */
  readonly openssl?: 'modern' | 'legacy';
}

const STORES: readonly StoreCase[] = [
  { name: 'JKS with two private keys', fixture: 'jks/keys.jks', storetype: 'JKS' },
  { name: 'JCEKS with a secret key', fixture: 'jks/secrets.jceks', storetype: 'JCEKS' },
  { name: 'PKCS#12 by keytool (JDK 17 algorithms)', fixture: 'pkcs12/keytool-default.p12', storetype: 'PKCS12', openssl: 'modern' },
  { name: 'PKCS#12 by keytool (legacy algorithms)', fixture: 'pkcs12/keytool-legacy.p12', storetype: 'PKCS12', openssl: 'legacy' },
  { name: 'PKCS#12 by openssl -legacy', fixture: 'pkcs12/openssl-legacy.p12', storetype: 'PKCS12', openssl: 'legacy' },
];

/** What keytool listed for the fixture when make.sh wrote it (expected.json, NAME.keytool.txt). */
function keytoolBefore(store: StoreCase): Map<string, KeytoolEntry> {
  if (store.storetype === 'PKCS12') return parseKeytoolList(readFileSync(fixture(store.fixture.replace(/\.p12$/, '.keytool.txt')), 'utf8'));
  const expected = JSON.parse(readFileSync(fixture('jks/expected.json'), 'utf8')) as { stores: Record<string, { entries: { alias: string; type: string; sha256: string[] }[] }> };
  const entries = expected.stores[store.fixture.split('/')[1]!]!.entries;
  return new Map(entries.map((e) => [e.alias, { type: e.type, sha256: e.sha256 }]));
}

interface Imported {
  readonly file: string;
  readonly bytesBefore: Uint8Array;
  readonly before: DecodedStore;
  readonly plan: ImportPlan;
  readonly backup: string | null;
}

/** The certificates to import, as a person would paste them: the intermediate and the root. */
const SOURCE_PEM = chainPem('int') + chainPem('root');
const expectedHashes = [opensslFingerprint(chainPem('int')), opensslFingerprint(chainPem('root'))];

async function importChain(file: string): Promise<Imported> {
  const bytesBefore = await readStoreFile(file);
  const before = decodeStore(bytesBefore, { password: PASSWORD, crypto: nodeCrypto });
  const plan = planImport(before, selectRoles(pemTextCertificates(SOURCE_PEM, nodeCrypto), DEFAULT_ROLES), {}, nodeCrypto);
  const written = await writeEdits(file, { bytes: bytesBefore, decoded: before, password: PASSWORD }, importEdits(plan), { baseline: bytesBefore }, nodeCrypto);
  return { file, bytesBefore, before, plan, backup: written.backup };
}

const dir = scratchDir();
const imported = new Map<string, Imported>();
let javaBefore: Map<string, JavaEntry[]>;
let javaAfter: Map<string, JavaEntry[]>;
let keytoolAfter: Map<string, Map<string, KeytoolEntry>>;
let server: RunningServer;
let tlsVerdicts: Map<string, string>;

beforeAll(async () => {
  const [classDir, leafOnly] = await Promise.all([compileJavaPeers(), startNodeTlsServer({ chain: ['leaf-rsa'] })]);
  server = leafOnly;
  for (const store of STORES) imported.set(store.name, await importChain(copyFixture(store.fixture, dir)));
  const cases = (when: 'before' | 'after') =>
    STORES.map((store) => ({ id: store.name, store: when === 'before' ? fixture(store.fixture) : imported.get(store.name)!.file, storetype: store.storetype }));
  const java = await runKeyCheck(classDir, [
    ...cases('before').map((c) => ({ ...c, id: `before ${c.id}` })),
    ...cases('after').map((c) => ({ ...c, id: `after ${c.id}` })),
  ]);
  javaBefore = new Map(STORES.map((store) => [store.name, java.get(`before ${store.name}`)!]));
  javaAfter = new Map(STORES.map((store) => [store.name, java.get(`after ${store.name}`)!]));
  keytoolAfter = new Map();
  await Promise.all(STORES.map(async (store) => keytoolAfter.set(store.name, await keytoolList(imported.get(store.name)!.file, store.storetype))));
  const tlsCase = (id: string, trustStore: string, storeType: string): JavaCase => ({
    id,
    host: 'localhost',
    address: server.host,
    port: server.port,
    trustStore,
    storeType: storeType as JavaCase['storeType'],
    storePassword: PASSWORD,
  });
  tlsVerdicts = await runJavaClient(classDir, [
    tlsCase('control: keys.jks before the import', fixture('jks/keys.jks'), 'JKS'),
    ...STORES.map((store) => tlsCase(store.name, imported.get(store.name)!.file, store.storetype)),
  ]);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe.each(STORES)('import a root and an intermediate into a $name', (store) => {
  const result = () => imported.get(store.name)!;
  let decodedAfter: DecodedStore | undefined;
  const after = () => (decodedAfter ??= decodeStore(new Uint8Array(readFileSync(result().file)), { password: PASSWORD, crypto: nodeCrypto }));

  it('proposes aliases from the subjects and adds both', () => {
    const { plan } = result();
    expect(plan.add.map((a) => a.certificate.summary.sha256)).toEqual(expectedHashes);
    expect(plan.add.map((a) => a.alias)).toEqual(['trustlens-test-intermediate-ca', 'trustlens-test-root-ca']);
    expect(plan.skipped).toEqual([]);
    expect(result().backup).toBe(`${result().file}.bak`);
    expect(new Uint8Array(readFileSync(result().backup!))).toEqual(result().bytesBefore);
  });

  it('keytool lists every old entry as it was and the new ones as trusted certificates', () => {
    const before = keytoolBefore(store);
    const after = keytoolAfter.get(store.name)!;
    expect(before.size).toBeGreaterThan(0);
    for (const [alias, entry] of before) expect(after.get(alias), alias).toEqual(entry);
    expect(after.get('trustlens-test-intermediate-ca')).toEqual({ type: 'trustedCertEntry', sha256: [keytoolHex(expectedHashes[0]!)] });
    expect(after.get('trustlens-test-root-ca')).toEqual({ type: 'trustedCertEntry', sha256: [keytoolHex(expectedHashes[1]!)] });
    expect(after.size).toBe(before.size + 2);
  });

  it('Java still decrypts every private and secret key, to the same key', () => {
    const before = javaBefore.get(store.name)!;
    const after = javaAfter.get(store.name)!;
    const keys = before.filter((e) => e.kind !== 'trustedCertificate');
    expect(keys.length).toBeGreaterThan(0);
    if (store.storetype === 'JCEKS') expect(keys.map((k) => k.kind)).toContain('secretKey:AES');
    for (const entry of before) expect(after).toContainEqual(entry);
    const added = after.filter((e) => !before.some((b) => b.alias === e.alias));
    expect(added.map((e) => [e.kind, e.sha256])).toEqual(expectedHashes.map((h) => ['trustedCertificate', h]));
  });

  it.runIf(store.openssl)('OpenSSL still decrypts the private keys, to the same keys', async () => {
    const legacy = store.openssl === 'legacy';
    const before = await opensslPrivateKeys(fixture(store.fixture), legacy);
    expect(before).toContain('BEGIN PRIVATE KEY');
    expect(await opensslPrivateKeys(result().file, legacy)).toBe(before);
  });

  it('keeps every entry it did not touch byte for byte', () => {
    if (store.storetype === 'PKCS12') {
      // Each content block of the original is still there, exactly; the new certificates are in a block of their own.
      const blocksBefore = (result().before.raw as Pkcs12Raw).blocks.map((b) => b.raw);
      const blocksAfter = (after().raw as Pkcs12Raw).blocks.map((b) => b.raw);
      expect(blocksAfter.slice(0, blocksBefore.length)).toEqual(blocksBefore);
      expect(blocksAfter).toHaveLength(blocksBefore.length + 1);
    } else {
      result().before.entries.forEach((entry, i) => {
        expect(after().entries[i]!.alias).toBe(entry.alias);
        expect((after().entries[i]!.raw as JksEntryRaw).bytes).toEqual((entry.raw as JksEntryRaw).bytes);
      });
    }
  });

  it('adds nothing the second time, and says where each certificate already is', () => {
    const again = planImport(after(), pemTextCertificates(SOURCE_PEM, nodeCrypto).certificates, {}, nodeCrypto);
    expect(again.add).toEqual([]);
    expect(again.skipped.map((s) => s.existingAlias)).toEqual(['trustlens-test-intermediate-ca', 'trustlens-test-root-ca']);
    expect(again.skipped[1]!.message).toBe('already present as alias "trustlens-test-root-ca"');
  });

  it('then a Java client trusts a server that sends only its leaf', () => {
    expect(tlsVerdicts.get('control: keys.jks before the import')).toMatch(/PKIX path building failed|unable to find valid certification path/);
    expect(tlsVerdicts.get(store.name)).toBe('TRUSTED');
  });
});

describe('formats the store writer takes', () => {
  it('knows a new store\'s format from its extension, and nothing else', () => {
    expect(['a.jks', 'b.JCEKS', 'c.p12', 'd.pfx', 'e.pem', 'f.txt', 'g'].map(formatFromFileName)).toEqual(['JKS', 'JCEKS', 'PKCS12', 'PKCS12', 'PEM', null, null]);
  });

  it('refuses to edit DER and PKCS#7 files in place, with a sentence', () => {
    for (const name of ['pem/root.der', 'pem/chain.p7b']) {
      const bytes = new Uint8Array(readFileSync(fixture(name)));
      const store = decodeStore(bytes, { crypto: nodeCrypto });
      expect(() => encodeStore(store, bytes, { add: [] }, undefined, nodeCrypto)).toThrow(/cannot add to or edit a (DER|PKCS#7) file in place; save it as/);
    }
  });
});
