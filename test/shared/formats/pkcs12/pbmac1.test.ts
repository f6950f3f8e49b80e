// PBMAC1 integrity (RFC 9579) on the RFC's own test vectors: A.1–A.3 verify with the password 1234 and not
// with another; A.4 (wrong iteration count) and A.5 (wrong salt) fail as a wrong password / damaged file would;
// A.6 (no key length) is refused as damaged. Saved again, the file gets the classic MAC that keytool checks.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { CorruptInputError, WrongPasswordError } from '../../../../shared/errors';
import { decodeStore } from '../../../../shared/formats';
import { encodePkcs12 } from '../../../../shared/formats/pkcs12/writer';
import { nodeCrypto as crypto } from '../../../support/crypto';
import { keytoolList } from '../../../support/peers';
import { scratchDir } from '../jks/jks-fixtures';

const dir = join(__dirname, '../../../fixtures/pkcs12-pbmac1');
const vector = (n: number) => new Uint8Array(readFileSync(join(dir, `rfc9579-a${n}.p12`)));
const scratch = scratchDir();
afterAll(() => scratch.remove());

test.each([
  [1, 'PBMAC1 (PBKDF2-HMAC-SHA256, HMAC-SHA256), 2048 iterations'],
  [2, 'PBMAC1 (PBKDF2-HMAC-SHA512, HMAC-SHA256), 2048 iterations'],
  [3, 'PBMAC1 (PBKDF2-HMAC-SHA512, HMAC-SHA512), 2048 iterations'],
])('A.%i verifies with its password, not with another', (n, mac) => {
  const store = decodeStore(vector(n), { password: '1234', crypto });
  expect(store.integrity).toBe('verified');
  expect(store.properties.find((p) => p.label === 'MAC')?.value).toBe(mac);
  expect(store.entries.length).toBeGreaterThan(0);
  expect(() => decodeStore(vector(n), { password: 'not right', crypto })).toThrow(WrongPasswordError);
});

test.each([4, 5])('A.%i (a bad iteration count or salt) fails its MAC', (n) => {
  expect(() => decodeStore(vector(n), { password: '1234', crypto })).toThrow(/MAC|damaged|wrong password/);
});

test('A.6 (no PBKDF2 key length) is refused as damaged', () => {
  expect(() => decodeStore(vector(6), { password: '1234', crypto })).toThrow(CorruptInputError);
});

test('A.1 saved with an added certificate: keytool opens it (classic MAC) and lists the old entries', () => {
  const store = decodeStore(vector(1), { password: '1234', crypto });
  const extra = new Uint8Array(readFileSync(join(__dirname, '../../../fixtures/bks/extra-1.der')));
  const path = join(scratch.dir, 'a1-edited.p12');
  writeFileSync(path, encodePkcs12(store, { add: [{ alias: 'extra', der: extra }] }, '1234', crypto));
  const listed = keytoolList(path, '1234', 'PKCS12');
  expect(listed.get('extra')?.type).toBe('trustedCertEntry');
  // The vectors' key bag has no friendlyName, so keytool names it itself: compare the key entries by count.
  const keys = [...listed.values()].filter((e) => e.type === 'PrivateKeyEntry');
  expect(keys.length).toBe(store.entries.filter((e) => e.type === 'privateKey').length);
  expect(keys.length).toBeGreaterThan(0);
});
