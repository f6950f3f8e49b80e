// Copying entries between two open stores through the same dispatch the UI uses (copyEntries): trusted
// certificates into any store, key entries as is into a store of their own format, never decrypted.
// Every target is made by keytool; after the save, keytool lists the copies with the source's chains,
// Java's KeyStore recovers each copied key with the password it had in the source (StoreKeyCheck), and
// OpenSSL decrypts a copied PKCS#12 key. What cannot go is skipped with the keytool command that can.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatchClient } from './dispatch-client';
import { compileJavaPeers, copyFixture, fixture, keytoolList, opensslPrivateKeys, PASSWORD, runKeyCheck, scratchDir } from './import-peers';

const dir = scratchDir('trustlens-copy-');

function client() {
  const { call, open } = dispatchClient();
  const indexesOf = (store: { entries: readonly { alias: string }[] }, ...aliases: string[]) =>
    aliases.map((alias) => {
      const index = store.entries.findIndex((e) => e.alias === alias);
      if (index < 0) throw new Error(`no entry ${alias}`);
      return index;
    });
  return { call, open, indexesOf };
}

/** A keytool-made store holding one trusted certificate (the "other" root of the PKCS#12 fixtures). */
function keytoolStore(name: string, storetype: string, password: string): string {
  const file = join(dir, name);
  const r = spawnSync('keytool', ['-importcert', '-noprompt', '-keystore', file, '-storetype', storetype, '-storepass', password, '-alias', 'root-ca', '-file', fixture('pkcs12/add-1.pem')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`keytool -importcert: ${r.stderr}${r.stdout}`);
  return file;
}

let classDir: string;
beforeAll(async () => {
  classDir = await compileJavaPeers();
}, 120_000);

describe('copy between open stores', () => {
  it('carries a JKS key entry and a trusted certificate into another JKS; a clashing alias gets "-2"', async () => {
    const api = client();
    const source = await api.open(fixture('jks/keys.jks'), PASSWORD);
    const targetFile = keytoolStore('target.jks', 'JKS', 'target-pass');
    const target = await api.open(targetFile, 'target-pass');
    const outcome = await api.call('copyEntries', { storeId: target.storeId, fromStoreId: source.storeId, indexes: api.indexesOf(source.store, 'server-rsa', 'root-ca') });
    expect(outcome.copied.map((c) => [c.from, c.alias, c.type])).toEqual([['server-rsa', 'server-rsa', 'privateKey'], ['root-ca', 'root-ca-2', 'trustedCertificate']]);
    expect(outcome.skipped).toEqual([]);
    expect(outcome.notes.join(' ')).toMatch(/keeps the password it had in keys\.jks, which differs from target\.jks's/);
    expect(outcome.message).toBe('Copied 2 entries from keys.jks into target.jks.');
    expect(outcome.store.dirty).toBe(true);
    await api.call('saveStore', { storeId: target.storeId });

    const theirs = await keytoolList(fixture('jks/keys.jks'), 'JKS');
    const ours = await keytoolList(targetFile, 'JKS', 'target-pass');
    expect([...ours.keys()].sort()).toEqual(['root-ca', 'root-ca-2', 'server-rsa']);
    expect(ours.get('server-rsa')).toEqual(theirs.get('server-rsa'));
    expect(ours.get('root-ca-2')!.sha256).toEqual(theirs.get('root-ca')!.sha256);
    // Between JKS stores an entry's own bytes are carried: the copy keeps its date.
    const reread = await client().open(targetFile, 'target-pass');
    const created = (listing: { entries: readonly { alias: string; created: string | null }[] }, alias: string) => listing.entries.find((e) => e.alias === alias)?.created;
    expect(created(reread.store, 'root-ca-2')).toBe(created(source.store, 'root-ca'));
    expect(created(reread.store, 'server-rsa')).toBe(created(source.store, 'server-rsa'));
    const [javaSource, javaTarget] = [
      await runKeyCheck(classDir, [{ id: 's', store: fixture('jks/keys.jks'), storetype: 'JKS' }]),
      await runKeyCheck(classDir, [{ id: 't', store: targetFile, storetype: 'JKS', password: 'target-pass', keyPassword: PASSWORD }]),
    ];
    const key = (entries: { alias: string; kind: string; sha256: string }[] | undefined) => entries?.find((e) => e.alias === 'server-rsa');
    expect(key(javaTarget.get('t'))).toEqual(key(javaSource.get('s')));
    expect(key(javaTarget.get('t'))!.kind).toMatch(/^privateKey:RSA/);
  }, 120_000);

  it('carries JCEKS secret and private keys into another JCEKS', async () => {
    const api = client();
    const source = await api.open(fixture('jks/secrets.jceks'), PASSWORD);
    const targetFile = keytoolStore('target.jceks', 'JCEKS', PASSWORD);
    const target = await api.open(targetFile, PASSWORD);
    const indexes = api.indexesOf(source.store, 'session-aes', 'client-ec');
    const first = await api.call('copyEntries', { storeId: target.storeId, fromStoreId: source.storeId, indexes });
    expect(first.store.entries.map((e) => e.alias)).toEqual(['root-ca', 'session-aes', 'client-ec']);
    // Undo takes a paste back, like any other edit.
    expect((await api.call('undo', { storeId: target.storeId })).store.entries.map((e) => e.alias)).toEqual(['root-ca']);
    const outcome = await api.call('copyEntries', { storeId: target.storeId, fromStoreId: source.storeId, indexes });
    expect(outcome.copied.map((c) => c.alias)).toEqual(['session-aes', 'client-ec']);
    await api.call('saveStore', { storeId: target.storeId });
    const listed = await keytoolList(targetFile, 'JCEKS');
    expect(listed.get('session-aes')?.type).toBe('SecretKeyEntry');
    expect(listed.get('client-ec')).toEqual((await keytoolList(fixture('jks/secrets.jceks'), 'JCEKS')).get('client-ec'));
    const java = await runKeyCheck(classDir, [
      { id: 's', store: fixture('jks/secrets.jceks'), storetype: 'JCEKS' },
      { id: 't', store: targetFile, storetype: 'JCEKS' },
    ]);
    for (const alias of ['session-aes', 'client-ec']) {
      expect(java.get('t')!.find((e) => e.alias === alias), alias).toEqual(java.get('s')!.find((e) => e.alias === alias));
    }
  }, 120_000);

  it('carries PKCS#12 key entries (keytool- and openssl-made) into a keytool PKCS#12: keytool, Java and OpenSSL read them', async () => {
    const api = client();
    const fromKeytool = await api.open(fixture('pkcs12/keytool-default.p12'), PASSWORD);
    const fromOpenssl = await api.open(fixture('pkcs12/openssl-default.p12'), PASSWORD);
    const targetFile = keytoolStore('target.p12', 'PKCS12', PASSWORD);
    const target = await api.open(targetFile, PASSWORD);
    const first = await api.call('copyEntries', { storeId: target.storeId, fromStoreId: fromKeytool.storeId, indexes: api.indexesOf(fromKeytool.store, 'server', 'secret', 'keytool-root') });
    expect(first.copied.map((c) => c.alias)).toEqual(['server', 'secret', 'keytool-root']);
    const opensslIndex = fromOpenssl.store.entries.findIndex((e) => e.type === 'privateKey');
    const opensslKey = fromOpenssl.store.entries[opensslIndex]!;
    const second = await api.call('copyEntries', { storeId: target.storeId, fromStoreId: fromOpenssl.storeId, indexes: [opensslIndex] });
    expect(second.copied).toHaveLength(1);
    const opensslAlias = second.copied[0]!.alias;
    await api.call('saveStore', { storeId: target.storeId });

    const theirs = await keytoolList(fixture('pkcs12/keytool-default.p12'), 'PKCS12');
    const ours = await keytoolList(targetFile, 'PKCS12');
    expect(ours.get('server')).toEqual(theirs.get('server'));
    expect(ours.get('secret')?.type).toBe('SecretKeyEntry');
    expect(ours.get('keytool-root')).toEqual(theirs.get('keytool-root'));
    expect(ours.get(opensslAlias)).toEqual((await keytoolList(fixture('pkcs12/openssl-default.p12'), 'PKCS12')).get(opensslKey.alias));
    const java = await runKeyCheck(classDir, [
      { id: 'k', store: fixture('pkcs12/keytool-default.p12'), storetype: 'PKCS12' },
      { id: 'o', store: fixture('pkcs12/openssl-default.p12'), storetype: 'PKCS12' },
      { id: 't', store: targetFile, storetype: 'PKCS12' },
    ]);
    const find = (id: string, alias: string) => java.get(id)!.find((e) => e.alias === alias);
    expect(find('t', 'server')).toEqual(find('k', 'server'));
    expect(find('t', 'secret')).toEqual(find('k', 'secret'));
    expect(find('t', opensslAlias)?.sha256).toBe(find('o', opensslKey.alias)?.sha256);
    const keys = await opensslPrivateKeys(targetFile, false);
    expect(keys.match(/BEGIN PRIVATE KEY/g)).toHaveLength(2);
  }, 120_000);

  it('skips what cannot go, saying which keytool command can; copies the certificates anyway', async () => {
    const api = client();
    const jks = await api.open(fixture('jks/keys.jks'), PASSWORD);
    const jceks = await api.open(fixture('jks/secrets.jceks'), PASSWORD);
    const p12 = await api.open(copyFixture('pkcs12/keytool-default.p12', dir, 'mixed.p12'), PASSWORD);
    const intoP12 = await api.call('copyEntries', { storeId: p12.storeId, fromStoreId: jceks.storeId, indexes: api.indexesOf(jceks.store, 'session-aes', 'root-ca') });
    expect(intoP12.copied.map((c) => c.alias)).toEqual(['root-ca']);
    expect(intoP12.skipped).toEqual([
      { alias: 'session-aes', reason: expect.stringContaining('keytool -importkeystore -srcstoretype JCEKS -deststoretype PKCS12') },
    ]);
    expect(intoP12.message).toMatch(/^Copied "root-ca" from secrets\.jceks into mixed\.p12\. Skipped "session-aes": TrustLens does not move a secret key from JCEKS into PKCS#12/);
    const intoJks = await api.call('copyEntries', { storeId: jks.storeId, fromStoreId: jceks.storeId, indexes: api.indexesOf(jceks.store, 'session-aes', 'root-ca') });
    expect(intoJks.copied).toEqual([]);
    expect(intoJks.skipped.map((s) => [s.alias, s.reason])).toEqual([
      ['session-aes', expect.stringContaining('JKS cannot hold a secret key')],
      ['root-ca', 'already present as "root-ca"'],
    ]);
    expect(intoJks.store.dirty).toBeFalsy();
    await expect(api.call('copyEntries', { storeId: jks.storeId, fromStoreId: jks.storeId, indexes: [0] })).rejects.toThrow(/already in this store/);
  }, 120_000);

  it('copies certificates into a PEM bundle and refuses its keys, the target left unchanged by a wrong password', async () => {
    const api = client();
    const jks = await api.open(fixture('jks/keys.jks'), PASSWORD);
    const bundle = join(dir, 'bundle.pem');
    spawnSync('cp', [fixture('pkcs12/add-1.pem'), bundle]);
    const pem = await api.open(bundle);
    const outcome = await api.call('copyEntries', { storeId: pem.storeId, fromStoreId: jks.storeId, indexes: api.indexesOf(jks.store, 'legacy-root', 'server-rsa') });
    expect(outcome.copied.map((c) => c.from)).toEqual(['legacy-root']);
    expect(outcome.skipped[0]).toEqual({ alias: 'server-rsa', reason: expect.stringContaining('A PEM bundle here holds certificates only') });
    expect(outcome.store.entries).toHaveLength(2);
    expect(outcome.notes).toContain('A PEM bundle has no aliases: the copies are listed under names derived from their subjects.');

    const locked = await api.open(copyFixture('jks/trust-only.jks', dir, 'locked.jks'));
    await expect(api.call('copyEntries', { storeId: locked.storeId, fromStoreId: jks.storeId, indexes: api.indexesOf(jks.store, 'server-ec'), password: 'wrong' })).rejects.toThrow(/password/i);
    await expect(api.call('copyEntries', { storeId: locked.storeId, fromStoreId: jks.storeId, indexes: api.indexesOf(jks.store, 'server-ec') })).rejects.toThrow(/needs its password/);
  }, 120_000);
});
