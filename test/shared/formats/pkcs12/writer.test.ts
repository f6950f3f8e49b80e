// Writing PKCS#12 stores back: appending trusted certificates, removing and renaming entries. What we
// write is read by keytool and OpenSSL (every key must still decrypt); untouched content blocks must
// stay byte for byte as they were.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TrustLensError, UsageError, WrongPasswordError } from '../../../../shared/errors';
import type { DecodedStore } from '../../../../shared/formats/codec';
import { pkcs12Codec } from '../../../../shared/formats/pkcs12/pkcs12';
import type { Pkcs12Raw } from '../../../../shared/formats/pkcs12/pkcs12';
import { createEmptyPkcs12, encodePkcs12 } from '../../../../shared/formats/pkcs12/writer';
import type { Pkcs12Edits } from '../../../../shared/formats/pkcs12/writer';
import { toHex } from '../../../../shared/x509/hex';
import { nodeCrypto } from '../../../support/crypto';
import { keytoolList, run } from '../../../support/peers';
import { FIXTURES, fingerprint, fixtureBytes, fixturePath, pemToDer, savedKeytoolList, savedOpensslInfo } from './pkcs12-fixtures';
import type { Pkcs12Fixture } from './pkcs12-fixtures';

const crypto = nodeCrypto;
const dir = mkdtempSync(join(tmpdir(), 'pkcs12-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const decode = (bytes: Uint8Array, password: string | undefined): DecodedStore => pkcs12Codec.decode(bytes, { password, crypto });
const blocksOf = (store: DecodedStore) => (store.raw as Pkcs12Raw).blocks.map((block) => toHex(block.raw));
const sha256 = (der: Uint8Array) => crypto.digestHex('sha256', der);
const pem = (name: string) => readFileSync(fixturePath(name), 'utf8');
const ADDED = [
  { alias: 'added-one', der: pemToDer(pem('add-1.pem')), sha256: fingerprint(pem('add-1.pem')) },
  { alias: 'added-two', der: pemToDer(pem('add-2.pem')), sha256: fingerprint(pem('add-2.pem')) },
];
const add: Pkcs12Edits = { add: ADDED.map(({ alias, der }) => ({ alias, der })) };

function write(name: string, bytes: Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** Each fixture decoded once (the legacy ones take a while: 100,000 MAC iterations). */
const decoded = new Map<string, DecodedStore>();
function original(fixture: Pick<Pkcs12Fixture, 'name' | 'password'>): DecodedStore {
  if (!decoded.has(fixture.name)) decoded.set(fixture.name, decode(fixtureBytes(fixture.name), fixture.password));
  return decoded.get(fixture.name)!;
}
const fixtureNamed = (name: string) => FIXTURES.find((f) => f.name === name)!;

/** What OpenSSL decrypts from a store: certificates (-nokeys) and private keys (-nocerts -nodes). */
function opensslReads(file: string, fixture: Pkcs12Fixture): { certificates: number; keys: number } {
  const common = ['pkcs12', '-in', file, '-passin', `pass:${fixture.peerPassword}`, ...(fixture.legacy ? ['-legacy'] : [])];
  const certificates = run('openssl', [...common, '-nokeys']).stdout.match(/BEGIN CERTIFICATE/g)?.length ?? 0;
  const keys = run('openssl', [...common, '-nocerts', '-nodes']).stdout.match(/BEGIN PRIVATE KEY/g)?.length ?? 0;
  return { certificates, keys };
}

describe.each(FIXTURES)('appending two trusted certificates to $name', (fixture) => {
  it('keeps every old block byte for byte, and keytool and openssl read old and new entries', () => {
    const store = original(fixture);
    const written = encodePkcs12(store, add, fixture.password ?? (store.integrity === 'verified' ? '' : undefined), crypto);
    const file = write(fixture.name, written);
    const reread = decode(written, fixture.password);

    expect(reread.integrity).toBe(store.integrity);
    expect(blocksOf(reread).slice(0, -1)).toEqual(blocksOf(store));
    expect(blocksOf(reread)).toHaveLength(blocksOf(store).length + 1);
    expect(reread.entries.map((e) => [e.alias, e.type])).toEqual([
      ...store.entries.map((e) => [e.alias, e.type]),
      ['added-one', 'trustedCertificate'],
      ['added-two', 'trustedCertificate'],
    ]);
    expect(reread.entries.slice(-2).every((e) => e.javaTrusted === true)).toBe(true);

    if (fixture.keytool) {
      const listed = keytoolList(file, fixture.peerPassword);
      const expected = new Map([...savedKeytoolList(fixture.name)].map(([alias, e]) => [alias, { type: e.type, sha256: e.sha256 }]));
      for (const { alias, sha256 } of ADDED) expected.set(alias, { type: 'trustedCertEntry', sha256: [sha256] });
      expect(new Map([...listed].map(([alias, e]) => [alias, { type: e.type, sha256: e.sha256.map((f) => f.replace(/:/g, '').toLowerCase()) }]))).toEqual(expected);
    }
    const before = savedOpensslInfo(fixture.name);
    const keys = before.keyEncryption.length; // one line per key bag, shrouded or plain
    expect(opensslReads(file, fixture)).toEqual({ certificates: before.certificates.length + 2, keys });
  });
});

describe('removing and renaming entries', () => {
  it('rewrites only the block that holds a removed trusted certificate; keytool agrees', () => {
    const store = original(fixtureNamed('keytool-default.p12'));
    const written = encodePkcs12(store, { remove: ['other-root'] }, 'changeit', crypto);
    const reread = decode(written, 'changeit');
    const [keyBlock, certBlock] = blocksOf(store);
    expect(blocksOf(reread)[0]).toBe(keyBlock);
    expect(blocksOf(reread)[1]).not.toBe(certBlock);
    const listed = keytoolList(write('removed.p12', written), 'changeit');
    expect([...listed.keys()].sort()).toEqual(['client-ec', 'keytool-root', 'secret', 'server']);
  });

  // (keytool-legacy.p12 would take as long again: its blocks are rewritten like openssl-legacy.p12's below.)
  it.each([['keytool-default.p12', 'changeit', false]] as const)('removes a key entry with its chain and renames others in %s', (name, password, legacy) => {
    const store = original(fixtureNamed(name));
    const server = store.entries.find((e) => e.alias === 'server')!;
    const written = encodePkcs12(store, { remove: ['server'], rename: [{ from: 'client-ec', to: 'client' }, { from: 'secret', to: 'aes-key' }] }, password, crypto);
    const file = write(`edited-${name}`, written);
    const listed = keytoolList(file, password);
    const before = savedKeytoolList(name);
    expect(new Map([...listed].map(([alias, e]) => [alias, e.type]))).toEqual(
      new Map([
        ['client', 'PrivateKeyEntry'],
        ['aes-key', 'SecretKeyEntry'],
        ['keytool-root', 'trustedCertEntry'],
        ['other-root', 'trustedCertEntry'],
      ]),
    );
    expect(listed.get('client')!.sha256.map((f) => f.replace(/:/g, '').toLowerCase())).toEqual(before.get('client-ec')!.sha256);
    const reread = decode(written, password);
    const allCertificates = reread.entries.flatMap((e) => e.certificates.map(sha256));
    expect(allCertificates).not.toContain(sha256(server.certificates[0]!));
    const keys = run('openssl', ['pkcs12', '-in', file, '-passin', `pass:${password}`, '-nocerts', '-nodes', ...(legacy ? ['-legacy'] : [])]).stdout;
    expect(keys.match(/BEGIN PRIVATE KEY/g)).toHaveLength(1);
    expect(keys).toMatch(/friendlyName: client\n/);
  });

  it('rebuilds bags byte for byte: renaming entries to their own names changes no bag', () => {
    const store = original(fixtureNamed('keytool-default.p12'));
    const rename = store.entries.map((e) => ({ from: e.alias, to: e.alias }));
    const reread = decode(encodePkcs12(store, { rename }, 'changeit', crypto), 'changeit');
    const bags = (s: DecodedStore) => (s.raw as Pkcs12Raw).blocks.flatMap((block) => block.bags.map((bag) => toHex(bag.raw)));
    expect(bags(reread)).toEqual(bags(store));
    expect(blocksOf(reread)[0]).toBe(blocksOf(store)[0]); // the key block is plain: identical as a whole
  });

  it('renames and then removes the key entry of an OpenSSL store', () => {
    const renamed = encodePkcs12(original(fixtureNamed('openssl-legacy.p12')), { rename: [{ from: 'leaf', to: 'my server' }] }, 'changeit', crypto);
    const listed = keytoolList(write('renamed.p12', renamed), 'changeit');
    expect(listed.get('my server')?.type).toBe('PrivateKeyEntry');
    expect(listed.get('my server')?.sha256).toHaveLength(3);
    const removed = encodePkcs12(decode(renamed, 'changeit'), { remove: ['my server'] }, 'changeit', crypto);
    expect(decode(removed, 'changeit').entries).toEqual([]);
    const file = write('emptied.p12', removed);
    expect(run('openssl', ['pkcs12', '-in', file, '-passin', 'pass:changeit', '-nodes', '-legacy']).stdout).not.toMatch(/BEGIN/);
  });

  it('keeps a password-less store password-less', () => {
    const written = encodePkcs12(original(fixtureNamed('keytool-passwordless.p12')), { remove: ['other-root'], rename: [{ from: 'keytool-root', to: 'root' }], ...add }, undefined, crypto);
    const reread = decode(written, undefined);
    expect(reread.integrity).toBe('none');
    expect(reread.entries.map((e) => e.alias)).toEqual(['root', 'added-one', 'added-two']);
    expect([...keytoolList(write('passwordless.p12', written), 'changeit').keys()].sort()).toEqual(['added-one', 'added-two', 'root']);
  });

  it('refuses a wrong password, unknown aliases and alias clashes without writing anything', () => {
    const store = original(fixtureNamed('openssl-default.p12'));
    const attempts: [Pkcs12Edits, string, new (...args: never[]) => TrustLensError][] = [
      [add, 'wrong', WrongPasswordError],
      [{ remove: ['nope'] }, 'changeit', UsageError],
      [{ add: [{ alias: 'LEAF', der: ADDED[0]!.der }] }, 'changeit', UsageError],
      [{ rename: [{ from: 'leaf', to: '' }] }, 'changeit', UsageError],
      [{ add: [{ alias: 'x', der: new Uint8Array([1, 2, 3]) }] }, 'changeit', TrustLensError],
    ];
    for (const [edits, password, type] of attempts) {
      expect(() => encodePkcs12(store, edits, password, crypto)).toThrow(type);
    }
  });
});

describe('a new, empty store', () => {
  it('is an empty keystore to keytool, and takes trusted certificates', () => {
    const empty = createEmptyPkcs12('changeit', crypto);
    expect(keytoolList(write('empty.p12', empty), 'changeit').size).toBe(0);
    const store = decode(empty, 'changeit');
    expect(store.integrity).toBe('verified');
    const written = encodePkcs12(store, add, 'changeit', crypto);
    const file = write('filled.p12', written);
    const listed = keytoolList(file, 'changeit');
    expect([...listed].map(([alias, e]) => [alias, e.type, e.sha256[0]!.replace(/:/g, '').toLowerCase()])).toEqual(
      ADDED.map(({ alias, sha256 }) => [alias, 'trustedCertEntry', sha256]),
    );
    expect(decode(written, 'changeit').properties.find((p) => p.label === 'Certificate encryption')?.value).toBe(
      'PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), 10000 iterations',
    );
  });
});

// A rough measurement, printed, never asserted: 1,000 certificates by default (the tests stay fast),
// PKCS12_BENCH_COUNT=10000 for the size the decode path is meant for.
const COUNT = Number(process.env.PKCS12_BENCH_COUNT ?? 1_000);

describe(`a store of ${COUNT} certificates`, () => {
  it('is written, read back by openssl, and decoded (time is printed, not asserted)', () => {
    const empty = decode(createEmptyPkcs12('changeit', crypto), 'changeit');
    let started = performance.now();
    const written = encodePkcs12(empty, { add: Array.from({ length: COUNT }, (_, i) => ({ alias: `cert-${i}`, der: ADDED[i % 2]!.der })) }, 'changeit', crypto);
    const encodeMs = performance.now() - started;
    started = performance.now();
    const store = decode(written, 'changeit');
    const decodeMs = performance.now() - started;
    expect(store.entries).toHaveLength(COUNT);
    const certificates = run('openssl', ['pkcs12', '-in', write('big.p12', written), '-passin', 'pass:changeit', '-nokeys']).stdout;
    expect(certificates.match(/BEGIN CERTIFICATE/g)).toHaveLength(COUNT);
    console.log(`${COUNT}-certificate PKCS#12 (${(written.length / 1e6).toFixed(1)} MB): encode ${encodeMs.toFixed(0)} ms, decode ${decodeMs.toFixed(0)} ms`);
  });
});
