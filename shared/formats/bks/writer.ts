// Writes BKS stores (and, through uber.ts, UBER): a store decoded by bks.ts plus edits (remove, rename, add
// trusted certificates) becomes new file bytes. Keys are never decrypted: untouched entries are copied byte
// for byte, a rename rewrites only the alias in front of the entry's own bytes, new entries are trusted
// certificates. The header (version, salt, iteration count) is kept, so an unedited store comes out
// identical; the MAC is recomputed with the store password, which must be the one it was saved with.
import type { CryptoProvider } from '../../crypto-provider';
import type { DecodedStore } from '../codec';
import { CorruptInputError, UsageError, WrongPasswordError } from '../../errors';
import { parseCertificate } from '../../x509/certificate';
import { ByteWriter, quoted } from '../jks/bytes';
import { CERTIFICATE_TYPE, ENTRY_END, TYPE_CERTIFICATE, bksMac, bksMacMatches, isBksEntryRaw, isBksStoreRaw } from './layout';
import type { BksStoreRaw } from './layout';

export interface BksEdits {
  readonly remove?: readonly string[];
  readonly rename?: readonly { readonly from: string; readonly to: string }[];
  readonly add?: readonly { readonly alias: string; readonly der: Uint8Array; readonly created?: Date }[];
}

interface PendingEntry {
  alias: string;
  bytes: Uint8Array;
}

/** Bouncy Castle keeps aliases as given; a blank one is refused. */
export function checkBksAlias(alias: string): string {
  if (!alias.trim()) throw new UsageError('An alias cannot be empty; give the entry a name.');
  return alias;
}

function find(entries: readonly PendingEntry[], alias: string): number {
  const exact = entries.findIndex((e) => e.alias === alias);
  if (exact >= 0) return exact;
  const index = entries.findIndex((e) => e.alias.toLowerCase() === alias.toLowerCase());
  if (index < 0) throw new UsageError(`There is no entry named ${quoted(alias)} in this keystore; check the alias.`);
  return index;
}

/** Bouncy Castle tells "Root" from "root"; people and keytool's listing do not, so both are refused. */
function ensureFree(entries: readonly PendingEntry[], alias: string, except?: PendingEntry): void {
  if (entries.some((e) => e !== except && e.alias.toLowerCase() === alias.toLowerCase())) {
    throw new UsageError(`An entry named ${quoted(alias)} already exists in this keystore; choose another alias.`);
  }
}

/** The entry's bytes with another alias: the type byte, the new alias, then everything after the old one. */
function renamed(entry: Uint8Array, alias: string): Uint8Array {
  const aliasEnd = 1 + 2 + ((entry[1]! << 8) | entry[2]!);
  return new ByteWriter()
    .bytes(entry.subarray(0, 1))
    .utf(alias, `The alias ${quoted(alias)}`)
    .bytes(entry.subarray(aliasEnd))
    .toBytes();
}

function trustedCertificateEntry(alias: string, der: Uint8Array, created: Date): Uint8Array {
  try {
    parseCertificate(der);
  } catch {
    throw new CorruptInputError(`The certificate to add as ${quoted(alias)} is not a valid X.509 certificate; nothing was written.`);
  }
  return new ByteWriter()
    .bytes(Uint8Array.of(TYPE_CERTIFICATE))
    .utf(alias, `The alias ${quoted(alias)}`)
    .i64(BigInt(created.getTime()))
    .u32(0) // no chain
    .utf(CERTIFICATE_TYPE, 'The certificate type')
    .u32(der.length)
    .bytes(der)
    .toBytes();
}

/** The entry stream (entries, then 00) of `store` with `edits` applied. */
export function editedEntryStream(store: DecodedStore, edits: BksEdits): Uint8Array {
  const entries: PendingEntry[] = store.entries.map((entry) => {
    if (!isBksEntryRaw(entry.raw)) throw new UsageError(`Entry ${quoted(entry.alias)} was not read from a BKS or UBER keystore, so it cannot be written to one.`);
    return { alias: entry.alias, bytes: entry.raw.bytes };
  });
  for (const alias of edits.remove ?? []) entries.splice(find(entries, alias), 1);
  for (const { from, to } of edits.rename ?? []) {
    const entry = entries[find(entries, from)]!;
    const alias = checkBksAlias(to);
    ensureFree(entries, alias, entry);
    entry.bytes = renamed(entry.bytes, alias);
    entry.alias = alias;
  }
  for (const add of edits.add ?? []) {
    const alias = checkBksAlias(add.alias);
    ensureFree(entries, alias);
    entries.push({ alias, bytes: trustedCertificateEntry(alias, add.der, add.created ?? new Date()) });
  }
  const w = new ByteWriter();
  for (const entry of entries) w.bytes(entry.bytes);
  return w.bytes(Uint8Array.of(ENTRY_END)).toBytes();
}

export function bksHeader(raw: Pick<BksStoreRaw, 'version' | 'salt' | 'iterations'>): Uint8Array {
  return new ByteWriter().u32(raw.version).u32(raw.salt.length).bytes(raw.salt).u32(raw.iterations).toBytes();
}

function requireBksRaw(store: DecodedStore): BksStoreRaw {
  const raw = store.raw;
  if (!isBksStoreRaw(raw)) throw new UsageError('This store was not read as a BKS or UBER keystore, so it cannot be written as one.');
  return raw;
}

/**
 * New file bytes for a BKS `store` with `edits` applied. Throws WrongPasswordError when `password` is not
 * the one the store was saved with (nothing is written), UsageError for unknown or duplicate aliases.
 */
export function encodeBks(store: DecodedStore, edits: BksEdits, password: string, crypto: CryptoProvider): Uint8Array {
  const raw = requireBksRaw(store);
  if (!bksMacMatches(password, raw, crypto)) {
    throw new WrongPasswordError('The password for this BKS keystore is wrong; nothing was written. Give the password it was saved with.');
  }
  const stream = editedEntryStream(store, edits);
  return new ByteWriter().bytes(bksHeader(raw)).bytes(stream).bytes(bksMac(password, raw.version, raw.salt, raw.iterations, stream, crypto)).toBytes();
}

/** An empty BKS version 2 store, as Bouncy Castle writes one: a 20-byte salt and 1024 to 2047 iterations. */
export function createEmptyBks(password: string, crypto: CryptoProvider): Uint8Array {
  const salt = crypto.randomBytes(20);
  const random = crypto.randomBytes(2);
  const iterations = 1024 + (((random[0]! & 3) << 8) | random[1]!);
  const stream = Uint8Array.of(ENTRY_END);
  return new ByteWriter().bytes(bksHeader({ version: 2, salt, iterations })).bytes(stream).bytes(bksMac(password, 2, salt, iterations, stream, crypto)).toBytes();
}
