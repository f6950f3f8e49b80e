// Hostile JKS / JCEKS input: truncations, lengths and counts beyond the end, wrong magic and version,
// malformed serialized secret keys. Each must give a typed one-line error, never a crash or a hang.
import { describe, expect, test } from 'vitest';
import { CorruptInputError, TrustLensError, TruncatedInputError, UnsupportedFormatError } from '../../../../shared/errors';
import { MAX_STORE_ENTRIES } from '../../../../shared/formats/limits';
import { decodeJks } from '../../../../shared/formats/jks/jks';
import type { JksEntryRaw } from '../../../../shared/formats/jks/jks';
import { nodeCrypto } from '../../../support/crypto';
import { PASSWORD, expected, fixture } from './jks-fixtures';

const crypto = nodeCrypto;

function failure(bytes: Uint8Array, password?: string): TrustLensError {
  try {
    decodeJks(bytes, { password, crypto });
  } catch (error) {
    if (error instanceof TrustLensError) {
      expect(error.message).not.toMatch(/[\r\n]/);
      return error;
    }
    throw error;
  }
  throw new Error('decoding succeeded');
}

function patched(bytes: Uint8Array, offset: number, value: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(offset, value >>> 0);
  return copy;
}

/** Offset of the first entry's bytes after its alias and timestamp. */
function afterTimestamp(file: string, index = 0): number {
  const store = decodeJks(fixture(file), { crypto });
  let offset = 12;
  for (let i = 0; i < index; i++) offset += (store.entries[i]!.raw as JksEntryRaw).bytes.length;
  const raw = (store.entries[index]!.raw as JksEntryRaw).bytes;
  return offset + 6 + ((raw[4]! << 8) | raw[5]!) + 8;
}

/** A JCEKS holding one secret-key entry whose serialized stream is `stream`; digest not checked. */
function jceksWithStream(stream: number[]): Uint8Array {
  const header = [0xce, 0xce, 0xce, 0xce, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 3, 0, 1, 0x6b, 0, 0, 0, 0, 0, 0, 0, 0];
  return Uint8Array.from([...header, 0xac, 0xed, 0, 5, ...stream, ...new Array<number>(20).fill(0)]);
}

const utf = (text: string) => [text.length >> 8, text.length & 0xff, ...Buffer.from(text, 'latin1')];
const classDesc = (name: string, flags = 0x02) => [0x72, ...utf(name), 0, 0, 0, 0, 0, 0, 0, 1, flags, 0, 0, 0x78];

describe.each(Object.keys(expected.stores))('%s cut short', (file) => {
  test('every truncation gives TruncatedInputError, with or without the password', () => {
    const bytes = fixture(file);
    for (let length = 0; length < bytes.length; length++) {
      const cut = bytes.subarray(0, length);
      expect(failure(cut)).toBeInstanceOf(TruncatedInputError);
      if (length % 7 === 0) expect(failure(cut, PASSWORD)).toBeInstanceOf(TruncatedInputError);
    }
  });
});

describe('store header', () => {
  const keys = fixture('keys.jks');
  test('wrong magic or version', () => {
    expect(failure(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 0, 2]))).toBeInstanceOf(CorruptInputError);
    expect(failure(patched(keys, 4, 3)).message).toMatch(/version 3/);
    expect(failure(patched(keys, 4, 0))).toBeInstanceOf(CorruptInputError);
  });
  test('entry counts of 2^31 and 2^31 - 1', () => {
    expect(failure(patched(keys, 8, 0x80000000))).toBeInstanceOf(CorruptInputError);
    expect(failure(patched(keys, 8, 0x7fffffff))).toBeInstanceOf(TruncatedInputError);
    expect(failure(patched(keys, 8, 6))).toBeInstanceOf(TrustLensError);
  });
  test('more entries than TrustLens lists: refused before any entry is read', () => {
    const count = MAX_STORE_ENTRIES + 1;
    const bytes = new Uint8Array(12 + count * 18 + 20);
    bytes.set([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2]);
    new DataView(bytes.buffer).setUint32(8, count);
    const error = failure(bytes);
    expect(error).toBeInstanceOf(UnsupportedFormatError);
    expect(error.message).toBe(
      'this JKS keystore holds 250,001 entries, more than TrustLens lists (250,000); a trust store holds hundreds, a large one tens of thousands, so check that this is the file you meant',
    );
    new DataView(bytes.buffer).setUint32(8, MAX_STORE_ENTRIES);
    expect(failure(bytes).message).toMatch(/^entry 1 .* unknown entry type 0/); // at the limit the entries are read (these are zeros)
  });
  test('trailing bytes after the digest are reported, not fatal', () => {
    const store = decodeJks(Uint8Array.from([...keys, 1, 2, 3]), { password: PASSWORD, crypto });
    expect(store.properties).toContainEqual({ label: 'Trailing data', value: '3 bytes after the digest, ignored' });
  });
});

describe('entries', () => {
  test('huge lengths: alias, certificate, encrypted key, chain', () => {
    const trust = fixture('trust-only.jks');
    expect(failure(patched(trust, 16, 0xffff0000))).toBeInstanceOf(TruncatedInputError); // alias length ffff
    const certType = afterTimestamp('trust-only.jks');
    for (const huge of [0x7fffffff, 0xffffffff, 0x80000000]) {
      expect(failure(patched(trust, certType + 7, huge))).toBeInstanceOf(TruncatedInputError);
    }
    const keys = fixture('keys.jks');
    const keyEntry = decodeJks(keys, { crypto }).entries.findIndex((e) => e.type === 'privateKey');
    const keyLength = afterTimestamp('keys.jks', keyEntry);
    expect(failure(patched(keys, keyLength, 0x7fffffff))).toBeInstanceOf(TruncatedInputError);
    const encryptedLength = new DataView(keys.buffer, keys.byteOffset).getUint32(keyLength);
    expect(failure(patched(keys, keyLength + 4 + encryptedLength, 0x7fffffff)).message).toMatch(/chain holds 2147483647/);
  });

  test('unknown entry types, secret keys in a JKS, other certificate types, bad modified UTF-8', () => {
    const trust = fixture('trust-only.jks');
    expect(failure(patched(trust, 12, 7)).message).toMatch(/unknown entry type 7/);
    const jceksAsJks = patched(fixture('secrets.jceks'), 0, 0xfeedfeed);
    expect(failure(jceksAsJks)).toBeInstanceOf(CorruptInputError);
    const otherType = trust.slice();
    otherType[afterTimestamp('trust-only.jks') + 6] = 0x3f; // "X.50?"
    expect(failure(otherType).message).toMatch(/type 'X.50\?'/);
    const badUtf = trust.slice();
    badUtf[18] = 0xff; // first byte of the first alias
    expect(failure(badUtf)).toBeInstanceOf(CorruptInputError);
  });

  test('an alias with a line break stays on one line in the error', () => {
    const entry = [0, 0, 0, 2, ...utf('a\nb'), 0, 0, 0, 0, 0, 0, 0, 0, ...utf('X.509'), 0, 1, 0, 0];
    const bytes = Uint8Array.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2, 0, 0, 0, 1, ...entry, ...new Array<number>(40).fill(0)]);
    expect(failure(bytes).message).toMatch(/'a\?b'/);
  });
});

describe('serialized secret keys', () => {
  test('the keytool-made stream decodes; a damaged header does not', () => {
    const bytes = fixture('secrets.jceks');
    const at = Buffer.from(bytes).indexOf(Buffer.from([0xac, 0xed, 0x00, 0x05]));
    const damaged = bytes.slice();
    damaged[at + 1] = 0xee;
    expect(failure(damaged)).toBeInstanceOf(CorruptInputError);
  });

  test.each([
    ['a class that is its own superclass', [0x73, 0x72, ...utf('A'), 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0x78, 0x71, 0, 0x7e, 0, 0], CorruptInputError],
    ['200 nested superclass descriptors', [0x73, ...Array.from({ length: 200 }, (_, i) => classDesc(`C${i}`)).flat(), 0x70], CorruptInputError],
    ['a byte array of 2^31 - 1 bytes', [0x75, ...classDesc('[B'), 0x70, 0x7f, 0xff, 0xff, 0xff], TruncatedInputError],
    ['an object array of 2^31 - 1 elements', [0x75, ...classDesc('[Ljava.lang.Object;'), 0x70, 0x7f, 0xff, 0xff, 0xff], TruncatedInputError],
    ['a negative array length', [0x75, ...classDesc('[B'), 0x70, 0x80, 0, 0, 0], CorruptInputError],
    ['a reference to a handle never made', [0x71, 0, 0x7e, 0, 0x99], CorruptInputError],
    ['a null instead of a sealed object', [0x70], CorruptInputError],
    ['a serialized exception', [0x7b], CorruptInputError],
    ['an old-protocol Externalizable', [0x73, ...classDesc('E', 0x04), 0x70], CorruptInputError],
  ] as const)('%s', (_name, stream, errorType) => {
    expect(failure(jceksWithStream([...stream]))).toBeInstanceOf(errorType);
  });
});
