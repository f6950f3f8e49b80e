// Where `trustlens` takes its input from and how it says no (CLI-CONTRACT.md: exit 2 for unreadable or
// unsupported input, 3 for a missing or wrong password, one plain line on stderr): password sources,
// PEM files without certificates, PEM-armoured PKCS#7, damaged stores, files that are not files.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pkcs12Codec, type Pkcs12Raw } from '../../shared/formats/pkcs12/pkcs12';
import { CLI, trustlens, type CliResult } from '../support/cli';
import { nodeCrypto } from '../support/crypto';
import { opensslFingerprint, opensslPemFingerprints, opensslPkcs7Fingerprints, splitPem } from '../support/openssl';
import { run } from '../support/peers';

const fixture = (name: string) => path.resolve(__dirname, '../fixtures', name);
const dir = mkdtempSync(path.join(os.tmpdir(), 'trustlens-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One plain line on stderr that names `file`, and no stack trace. */
function expectOneLine(r: CliResult, file: string): void {
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain(file);
  expect(r.stderr).not.toMatch(/\bat .*\.cjs/);
}

describe('passwords from the environment and from a file', () => {
  const store = fixture('pkcs12/openssl-default.p12');

  it('an unset --password-env variable is a missing password: exit 3, naming the variable and what to do', async () => {
    const env = { ...process.env };
    delete env.TRUSTLENS_TEST_UNSET;
    const r = await trustlens(['inspect', store, '--password-env', 'TRUSTLENS_TEST_UNSET'], { env });
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/TRUSTLENS_TEST_UNSET \(from --password-env\) is not set; set it to the password/);
    const set = await trustlens(['inspect', store, '--password-env', 'TRUSTLENS_TEST_SET'], { env: { TRUSTLENS_TEST_SET: 'changeit' } });
    expect(set.code, set.stderr).toBe(0);
  });

  it.each([
    ['LF', 'changeit\nthe second line is a note, not the password\n'],
    ['CRLF', 'changeit\r\nsecond line\r\n'],
    ['no line break', 'changeit'],
  ])('--password-file takes the first line only (%s), as keytool reads -storepass:file', async (_name, text) => {
    const file = path.join(dir, `password-${_name.replace(/ /g, '-')}.txt`);
    writeFileSync(file, text);
    const r = await trustlens(['inspect', store, '--password-file', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).integrity).toBe('verified');
    // keytool agrees on what the password in that file is. (OpenSSL 3.0's file: keeps a "\r": not used here.)
    expect(run('keytool', ['-list', '-keystore', store, '-storetype', 'PKCS12', '-storepass:file', file]).status).toBe(0);
  });

  it('a password file that cannot be read, or has no line in it (/dev/zero): exit 3 without hanging', async () => {
    const missing = await trustlens(['inspect', store, '--password-file', path.join(dir, 'no-such-file')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/cannot read the password file .*no-such-file/);
    const zero = await trustlens(['inspect', store, '--password-file', '/dev/zero']);
    expect(zero.code).toBe(3);
    expect(zero.stderr).toMatch(/\/dev\/zero has no line break/);
  });
});

describe('PEM files without certificates', () => {
  const key = path.join(dir, 'request.key');
  const request = path.join(dir, 'request.csr');
  const publicKey = path.join(dir, 'public.pem');
  run('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-subj', '/CN=request.example.test', '-out', request]);
  run('openssl', ['pkey', '-in', key, '-pubout', '-out', publicKey]);

  it.each([
    ['a certificate request (openssl req -new)', request, 'one CERTIFICATE REQUEST block'],
    ['a public key (openssl pkey -pubout)', publicKey, 'one PUBLIC KEY block'],
  ])('%s is an input error (exit 2) that names the file and what it holds', async (_name, file, holds) => {
    const r = await trustlens(['inspect', file, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLine(r, file);
    expect(r.stderr).toContain(`holds no certificates, only ${holds}`);
    expect(r.stderr).toMatch(/give a certificate file instead/);
  });

  it('certificates with such blocks between them still open, and the skipped blocks are named', async () => {
    const mixed = path.join(dir, 'mixed.pem');
    writeFileSync(mixed, readFileSync(request, 'utf8') + readFileSync(fixture('pem/root.pem'), 'utf8') + readFileSync(publicKey, 'utf8'));
    const json = await trustlens(['inspect', mixed, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.entries.map((e: { certificates: { sha256: string }[] }) => e.certificates[0]!.sha256)).toEqual(opensslPemFingerprints(fixture('pem/root.pem')));
    expect(doc.properties).toEqual(expect.arrayContaining([{ label: 'Ignored blocks', value: '1 × CERTIFICATE REQUEST' }, { label: 'Ignored blocks', value: '1 × PUBLIC KEY' }]));
    const human = await trustlens(['inspect', mixed]);
    expect(human.stdout).toMatch(/skipped 1 × CERTIFICATE REQUEST/);
  });

  it('an empty file is still refused as empty', async () => {
    const empty = path.join(dir, 'empty.pem');
    writeFileSync(empty, '');
    const r = await trustlens(['inspect', empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/empty/);
  });
});

describe('PKCS#7 in PEM armour', () => {
  it('is reported as PKCS7 (what openssl crl2pkcs7 writes by default), with the certificates openssl sees', async () => {
    const bundle = path.join(dir, 'chain-armoured.p7b');
    run('openssl', ['crl2pkcs7', '-nocrl', '-certfile', fixture('pem/chain.pem'), '-out', bundle]);
    expect(readFileSync(bundle, 'latin1')).toMatch(/^-----BEGIN PKCS7-----/);
    const r = await trustlens(['inspect', bundle, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.format).toBe('PKCS7');
    expect(doc.entries.map((e: { certificates: { sha256: string }[] }) => e.certificates[0]!.sha256)).toEqual(opensslPkcs7Fingerprints(bundle, 'PEM'));
    // A PKCS#7 bundle is not a store TrustLens adds to, whichever armour it has.
    const add = await trustlens(['import', bundle, '--from', fixture('pem/root.pem')]);
    expect(add.code).toBe(2);
    expect(add.stderr).toMatch(/PKCS#7 file, which TrustLens does not add to/);
  });
});

describe('damaged stores opened with the right password', () => {
  const flip = (source: string, name: string, at: (bytes: Buffer) => number) => {
    const bytes = readFileSync(source);
    const index = at(bytes);
    bytes[index] = bytes[index]! ^ 0x01;
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };

  it('PKCS#12 whose password still decrypts its certificates: damaged, exit 2', async () => {
    const source = fixture('pkcs12/openssl-default.p12');
    const { mac } = pkcs12Codec.decode(new Uint8Array(readFileSync(source)), { password: 'changeit', crypto: nodeCrypto }).raw as Pkcs12Raw;
    const file = flip(source, 'damaged-mac.p12', (bytes) => bytes.indexOf(Buffer.from(mac!.digest)) + 3);
    const r = await trustlens(['inspect', file, '--password', 'changeit']);
    expect(r.code).toBe(2);
    expectOneLine(r, file);
    expect(r.stderr).toMatch(/the file is damaged/);
    expect(r.stderr).not.toMatch(/wrong password/);
  });

  it.each([200, 2000])('PKCS#12 cut after %i bytes: truncated, with how long it is and how long it says it is', async (keep) => {
    const source = fixture('pkcs12/keytool-default.p12');
    const file = path.join(dir, `cut-${keep}.p12`);
    writeFileSync(file, readFileSync(source).subarray(0, keep));
    // keytool fails on the same file too (java.io.EOFException), so it really is cut short.
    const keytool = spawnSync('keytool', ['-list', '-keystore', file, '-storetype', 'PKCS12', '-storepass', 'changeit'], { encoding: 'utf8' });
    expect(keytool.status).not.toBe(0);
    expect(keytool.stdout + keytool.stderr).toMatch(/EOFException/);
    const r = await trustlens(['inspect', file, '--password', 'changeit']);
    expect(r.code).toBe(2);
    expectOneLine(r, file);
    const total = readFileSync(source).length.toLocaleString('en-US');
    expect(r.stderr).toContain(`the PKCS#12 file is truncated or damaged (${keep.toLocaleString('en-US')} bytes, expected at least ${total})`);
    expect(r.stderr).not.toMatch(/Maximum ASN\.1|malformed/);
  });

  it.each([
    ['PKCS#12 with nothing encrypted (only the MAC fails)', 'pkcs12/openssl-unencrypted.p12', 'damaged-cert.p12'],
    ['JKS (only the digest fails)', 'jks/keys.jks', 'damaged-cert.jks'],
  ])('%s: cannot be told from a wrong password, exit 3 saying both', async (_name, name, copy) => {
    const source = fixture(name);
    // A byte inside the first certificate's signature: every structure still reads.
    const certificate = Buffer.from(firstCertificate(source));
    const file = flip(source, copy, (bytes) => bytes.indexOf(certificate) + certificate.length - 8);
    const r = await trustlens(['inspect', file, '--password', 'changeit']);
    expect(r.code).toBe(3);
    expectOneLine(r, file);
    expect(r.stderr).toMatch(/wrong password, or the file is damaged/);
  });
});

/** The DER of the first certificate keytool (JKS) or openssl (PKCS#12) reads from a store. */
function firstCertificate(store: string): Uint8Array {
  const pem = store.endsWith('.jks')
    ? run('keytool', ['-list', '-rfc', '-keystore', store, '-storepass', 'changeit']).stdout
    : run('openssl', ['pkcs12', '-in', store, '-passin', 'pass:changeit', '-nokeys']).stdout;
  return new Uint8Array(Buffer.from(splitPem(pem)[0]!.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));
}

describe('adding to a PKCS#12 store whose password is empty', () => {
  it('without --password: exit 3 saying how to give the empty one, nothing written; with --password "": added', async () => {
    const sub = mkdtempSync(path.join(dir, 'empty-password-'));
    const store = path.join(sub, 'empty-password.p12');
    copyFileSync(fixture('pkcs12/openssl-empty-password.p12'), store);
    const refused = await trustlens(['import', store, '--from', fixture('pem/root.pem')]);
    expect(refused.code).toBe(3);
    expectOneLine(refused, store);
    expect(refused.stderr).toContain('is protected by an empty password; to add to it, give that empty password with --password "".');
    expect(readFileSync(store)).toEqual(readFileSync(fixture('pkcs12/openssl-empty-password.p12')));
    expect(readdirSync(sub)).toEqual(['empty-password.p12']);

    const added = await trustlens(['import', store, '--from', fixture('pem/root.pem'), '--password', '']);
    expect(added.code, added.stderr).toBe(0);
    const certificates = run('openssl', ['pkcs12', '-in', store, '-passin', 'pass:', '-nokeys']).stdout;
    expect(splitPem(certificates).map((pem) => opensslFingerprint(pem))).toContain(opensslPemFingerprints(fixture('pem/root.pem'))[0]);
  });
});

describe('files that are not regular files, and files over the size limit', () => {
  it.each([
    ['a device (/dev/zero)', () => '/dev/zero', /is a device, not a regular file/],
    [
      'a FIFO',
      () => {
        const fifo = path.join(dir, 'store.fifo');
        execFileSync('mkfifo', [fifo]);
        return fifo;
      },
      /is a pipe \(FIFO\), not a regular file/,
    ],
    [
      'a 300 MB (sparse) file',
      () => {
        const big = path.join(dir, 'huge.pem');
        writeFileSync(big, '');
        truncateSync(big, 300 * 1024 * 1024);
        return big;
      },
      /is over 256 MB \(300 MB\), too large to be a trust store/,
    ],
  ])('%s is refused at once: exit 2, one line', async (_name, make, message) => {
    const file = make();
    const started = Date.now();
    const r = await trustlens(['inspect', file]);
    expect(r.code).toBe(2);
    expectOneLine(r, file);
    expect(r.stderr).toMatch(message);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('a reader that stops early', () => {
  it('(`trustlens inspect … | head`) ends the command quietly, without a stack trace', async () => {
    // 3,000 certificates: megabytes of JSON, far more than a pipe holds, so writing outlives the reader.
    const bundle = path.join(dir, 'many.pem');
    writeFileSync(bundle, readFileSync(fixture('pem/chain.pem'), 'utf8').repeat(1000));
    const child = spawn(process.execPath, [CLI, 'inspect', bundle, '--json'], { env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('errors found while listing name the file and the entry', () => {
  it('a JKS entry whose certificate does not parse: exit 2, one line naming the file, the entry and its alias', async () => {
    const file = path.join(dir, 'bad-certificate.jks');
    const alias = [0, 3, ...Buffer.from('bad')];
    const entry = [0, 0, 0, 2, ...alias, 0, 0, 1, 0x8b, 0xcf, 0xe5, 0x68, 0, 0, 5, ...Buffer.from('X.509'), 0, 0, 0, 5, 0x30, 0x03, 0x02, 0x01, 0x00];
    writeFileSync(file, Uint8Array.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2, 0, 0, 0, 1, ...entry, ...new Array<number>(20).fill(0)]));
    for (const args of [['inspect', file], ['inspect', file, '--json']]) {
      const r = await trustlens(args);
      expect(r.code).toBe(2);
      expectOneLine(r, file);
      expect(r.stderr).toMatch(new RegExp(`^trustlens: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: entry 1 \\("bad"\\): not a valid X.509 certificate`));
    }
  });
});
