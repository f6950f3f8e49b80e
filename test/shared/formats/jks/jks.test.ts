// Decoding the keytool-made JKS / JCEKS fixtures: what we list must equal what keytool reported.
import { describe, expect, test } from 'vitest';
import { WrongPasswordError } from '../../../../shared/errors';
import { detectJks, jceksCodec, jksCodec } from '../../../../shared/formats/jks/jks';
import type { JksEntryRaw, JksStoreRaw } from '../../../../shared/formats/jks/jks';
import { nodeCrypto } from '../../../support/crypto';
import { PASSWORD, expected, expectedListing, fixture, listingOf } from './jks-fixtures';

const crypto = nodeCrypto;

describe.each(Object.entries(expected.stores))('%s', (file, keytool) => {
  const bytes = fixture(file);

  test('is detected by its magic', () => {
    expect(detectJks(bytes)).toBe(keytool.storetype);
  });

  test('lists the aliases, entry types and SHA-256 fingerprints keytool reports, with the digest verified', () => {
    const store = jksCodec.decode(bytes, { password: PASSWORD, crypto });
    expect(store.format).toBe(keytool.storetype);
    expect(store.integrity).toBe('verified');
    expect(listingOf(store)).toEqual(expectedListing(keytool));
    expect(store.properties).toEqual(
      expect.arrayContaining([
        { label: 'Format', value: keytool.storetype },
        { label: 'Version', value: '2' },
        { label: 'Entries', value: String(keytool.entries.length) },
      ]),
    );
  });

  test('lists every entry without a password, integrity not checked', () => {
    const store = jceksCodec.decode(bytes, { crypto });
    expect(store.integrity).toBe('not-checked');
    expect(listingOf(store)).toEqual(expectedListing(keytool));
  });

  test('refuses a wrong password with WrongPasswordError', () => {
    expect(() => jksCodec.decode(bytes, { password: 'changeit!', crypto })).toThrow(WrongPasswordError);
    expect(() => jksCodec.decode(bytes, { password: '', crypto })).toThrow(/password .* is wrong/);
  });

  test('reports creation times from when make.sh ran, and key algorithms from the leaf certificate', () => {
    const store = jksCodec.decode(bytes, { password: PASSWORD, crypto });
    const [from, to] = expected.createdBetweenMs;
    for (const entry of store.entries) {
      expect(entry.created!.getTime()).toBeGreaterThanOrEqual(from);
      expect(entry.created!.getTime()).toBeLessThanOrEqual(to);
      const reported = keytool.entries.find((e) => e.alias === entry.alias)!;
      if (entry.type === 'privateKey') expect(entry.keyAlgorithm).toBe(reported.keyAlgorithms[0]);
      if (entry.type === 'secretKey') {
        // Stored encrypted: not claimed, and the note says why.
        expect(entry.keyAlgorithm).toBeUndefined();
        expect(entry.notes?.join(' ')).toMatch(/sealed with PBEWithMD5AndTripleDES/);
      }
    }
  });

  test('keeps the exact bytes of every entry: header + entries + digest is the file', () => {
    const store = jksCodec.decode(bytes, { crypto });
    const raw = store.raw as JksStoreRaw;
    const pieces = [raw.body.subarray(0, 12), ...store.entries.map((e) => (e.raw as JksEntryRaw).bytes), raw.digest];
    expect(Buffer.concat(pieces)).toEqual(Buffer.from(bytes));
  });
});

test('the non-ASCII alias keytool stored in modified UTF-8 reads back as keytool printed it', () => {
  const store = jksCodec.decode(fixture('trust-only.jks'), { crypto });
  const nonAscii = expected.stores['trust-only.jks']!.entries.map((e) => e.alias).filter((a) => /[^\x20-\x7e]/.test(a));
  expect(nonAscii.length).toBeGreaterThan(0);
  for (const alias of nonAscii) expect(store.entries.map((e) => e.alias)).toContain(alias);
});

test('detectJks says null for anything else', () => {
  expect(detectJks(new Uint8Array([0xfe, 0xed, 0xfe]))).toBeNull();
  expect(detectJks(fixture('extra-1.der'))).toBeNull();
  expect(detectJks(new Uint8Array([0xce, 0xce, 0xce, 0xcf, 0, 0, 0, 2]))).toBeNull();
});
