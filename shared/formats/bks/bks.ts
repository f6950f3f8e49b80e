// The BKS keystore codec (Bouncy Castle's "BKS", versions 1 and 2; Android apps ship trust stores in it):
// detect, decode (list the entries, check the HMAC with the password) and, through writer.ts, write back
// with untouched entries copied byte for byte. The layout is documented in layout.ts.
//
// Like Bouncy Castle, a store opened without a password (or with an empty one) is listed with its
// integrity not checked; with a password, a MAC mismatch means a wrong password or a damaged file.
import type { DecodedStore, DecodeOptions, StoreCodec } from '../codec';
import type { StoreProperty } from '../../model/keystore';
import { CorruptInputError, TruncatedInputError, WrongPasswordError } from '../../errors';
import { isEntryStream, readEntryStream } from './entries';
import { readBksHeader, readHeader } from './header';
import { MAC_LENGTH, MAX_ITERATIONS, bksMacMatches } from './layout';
import type { BksFormat, BksStoreRaw } from './layout';

export type { BksEntryRaw, BksFormat, BksStoreRaw } from './layout';
export { checkBksAlias, createEmptyBks, encodeBks } from './writer';
export type { BksEdits } from './writer';

/**
 * BKS when the header is followed by a well-formed entry stream and exactly a MAC; UBER when the header has
 * UBER's 20-byte salt and whole Twofish blocks follow (its entries are encrypted); otherwise null.
 */
export function detectBks(bytes: Uint8Array): BksFormat | null {
  const header = readBksHeader(bytes);
  if (!header) return null;
  if (isEntryStream(bytes, header.end, MAC_LENGTH)) return 'BKS';
  const body = bytes.length - header.end;
  if (header.version <= 1 && header.salt.length === 20 && body >= 32 && body % 16 === 0) return 'UBER';
  return null;
}

function integrityProperty(checked: boolean, version: number): StoreProperty {
  const bits = version === 2 ? 160 : 16;
  return {
    label: 'Integrity',
    value: checked ? `HMAC-SHA1 (${bits}-bit key) verified with the store password` : 'Not checked (no password given)',
  };
}

export function decodeBks(input: Uint8Array, options: DecodeOptions): DecodedStore {
  // One copy of the input: entries and certificates are views into it.
  const bytes = input.slice();
  const header = readHeader(bytes);
  const { version, salt, iterations } = header;
  if (iterations > MAX_ITERATIONS) {
    throw new CorruptInputError(`This BKS keystore asks for ${iterations} iterations, more than Bouncy Castle accepts (${MAX_ITERATIONS}); the file is damaged or hostile.`);
  }
  const stream = readEntryStream(bytes, header.end);
  if (bytes.length - stream.end < MAC_LENGTH) {
    throw new TruncatedInputError('This BKS keystore ends before its 20-byte integrity MAC; the file is incomplete, so copy it again.');
  }
  const raw: BksStoreRaw = {
    codec: 'bks',
    format: 'BKS',
    version,
    salt,
    iterations,
    stream: bytes.subarray(header.end, stream.end),
    mac: bytes.subarray(stream.end, stream.end + MAC_LENGTH),
  };
  // Bouncy Castle checks the MAC only for a non-empty password.
  const checked = options.password !== undefined && options.password !== '';
  if (checked && !bksMacMatches(options.password!, raw, options.crypto)) {
    throw new WrongPasswordError(
      'The password for this BKS keystore is wrong, or the file is damaged (its integrity MAC does not match); nothing was changed. Check the password, or open it without one to list its certificates.',
    );
  }
  const properties: StoreProperty[] = [
    { label: 'Format', value: `BKS (Bouncy Castle), version ${version}` },
    { label: 'Entries', value: String(stream.entries.length) },
    integrityProperty(checked, version),
    { label: 'MAC iterations', value: String(iterations) },
  ];
  if (version !== 2) {
    properties.push({
      label: 'Warning',
      value: `BKS version ${version} protects its integrity with a 16-bit key (CVE-2018-5382); Bouncy Castle 1.72 reads it, current releases refuse it unless org.bouncycastle.bks.enable_v1 is set; Bouncy Castle's KeyStore type BKS rewrites it as version 2.`,
    });
  }
  const trailing = bytes.length - stream.end - MAC_LENGTH;
  if (trailing > 0) properties.push({ label: 'Trailing data', value: `${trailing} bytes after the MAC, ignored` });
  return { format: 'BKS', integrity: checked ? 'verified' : 'not-checked', entries: stream.entries, properties, raw };
}

export const bksCodec: StoreCodec = { format: 'BKS', decode: decodeBks };
