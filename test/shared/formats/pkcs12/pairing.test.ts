// Keys and certificates paired as JDK 17 pairs them (test/fixtures/pkcs12-pairing/make.sh): what TrustLens
// lists of each store is exactly what keytool lists (alias, type, chain fingerprints), and a store changed by
// the writer keeps every entry keytool read before.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { DecodedStore } from '../../../../shared/formats/codec';
import { decodeStore } from '../../../../shared/formats';
import { encodePkcs12 } from '../../../../shared/formats/pkcs12/writer';
import { keytoolList, parseKeytoolList } from '../../../support/peers';
import { nodeCrypto as crypto } from '../../../support/crypto';
import { keytoolFingerprint, listingOf, scratchDir } from '../jks/jks-fixtures';

const dir = join(__dirname, '../../../fixtures/pkcs12-pairing');
const path = (name: string) => join(dir, `${name}.p12`);
const decode = (bytes: Uint8Array): DecodedStore => decodeStore(bytes, { password: 'changeit', crypto });
const saved = (name: string) => parseKeytoolList(readFileSync(join(dir, `${name}.keytool.txt`), 'utf8'));
/** What Java sees: trusted certificates only with its attribute (the others are shown with a note). */
const javaListing = (store: DecodedStore) => listingOf({ ...store, entries: store.entries.filter((e) => e.type !== 'trustedCertificate' || e.javaTrusted) });
const scratch = scratchDir();
afterAll(() => scratch.remove());
const extra = new Uint8Array(readFileSync(join(__dirname, '../../../fixtures/bks/extra-1.der')));

describe.each(['shared-chain', 'no-keyid', 'cert-first', 'two-keyids-first', 'two-keyids-last'])('%s.p12', (name) => {
  const store = decode(new Uint8Array(readFileSync(path(name))));

  test('lists exactly what keytool lists', () => {
    expect(javaListing(store)).toEqual(saved(name));
    expect(javaListing(store)).toEqual(keytoolList(path(name), 'changeit', 'PKCS12'));
  });

  test('an imported certificate is written beside every entry keytool read before', () => {
    const out = join(scratch.dir, `${name}-import.p12`);
    writeFileSync(out, encodePkcs12(store, { add: [{ alias: 'extra', der: extra }] }, 'changeit', crypto));
    const after = keytoolList(out, 'changeit', 'PKCS12');
    expect(after.get('extra')).toEqual({ type: 'trustedCertEntry', sha256: [keytoolFingerprint(extra)] });
    after.delete('extra');
    expect(after).toEqual(saved(name));
    expect(javaListing(decode(new Uint8Array(readFileSync(out))))).toEqual(keytoolList(out, 'changeit', 'PKCS12'));
  });
});

test('copies of a shared chain are no entries of their own: two keys, each with its full chain', () => {
  const store = decode(new Uint8Array(readFileSync(path('shared-chain'))));
  expect(store.entries.map((e) => [e.alias, e.type, e.certificates.length])).toEqual([
    ['alpha', 'privateKey', 3],
    ['beta', 'privateKey', 3],
  ]);
  // Deleting one key leaves the other its chain (keytool wrote it a copy of its own).
  const out = join(scratch.dir, 'shared-chain-delete.p12');
  writeFileSync(out, encodePkcs12(store, { remove: ['alpha'] }, 'changeit', crypto));
  expect(keytoolList(out, 'changeit', 'PKCS12')).toEqual(new Map([['beta', saved('shared-chain').get('beta')]]));
});

test('a key without localKeyId and its one certificate are one private key entry, with no note', () => {
  const [entry, ...rest] = decode(new Uint8Array(readFileSync(path('no-keyid')))).entries;
  expect(rest).toEqual([]);
  expect(entry).toMatchObject({ alias: 'server', type: 'privateKey' });
  expect(entry!.certificates).toHaveLength(1);
  expect(entry!.notes).toBeUndefined();
});

test('when Java leaves the key without a certificate, the note says so truthfully', () => {
  const entries = decode(new Uint8Array(readFileSync(path('cert-first')))).entries;
  const key = entries.find((e) => e.type === 'privateKey')!;
  expect(key.certificates).toEqual([]);
  expect(key.notes).toEqual([expect.stringMatching(/Java lists it with an empty chain/)]);
  expect(saved('cert-first').get('server')).toEqual({ type: 'PrivateKeyEntry', sha256: [] });
});

test('of two localKeyId attributes on a certificate bag, the last one pairs it, as in Java', () => {
  const chainOf = (name: string) => decode(new Uint8Array(readFileSync(path(name)))).entries.find((e) => e.type === 'privateKey')!.certificates.length;
  expect([chainOf('two-keyids-first'), chainOf('two-keyids-last')]).toEqual([0, 1]);
});
