// Reading BKS (versions 1 and 2) as Bouncy Castle wrote them: the entries Bouncy Castle lists, with and
// without the password, the integrity MAC checked, and damaged or hostile files refused with typed errors.
import { describe, expect, test } from 'vitest';
import { CorruptInputError, TruncatedInputError, WrongPasswordError } from '../../../../shared/errors';
import { decodeBks } from '../../../../shared/formats/bks/bks';
import { detectFormat } from '../../../../shared/formats/index';
import { nodeCrypto as crypto } from '../../../support/crypto';
import { BKS_PASSWORD, bcListing, bksExpected, bksFixture, decodedListing } from './bks-fixtures';

const BKS_FILES = ['keys-v2.bks', 'keys-v1.bks', 'trust-only.bks'];

describe.each(BKS_FILES)('%s', (file) => {
  const expected = bksExpected.stores[file]!;

  test('detected as BKS and read with the entries Bouncy Castle lists, the MAC verified', () => {
    const bytes = bksFixture(file);
    expect(detectFormat(bytes)).toBe('BKS');
    const store = decodeBks(bytes, { password: BKS_PASSWORD, crypto });
    expect(store.integrity).toBe('verified');
    expect(decodedListing(store)).toEqual(bcListing(expected.entries!));
    for (const want of expected.entries!) {
      const entry = store.entries.find((e) => e.alias === want.alias)!;
      expect(entry.created?.getTime()).toBe(want.created);
      if (want.type === 'PrivateKeyEntry') expect(entry.keyAlgorithm).toBe('EC');
    }
  });

  test('listed without a password (integrity not checked); a wrong password is refused', () => {
    const bytes = bksFixture(file);
    const store = decodeBks(bytes, { password: undefined, crypto });
    expect(store.integrity).toBe('not-checked');
    expect(decodedListing(store)).toEqual(bcListing(expected.entries!));
    expect(() => decodeBks(bytes, { password: 'not-it', crypto })).toThrow(WrongPasswordError);
  });
});

test('version 1 says its MAC key is 16 bits; version 2 says 160', () => {
  const v1 = decodeBks(bksFixture('keys-v1.bks'), { password: BKS_PASSWORD, crypto });
  const v2 = decodeBks(bksFixture('keys-v2.bks'), { password: BKS_PASSWORD, crypto });
  expect(v1.properties.find((p) => p.label === 'Warning')?.value).toContain('CVE-2018-5382');
  expect(v2.properties.find((p) => p.label === 'Integrity')?.value).toContain('160-bit');
  expect(v2.properties.some((p) => p.label === 'Warning')).toBe(false);
});

test('keys are listed, not decrypted: sealed keys say how they are protected, the opaque one what it is', () => {
  const store = decodeBks(bksFixture('keys-v2.bks'), { password: BKS_PASSWORD, crypto });
  const byAlias = new Map(store.entries.map((e) => [e.alias, e]));
  expect(byAlias.get('server')!.notes?.[0]).toMatch(/sealed with PBEWithSHAAnd3-KeyTripleDES-CBC \(\d+ iterations\)/);
  expect(byAlias.get('session-aes')!.type).toBe('secretKey');
  expect(byAlias.get('session-aes')!.keyAlgorithm).toBeUndefined();
  expect(byAlias.get('opaque-blob')!.notes?.[0]).toContain('opaque bytes');
});

describe('damaged and hostile files', () => {
  const good = bksFixture('keys-v2.bks');

  test('every truncation is a typed error, never a crash', () => {
    for (let length = 0; length < good.length; length += 7) {
      const cut = good.subarray(0, length);
      expect(() => decodeBks(cut, { password: undefined, crypto })).toThrow(TruncatedInputError);
    }
  });

  test('a changed byte inside the entries fails the MAC with the password', () => {
    const changed = good.slice();
    const at = changed.length - 200; // inside the last entry's certificate
    changed[at] = changed[at]! ^ 0x01;
    expect(() => decodeBks(changed, { password: BKS_PASSWORD, crypto })).toThrow(WrongPasswordError);
  });

  test('an iteration count above Bouncy Castle’s 2^20 is refused before any key is derived', () => {
    const hostile = good.slice();
    new DataView(hostile.buffer).setUint32(8 + 20, 0x7fffffff);
    expect(() => decodeBks(hostile, { password: BKS_PASSWORD, crypto })).toThrow(CorruptInputError);
  });

  test('an unknown entry type is a damaged file', () => {
    const hostile = good.slice();
    hostile[8 + 20 + 4] = 9;
    expect(() => decodeBks(hostile, { password: undefined, crypto })).toThrow(CorruptInputError);
  });
});
