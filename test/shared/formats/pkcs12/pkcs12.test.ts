// Reading PKCS#12 stores that keytool (JDK 17) and OpenSSL 3 wrote: entries, chains, fingerprints and
// protection details must match what those tools report (saved by test/fixtures/pkcs12/make.sh).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorruptInputError, PasswordRequiredError, TrustLensError, UnsupportedFormatError, WrongPasswordError } from '../../../../shared/errors';
import type { DecodedEntry, DecodedStore } from '../../../../shared/formats/codec';
import { detectPkcs12, pkcs12Codec } from '../../../../shared/formats/pkcs12/pkcs12';
import type { Pkcs12Raw } from '../../../../shared/formats/pkcs12/pkcs12';
import { encodePkcs12 } from '../../../../shared/formats/pkcs12/writer';
import { readCount } from '../../../../shared/formats/pkcs12/asn';
import { explicit0, integer, octetString, oid, sequence } from '../../../../shared/formats/pkcs12/der-builder';
import { readPbeScheme, schemeAlgorithm } from '../../../../shared/formats/pkcs12/pbe';
import { nodeCrypto } from '../../../support/crypto';
import { run } from '../../../support/peers';
import {
  FIXTURES,
  KEYTOOL_TYPE,
  fingerprint,
  fixtureBytes,
  fixturePath,
  opensslSchemeToOurs,
  pemToDer,
  savedKeytoolList,
  savedOpensslInfo,
} from './pkcs12-fixtures';

const crypto = nodeCrypto;
const sha256 = (der: Uint8Array) => crypto.digestHex('sha256', der);
const decode = (bytes: Uint8Array, password: string | undefined): DecodedStore => pkcs12Codec.decode(bytes, { password, crypto });
const property = (store: DecodedStore, label: string) => store.properties.find((p) => p.label === label)?.value;

/** Entries Java lists: trusted certificates with its attribute, keys in shrouded bags. */
const javaVisible = (entry: DecodedEntry) =>
  entry.type === 'trustedCertificate' ? entry.javaTrusted === true : !entry.notes?.some((note) => /unencrypted/.test(note));

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe.each(FIXTURES)('$name', (fixture) => {
  const bytes = fixtureBytes(fixture.name);
  const openssl = savedOpensslInfo(fixture.name);
  let store: DecodedStore;
  let opensslFingerprints: string[];
  beforeAll(() => {
    store = decode(bytes, fixture.password);
    opensslFingerprints = openssl.certificates.map((bag) => fingerprint(bag.pem));
  });

  it('is detected by its bytes and its integrity is reported as checked', () => {
    expect(detectPkcs12(bytes)).toBe(true);
    expect(store.format).toBe('PKCS12');
    expect(store.integrity).toBe(openssl.mac ? 'verified' : 'none');
  });

  it('holds the certificates openssl lists', () => {
    const ours = new Set(store.entries.flatMap((entry) => entry.certificates.map(sha256)));
    expect([...ours].sort()).toEqual([...new Set(opensslFingerprints)].sort());
  });

  it.runIf(fixture.keytool)('lists what keytool lists: aliases, types and chains', () => {
    const keytool = savedKeytoolList(fixture.name);
    const ours = new Map(
      store.entries.filter(javaVisible).map((entry) => [entry.alias.toLowerCase(), { type: KEYTOOL_TYPE[entry.type], sha256: entry.certificates.map(sha256) }]),
    );
    expect(ours).toEqual(new Map([...keytool].map(([alias, entry]) => [alias, { type: entry.type, sha256: entry.sha256 }])));
  });

  it.runIf(fixture.name.startsWith('keytool-'))('takes creation dates from the "Time <ms>" localKeyId keytool writes for keys', () => {
    const keytool = savedKeytoolList(fixture.name);
    const day = (date: Date) => date.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
    for (const entry of store.entries) {
      if (entry.type === 'trustedCertificate') expect(entry.created).toBeNull();
      else expect(day(entry.created!)).toBe(keytool.get(entry.alias)!.created);
    }
  });

  it('names key entries by friendlyName and orders their chains leaf first, by issuer', () => {
    const leaves = openssl.certificates.filter((bag) => bag.localKeyId);
    for (const leaf of leaves) {
      const entry = store.entries.find((e) => e.type === 'privateKey' && e.alias === leaf.friendlyName);
      expect(entry, leaf.friendlyName).toBeDefined();
      expect(sha256(entry!.certificates[0]!)).toBe(fingerprint(leaf.pem));
      const names = entry!.certificates.map((der) => openssl.certificates[opensslFingerprints.indexOf(sha256(der))]!);
      for (let i = 0; i + 1 < names.length; i++) expect(names[i]!.issuer).toBe(names[i + 1]!.subject);
      expect(names.at(-1)!.issuer === names.at(-1)!.subject || names.length === 1).toBe(true);
      expect(entry!.keyAlgorithm).toMatch(/^(RSA|EC)$/);
    }
    expect(store.entries.filter((e) => e.type === 'privateKey')).toHaveLength(leaves.filter((b, i, all) => all.findIndex((o) => o.localKeyId === b.localKeyId) === i).length);
  });

  it('marks trusted certificates Java would not trust, with a note', () => {
    for (const entry of store.entries.filter((e) => e.type === 'trustedCertificate')) {
      const bag = openssl.certificates.find((b, i) => opensslFingerprints[i] === sha256(entry.certificates[0]!) && (b.friendlyName ?? entry.alias) === entry.alias);
      expect(bag, entry.alias).toBeDefined();
      expect(entry.javaTrusted).toBe(bag!.javaTrusted);
      expect(entry.notes?.some((note) => /trusted-key-usage/.test(note)) ?? false).toBe(!bag!.javaTrusted);
    }
  });

  it('reports the MAC, encryption algorithms and iteration counts openssl reports', () => {
    expect(property(store, 'MAC')).toBe(openssl.mac ? `HMAC-${openssl.mac.hash.toUpperCase()}, ${openssl.mac.iterations} iterations` : 'none (no integrity check)');
    const certEncryption = openssl.certEncryption.map(opensslSchemeToOurs);
    expect(property(store, 'Certificate encryption')?.split('; ')).toEqual(certEncryption.length ? [...new Set(certEncryption)] : ['none']);
    const keyEncryption = [...new Set(openssl.keyEncryption.map((line) => (line === 'none' ? 'none (unencrypted key)' : opensslSchemeToOurs(line))))];
    expect(property(store, 'Key encryption')?.split('; ') ?? []).toEqual(keyEncryption);
    expect(property(store, 'Content blocks')).toMatch(new RegExp(`^${openssl.blocks}\\b`));
  });

  it('never carries key material: key entries hold only certificates', () => {
    for (const entry of store.entries.filter((e) => e.type !== 'trustedCertificate')) {
      const ders = new Set(entry.certificates.map(sha256));
      expect(ders.size).toBe(entry.certificates.length);
      expect(entry.certificates.every((der) => opensslFingerprints.includes(sha256(der)))).toBe(true);
    }
  });

  it.runIf(fixture.password !== undefined)('refuses a wrong password and asks for a missing one', () => {
    const wrong = thrown(() => decode(bytes, 'not-the-password'));
    expect(wrong).toBeInstanceOf(WrongPasswordError);
    expect((wrong as Error).message).toMatch(/wrong password/i);
    expect(thrown(() => decode(bytes, undefined))).toBeInstanceOf(PasswordRequiredError);
  });
});

describe('stores that need no password', () => {
  it('opens a password-less store with or without a password, without a MAC', () => {
    for (const name of ['keytool-passwordless.p12', 'openssl-passwordless.p12', 'openssl-nomac-unencrypted.p12']) {
      const without = decode(fixtureBytes(name), undefined);
      const withOne = decode(fixtureBytes(name), 'anything');
      expect(without.integrity).toBe('none');
      expect(withOne.entries.map((e) => e.alias)).toEqual(without.entries.map((e) => e.alias));
    }
  });

  it('opens an empty-password store with no password given, and with the empty password', () => {
    const bytes = fixtureBytes('openssl-empty-password.p12');
    expect(decode(bytes, undefined).integrity).toBe('verified');
    expect(decode(bytes, '').entries.map((e) => e.alias)).toEqual(['leaf']);
    expect(thrown(() => decode(bytes, 'changeit'))).toBeInstanceOf(WrongPasswordError);
  });
});

describe('a store with encrypted certificates but no MAC (openssl -nomac -certpbe AES-256-CBC)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pkcs12-nomac-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('decrypts with the right password, and tells a wrong or missing one apart', () => {
    const pem = join(dir, 'all.pem');
    const out = join(dir, 'nomac.p12');
    run('openssl', ['pkcs12', '-in', fixturePath('openssl-default.p12'), '-passin', 'pass:changeit', '-nodes', '-out', pem]);
    run('openssl', ['pkcs12', '-export', '-nomac', '-certpbe', 'AES-256-CBC', '-in', pem, '-passout', 'pass:s3cret', '-out', out]);
    const bytes = new Uint8Array(readFileSync(out));
    const store = decode(bytes, 's3cret');
    expect(store.integrity).toBe('none');
    expect(store.entries.map((e) => [e.type, e.certificates.length])).toEqual([['privateKey', 3]]);
    expect(thrown(() => decode(bytes, 'wrong'))).toBeInstanceOf(WrongPasswordError);
    expect(thrown(() => decode(bytes, undefined))).toBeInstanceOf(PasswordRequiredError);
  });
});

describe('damage and a wrong password: told apart where the format can tell', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pkcs12-damage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const flipped = (bytes: Uint8Array, at: number) => {
    const copy = bytes.slice();
    copy[at] = copy[at]! ^ 0x01;
    return copy;
  };

  it('a damaged MAC with the right password: the password decrypts the certificates, so the file is damaged', () => {
    const bytes = fixtureBytes('openssl-default.p12'); // certificates PBES2-encrypted, a MAC over it all
    const { mac } = decode(bytes, 'changeit').raw as Pkcs12Raw;
    const damaged = flipped(bytes, Buffer.from(bytes).indexOf(Buffer.from(mac!.digest)) + 5);
    const error = thrown(() => decode(damaged, 'changeit'));
    expect(error).toBeInstanceOf(CorruptInputError);
    expect((error as Error).message).toMatch(/MAC\) fails although the password decrypts the content: the file is damaged/);
    // A wrong password decrypts nothing: the two cannot be told apart, and the message says both.
    const wrong = thrown(() => decode(damaged, 'not-the-password'));
    expect(wrong).toBeInstanceOf(WrongPasswordError);
    expect((wrong as Error).message).toMatch(/^wrong password, or the file is damaged/);
  });

  it('a damaged certificate in a store with nothing encrypted: only the MAC fails, so it may be either', () => {
    const bytes = fixtureBytes('openssl-unencrypted.p12');
    const certificate = decode(bytes, 'changeit').entries[0]!.certificates[0]!;
    const damaged = flipped(bytes, Buffer.from(bytes).indexOf(Buffer.from(certificate)) + certificate.length - 10);
    const error = thrown(() => decode(damaged, 'changeit'));
    expect(error).toBeInstanceOf(WrongPasswordError);
    expect((error as Error).message).toMatch(/^wrong password, or the file is damaged/);
  });

  it('without a MAC: a block the password that decrypts the others cannot decrypt is damage', () => {
    const pem = join(dir, 'all.pem');
    const out = join(dir, 'nomac.p12');
    run('openssl', ['pkcs12', '-in', fixturePath('openssl-default.p12'), '-passin', 'pass:changeit', '-nodes', '-out', pem]);
    run('openssl', ['pkcs12', '-export', '-nomac', '-certpbe', 'AES-256-CBC', '-in', pem, '-passout', 'pass:s3cret', '-out', out]);
    // Adding a certificate writes a second encrypted block, at the end of the file (there is no MAC after it).
    const added = pemToDer(readFileSync(fixturePath('add-1.pem'), 'utf8'));
    const twoBlocks = encodePkcs12(decode(new Uint8Array(readFileSync(out)), 's3cret'), { add: [{ alias: 'added', der: added }] }, 's3cret', crypto);
    expect((decode(twoBlocks, 's3cret').raw as Pkcs12Raw).blocks.filter((b) => b.kind === 'encrypted')).toHaveLength(2);
    // CBC: a bit flipped in the last ciphertext block but one flips that bit of the padding: it no longer checks out.
    const damaged = flipped(twoBlocks, twoBlocks.length - 17);
    const error = thrown(() => decode(damaged, 's3cret'));
    expect(error).toBeInstanceOf(CorruptInputError);
    expect((error as Error).message).toMatch(/cannot be decrypted with the password that decrypts the rest .*; the file is damaged/);
    const wrong = thrown(() => decode(damaged, 'wrong'));
    expect(wrong).toBeInstanceOf(WrongPasswordError);
    expect((wrong as Error).message).toMatch(/^wrong password, or the file is damaged/);
  });
});

describe('BER with indefinite lengths and a chunked OCTET STRING, as older Windows versions wrote', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pkcs12-ber-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is read like openssl reads it', () => {
    // Re-encode openssl-passwordless.p12's outer layers as BER; the AuthenticatedSafe goes in 3 pieces.
    const der = decode(fixtureBytes('openssl-passwordless.p12'), undefined).raw as Pkcs12Raw;
    const indefinite = { lenBlock: { isIndefiniteForm: true } };
    const safe = der.authenticatedSafe;
    const third = Math.ceil(safe.length / 3);
    const chunks = [0, 1, 2].map((i) => new asn1js.OctetString({ valueHex: safe.subarray(i * third, (i + 1) * third) }));
    const content = new asn1js.OctetString({ ...indefinite, idBlock: { isConstructed: true }, value: chunks } as never);
    const explicit = new asn1js.Constructed({ ...indefinite, idBlock: { tagClass: 3, tagNumber: 0 }, value: [content] });
    const authSafe = new asn1js.Sequence({ ...indefinite, value: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' }), explicit] });
    const ber = new Uint8Array(new asn1js.Sequence({ ...indefinite, value: [new asn1js.Integer({ value: 3 }), authSafe] }).toBER());
    expect(ber[1]).toBe(0x80);
    const file = join(dir, 'ber.p12');
    writeFileSync(file, ber);
    const opensslSays = run('openssl', ['pkcs12', '-in', file, '-passin', 'pass:', '-nokeys']).stdout;
    const expected = (opensslSays.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map(fingerprint);
    expect(expected).toHaveLength(2);
    expect(detectPkcs12(ber)).toBe(true);
    const store = decode(ber, undefined);
    expect(store.entries.flatMap((e) => e.certificates.map(sha256))).toEqual(expected);
  });
});

describe('detection and hostile input', () => {
  const certificate = pemToDer(readFileSync(fixturePath('add-1.pem'), 'utf8'));

  it('tells PKCS#12 apart from other files by its bytes', () => {
    expect(detectPkcs12(certificate)).toBe(false);
    expect(detectPkcs12(new Uint8Array([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2]))).toBe(false);
    expect(detectPkcs12(new Uint8Array(0))).toBe(false);
    expect(detectPkcs12(readFileSync(fixturePath('add-1.pem')))).toBe(false);
    // BER with indefinite lengths, as some Windows versions wrote.
    expect(detectPkcs12(new Uint8Array([0x30, 0x80, 0x02, 0x01, 0x03, 0x30, 0x80, 0x06, 0x09]))).toBe(true);
  });

  it.each(FIXTURES.map((f) => [f.name, f.password] as const))('rejects a truncated %s with a typed error', (name, password) => {
    const bytes = fixtureBytes(name);
    for (const length of [1, 8, bytes.length >> 1, bytes.length - 1]) {
      const error = thrown(() => decode(bytes.subarray(0, length), password ?? ''));
      expect(error).toBeInstanceOf(TrustLensError);
      expect((error as TrustLensError).code).toMatch(/TRUNCATED_INPUT|CORRUPT_INPUT|WRONG_PASSWORD/);
    }
  });

  it('refuses a MAC iteration count of 2^31 - 1 at once instead of hashing for hours', () => {
    // A PFX whose MacData claims 2^31 - 1 iterations.
    const authSafe = sequence(oid('1.2.840.113549.1.7.1'), explicit0(octetString(new Uint8Array(32))));
    const macData = sequence(sequence(sequence(oid('2.16.840.1.101.3.4.2.1')), octetString(new Uint8Array(32))), octetString(new Uint8Array(8)), integer(0x7fffffff));
    const started = Date.now();
    const error = thrown(() => decode(sequence(integer(3), authSafe, macData), 'changeit'));
    expect(error).toBeInstanceOf(UnsupportedFormatError);
    expect((error as Error).message).toMatch(/iteration count/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses encryption parameters with 2^31 - 1 iterations', () => {
    const scheme = readPbeScheme(schemeAlgorithm({ kind: 'pkcs12', oid: '1.2.840.113549.1.12.1.3', name: '3DES', cipher: 'des-ede3-cbc', keyLength: 24, salt: new Uint8Array(8), iterations: 2048 }));
    expect(scheme.kind).toBe('pkcs12');
    const hostile = schemeAlgorithm({ ...scheme, iterations: 0x7fffffff } as typeof scheme);
    expect(thrown(() => readPbeScheme(hostile))).toBeInstanceOf(UnsupportedFormatError);
  });

  it('rejects garbage and other DER with a typed error', () => {
    for (const bytes of [certificate, new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x03]), new Uint8Array([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02, 0x01, 0x03])]) {
      expect(thrown(() => decode(bytes, 'changeit'))).toBeInstanceOf(TrustLensError);
    }
  });
});

describe('key derivation work, bounded before it is done', () => {
  /** nodeCrypto, counting the PBKDF2 derivations asked of it. */
  function countingCrypto() {
    const counter = { pbkdf2: 0 };
    const provider = new Proxy(nodeCrypto, {
      get(target, key) {
        const value = Reflect.get(target, key) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (key === 'pbkdf2') counter.pbkdf2++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    return { provider, counter };
  }

  /** openssl-default.p12's PBES2-encrypted certificate block, `count` times, without a MAC. */
  function manyBlocks(count: number): Uint8Array {
    const raw = decode(fixtureBytes('openssl-default.p12'), 'changeit').raw as Pkcs12Raw;
    const block = raw.blocks.find((b) => b.kind === 'encrypted')!.raw;
    const safe = new Uint8Array(new asn1js.Sequence({ value: Array.from({ length: count }, () => asn1js.fromBER(block).result) }).toBER());
    return sequence(integer(3), sequence(oid('1.2.840.113549.1.7.1'), explicit0(octetString(safe))));
  }

  it('refuses 20,000 encrypted blocks before deriving a single key; a few blocks still open', () => {
    const { provider, counter } = countingCrypto();
    const error = thrown(() => pkcs12Codec.decode(manyBlocks(20_000), { password: 'changeit', crypto: provider }));
    expect(error).toBeInstanceOf(UnsupportedFormatError);
    expect((error as Error).message).toMatch(/more key derivation work than TrustLens allows/);
    expect(counter.pbkdf2).toBe(0);
    const few = pkcs12Codec.decode(manyBlocks(3), { password: 'changeit', crypto: provider });
    expect(few.entries.length).toBeGreaterThan(0);
    expect(counter.pbkdf2).toBe(3);
  });

  it('says "too large" for a count beyond what a number holds, and "not a positive number" for zero', () => {
    expect(() => readCount('9223372036854775807', 'MAC iteration count', 1_000_000)).toThrow(
      'the PKCS#12 MAC iteration count (9223372036854775807) is too large: TrustLens accepts at most 1,000,000',
    );
    expect(() => readCount(0, 'MAC iteration count', 1_000_000)).toThrow('the PKCS#12 MAC iteration count (0) is not a positive number');
    expect(readCount(1_000_000, 'MAC iteration count', 1_000_000)).toBe(1_000_000);
  });
});
