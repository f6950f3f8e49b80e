// The clear-text header BKS and UBER files start with (layout.ts): version, salt, iteration count.
import { CorruptInputError } from '../../errors';
import { ByteReader } from '../jks/bytes';
import { MAX_SALT_LENGTH } from './layout';

/** Smallest header: version, salt length, a 1-byte salt, iteration count. */
const MIN_HEADER = 13;

export interface Header {
  readonly version: number;
  readonly salt: Uint8Array;
  readonly iterations: number;
  /** Offset of what follows the header. */
  readonly end: number;
}

/** The header, or null when the first bytes cannot be a BKS / UBER header. */
export function readBksHeader(bytes: Uint8Array): Header | null {
  if (bytes.length < MIN_HEADER) return null;
  const r = new ByteReader(bytes);
  const version = r.u32('version');
  if (version > 2) return null;
  const saltLength = r.u32('salt length');
  if (saltLength === 0 || saltLength > MAX_SALT_LENGTH || saltLength + 4 > r.remaining) return null;
  const salt = r.take(saltLength, 'salt');
  const iterations = r.u32('iterations');
  return { version, salt, iterations, end: r.position };
}

/** The header of a file detected as BKS or UBER; a cut one is a TruncatedInputError. */
export function readHeader(bytes: Uint8Array, what = 'BKS keystore'): Header {
  const r = new ByteReader(bytes, 0, 'the header');
  const version = r.u32('the version');
  if (version > 2) throw new CorruptInputError(`This ${what} has version ${version}; only versions 0 to 2 exist, so the file is damaged.`);
  const saltLength = r.u32('the salt length');
  if (saltLength === 0 || saltLength > MAX_SALT_LENGTH) throw new CorruptInputError(`This ${what} has a salt of ${saltLength} bytes; the file is damaged.`);
  const salt = r.take(saltLength, 'the salt');
  const iterations = r.u32('the iteration count');
  return { version, salt, iterations, end: r.position };
}

