// UBER, Bouncy Castle's keystore encrypted as a whole with PBEWithSHAAndTwofish-CBC: Twofish against the
// paper's test vectors, the Bouncy Castle-made store read with the entries Bouncy Castle lists, and what we
// write read back by Bouncy Castle with every old entry intact and the keys still decrypting.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PasswordRequiredError, WrongPasswordError } from '../../../../shared/errors';
import { twofishCbcDecrypt, twofishCbcEncrypt, twofishDecryptBlock, twofishEncryptBlock } from '../../../../shared/formats/bks/twofish';
import { createEmptyUber, decodeUber, encodeUber } from '../../../../shared/formats/bks/uber';
import { detectFormat } from '../../../../shared/formats/index';
import { nodeCrypto as crypto } from '../../../support/crypto';
import { bcList, type BcStore } from '../../../peers/bc-keystore';
import { scratchDir } from '../jks/jks-fixtures';
import { BKS_PASSWORD, bcListing, bksExpected, bksFixture, decodedListing } from './bks-fixtures';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();
const unhex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));

describe('Twofish', () => {
  // The paper's table of known answers for an all-zero key and plaintext, per key size.
  test.each([
    [16, '9F589F5CF6122C32B6BFEC2F2AE8C35A'],
    [24, 'EFA71F788965BD4453F860178FC19101'],
    [32, '57FF739D4DC92C1BD7FC01700CC8216F'],
  ])('%i-byte zero key encrypts the zero block to the paper’s value, and back', (length, expected) => {
    const key = new Uint8Array(length);
    expect(hex(twofishEncryptBlock(key, new Uint8Array(16)))).toBe(expected);
    expect(twofishDecryptBlock(key, unhex(expected))).toEqual(new Uint8Array(16));
  });

  test('CBC with PKCS#7 padding round-trips every length; a wrong key is bad padding, mostly', () => {
    const key = crypto.randomBytes(32);
    const iv = crypto.randomBytes(16);
    for (const length of [0, 1, 15, 16, 17, 100]) {
      const data = crypto.randomBytes(length);
      const encrypted = twofishCbcEncrypt(key, iv, data);
      expect(encrypted.length % 16).toBe(0);
      expect(twofishCbcDecrypt(key, iv, encrypted)).toEqual(data);
    }
    expect(twofishCbcDecrypt(key, iv, new Uint8Array(15))).toBeNull();
  });
});

const scratch = scratchDir();
afterAll(() => scratch.remove());
const extra = bksFixture('extra-1.der');
const extraSha = bksExpected.certificates['extra-1.der'];
const expected = bksExpected.stores['keys.uber']!;
let bc: Record<string, BcStore>;
const file = (name: string) => join(scratch.dir, name);

beforeAll(async () => {
  const store = decodeUber(bksFixture('keys.uber'), { password: BKS_PASSWORD, crypto });
  writeFileSync(file('edited.uber'), encodeUber(store, { remove: ['root-ca'], rename: [{ from: 'session-aes', to: 'Session AES' }], add: [{ alias: 'extra', der: extra }] }, BKS_PASSWORD, crypto));
  const empty = decodeUber(createEmptyUber(BKS_PASSWORD, crypto), { password: BKS_PASSWORD, crypto });
  writeFileSync(file('new.uber'), encodeUber(empty, { add: [{ alias: 'extra', der: extra }] }, BKS_PASSWORD, crypto));
  bc = await bcList(BKS_PASSWORD, [
    { type: 'UBER', file: file('edited.uber') },
    { type: 'UBER', file: file('new.uber') },
  ]);
}, 120_000);

describe('keys.uber (Bouncy Castle)', () => {
  test('detected as UBER and read with the entries Bouncy Castle lists', () => {
    const bytes = bksFixture('keys.uber');
    expect(detectFormat(bytes)).toBe('UBER');
    const store = decodeUber(bytes, { password: BKS_PASSWORD, crypto });
    expect(store.integrity).toBe('verified');
    expect(decodedListing(store)).toEqual(bcListing(expected.entries!));
    expect(store.entries.find((e) => e.alias === 'server')?.keyAlgorithm).toBe('EC');
  });

  test('needs its password to be listed; a wrong one is refused', () => {
    const bytes = bksFixture('keys.uber');
    expect(() => decodeUber(bytes, { password: undefined, crypto })).toThrow(PasswordRequiredError);
    expect(() => decodeUber(bytes, { password: 'not-it', crypto })).toThrow(WrongPasswordError);
    const damaged = bytes.slice();
    damaged[200] = damaged[200]! ^ 1;
    expect(() => decodeUber(damaged, { password: BKS_PASSWORD, crypto })).toThrow(WrongPasswordError);
  });

  test('decode -> encode with no edits gives the same bytes; a wrong password writes nothing', () => {
    const original = bksFixture('keys.uber');
    const store = decodeUber(original, { password: BKS_PASSWORD, crypto });
    expect(encodeUber(store, {}, BKS_PASSWORD, crypto)).toEqual(original);
    expect(() => encodeUber(store, {}, 'not-it', crypto)).toThrow(WrongPasswordError);
  });

  test('edited (remove, rename the secret key, add a certificate): Bouncy Castle reads it, keys still decrypting', () => {
    const got = bc[file('edited.uber')]!;
    expect(got.error).toBeUndefined();
    const want = bcListing(expected.entries!);
    want['Session AES'] = want['session-aes']!;
    delete want['session-aes'];
    delete want['root-ca'];
    want['extra'] = { type: 'trustedCertEntry', sha256: [extraSha] };
    expect(bcListing(got.entries!)).toEqual(want);
    const keys = Object.fromEntries(got.entries!.map((e) => [e.alias, e.key]));
    expect([keys['server'], keys['Session AES']]).toEqual(['private EC usable', 'secret AES 128']);
  });

  test('a new UBER store with a certificate is read by Bouncy Castle', () => {
    const got = bc[file('new.uber')]!;
    expect(got.error).toBeUndefined();
    expect(bcListing(got.entries!)).toEqual({ extra: { type: 'trustedCertEntry', sha256: [extraSha] } });
  });
});
