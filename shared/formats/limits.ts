// How many entries one file may make TrustLens materialise. Every entry decoded becomes objects that
// live until the store is closed (about 600 bytes for the smallest JKS entry, a few kilobytes once
// listed), so a 238 MB JKS of 7 million 34-byte entries ran Node out of memory, and in `trustlens web`
// took the server with it. Real trust stores hold hundreds of entries (a JDK's cacerts about 150) and a
// large corporate one tens of thousands; past this limit the file is refused with a clear line before
// its entries are read.
import { UnsupportedFormatError } from '../errors';

export const MAX_STORE_ENTRIES = 250_000;

/** Refuse a store that holds (or says it holds) more than MAX_STORE_ENTRIES entries. */
export function checkEntryCount(what: string, count: number): void {
  if (count <= MAX_STORE_ENTRIES) return;
  const n = (value: number) => value.toLocaleString('en-US');
  throw new UnsupportedFormatError(
    `this ${what} holds ${n(count)} entries, more than TrustLens lists (${n(MAX_STORE_ENTRIES)}); a trust store holds hundreds, a large one tens of thousands, so check that this is the file you meant`,
  );
}
