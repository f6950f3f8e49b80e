// Exported files as OpenSSL reads them: PEM, DER and PKCS#7 hold exactly the certificates chosen (SHA-256
// sets from openssl), named from subject and role; the PKCS#7 writer matches `openssl crl2pkcs7`
// byte for byte; a probed chain gets its roles from the path (its root from a trust store when the
// server did not send it); writing never replaces a different file.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROLES, DEFAULT_ROLES, parseRoles, pemTextCertificates, probedCertificates, selectRoles, storeCertificates } from '../../../../electron/services/stores/certificate-sources';
import { encodePkiPath, exportFiles, shellFileName, writeExportFiles } from '../../../../electron/services/stores/export-service';
import { probe } from '../../../../electron/services/diagnosis/probe-service';
import type { ProbeRecord } from '../../../../electron/services/tls/probe';
import { decodeStore } from '../../../../shared/formats';
import { encodePkcs7 } from '../../../../shared/formats/pkcs7/writer';
import { nodeCrypto } from '../../../support/crypto';
import { opensslFingerprint, opensslPemFingerprints, opensslPkcs7Fingerprints } from '../../../support/openssl';
import { run } from '../../../support/peers';
import { chainFile, chainPem, startNodeTlsServer, type RunningServer } from '../../../support/tls-servers';
import { fixture, scratchDir } from './import-peers';

const pemChain = fixture('pem/chain.pem');
const chainHashes = opensslPemFingerprints(pemChain); // leaf, intermediate, root
const fileSource = () => storeCertificates('chain.pem', decodeStore(new Uint8Array(readFileSync(pemChain)), { crypto: nodeCrypto }), undefined, nodeCrypto);
const hashOf = (name: string) => opensslFingerprint(chainPem(name));

describe('certificates from a file', () => {
  it('get roles from what they are: self-signed CA = root, other CA = intermediate, others = leaf', () => {
    const source = fileSource();
    expect(source.certificates.map((c) => [c.summary.role, c.summary.sha256])).toEqual([
      ['leaf', chainHashes[0]],
      ['intermediate', chainHashes[1]],
      ['root', chainHashes[2]],
    ]);
    expect(selectRoles(source, DEFAULT_ROLES).map((c) => c.summary.role)).toEqual(['intermediate', 'root']);
  });

  it('pasted text that holds no certificate gives a sentence, not a crash', () => {
    expect(() => pemTextCertificates('hello', nodeCrypto)).toThrow(/not PEM certificates: no PEM block/);
    const garbage = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
    expect(() => pemTextCertificates(garbage, nodeCrypto)).toThrow(/not PEM certificates: .*not a valid certificate/);
    const truncated = chainPem('root').slice(0, 300);
    expect(() => pemTextCertificates(truncated, nodeCrypto)).toThrow(/not PEM certificates: .*no END line/);
  });

  it('--certs takes roles in singular or plural, or all, and rejects anything else', () => {
    expect([...parseRoles('root,intermediates')]).toEqual(['root', 'intermediate']);
    expect(parseRoles('all')).toEqual(ALL_ROLES);
    expect(() => parseRoles('roots,chain')).toThrow(/"chain" is none of them/);
    expect(() => parseRoles(' , ')).toThrow(/at least one/);
  });
});

describe('exported files', () => {
  const dir = scratchDir('trustlens-export-');

  it('PEM: one file per certificate, named from CN and role, each read by openssl x509', async () => {
    const out = path.join(dir, 'pem');
    const written = await writeExportFiles(out, exportFiles(fileSource().certificates, 'pem', 'chain'));
    expect(written.map((w) => path.basename(w.file))).toEqual([
      'www.example.test-leaf.pem',
      'trustlens-test-intermediate-ca.pem',
      'trustlens-test-root-ca.pem',
    ]);
    for (const [i, w] of written.entries()) {
      expect(readFileSync(w.file, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
      expect(opensslPemFingerprints(w.file)).toEqual([chainHashes[i]]);
      expect(w.sha256).toBe(chainHashes[i]);
    }
    expect(readdirSync(out)).toHaveLength(3);
  });

  it('DER: the same certificates, read by openssl x509 -inform DER', async () => {
    const out = path.join(dir, 'der');
    const chosen = selectRoles(fileSource(), DEFAULT_ROLES);
    const written = await writeExportFiles(out, exportFiles(chosen, 'der', 'chain'));
    const hashes = written.map((w) => {
      const text = run('openssl', ['x509', '-inform', 'DER', '-in', w.file, '-noout', '-fingerprint', '-sha256']).stdout;
      return text.split('=')[1]!.trim().replace(/:/g, '').toLowerCase();
    });
    expect(hashes).toEqual(chainHashes.slice(1));
    expect(written.map((w) => path.extname(w.file))).toEqual(['.der', '.der']);
  });

  it('PKCS#7: one "BEGIN PKCS7" file that openssl pkcs7 -print_certs reads, holding exactly the chosen certificates', async () => {
    const out = path.join(dir, 'p7b');
    const chosen = selectRoles(fileSource(), DEFAULT_ROLES);
    const written = await writeExportFiles(out, exportFiles(chosen, 'p7b', 'chain'));
    const file = path.join(out, 'chain.p7b');
    expect(new Set(written.map((w) => w.file))).toEqual(new Set([file]));
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PKCS7-----\n[\s\S]+-----END PKCS7-----\n$/);
    expect(opensslPkcs7Fingerprints(file, 'PEM')).toEqual(chainHashes.slice(1));
    expect(written.map((w) => w.sha256)).toEqual(chainHashes.slice(1));
  });

  it('the PKCS#7 bundle is byte for byte what openssl crl2pkcs7 wrote for the same certificates', () => {
    // test/fixtures/pem/make.sh: openssl crl2pkcs7 -nocrl -certfile chain.pem -outform DER -out chain.p7b
    const viaOpenssl = new Uint8Array(readFileSync(fixture('pem/chain.p7b')));
    expect(encodePkcs7(fileSource().certificates.map((c) => c.der))).toEqual(viaOpenssl);
  });

  it('PEM chain: one bundle, leaf first, that openssl reads in that order', async () => {
    const written = await writeExportFiles(path.join(dir, 'pem-chain'), exportFiles(fileSource().certificates, 'pem-chain', 'chain'));
    expect(new Set(written.map((w) => path.basename(w.file)))).toEqual(new Set(['chain.pem']));
    expect(opensslPemFingerprints(written[0]!.file)).toEqual(chainHashes);
  });

  it('PKI Path: byte for byte what Java’s CertPath.getEncoded("PkiPath") wrote for the same chain, and Java reads ours leaf first', async () => {
    // test/fixtures/pkipath/make.sh: PkiPathTool.java write (JDK 17) of leaf, intermediate, root.
    const javaMade = new Uint8Array(readFileSync(fixture('pkipath/chain.pkipath')));
    const listed = decodeStore(javaMade, { crypto: nodeCrypto }); // leaf first, as Java lists it
    const source = storeCertificates('chain.pkipath', listed, undefined, nodeCrypto);
    const [file] = exportFiles(source.certificates, 'pkipath', 'chain');
    expect(file!.name).toBe('chain.pkipath');
    expect(file!.bytes).toEqual(javaMade);
    const out = path.join(dir, 'pkipath');
    const written = await writeExportFiles(out, exportFiles(fileSource().certificates, 'pkipath', 'chain'));
    const javaList = run('java', [fixture('pkipath/PkiPathTool.java'), 'list', written[0]!.file]).stdout.trim().split('\n');
    expect(javaList.map((line) => line.replace(/[^0-9a-fA-F]/g, '').toLowerCase().slice(-64))).toEqual(chainHashes);
    expect(encodePkiPath([])).toEqual(Uint8Array.of(0x30, 0));
  });

  it('public keys: PEM and DER SubjectPublicKeyInfo, identical to openssl x509 -pubkey', async () => {
    const chosen = selectRoles(fileSource(), new Set(['leaf']));
    const [pem] = await writeExportFiles(path.join(dir, 'pubkey'), exportFiles(chosen, 'pubkey-pem', 'chain'));
    const [der] = await writeExportFiles(path.join(dir, 'pubkey'), exportFiles(chosen, 'pubkey-der', 'chain'));
    expect(path.basename(pem!.file)).toBe('www.example.test-leaf-pubkey.pem');
    expect(path.basename(der!.file)).toBe('www.example.test-leaf-pubkey.der');
    const leafFile = path.join(dir, 'leaf-for-pubkey.pem');
    writeFileSync(leafFile, run('openssl', ['x509', '-in', pemChain]).stdout);
    const viaOpenssl = run('openssl', ['x509', '-in', leafFile, '-noout', '-pubkey']).stdout;
    expect(readFileSync(pem!.file, 'utf8')).toBe(viaOpenssl);
    const derFile = path.join(dir, 'pubkey-via-openssl.der');
    run('openssl', ['pkey', '-pubin', '-in', pem!.file, '-outform', 'DER', '-out', derFile]);
    expect(new Uint8Array(readFileSync(der!.file))).toEqual(new Uint8Array(readFileSync(derFile)));
  });

  it('names are safe on every file system, and two certificates with one name get numbers', async () => {
    expect(shellFileName('../../etc/passwd (root)')).toBe('etc-passwd-root');
    expect(shellFileName('a/b\\c:d*e?f"g<h>i|j\u0001k')).toBe('a-b-c-d-e-f-g-h-i-j-k');
    expect(shellFileName('Zertifizierungsstelle Köln (Test)')).toBe('zertifizierungsstelle-koln-test');
    expect(shellFileName('CON')).toBe('_con');
    expect(shellFileName('  ...  ')).toBe('certificate');
    expect(shellFileName('-rf *')).toBe('rf');
    expect(shellFileName('x'.repeat(500))).toHaveLength(120);
    expect(shellFileName('[::1]:8443 chain')).toBe('1-8443-chain');
    // test/fixtures/pem and test/fixtures/chains both have a root named "TrustLens Test Root CA".
    const twoRoots = pemTextCertificates(readFileSync(fixture('pem/root.pem'), 'utf8') + chainPem('root'), nodeCrypto).certificates;
    const files = exportFiles(twoRoots, 'pem', 'roots');
    expect(files.map((f) => f.name)).toEqual(['trustlens-test-root-ca.pem', 'trustlens-test-root-ca-2.pem']);
  });

  it('never replaces a different file: it takes the next number, and keeps an identical one', async () => {
    const out = path.join(dir, 'existing');
    mkdirSync(out);
    const files = exportFiles(selectRoles(fileSource(), new Set(['root'])), 'pem', 'chain');
    writeFileSync(path.join(out, files[0]!.name), 'someone else’s file');
    const first = await writeExportFiles(out, files);
    expect(path.basename(first[0]!.file)).toBe('trustlens-test-root-ca-2.pem');
    expect(readFileSync(path.join(out, files[0]!.name), 'utf8')).toBe('someone else’s file');
    const again = await writeExportFiles(out, files);
    expect(again[0]!.file).toBe(first[0]!.file);
    expect(readdirSync(out).sort()).toEqual(['trustlens-test-root-ca-2.pem', 'trustlens-test-root-ca.pem']);
  });

  it('refuses a --out that is a file, with a sentence', async () => {
    const file = path.join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    await expect(writeExportFiles(file, exportFiles(fileSource().certificates, 'pem', 'chain'))).rejects.toMatchObject({
      code: 'FILE_ERROR',
      message: expect.stringContaining('is not a folder'),
    });
  });
});

describe('certificates from a probed server', () => {
  const servers: RunningServer[] = [];
  const records = new Map<string, ProbeRecord>();

  beforeAll(async () => {
    const chains = { full: ['leaf-rsa', 'int', 'root'], 'no root': ['leaf-rsa', 'int'], 'with an extra': ['leaf-rsa', 'int', 'other-int'], 'self-signed': ['self-signed'] };
    for (const [name, chain] of Object.entries(chains)) {
      const server = await startNodeTlsServer({ chain });
      servers.push(server);
      records.set(name, (await probe(server.target, { servername: 'localhost', timeoutMs: 5000 })).record);
    }
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('take roles from the path: the leaf sent first, the self-signed root at the end, intermediates between', () => {
    const source = probedCertificates('server', records.get('full')!, undefined, nodeCrypto);
    expect(source.certificates.map((c) => [c.summary.role, c.summary.sha256, c.origin])).toEqual([
      ['leaf', hashOf('leaf-rsa'), 'sent'],
      ['intermediate', hashOf('int'), 'sent'],
      ['root', hashOf('root'), 'sent'],
    ]);
    expect(source.notes).toEqual([]);
  });

  it('take the root from the trust store when the server did not send it, and say so', () => {
    const withoutStore = probedCertificates('server', records.get('no root')!, undefined, nodeCrypto);
    expect(selectRoles(withoutStore, DEFAULT_ROLES).map((c) => c.summary.sha256)).toEqual([hashOf('int')]);
    expect(withoutStore.notes.join(' ')).toMatch(/did not send its root .*--truststore/);

    const trustStore = decodeStore(new Uint8Array(readFileSync(chainFile('root'))), { crypto: nodeCrypto });
    const source = probedCertificates('server', records.get('no root')!, trustStore, nodeCrypto);
    expect(selectRoles(source, DEFAULT_ROLES).map((c) => [c.summary.role, c.summary.sha256, c.origin])).toEqual([
      ['intermediate', hashOf('int'), 'sent'],
      ['root', hashOf('root'), 'truststore'],
    ]);
    expect(source.notes.join(' ')).toMatch(/taken from the trust store/);
  });

  it('leave out certificates the server sent that are not on its chain', () => {
    const source = probedCertificates('server', records.get('with an extra')!, undefined, nodeCrypto);
    expect(source.certificates.map((c) => c.summary.sha256)).toEqual([hashOf('leaf-rsa'), hashOf('int')]);
    expect(source.notes.join(' ')).toMatch(/1 certificate the server sent is not on its chain/);
  });

  it('point to --certs leaf for a self-signed server', () => {
    const source = probedCertificates('server', records.get('self-signed')!, undefined, nodeCrypto);
    expect(source.certificates.map((c) => c.summary.role)).toEqual(['leaf']);
    expect(selectRoles(source, DEFAULT_ROLES)).toEqual([]);
    expect(source.notes.join(' ')).toMatch(/self-signed .*--certs leaf/);
  });
});
