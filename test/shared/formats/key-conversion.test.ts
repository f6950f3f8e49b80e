// Private keys moved between JKS, JCEKS and PKCS#12 (key-transfer.ts): decrypted from keytool- and
// openssl-made stores, written into a store of each other format under a new password. keytool lists the
// result, Java's KeyStore recovers each key with the new password and gets the source's exact key
// (StoreKeyCheck compares the keys' encodings), and OpenSSL decrypts the PKCS#12 targets' keys.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../../electron/services/crypto/node-crypto';
import { decodeStore } from '../../../shared/formats';
import { recoverPrivateKey, type NewKeyEntry } from '../../../shared/formats/key-transfer';
import { entryProtectedKey, protectJksKey, recoverJksKey } from '../../../shared/formats/jks/key-protector';
import { checkEdited, createEmptyStore, decodeWritten, encodeStore, type WritableFormat } from '../../../shared/formats/store-writer';
import { compileJavaPeers, fixture, keytoolList, opensslPrivateKeys, PASSWORD, runKeyCheck, scratchDir } from '../../electron/services/stores/import-peers';

const dir = scratchDir('trustlens-key-move-');
const crypto = nodeCrypto;
const TARGET_PASSWORD = 'new-Pass 2';

interface Source {
  readonly file: string;
  readonly storetype: string;
  readonly alias: string;
  readonly keyPassword: string;
}

/** A keytool-made JKS whose key has its own password, unlike the fixtures. */
function ownKeyPassword(): Source {
  const file = join(dir, 'own-key-password.jks');
  const r = spawnSync('keytool', ['-genkeypair', '-keystore', file, '-storetype', 'JKS', '-storepass', PASSWORD, '-keypass', 'key-only', '-alias', 'own', '-keyalg', 'RSA', '-keysize', '2048', '-dname', 'CN=own.trustlens.test'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`keytool -genkeypair: ${r.stderr}`);
  return { file, storetype: 'JKS', alias: 'own', keyPassword: 'key-only' };
}

const SOURCES: Source[] = [
  { file: fixture('jks/keys.jks'), storetype: 'JKS', alias: 'server-rsa', keyPassword: PASSWORD },
  { file: fixture('jks/secrets.jceks'), storetype: 'JCEKS', alias: 'client-ec', keyPassword: PASSWORD },
  { file: fixture('pkcs12/keytool-default.p12'), storetype: 'PKCS12', alias: 'server', keyPassword: PASSWORD },
  { file: fixture('pkcs12/openssl-3des.p12'), storetype: 'PKCS12', alias: 'leaf', keyPassword: PASSWORD },
];

let classDir: string;
/** What keytool lists of each source's key entry (one JVM per source, not per target). */
const listedKeys = new Map<string, Awaited<ReturnType<typeof keytoolList>> extends Map<string, infer V> ? V : never>();
beforeAll(async () => {
  classDir = await compileJavaPeers();
  SOURCES.push(ownKeyPassword());
  for (const source of SOURCES) listedKeys.set(source.file, (await keytoolList(source.file, source.storetype)).get(source.alias)!);
}, 120_000);

function openSource(source: Source) {
  const decoded = decodeStore(new Uint8Array(readFileSync(source.file)), { password: PASSWORD, crypto });
  const entry = decoded.entries.find((e) => e.alias === source.alias);
  if (!entry) throw new Error(`${source.file} has no ${source.alias}`);
  return { decoded, entry };
}

describe('moving private keys between JKS, JCEKS and PKCS#12', () => {
  it('recovers nothing with a wrong password, and what it protects it recovers', () => {
    const { decoded, entry } = openSource(SOURCES[0]!);
    expect(recoverPrivateKey(decoded, entry, 'wrong', crypto)).toBeNull();
    const pkcs8 = recoverPrivateKey(decoded, entry, PASSWORD, crypto)!;
    expect(pkcs8[0]).toBe(0x30);
    for (const format of ['JKS', 'JCEKS'] as const) {
      const sealed = protectJksKey(format, pkcs8, 'p', crypto);
      expect(recoverJksKey(sealed, 'p', crypto)).toEqual(pkcs8);
      expect(recoverJksKey(sealed, 'q', crypto)).toBeNull();
    }
    expect(() => protectJksKey('JCEKS', pkcs8, 'pässword', crypto)).toThrow(/printable ASCII/);

    // A damaged protected key: one line naming the entry.
    const raw = entry.raw as { bytes: Uint8Array };
    const bytes = raw.bytes.slice();
    bytes[entryProtectedKey(raw.bytes).byteOffset - raw.bytes.byteOffset] = 0x31;
    const damaged = { ...entry, raw: { ...raw, bytes } };
    expect(() => recoverPrivateKey(decoded, damaged, PASSWORD, crypto)).toThrow('The key of "server-rsa": the protected key is not a valid EncryptedPrivateKeyInfo');
  });

  it.each(['JKS', 'JCEKS', 'PKCS12'] as const)('into a new %s store: keytool lists them, Java recovers the same keys with the new password, OpenSSL decrypts PKCS#12', async (format: WritableFormat) => {
    const empty = createEmptyStore(format, TARGET_PASSWORD, crypto);
    const before = decodeWritten(format, empty, TARGET_PASSWORD, crypto);
    const addKey: NewKeyEntry[] = [];
    const sources = SOURCES.filter((s) => s.storetype !== format);
    for (const [i, source] of sources.entries()) {
      const { decoded, entry } = openSource(source);
      const pkcs8 = recoverPrivateKey(decoded, entry, source.keyPassword, crypto);
      expect(pkcs8, source.file).not.toBeNull();
      addKey.push({ alias: `moved-${i}`, pkcs8: pkcs8!, chain: entry.certificates, password: TARGET_PASSWORD, ...(entry.created ? { created: new Date(entry.created) } : {}) });
    }
    const bytes = encodeStore(before, empty, { addKey }, TARGET_PASSWORD, crypto);
    checkEdited(before, decodeWritten(format, bytes, TARGET_PASSWORD, crypto), { addKey }, crypto);
    const file = join(dir, `moved.${format.toLowerCase()}`);
    writeFileSync(file, bytes);

    const listed = await keytoolList(file, format, TARGET_PASSWORD);
    const java = await runKeyCheck(classDir, [
      { id: 'target', store: file, storetype: format, password: TARGET_PASSWORD },
      ...sources.map((s, i) => ({ id: `s${i}`, store: s.file, storetype: s.storetype, keyPassword: s.keyPassword })),
    ]);
    for (const [i, source] of sources.entries()) {
      expect(listed.get(`moved-${i}`), source.file).toEqual(listedKeys.get(source.file));
      const sourceKey = java.get(`s${i}`)!.find((e) => e.alias === source.alias)!;
      const movedKey = java.get('target')!.find((e) => e.alias === `moved-${i}`)!;
      expect(movedKey.kind, source.file).toBe(sourceKey.kind);
      expect(movedKey.sha256, source.file).toBe(sourceKey.sha256);
    }
    if (format === 'PKCS12') {
      const keys = await opensslPrivateKeys(file, false, TARGET_PASSWORD);
      expect(keys.match(/BEGIN PRIVATE KEY/g)).toHaveLength(sources.length);
    }
  }, 120_000);
});
