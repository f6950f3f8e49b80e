// RC4-protected PKCS#12 (pbeWithSHAAnd40BitRC4 certificates, pbeWithSHAAnd128BitRC4 key) written by OpenSSL 3's
// legacy provider: RC4 itself against OpenSSL's, the store read with the entries keytool lists, and an import
// into it (new content under 3DES) read back by keytool.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { decodeStore } from '../../../../shared/formats';
import { rc4 } from '../../../../shared/formats/pkcs12/rc4';
import { encodePkcs12 } from '../../../../shared/formats/pkcs12/writer';
import { nodeCrypto as crypto } from '../../../support/crypto';
import { keytoolList, parseKeytoolList, run } from '../../../support/peers';
import { KEYTOOL_TYPE, keytoolFingerprint, scratchDir } from '../jks/jks-fixtures';

const dir = join(__dirname, '../../../fixtures/pkcs12-rc4');
const store = () => new Uint8Array(readFileSync(join(dir, 'rc4.p12')));
const scratch = scratchDir();
afterAll(() => scratch.remove());
const listing = (decoded: ReturnType<typeof decodeStore>) =>
  new Map(decoded.entries.map((e) => [e.alias, { type: KEYTOOL_TYPE[e.type], sha256: e.certificates.map(keytoolFingerprint) }]));

test('RC4 gives what OpenSSL’s legacy RC4 gives, for 40- and 128-bit keys', () => {
  const data = crypto.randomBytes(1000);
  for (const key of [crypto.randomBytes(5), crypto.randomBytes(16)]) {
    const hex = Buffer.from(key).toString('hex');
    const cipher = key.length === 5 ? '-rc4-40' : '-rc4';
    const openssl = run('bash', ['-c', `openssl enc ${cipher} -K ${hex} -nosalt -provider legacy -provider default | od -An -v -tx1 | tr -d ' \\n'`], { input: data });
    expect(Buffer.from(rc4(key, data)).toString('hex')).toBe(openssl.stdout);
  }
});

test('the RC4 store is read with the entries keytool lists, its MAC verified; a wrong password is refused', () => {
  const decoded = decodeStore(store(), { password: 'changeit', crypto });
  expect(decoded.integrity).toBe('verified');
  expect(listing(decoded)).toEqual(parseKeytoolList(readFileSync(join(dir, 'rc4.keytool.txt'), 'utf8')));
  expect(() => decodeStore(store(), { password: 'not-it', crypto })).toThrow(/wrong password/i);
});

test('a certificate imported into it is read by keytool beside the RC4-protected key', () => {
  const decoded = decodeStore(store(), { password: 'changeit', crypto });
  const extra = new Uint8Array(readFileSync(join(__dirname, '../../../fixtures/bks/extra-1.der')));
  const path = join(scratch.dir, 'edited.p12');
  writeFileSync(path, encodePkcs12(decoded, { add: [{ alias: 'extra', der: extra }] }, 'changeit', crypto));
  const listed = keytoolList(path, 'changeit', 'PKCS12');
  expect(listed.get('rc4-key')).toEqual(listing(decoded).get('rc4-key'));
  expect(listed.get('extra')).toEqual({ type: 'trustedCertEntry', sha256: [keytoolFingerprint(extra)] });
});
