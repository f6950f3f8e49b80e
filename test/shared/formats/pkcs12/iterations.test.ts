// Java's iteration cap (JDK 17 PKCS12KeyStore: 5,000,000 for the MAC and every PBE): a store keytool wrote
// with a 5,000,000-iteration MAC opens with the entries keytool lists; one OpenSSL wrote with 5,000,001 is
// refused in one line that says Java refuses it too, before any key is derived. How long the 5,000,000 MAC
// takes is in `npm run bench`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { UnsupportedFormatError } from '../../../../shared/errors';
import { decodeStore } from '../../../../shared/formats';
import { keytoolList, parseKeytoolList } from '../../../support/peers';
import { nodeCrypto as crypto } from '../../../support/crypto';
import { listingOf } from '../jks/jks-fixtures';

const dir = join(__dirname, '../../../fixtures/pkcs12-iterations');
const bytes = (name: string) => new Uint8Array(readFileSync(join(dir, name)));

test('a keytool store with a 5,000,000-iteration MAC opens with what keytool lists, its MAC verified', () => {
  const decoded = decodeStore(bytes('mac-5000000.p12'), { password: 'changeit', crypto });
  expect(decoded.integrity).toBe('verified');
  expect(decoded.properties.find((p) => p.label === 'MAC')?.value).toBe('HMAC-SHA256, 5000000 iterations');
  expect(listingOf(decoded)).toEqual(parseKeytoolList(readFileSync(join(dir, 'mac-5000000.keytool.txt'), 'utf8')));
  expect(listingOf(decoded)).toEqual(keytoolList(join(dir, 'mac-5000000.p12'), 'changeit', 'PKCS12'));
}, 60_000);

test('5,000,001 iterations are refused at once, saying Java refuses them too', () => {
  let digests = 0;
  const counting = { ...crypto, digest: (...args: Parameters<typeof crypto.digest>) => (digests++, crypto.digest(...args)) };
  const error = (() => {
    try {
      decodeStore(bytes('iter-5000001.p12'), { password: 'changeit', crypto: counting });
    } catch (caught) {
      return caught;
    }
    return null;
  })();
  expect(error).toBeInstanceOf(UnsupportedFormatError);
  expect((error as Error).message).toBe(
    'the PKCS#12 MAC iteration count (5000001) is too large: TrustLens accepts at most 5,000,000, and Java (JDK 17) refuses more too',
  );
  expect(digests).toBe(0);
  expect(() => keytoolList(join(dir, 'iter-5000001.p12'), 'changeit', 'PKCS12')).toThrow(/iteration count too large/);
});
