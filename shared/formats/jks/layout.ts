// Constants of the JKS / JCEKS layout, the keyed SHA-1 integrity digest both formats end with, and
// the shapes the reader leaves in DecodedStore.raw / DecodedEntry.raw for the writer (see jks/jks.ts).
import type { CryptoProvider } from '../../crypto-provider';
import { equalBytes } from '../../x509/certificate';

export type JksFormat = 'JKS' | 'JCEKS';

export const JKS_MAGIC = 0xfeedfeed;
export const JCEKS_MAGIC = 0xcececece;
export const TAG_PRIVATE_KEY = 1;
export const TAG_TRUSTED_CERTIFICATE = 2;
export const TAG_SECRET_KEY = 3;
export const DIGEST_LENGTH = 20;
export const CERTIFICATE_TYPE = 'X.509';

/** The bytes the store reader keeps for the writer. */
export interface JksStoreRaw {
  readonly codec: 'jks';
  readonly format: JksFormat;
  readonly version: number;
  /** Everything before the digest: magic, version, count and the entries, as read. */
  readonly body: Uint8Array;
  readonly digest: Uint8Array;
}

/** One entry exactly as it was in the file, tag to last byte. */
export interface JksEntryRaw {
  readonly codec: 'jks';
  readonly tag: number;
  readonly bytes: Uint8Array;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isJksStoreRaw(value: unknown): value is JksStoreRaw {
  return isRecord(value) && value.codec === 'jks' && value.body instanceof Uint8Array && value.digest instanceof Uint8Array;
}

export function isJksEntryRaw(value: unknown): value is JksEntryRaw {
  return isRecord(value) && value.codec === 'jks' && value.bytes instanceof Uint8Array && value.bytes.length >= 6;
}

export function magicOf(format: JksFormat): number {
  return format === 'JKS' ? JKS_MAGIC : JCEKS_MAGIC;
}

/** A password as Java's chars, two bytes each, big-endian: how the digest and JKS's key protector take it. */
export function utf16be(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2);
  for (let i = 0; i < password.length; i++) {
    out[i * 2] = password.charCodeAt(i) >> 8;
    out[i * 2 + 1] = password.charCodeAt(i) & 0xff;
  }
  return out;
}

/** The fixed salt both formats mix into the digest. */
const WHITENER = Uint8Array.from('Mighty Aphrodite', (c) => c.charCodeAt(0));

/**
 * SHA-1 over the password as UTF-16BE (two bytes per Java char), the whitener text, and every byte
 * before the digest.
 */
export function integrityDigest(password: string, body: Uint8Array, crypto: CryptoProvider): Uint8Array {
  const input = new Uint8Array(password.length * 2 + WHITENER.length + body.length);
  input.set(utf16be(password));
  input.set(WHITENER, password.length * 2);
  input.set(body, password.length * 2 + WHITENER.length);
  return crypto.digest('sha1', input);
}

export function digestMatches(password: string, raw: JksStoreRaw, crypto: CryptoProvider): boolean {
  return equalBytes(integrityDigest(password, raw.body, crypto), raw.digest);
}
