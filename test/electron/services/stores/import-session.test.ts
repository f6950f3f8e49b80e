// The UI's side of export and import, through the same dispatch the Electron and browser-mode transports
// use (arguments validated against shared/ipc.ts): plan, apply (unsaved, `dirty`), save (refused when the
// file changed on disk), delete, rename, undo, new stores, Save As into another format, and exports from
// a probe the UI ran. keytool and openssl read every file written.
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchClient } from './dispatch-client';
import { opensslFingerprint, opensslPemFingerprints } from '../../../support/openssl';
import { chainPem, startNodeTlsServer, type RunningServer } from '../../../support/tls-servers';
import { copyFixture, fixture, keytoolHex, keytoolList, opensslPrivateKeys, PASSWORD, scratchDir } from './import-peers';

const dir = scratchDir('trustlens-session-');
const hashOf = (name: string) => opensslFingerprint(chainPem(name));

const client = dispatchClient;

describe('what an opened store sends the window', () => {
  const api = client();

  it('lists one row per entry with the leaf and the rest of the chain as keytool shows them; full summaries on request', async () => {
    const { storeId, store } = await api.open(fixture('jks/keys.jks'), PASSWORD);
    const keytool = await keytoolList(fixture('jks/keys.jks'), 'JKS');
    expect(store.entries.map((e) => e.alias).sort()).toEqual([...keytool.keys()].sort());
    for (const entry of store.entries) {
      const theirs = keytool.get(entry.alias)!;
      const ours = entry.leaf ? [entry.leaf.sha256, ...(entry.chain ?? [])] : [];
      expect(ours.map(keytoolHex), entry.alias).toEqual(theirs.sha256);
      // Only the table's fields travel: no SANs, serials or signature algorithms for 10,000 rows.
      if (entry.leaf) expect(Object.keys(entry.leaf).sort(), entry.alias).toEqual(expect.arrayContaining(['issuer', 'notAfter', 'notBefore', 'sha1', 'sha256', 'subject']));
      expect(entry.leaf && 'subjectAltNames' in entry.leaf, entry.alias).toBeFalsy();
    }
    const certificates = await api.call('storeCertificates', { storeId });
    expect(certificates.map((c) => keytoolHex(c.sha256))).toEqual(store.entries.flatMap((e) => keytool.get(e.alias)!.sha256));
    expect(certificates.every((c) => Array.isArray(c.subjectAltNames) && c.serialNumber.length > 0)).toBe(true);
  });
});

describe('import into an open store, then save', () => {
  const api = client();
  const file = copyFixture('jks/keys.jks', dir, 'session.jks');
  let storeId: string;

  it('plans from pasted PEM, applies as unsaved edits, and saves with a backup keytool reads', async () => {
    ({ storeId } = await api.open(file, PASSWORD));
    const plan = await api.call('planImport', { storeId, source: { pem: chainPem('int') + chainPem('root') + chainPem('leaf-rsa') } });
    expect(plan.add.map((a) => [a.alias, a.sha256, a.certificate.role])).toEqual([
      ['trustlens-test-intermediate-ca', hashOf('int'), 'intermediate'],
      ['trustlens-test-root-ca', hashOf('root'), 'root'],
      ['localhost', hashOf('leaf-rsa'), 'leaf'],
    ]);
    const applied = await api.call('applyImport', { storeId, items: plan.add.slice(0, 2).map((a) => ({ sha256: a.sha256, alias: a.alias.toUpperCase() })) });
    expect(applied.store.dirty).toBe(true);
    expect(applied.added).toEqual([
      { alias: 'trustlens-test-intermediate-ca', sha256: hashOf('int') },
      { alias: 'trustlens-test-root-ca', sha256: hashOf('root') },
    ]);
    expect(applied.store.entries).toHaveLength(7);
    expect((await api.call('entryDetails', { storeId, index: 6 })).chain[0]!.summary.sha256).toBe(hashOf('root'));
    expect(readFileSync(file)).toEqual(readFileSync(fixture('jks/keys.jks'))); // not saved yet

    const saved = await api.call('saveStore', { storeId });
    expect(saved).toMatchObject({ kind: 'saved', file, backup: `${file}.bak` });
    if (saved.kind !== 'saved') return;
    expect(saved.store.dirty).toBeUndefined();
    const listed = await keytoolList(file, 'JKS');
    expect(listed.get('trustlens-test-root-ca')).toEqual({ type: 'trustedCertEntry', sha256: [keytoolHex(hashOf('root'))] });
    expect(listed.get('server-rsa')?.type).toBe('PrivateKeyEntry');
    expect(listed.size).toBe(7);
  });

  it('refuses to apply a certificate it did not plan, or one already in the store', async () => {
    await expect(api.call('applyImport', { storeId, items: [{ sha256: hashOf('other-int'), alias: 'x' }] })).rejects.toThrow(/plan the import again/);
    await expect(api.call('applyImport', { storeId, items: [{ sha256: hashOf('root'), alias: 'again' }] })).rejects.toThrow(/already in this store as "trustlens-test-root-ca"/);
  });

  it('renames, deletes and undoes one step, and refuses to save over a file changed on disk', async () => {
    const renamed = await api.call('renameEntry', { storeId, index: 6, alias: 'Our Root' });
    expect(renamed.store.entries[6]!.alias).toBe('our root');
    await expect(api.call('renameEntry', { storeId, index: 6, alias: 'legacy-root' })).rejects.toThrow(/already exists/);
    const deleted = await api.call('deleteEntries', { storeId, indexes: [5] });
    expect(deleted.store.entries.map((e) => e.alias)).not.toContain('trustlens-test-intermediate-ca');
    expect(deleted.store.undoable).toBe(true);
    const undone = await api.call('undo', { storeId });
    expect(undone.store.entries.map((e) => e.alias)).toContain('trustlens-test-intermediate-ca');
    expect(undone.store.dirty).toBe(true);
    expect(undone.store.undoable).toBeUndefined(); // one step: the app hides Undo now
    await expect(api.call('undo', { storeId })).rejects.toThrow(/nothing to undo/);

    const onDisk = readFileSync(file);
    writeFileSync(file, readFileSync(fixture('jks/keys.jks'))); // someone else replaced the file
    const refused = await api.call('saveStore', { storeId });
    expect(refused).toMatchObject({ kind: 'changedOnDisk', message: expect.stringContaining('changed on disk') });
    expect(readFileSync(file)).toEqual(readFileSync(fixture('jks/keys.jks')));
    expect(onDisk.length).toBeGreaterThan(0);

    const forced = await api.call('saveStore', { storeId, force: true });
    expect(forced.kind).toBe('saved');
    const listed = await keytoolList(file, 'JKS');
    expect(listed.get('our root')).toEqual({ type: 'trustedCertEntry', sha256: [keytoolHex(hashOf('root'))] });
  });

  it('asks for the password before changing a JKS that was opened without one', async () => {
    const other = copyFixture('jks/trust-only.jks', dir, 'nopass.jks');
    const { storeId: id } = await api.open(other);
    const plan = await api.call('planImport', { storeId: id, source: { storeId, indexes: [6] } });
    const items = plan.add.map((a) => ({ sha256: a.sha256, alias: a.alias }));
    await expect(api.call('applyImport', { storeId: id, items })).rejects.toMatchObject({ code: 'PASSWORD_REQUIRED' });
    await expect(api.call('applyImport', { storeId: id, items, password: 'wrong' })).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    const applied = await api.call('applyImport', { storeId: id, items, password: PASSWORD });
    expect(applied.store.entries).toHaveLength(4);
  });

  it('rejects arguments outside the contract', async () => {
    await expect(api.call('planImport', { storeId, source: { pem: 'x', storeId } } as never)).rejects.toMatchObject({ code: 'USAGE' });
    await expect(api.call('applyImport', { storeId, items: [{ sha256: 'ABC', alias: 'x' }] })).rejects.toMatchObject({ code: 'USAGE' });
  });
});

describe('edits to a PEM bundle', () => {
  it('cuts out exactly the blocks deleted (with the comment line written for them) and cannot rename', async () => {
    const api = client();
    const file = copyFixture('pem/chain.pem', dir, 'bundle.pem');
    const original = readFileSync(file);
    const { storeId } = await api.open(file);
    const plan = await api.call('planImport', { storeId, source: { pem: chainPem('root') } });
    expect(plan.add.map((a) => a.alias)).toEqual(['trustlens-test-root-ca-2']);
    const applied = await api.call('applyImport', { storeId, items: plan.add.map((a) => ({ sha256: a.sha256, alias: 'ignored' })) });
    expect(applied.added).toEqual([{ alias: 'trustlens-test-root-ca-2', sha256: hashOf('root') }]);
    await expect(api.call('renameEntry', { storeId, index: 0, alias: 'leaf' })).rejects.toThrow(/PEM file has no aliases/);

    await api.call('deleteEntries', { storeId, indexes: [3] });
    expect((await api.call('saveStore', { storeId })).kind).toBe('saved');
    expect(readFileSync(file)).toEqual(original);

    await api.call('deleteEntries', { storeId, indexes: [1] });
    await api.call('saveStore', { storeId });
    const [leaf, , root] = opensslPemFingerprints(fixture('pem/chain.pem'));
    expect(opensslPemFingerprints(file)).toEqual([leaf, root]);
    expect(readFileSync(file, 'latin1')).toBe(readFileSync(fixture('pem/leaf.pem'), 'latin1') + readFileSync(fixture('pem/root.pem'), 'latin1'));
  });
});

describe('new stores and Save As', () => {
  it('creates a PKCS#12 store in memory and saves it where the person chooses', async () => {
    const target = path.join(dir, 'new.p12');
    const api = client({ showSaveDialog: async (name) => (name === 'Untitled.p12' ? target : null) });
    const created = await api.call('createStore', { format: 'PKCS12', password: PASSWORD });
    expect(created.store).toMatchObject({ format: 'PKCS12', entries: [], dirty: true });
    expect(created.store.undoable).toBeUndefined(); // unsaved, but there is no edit to take back
    const plan = await api.call('planImport', { storeId: created.storeId, source: { pem: chainPem('root') } });
    await api.call('applyImport', { storeId: created.storeId, items: plan.add.map((a) => ({ sha256: a.sha256, alias: a.alias })) });
    const saved = await api.call('saveStore', { storeId: created.storeId });
    expect(saved).toMatchObject({ kind: 'saved', file: target, backup: null });
    const listed = await keytoolList(target, 'PKCS12');
    expect([...listed]).toEqual([['trustlens-test-root-ca', { type: 'trustedCertEntry', sha256: [keytoolHex(hashOf('root'))] }]]);
  });

  it('in browser mode, a store without a file is saved as a download', async () => {
    const api = client();
    const created = await api.call('createStore', { format: 'JKS', password: PASSWORD });
    const saved = await api.call('saveStore', { storeId: created.storeId });
    expect(saved).toMatchObject({ kind: 'download', name: 'Untitled.jks' });
  });

  it('Save As another format carries the certificates and moves the private keys under the new password; a PEM bundle lists the keys it could not take', async () => {
    const api = client();
    const { storeId } = await api.open(copyFixture('jks/keys.jks', dir, 'convert.jks'), PASSWORD);
    const target = path.join(dir, 'converted.p12');
    const result = await api.call('saveStoreAs', { storeId, path: target, format: 'PKCS12', password: 'new-p12-pass' });
    expect(result.kind).toBe('saved');
    if (result.kind !== 'saved') return;
    expect(result.storeId).toBe(storeId);
    expect(result.store.file).toBe(target);
    expect(result.omitted).toEqual([]);
    const theirs = await keytoolList(fixture('jks/keys.jks'), 'JKS');
    const listed = await keytoolList(target, 'PKCS12', 'new-p12-pass');
    expect(listed).toEqual(theirs);
    // OpenSSL decrypts both keys with the new password.
    expect((await opensslPrivateKeys(target, false, 'new-p12-pass')).match(/BEGIN PRIVATE KEY/g)).toHaveLength(2);

    const pem = path.join(dir, 'converted.pem');
    const asPem = await api.call('saveStoreAs', { storeId, path: pem, format: 'PEM' });
    expect(asPem.kind).toBe('saved');
    if (asPem.kind === 'saved') {
      expect(asPem.omitted.map((o) => `${o.alias}: ${o.reason}`).sort()).toEqual(['server-ec', 'server-rsa'].map((a) => `${a}: only trusted certificates can be written to a PEM bundle`));
    }
    expect(opensslPemFingerprints(pem).sort()).toEqual([...listed.values()].filter((e) => e.type === 'trustedCertEntry').map((e) => e.sha256[0]!.replace(/:/g, '').toLowerCase()).sort());
  });

  it('Save As leaves out a key whose password is not the store\'s, saying how to move it', async () => {
    const api = client();
    const file = path.join(dir, 'own-password.jks');
    const made = spawnSync('keytool', ['-genkeypair', '-keystore', file, '-storetype', 'JKS', '-storepass', PASSWORD, '-keypass', 'key-only', '-alias', 'own', '-keyalg', 'EC', '-groupname', 'secp256r1', '-dname', 'CN=own.trustlens.test'], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const { storeId } = await api.open(file, PASSWORD);
    const result = await api.call('saveStoreAs', { storeId, path: path.join(dir, 'own-password.p12'), format: 'PKCS12' });
    expect(result.kind === 'saved' && result.omitted).toEqual([{ alias: 'own', type: 'privateKey', reason: expect.stringContaining("its key has a password of its own, not the store's; copy it into the new store with that password (paste, or trustlens copy --key-password)") }]);
  });
});

describe('exports for the UI', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startNodeTlsServer({ chain: ['leaf-rsa', 'int', 'root'] });
  });
  afterAll(async () => {
    await server.close();
  });

  it('exports a probe the UI ran by its request id, without probing again', async () => {
    const out = path.join(dir, 'from-probe');
    const api = client({ chooseFolder: async () => out });
    await api.call('probe', { requestId: 'probe-1', target: server.target, servername: 'localhost' });
    await server.close(); // the export must come from the probe cache, not a new connection
    const result = await api.call('exportCertificates', { source: { probeId: 'probe-1' }, format: 'pem' });
    expect(result.kind).toBe('written');
    if (result.kind !== 'written') return;
    expect(result.written.map((w) => [path.basename(w.file), w.role, w.sha256])).toEqual([
      ['trustlens-test-intermediate-ca.pem', 'intermediate', hashOf('int')],
      ['trustlens-test-root-ca.pem', 'root', hashOf('root')],
    ]);
    for (const w of result.written) expect(opensslPemFingerprints(w.file)).toEqual([w.sha256]);
    await expect(api.call('exportCertificates', { source: { probeId: 'unknown' }, format: 'pem' })).rejects.toThrow(/probe the server again/);
  });

  it('in browser mode returns the files to download; a cancelled folder dialog writes nothing', async () => {
    const api = client();
    const { storeId } = await api.open(fixture('pem/chain.pem'));
    const result = await api.call('exportCertificates', { source: { storeId, indexes: [2] }, format: 'p7b' });
    expect(result.kind).toBe('download');
    if (result.kind !== 'download') return;
    expect(result.files.map((f) => f.name)).toEqual(['chain.p7b']);
    const file = path.join(dir, 'download.p7b');
    writeFileSync(file, result.files[0]!.bytes);
    expect(opensslPemFingerprints(fixture('pem/root.pem'))).toEqual(result.files[0]!.certificates.map((c) => c.sha256));

    const before = readdirSync(dir).length;
    const cancelled = client({ chooseFolder: async () => null });
    const { storeId: other } = await cancelled.open(fixture('pem/chain.pem'));
    expect(await cancelled.call('exportCertificates', { source: { storeId: other }, format: 'der' })).toEqual({ kind: 'cancelled' });
    expect(readdirSync(dir)).toHaveLength(before);
  });
});

describe('the app and files it may not write', () => {
  it('refuses to save a 0444 store with the command line\'s words, and writes nothing', async () => {
    const api = client();
    const file = copyFixture('jks/trust-only.jks', dir, 'read-only.jks');
    chmodSync(file, 0o444);
    const { storeId } = await api.open(file, PASSWORD);
    await api.call('deleteEntries', { storeId, indexes: [0] });
    await expect(api.call('saveStore', { storeId })).rejects.toThrow(`${file} is read-only; nothing written. Make it writable first, or use Save As to write a copy elsewhere.`);
    expect(readFileSync(file)).toEqual(readFileSync(fixture('jks/trust-only.jks')));
    expect(readdirSync(dir).filter((name) => name.includes('read-only.jks'))).toEqual(['read-only.jks']);
  });

  it('removes, on open, the temporary file a killed write of that store left', async () => {
    const api = client();
    const folder = scratchDir('trustlens-session-leftover-');
    const file = copyFixture('pem/chain.pem', folder, 'bundle.pem');
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    writeFileSync(path.join(folder, `.bundle.pem.trustlens-${dead}-0-0badc0de.tmp`), 'partial');
    await api.open(file);
    expect(readdirSync(folder)).toEqual(['bundle.pem']);
  });
});
