// Writing JKS / JCEKS: byte-identical round trips, and edited stores checked by keytool itself
// (listing, and using the untouched private and secret keys, which proves they still decrypt).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CorruptInputError, TrustLensError, UsageError, WrongPasswordError } from '../../../../shared/errors';
import type { DecodedStore } from '../../../../shared/formats/codec';
import { createEmptyJks, decodeJks, encodeJks } from '../../../../shared/formats/jks/jks';
import type { JksEntryRaw } from '../../../../shared/formats/jks/jks';
import { nodeCrypto } from '../../../support/crypto';
import { keytoolList, run } from '../../../support/peers';
import { PASSWORD, expected, expectedListing, fixture, scratchDir } from './jks-fixtures';
import type { Listing } from './jks-fixtures';

// keytool prints (and we compare) non-ASCII aliases in the locale's charset.
process.env.LC_ALL = 'C.UTF-8';

const crypto = nodeCrypto;
const scratch = scratchDir();
afterAll(() => scratch.remove());

const extra1 = fixture('extra-1.der');
const extra2 = fixture('extra-2.der');
const extraEntry = (der: string) => ({ type: 'trustedCertEntry', sha256: [expected.certificates[der]!] });

function decode(file: string, password?: string): DecodedStore {
  return decodeJks(fixture(file), { password, crypto });
}

function write(name: string, bytes: Uint8Array): string {
  const path = join(scratch.dir, name);
  writeFileSync(path, bytes);
  return path;
}

function renamed(listing: Listing, from: string, to: string): Listing {
  const entry = listing.get(from)!;
  listing.delete(from);
  return listing.set(to, entry);
}

describe.each(Object.keys(expected.stores))('%s round trip', (file) => {
  test('decode -> encode with no edits gives the same bytes, with or without the password at decode', () => {
    const original = fixture(file);
    expect(encodeJks(decode(file, PASSWORD), {}, PASSWORD, crypto)).toEqual(original);
    expect(encodeJks(decode(file), {}, PASSWORD, crypto)).toEqual(original);
  });
});

test('JKS: add two certificates, rename a key entry, remove one; keytool lists it and both private keys still decrypt', () => {
  const store = decode('keys.jks', PASSWORD);
  const bytes = encodeJks(
    store,
    {
      remove: ['legacy-root'],
      rename: [{ from: 'server-ec', to: 'Renamed-EC' }],
      add: [
        { alias: 'Extra-One', der: extra1 },
        { alias: 'extra-two', der: extra2 },
      ],
    },
    PASSWORD,
    crypto,
  );
  const path = write('edited.jks', bytes);

  const want = renamed(expectedListing(expected.stores['keys.jks']!), 'server-ec', 'renamed-ec');
  want.delete('legacy-root');
  want.set('extra-one', extraEntry('extra-1.der')).set('extra-two', extraEntry('extra-2.der'));
  expect(keytoolList(path, PASSWORD, 'JKS')).toEqual(want);

  // Signing a request needs the private key: keytool must decrypt the untouched and the renamed entry.
  for (const alias of ['server-rsa', 'renamed-ec']) {
    const csr = run('keytool', ['-certreq', '-alias', alias, '-keystore', path, '-storetype', 'JKS', '-storepass', PASSWORD, '-keypass', PASSWORD]);
    expect(csr.stdout).toContain('BEGIN NEW CERTIFICATE REQUEST');
  }

  // Untouched entries are the very bytes that were read.
  const reread = decodeJks(bytes, { password: PASSWORD, crypto });
  expect(reread.integrity).toBe('verified');
  const rawOf = (s: DecodedStore, alias: string) => (s.entries.find((e) => e.alias === alias)!.raw as JksEntryRaw).bytes;
  for (const alias of ['server-rsa', 'root-ca', 'backup-root']) expect(rawOf(reread, alias)).toEqual(rawOf(store, alias));
  // A rename changes only the alias in front of the entry.
  const before = rawOf(store, 'server-ec');
  const after = rawOf(reread, 'renamed-ec');
  expect(after.subarray(6 + 'renamed-ec'.length)).toEqual(before.subarray(6 + 'server-ec'.length));
});

test('JCEKS: after an edit keytool still lists the secret key, and converting to PKCS#12 decrypts both keys', () => {
  const bytes = encodeJks(
    decode('secrets.jceks'),
    { remove: ['root-ca'], rename: [{ from: 'session-aes', to: 'session-aes-2' }], add: [{ alias: 'extra-one', der: extra1 }] },
    PASSWORD,
    crypto,
  );
  expect(bytes.subarray(0, 4)).toEqual(Uint8Array.of(0xce, 0xce, 0xce, 0xce));
  const path = write('edited.jceks', bytes);

  const want = renamed(expectedListing(expected.stores['secrets.jceks']!), 'session-aes', 'session-aes-2');
  want.delete('root-ca');
  want.set('extra-one', extraEntry('extra-1.der'));
  expect(keytoolList(path, PASSWORD, 'JCEKS')).toEqual(want);

  const converted = run('keytool', [
    '-importkeystore', '-noprompt',
    '-srckeystore', path, '-srcstoretype', 'JCEKS', '-srcstorepass', PASSWORD,
    '-destkeystore', join(scratch.dir, 'converted.p12'), '-deststoretype', 'PKCS12', '-deststorepass', PASSWORD,
  ]);
  expect(converted.stdout + converted.stderr).toMatch(/3 entries successfully imported, 0 entries failed/);
});

test('a version 1 JKS (no certificate type strings) reads, and keytool reads what we write to it, non-ASCII aliases included', () => {
  // Build the old layout from trust-only.jks by hand, with node:crypto's SHA-1 for the digest.
  const source = decode('trust-only.jks');
  const parts: Buffer[] = [Buffer.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 1]), u32(source.entries.length)];
  for (const entry of source.entries) {
    const raw = (entry.raw as JksEntryRaw).bytes;
    const aliasEnd = 6 + ((raw[4]! << 8) | raw[5]!);
    parts.push(Buffer.from(raw.subarray(0, aliasEnd + 8)), u32(entry.certificates[0]!.length), Buffer.from(entry.certificates[0]!));
  }
  const body = Buffer.concat(parts);
  const whitened = Buffer.concat([Buffer.from(PASSWORD, 'utf16le').swap16(), Buffer.from('Mighty Aphrodite'), body]);
  const v1 = new Uint8Array(Buffer.concat([body, createHash('sha1').update(whitened).digest()]));

  const store = decodeJks(v1, { password: PASSWORD, crypto });
  expect(store.properties).toContainEqual({ label: 'Version', value: '1' });
  const trustOnly = expectedListing(expected.stores['trust-only.jks']!);
  expect(new Map(store.entries.map((e) => [e.alias, e.certificates.length]))).toEqual(new Map([...trustOnly].map(([a]) => [a, 1])));

  const edited = encodeJks(
    store,
    { rename: [{ from: 'legacy-root', to: 'Alt-Wurzel-Ä' }], add: [{ alias: 'Zertifikat-Ö', der: extra1 }, { alias: 'wurzel-😀', der: extra2 }] },
    PASSWORD,
    crypto,
  );
  const want = renamed(trustOnly, 'legacy-root', 'alt-wurzel-ä');
  want.set('zertifikat-ö', extraEntry('extra-1.der')).set('wurzel-😀', extraEntry('extra-2.der'));
  expect(keytoolList(write('v1.jks', edited), PASSWORD, 'JKS')).toEqual(want);
});

describe.each(['JKS', 'JCEKS'] as const)('createEmptyJks(%s)', (format) => {
  test('keytool reads the empty store filled with two certificates', () => {
    const empty = createEmptyJks(format, PASSWORD, crypto);
    const store = decodeJks(empty, { password: PASSWORD, crypto });
    expect(store.format).toBe(format);
    expect(store.entries).toEqual([]);
    const created = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
    const bytes = encodeJks(store, { add: [{ alias: 'one', der: extra1, created }, { alias: 'two', der: extra2 }] }, PASSWORD, crypto);
    expect(decodeJks(bytes, { crypto }).entries[0]!.created).toEqual(created);
    const want: Listing = new Map([
      ['one', extraEntry('extra-1.der')],
      ['two', extraEntry('extra-2.der')],
    ]);
    expect(keytoolList(write(`empty.${format.toLowerCase()}`, bytes), PASSWORD, format)).toEqual(want);
  });
});

test('a wrong password writes nothing', () => {
  const path = write('keep.jks', fixture('keys.jks'));
  const store = decodeJks(readFileSync(path), { crypto }); // listed without a password
  const attempt = () => writeFileSync(path, encodeJks(store, { add: [{ alias: 'new', der: extra1 }] }, 'not-the-password', crypto));
  expect(attempt).toThrow(WrongPasswordError);
  expect(attempt).toThrow(/wrong; nothing was written/);
  expect(new Uint8Array(readFileSync(path))).toEqual(fixture('keys.jks'));
});

test('aliases: lowercased, duplicates and unknown names refused with a clear error', () => {
  const store = decode('keys.jks');
  const edit = (edits: Parameters<typeof encodeJks>[1]) => () => encodeJks(store, edits, PASSWORD, crypto);
  expect(edit({ add: [{ alias: 'ROOT-CA', der: extra1 }] })).toThrow(/'root-ca' already exists/);
  expect(edit({ add: [{ alias: 'same', der: extra1 }, { alias: 'Same', der: extra2 }] })).toThrow(UsageError);
  expect(edit({ rename: [{ from: 'server-ec', to: 'Server-RSA' }] })).toThrow(/'server-rsa' already exists/);
  expect(edit({ remove: ['no-such-alias'] })).toThrow(/no entry named 'no-such-alias'/);
  expect(edit({ rename: [{ from: 'missing', to: 'x' }] })).toThrow(UsageError);
  expect(edit({ add: [{ alias: '  ', der: extra1 }] })).toThrow(/cannot be empty/);
  expect(edit({ add: [{ alias: 'x'.repeat(70000), der: extra1 }] })).toThrow(UsageError);
  expect(edit({ add: [{ alias: 'garbage', der: new Uint8Array([0x30, 0x03, 1, 2, 3]) }] })).toThrow(CorruptInputError);
  // Removing and re-adding a name in one edit is fine; renaming to a case variant of itself too.
  expect(edit({ remove: ['root-ca'], add: [{ alias: 'Root-CA', der: extra1 }] })).not.toThrow();
  expect(edit({ rename: [{ from: 'SERVER-RSA', to: 'server-rsa' }] })).not.toThrow();
  // Only stores this codec read can be written.
  expect(() => encodeJks({ ...store, raw: undefined }, {}, PASSWORD, crypto)).toThrow(TrustLensError);
});

function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value);
  return b;
}
