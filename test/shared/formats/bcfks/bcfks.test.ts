// BCFKS, Bouncy Castle's FIPS keystore: AES-CCM against OpenSSL's (node:crypto), the Bouncy Castle-made store
// read with the entries Bouncy Castle lists, and what we write read back by Bouncy Castle with every old
// entry intact and the private and secret keys still decrypting.
import * as nodeCryptoModule from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PasswordRequiredError, WrongPasswordError } from '../../../../shared/errors';
import { decodeBcfks } from '../../../../shared/formats/bcfks/bcfks';
import { ccmDecrypt, ccmEncrypt } from '../../../../shared/formats/bcfks/ccm';
import { createEmptyBcfks, encodeBcfks } from '../../../../shared/formats/bcfks/writer';
import { detectFormat } from '../../../../shared/formats/index';
import { nodeCrypto as crypto } from '../../../support/crypto';
import { bcList, type BcStore } from '../../../peers/bc-keystore';
import { scratchDir } from '../jks/jks-fixtures';
import { BKS_PASSWORD, bcListing, bksExpected, bksFixture, decodedListing } from '../bks/bks-fixtures';

test.each([
  [12, 8, 1],
  [12, 16, 33],
  [7, 4, 100],
  [13, 12, 4000],
])('AES-256-CCM with a %i-byte nonce and %i-byte tag gives what OpenSSL gives (%i bytes)', (nonceLength, tagLength, length) => {
  const key = crypto.randomBytes(32);
  const nonce = crypto.randomBytes(nonceLength);
  const data = crypto.randomBytes(length);
  const openssl = nodeCryptoModule.createCipheriv('aes-256-ccm', key, nonce, { authTagLength: tagLength });
  openssl.setAAD(Buffer.alloc(0), { plaintextLength: length });
  const want = Buffer.concat([openssl.update(data), openssl.final(), openssl.getAuthTag()]);
  const ours = ccmEncrypt(crypto, key, nonce, tagLength, data);
  expect(Buffer.from(ours)).toEqual(want);
  expect(ccmDecrypt(crypto, key, nonce, tagLength, ours)).toEqual(data);
  ours[0] = ours[0]! ^ 1;
  expect(ccmDecrypt(crypto, key, nonce, tagLength, ours)).toBeNull();
});

const scratch = scratchDir();
afterAll(() => scratch.remove());
const extra = bksFixture('extra-1.der');
const extraSha = bksExpected.certificates['extra-1.der'];
const expected = bksExpected.stores['keys.bcfks']!;
const file = (name: string) => join(scratch.dir, name);
let bc: Record<string, BcStore>;

beforeAll(async () => {
  const store = decodeBcfks(bksFixture('keys.bcfks'), { password: BKS_PASSWORD, crypto });
  writeFileSync(file('edited.bcfks'), encodeBcfks(store, { remove: ['other-root'], rename: [{ from: 'server', to: 'Server Renamed' }], add: [{ alias: 'extra', der: extra }] }, BKS_PASSWORD, crypto));
  const empty = decodeBcfks(createEmptyBcfks(BKS_PASSWORD, crypto), { password: BKS_PASSWORD, crypto });
  writeFileSync(file('new.bcfks'), encodeBcfks(empty, { add: [{ alias: 'extra', der: extra }] }, BKS_PASSWORD, crypto));
  bc = await bcList(BKS_PASSWORD, [
    { type: 'BCFKS', file: file('edited.bcfks') },
    { type: 'BCFKS', file: file('new.bcfks') },
  ]);
}, 120_000);

describe('keys.bcfks (Bouncy Castle)', () => {
  test('detected as BCFKS and read with the entries Bouncy Castle lists, the MAC verified', () => {
    const bytes = bksFixture('keys.bcfks');
    expect(detectFormat(bytes)).toBe('BCFKS');
    const store = decodeBcfks(bytes, { password: BKS_PASSWORD, crypto });
    expect(store.integrity).toBe('verified');
    expect(decodedListing(store)).toEqual(bcListing(expected.entries!));
    for (const want of expected.entries!) expect(store.entries.find((e) => e.alias === want.alias)?.created?.getTime()).toBe(want.created);
    expect(store.entries.find((e) => e.alias === 'server')?.keyAlgorithm).toBe('EC');
  });

  test('needs its password; a wrong one, or a changed byte, is refused', () => {
    const bytes = bksFixture('keys.bcfks');
    expect(() => decodeBcfks(bytes, { password: undefined, crypto })).toThrow(PasswordRequiredError);
    expect(() => decodeBcfks(bytes, { password: 'not-it', crypto })).toThrow(WrongPasswordError);
    const damaged = bytes.slice();
    damaged[1000] = damaged[1000]! ^ 1; // inside the encrypted store
    expect(() => decodeBcfks(damaged, { password: BKS_PASSWORD, crypto })).toThrow(WrongPasswordError);
  });

  test('unedited, the same bytes; a wrong password writes nothing', () => {
    const original = bksFixture('keys.bcfks');
    const store = decodeBcfks(original, { password: BKS_PASSWORD, crypto });
    expect(encodeBcfks(store, {}, BKS_PASSWORD, crypto)).toEqual(original);
    expect(() => encodeBcfks(store, { add: [{ alias: 'x', der: extra }] }, 'not-it', crypto)).toThrow(WrongPasswordError);
  });

  test('edited (remove, rename the key entry, add a certificate): Bouncy Castle reads it, keys still decrypting', () => {
    const got = bc[file('edited.bcfks')]!;
    expect(got.error).toBeUndefined();
    const want = bcListing(expected.entries!);
    want['Server Renamed'] = want['server']!;
    delete want['server'];
    delete want['other-root'];
    want['extra'] = { type: 'trustedCertEntry', sha256: [extraSha] };
    expect(bcListing(got.entries!)).toEqual(want);
    const keys = Object.fromEntries(got.entries!.map((e) => [e.alias, e.key]));
    expect([keys['Server Renamed'], keys['session-aes']]).toEqual(['private EC usable', 'secret AES 128']);
  });

  test('a new BCFKS store with a certificate is read by Bouncy Castle', () => {
    const got = bc[file('new.bcfks')]!;
    expect(got.error).toBeUndefined();
    expect(bcListing(got.entries!)).toEqual({ extra: { type: 'trustedCertEntry', sha256: [extraSha] } });
  });
});
