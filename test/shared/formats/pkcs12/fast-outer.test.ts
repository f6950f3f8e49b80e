// The in-place reading of a PKCS#12 file's outer layers (PFX, AuthenticatedSafe, ContentInfo,
// EncryptedData) against asn1-schema reading all of them: the same store from every keytool / OpenSSL
// fixture, the same store from a BER (indefinite-length) re-encoding that only asn1-schema reads, and the
// same store or the same error from seeded damaged files.
import { describe, expect, it } from 'vitest';
import { decodePkcs12WithAsn1Schema, pkcs12Codec } from '../../../../shared/formats/pkcs12/pkcs12';
import { readFastContentInfos, readFastPfx } from '../../../../shared/formats/pkcs12/fast-outer';
import type { Pkcs12Raw } from '../../../../shared/formats/pkcs12/pkcs12';
import { toHex } from '../../../../shared/x509/hex';
import { nodeCrypto as crypto } from '../../../support/crypto';
import { seededRandom } from '../../../support/mutations';
import { FIXTURES, fixtureBytes } from './pkcs12-fixtures';

/** A comparable copy: bytes as hex, everything else as it is. */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return toHex(value);
  if (Array.isArray(value)) return Array.from(value, plain); // asn1-schema hands out Array subclasses
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, plain(v)]));
}

function outcome(decode: typeof pkcs12Codec.decode, bytes: Uint8Array, password: string | undefined): unknown {
  try {
    return plain(decode(bytes, { password, crypto }));
  } catch (error) {
    return `${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
}

/** `bytes` with its outermost SEQUENCE written with an indefinite length (BER), contents unchanged. */
function indefiniteOuter(bytes: Uint8Array): Uint8Array {
  const lengthBytes = bytes[1]! & 0x80 ? 1 + (bytes[1]! & 0x7f) : 1;
  const content = bytes.subarray(1 + lengthBytes);
  return Uint8Array.from([0x30, 0x80, ...content, 0x00, 0x00]);
}

describe('PKCS#12 outer layers read in place', () => {
  it('give every fixture exactly the store asn1-schema gives, on the fast path', () => {
    for (const fixture of FIXTURES) {
      const bytes = fixtureBytes(fixture.name);
      const pfx = readFastPfx(bytes);
      expect(pfx, fixture.name).not.toBeNull();
      expect(readFastContentInfos(pfx!.content), fixture.name).not.toBeNull();
      expect(outcome(pkcs12Codec.decode, bytes, fixture.password), fixture.name).toStrictEqual(outcome(decodePkcs12WithAsn1Schema, bytes, fixture.password));
    }
  });

  it('leave BER to asn1-schema: an indefinite-length PFX reads to the same entries', () => {
    const fixture = FIXTURES.find((f) => f.name === 'openssl-default.p12')!;
    const der = fixtureBytes(fixture.name);
    const ber = indefiniteOuter(der);
    expect(readFastPfx(ber)).toBeNull();
    const fromBer = pkcs12Codec.decode(ber, { password: fixture.password, crypto });
    const fromDer = pkcs12Codec.decode(der, { password: fixture.password, crypto });
    expect(plain(fromBer.entries)).toStrictEqual(plain(fromDer.entries));
    expect(toHex((fromBer.raw as Pkcs12Raw).authenticatedSafe)).toBe(toHex((fromDer.raw as Pkcs12Raw).authenticatedSafe));
  });

  it('damaged files: the same store or the same error both ways', () => {
    const next = seededRandom(0x0c7e5);
    let decoded = 0;
    for (const name of ['openssl-passwordless.p12', 'keytool-passwordless.p12', 'openssl-nomac-unencrypted.p12']) {
      const fixture = FIXTURES.find((f) => f.name === name)!;
      const source = fixtureBytes(name);
      for (let n = 0; n < 300; n++) {
        const bytes = source.slice();
        const at = Math.floor(next() * bytes.length);
        if (n % 3 === 0) bytes[at] = Math.floor(next() * 256);
        else if (n % 3 === 1) bytes[at] = bytes[at]! ^ (1 << Math.floor(next() * 8));
        const input = n % 3 === 2 ? bytes.subarray(0, at) : bytes;
        const fast = outcome(pkcs12Codec.decode, input, fixture.password);
        expect(fast, `${name} #${n}`).toStrictEqual(outcome(decodePkcs12WithAsn1Schema, input, fixture.password));
        if (typeof fast !== 'string') decoded++;
      }
    }
    expect(decoded).toBeGreaterThan(100);
  });
});
