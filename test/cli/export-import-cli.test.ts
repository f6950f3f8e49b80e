// `trustlens export` and `trustlens import` as the contract states them, run as a user would
// (node dist/cli/trustlens.cjs): exit codes 0/2/3, --json documents, files openssl and keytool read,
// and a wrong password that leaves the store byte for byte as it was with nothing left beside it.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustlens } from '../support/cli';
import { opensslFingerprint, opensslPemFingerprints, opensslPkcs7Fingerprints } from '../support/openssl';
import { run } from '../support/peers';
import { chainFile, chainPem, startConnectProxy, startNodeTlsServer, type RunningServer } from '../support/tls-servers';
import { copyFixture, fixture, keytoolHex, keytoolList, PASSWORD, scratchDir } from '../electron/services/stores/import-peers';

const hashOf = (name: string) => opensslFingerprint(chainPem(name));
const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown> & { written: { file: string; role: string; sha256: string; subject: string }[] };

let full: RunningServer;
let noRoot: RunningServer;
beforeAll(async () => {
  [full, noRoot] = await Promise.all([startNodeTlsServer({ chain: ['leaf-rsa', 'int', 'root'] }), startNodeTlsServer({ chain: ['leaf-rsa', 'int'] })]);
});
afterAll(async () => {
  await Promise.all([full?.close(), noRoot?.close()]);
});

describe('trustlens export', () => {
  const dir = scratchDir('trustlens-cli-export-');
  const chain = fixture('pem/chain.pem');
  const chainHashes = opensslPemFingerprints(chain);

  it('writes PEM files named from subject and role, and prints {written: [{file, subject, role, sha256}]}', async () => {
    const out = path.join(dir, 'pem');
    const r = await trustlens(['export', chain, '--out', out, '--certs', 'all', '--json']);
    expect(r.code).toBe(0);
    const doc = json(r.stdout);
    expect(doc.written.map((w) => [path.basename(w.file), w.role, w.sha256])).toEqual([
      ['www.example.test-leaf.pem', 'leaf', chainHashes[0]],
      ['trustlens-test-intermediate-ca.pem', 'intermediate', chainHashes[1]],
      ['trustlens-test-root-ca.pem', 'root', chainHashes[2]],
    ]);
    expect(doc.written[2]!.subject).toBe('CN=TrustLens Test Root CA,O=TrustLens Test,C=US');
    for (const w of doc.written) expect(opensslPemFingerprints(w.file)).toEqual([w.sha256]);
  });

  it('writes one PKCS#7 file with the default roots and intermediates; people get a table with SHA-256', async () => {
    const out = path.join(dir, 'p7b');
    const r = await trustlens(['export', chain, '--out', out, '--format', 'p7b']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Wrote 1 file to /);
    expect(r.stdout).toContain(chainHashes[2]!.toUpperCase().replace(/(..)(?!$)/g, '$1:'));
    expect(opensslPkcs7Fingerprints(path.join(out, 'chain.p7b'), 'PEM')).toEqual(chainHashes.slice(1));
  });

  it('writes a probed chain as one PEM bundle, PKI Path or public key, named with the port kept', async () => {
    const out = path.join(dir, 'one-file');
    const port = new URL(`https://${full.target}`).port;
    const bundle = await trustlens(['export', full.target, '--servername', 'localhost', '--out', out, '--format', 'pem-chain', '--certs', 'all', '--json']);
    expect(bundle.code, bundle.stderr).toBe(0);
    const bundleFile = path.join(out, `localhost-${port}-chain.pem`);
    expect(new Set(json(bundle.stdout).written.map((w) => w.file))).toEqual(new Set([bundleFile]));
    expect(opensslPemFingerprints(bundleFile)).toEqual([hashOf('leaf-rsa'), hashOf('int'), hashOf('root')]);
    const pkipath = await trustlens(['export', full.target, '--servername', 'localhost', '--out', out, '--format', 'pkipath', '--certs', 'all']);
    expect(pkipath.code, pkipath.stderr).toBe(0);
    expect(existsSync(path.join(out, `localhost-${port}-chain.pkipath`))).toBe(true);
    const key = await trustlens(['export', full.target, '--servername', 'localhost', '--out', out, '--format', 'pubkey-pem', '--certs', 'leaf', '--json']);
    expect(key.code, key.stderr).toBe(0);
    expect(readFileSync(json(key.stdout).written[0]!.file, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect((await trustlens(['export', chain, '--out', out, '--format', 'pubkey'])).code).toBe(2);
  });

  it('exports what a server sent, its root from --truststore when the server did not send it', async () => {
    const out = path.join(dir, 'target');
    const r = await trustlens(['export', noRoot.target, '--servername', 'localhost', '--out', out, '--format', 'der', '--truststore', chainFile('root'), '--json']);
    expect(r.code).toBe(0);
    const doc = json(r.stdout);
    expect(doc.written.map((w) => [w.role, w.sha256])).toEqual([
      ['intermediate', hashOf('int')],
      ['root', hashOf('root')],
    ]);
    expect(doc.notes).toEqual([`${noRoot.target} did not send its root; it was taken from ${chainFile('root')}.`]);

    const without = await trustlens(['export', noRoot.target, '--out', path.join(dir, 'none'), '--certs', 'root']);
    expect(without.code).toBe(2);
    expect(without.stderr).toMatch(/has no root certificate .*--truststore/);
    expect(without.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reaches the server through --proxy too, and exports the same certificates', async () => {
    const proxy = await startConnectProxy();
    try {
      const r = await trustlens(['export', full.target, '--out', path.join(dir, 'proxied'), '--proxy', `http://127.0.0.1:${proxy.port}`, '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(json(r.stdout).written.map((w) => [w.role, w.sha256])).toEqual([
        ['intermediate', hashOf('int')],
        ['root', hashOf('root')],
      ]);
      expect(proxy.requests).toEqual([full.target]);
    } finally {
      await proxy.close();
    }
  });

  it('exits 2 for a missing source file, an unknown format or role', async () => {
    const missing = await trustlens(['export', path.join(dir, 'nope.pem'), '--out', dir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.pem does not exist/);
    expect((await trustlens(['export', chain, '--out', dir, '--format', 'jks'])).code).toBe(2);
    const role = await trustlens(['export', chain, '--out', dir, '--certs', 'everything']);
    expect(role.code).toBe(2);
    expect(role.stderr).toMatch(/--certs takes root, intermediates, leaf or all/);
  });
});

describe('trustlens import', () => {
  const dir = scratchDir('trustlens-cli-import-');
  const source = path.join(dir, 'int-and-root.pem');
  writeFileSync(source, chainPem('int') + chainPem('root'));

  it('adds the root and intermediate to a JKS, keeps a backup, and a second run adds nothing', async () => {
    const store = copyFixture('jks/keys.jks', dir, 'keys.jks');
    const r = await trustlens(['import', store, '--from', source, '--password', PASSWORD, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ store, format: 'JKS', backup: `${store}.bak`, skipped: [] });
    expect(doc.added.map((a: { alias: string; sha256: string }) => [a.alias, a.sha256])).toEqual([
      ['trustlens-test-intermediate-ca', hashOf('int')],
      ['trustlens-test-root-ca', hashOf('root')],
    ]);
    expect(readFileSync(`${store}.bak`)).toEqual(readFileSync(fixture('jks/keys.jks')));
    const listed = await keytoolList(store, 'JKS');
    expect(listed.get('trustlens-test-root-ca')).toEqual({ type: 'trustedCertEntry', sha256: [keytoolHex(hashOf('root'))] });
    expect(listed.size).toBe(7);

    const bytes = readFileSync(store);
    const again = await trustlens(['import', store, '--from', source, '--password', PASSWORD]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Nothing to add/);
    expect(again.stdout).toMatch(/already present as alias "trustlens-test-root-ca"/);
    expect(readFileSync(store)).toEqual(bytes);
    expect(readdirSync(dir).filter((f) => f.startsWith('keys.jks'))).toEqual(['keys.jks', 'keys.jks.bak']);
  });

  it.each([
    ['JKS', 'jks/keys.jks'],
    ['JCEKS', 'jks/secrets.jceks'],
    ['PKCS#12', 'pkcs12/keytool-default.p12'],
  ])('a wrong password for a %s changes nothing: exit 3, the same bytes, no temporary file or backup', async (_kind, name) => {
    const sub = scratchDir('trustlens-cli-wrong-');
    const store = copyFixture(name, sub);
    const r = await trustlens(['import', store, '--from', source, '--password', 'wrong']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/wrong password/i);
    expect(readFileSync(store)).toEqual(readFileSync(fixture(name)));
    expect(readdirSync(sub)).toEqual([path.basename(store)]);
  });

  it('a JKS without a password given and no terminal: exit 3, nothing written', async () => {
    const sub = scratchDir('trustlens-cli-nopass-');
    const store = copyFixture('jks/trust-only.jks', sub);
    const r = await trustlens(['import', store, '--from', source]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/needs its password; pass it with --password/);
    expect(readdirSync(sub)).toEqual(['trust-only.jks']);
  });

  it('imports what a server sends into a PKCS#12 store, under --alias NAME, NAME-2', async () => {
    const store = copyFixture('pkcs12/keytool-default.p12', dir);
    const r = await trustlens(['import', store, '--from', `https://localhost:${full.port}/`, '--alias', 'corp', '--password', PASSWORD, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.source).toBe(`localhost:${full.port}`);
    expect(doc.added.map((a: { alias: string; role: string }) => [a.alias, a.role])).toEqual([
      ['corp', 'intermediate'],
      ['corp-2', 'root'],
    ]);
    const listed = await keytoolList(store, 'PKCS12');
    expect(listed.get('corp')).toEqual({ type: 'trustedCertEntry', sha256: [keytoolHex(hashOf('int'))] });
    expect(listed.get('corp-2')).toEqual({ type: 'trustedCertEntry', sha256: [keytoolHex(hashOf('root'))] });
    expect(listed.get('server')?.type).toBe('PrivateKeyEntry');
  });

  it('appends to a PEM bundle, leaving the text that was there byte for byte; then openssl verify trusts the leaf', async () => {
    const store = copyFixture('pem/bundle-crlf.pem', dir);
    const before = readFileSync(store);
    const verify = () => run('openssl', ['verify', '-CAfile', store, chainFile('leaf-rsa')], { allowFailure: true });
    expect(verify().status).not.toBe(0);
    const r = await trustlens(['import', store, '--from', source, '--json']);
    expect(r.code).toBe(0);
    // The bundle's own root and intermediate have the names of the ones added: the new ones are listed as "-2".
    expect(JSON.parse(r.stdout).added.map((a: { alias: string }) => a.alias)).toEqual(['trustlens-test-intermediate-ca-2', 'trustlens-test-root-ca-2']);
    const after = readFileSync(store);
    expect(after.subarray(0, before.length)).toEqual(before);
    expect(after.subarray(before.length).toString('latin1')).toMatch(/^# CN=TrustLens Test Intermediate CA,O=TrustLens Test\r\n-----BEGIN CERTIFICATE-----\r\n/);
    expect(opensslPemFingerprints(store)).toEqual([...opensslPemFingerprints(fixture('pem/bundle-crlf.pem')), hashOf('int'), hashOf('root')]);
    expect(verify()).toMatchObject({ status: 0, stdout: expect.stringContaining(': OK') });
    const inspect = JSON.parse((await trustlens(['inspect', store, '--json'])).stdout);
    expect(inspect.entries.map((e: { alias: string }) => e.alias)).toContain('trustlens-test-root-ca-2');
  });

  it('creates a store only with --create, in the format its extension names', async () => {
    const store = path.join(dir, 'new-truststore.p12');
    const refused = await trustlens(['import', store, '--from', source, '--password', PASSWORD]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/does not exist; .*--create/);
    const unknown = await trustlens(['import', path.join(dir, 'trust.store.txt'), '--from', source, '--create', '--password', PASSWORD]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/end it in \.jks, \.jceks, \.p12, \.pfx or \.pem/);

    const created = await trustlens(['import', store, '--from', source, '--create', '--password', PASSWORD, '--json']);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ created: true, backup: null, format: 'PKCS12' });
    const listed = await keytoolList(store, 'PKCS12');
    expect([...listed.values()].map((e) => e.type)).toEqual(['trustedCertEntry', 'trustedCertEntry']);
    expect(existsSync(`${store}.bak`)).toBe(false);
  });

  it('refuses to add to a DER or PKCS#7 file, with exit 2', async () => {
    const r = await trustlens(['import', fixture('pem/chain.p7b'), '--from', source]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PKCS#7 file, which TrustLens does not add to/);
  });
});
