// Writes JKS / JCEKS stores: a store decoded by jks/jks.ts plus edits (remove, rename, add trusted
// certificates) becomes new file bytes. Entries are never decrypted: untouched ones are copied byte
// for byte from what was read, a rename rewrites only the alias in front of the entry's own bytes,
// and new entries are trusted certificates. The integrity digest is recomputed with the store password,
// which must be the one the store was saved with (checked first, so a wrong password writes nothing).
// Entries copied from another store of the same format and version are its entry bytes with the new alias
// in front: a key entry's protected key stays exactly as it was (under the password it had there).
// A key moved from another format (key-transfer.ts) is a new private key entry, its key protected the
// format's way (key-protector.ts) with the password given for it.
import type { CryptoProvider } from '../../crypto-provider';
import type { DecodedStore } from '../codec';
import type { CopiedEntry } from '../copy-plan';
import type { NewKeyEntry } from '../key-transfer';
import { protectJksKey } from './key-protector';
import { CorruptInputError, UsageError, WrongPasswordError } from '../../errors';
import { parseCertificate } from '../../x509/certificate';
import { ByteWriter, quoted } from './bytes';
import { CERTIFICATE_TYPE, DIGEST_LENGTH, TAG_PRIVATE_KEY, TAG_SECRET_KEY, TAG_TRUSTED_CERTIFICATE, digestMatches, integrityDigest, isJksEntryRaw, isJksStoreRaw, magicOf } from './layout';
import type { JksFormat } from './layout';

export interface JksNewCertificate {
  readonly alias: string;
  /** DER of an X.509 certificate. */
  readonly der: Uint8Array;
  /** Defaults to now. */
  readonly created?: Date;
}

export interface JksRename {
  readonly from: string;
  readonly to: string;
}

/** Applied in this order: remove, then rename, then add. Aliases given here are matched ignoring case. */
export interface JksEdits {
  readonly remove?: readonly string[];
  readonly rename?: readonly JksRename[];
  /** Added as trusted-certificate entries, after the existing ones. */
  readonly add?: readonly JksNewCertificate[];
  /** Entries of another JKS (or JCEKS) store, appended after the added certificates. */
  readonly copy?: readonly CopiedEntry[];
  /** Private keys in the clear (moved from another format), appended last. */
  readonly addKey?: readonly NewKeyEntry[];
}

interface PendingEntry {
  alias: string;
  bytes: Uint8Array;
}

/** Aliases as keytool stores them in both formats: lowercased (Locale.ENGLISH). Blank ones are refused. */
export function normalizeJksAlias(alias: string): string {
  if (!alias.trim()) throw new UsageError('An alias cannot be empty; give the entry a name.');
  return alias.toLowerCase();
}

function find(entries: readonly PendingEntry[], alias: string): number {
  const exact = entries.findIndex((e) => e.alias === alias);
  if (exact >= 0) return exact;
  const lower = alias.toLowerCase();
  const index = entries.findIndex((e) => e.alias.toLowerCase() === lower);
  if (index < 0) throw new UsageError(`There is no entry named ${quoted(alias)} in this keystore; check the alias.`);
  return index;
}

function ensureFree(entries: readonly PendingEntry[], alias: string, except?: PendingEntry): void {
  if (entries.some((e) => e !== except && e.alias.toLowerCase() === alias)) {
    throw new UsageError(`An entry named ${quoted(alias)} already exists in this keystore; choose another alias.`);
  }
}

/** The entry's bytes with another alias: the u32 tag, the new alias, then everything after the old one. */
function renamed(entry: Uint8Array, alias: string): Uint8Array {
  const aliasEnd = 4 + 2 + ((entry[4]! << 8) | entry[5]!);
  return new ByteWriter()
    .bytes(entry.subarray(0, 4))
    .utf(alias, `The alias ${quoted(alias)}`)
    .bytes(entry.subarray(aliasEnd))
    .toBytes();
}

function trustedCertificateEntry(add: JksNewCertificate, alias: string, version: number): Uint8Array {
  try {
    parseCertificate(add.der);
  } catch {
    throw new CorruptInputError(`The certificate to add as ${quoted(alias)} is not a valid X.509 certificate; nothing was written.`);
  }
  const w = new ByteWriter()
    .u32(TAG_TRUSTED_CERTIFICATE)
    .utf(alias, `The alias ${quoted(alias)}`)
    .i64(BigInt((add.created ?? new Date()).getTime()));
  if (version === 2) w.utf(CERTIFICATE_TYPE, 'The certificate type');
  return w.u32(add.der.length).bytes(add.der).toBytes();
}

function privateKeyEntry(format: JksFormat, key: NewKeyEntry, alias: string, version: number, crypto: CryptoProvider): Uint8Array {
  const protectedKey = protectJksKey(format, key.pkcs8, key.password, crypto);
  const w = new ByteWriter()
    .u32(TAG_PRIVATE_KEY)
    .utf(alias, `The alias ${quoted(alias)}`)
    .i64(BigInt((key.created ?? new Date()).getTime()))
    .u32(protectedKey.length)
    .bytes(protectedKey)
    .u32(key.chain.length);
  for (const der of key.chain) {
    if (version === 2) w.utf(CERTIFICATE_TYPE, 'The certificate type');
    w.u32(der.length).bytes(der);
  }
  return w.toBytes();
}

function assemble(format: JksFormat, version: number, entries: readonly Uint8Array[], password: string, crypto: CryptoProvider): Uint8Array {
  const w = new ByteWriter().u32(magicOf(format)).u32(version).u32(entries.length);
  for (const entry of entries) w.bytes(entry);
  const body = w.toBytes();
  const out = new Uint8Array(body.length + DIGEST_LENGTH);
  out.set(body);
  out.set(integrityDigest(password, body, crypto), body.length);
  return out;
}

/**
 * New file bytes for `store` (as jks/jks.ts decoded it) with `edits` applied; a JKS stays JKS, a JCEKS
 * stays JCEKS, the version is kept. Throws WrongPasswordError when `password` is not the one the
 * store was saved with, UsageError for unknown or duplicate aliases, CorruptInputError for a
 * certificate that does not parse. With no edits the output equals the input byte for byte.
 */
export function encodeJks(store: DecodedStore, edits: JksEdits, password: string, crypto: CryptoProvider): Uint8Array {
  const raw = store.raw;
  if (!isJksStoreRaw(raw)) throw new UsageError('This store was not read as a JKS or JCEKS keystore, so it cannot be written as one.');
  if (!digestMatches(password, raw, crypto)) {
    throw new WrongPasswordError(`The password for this ${raw.format} keystore is wrong; nothing was written. Give the password it was saved with.`);
  }
  const entries: PendingEntry[] = store.entries.map((entry) => {
    if (!isJksEntryRaw(entry.raw)) throw new UsageError(`Entry ${quoted(entry.alias)} was not read from a JKS or JCEKS keystore, so it cannot be written to one.`);
    return { alias: entry.alias, bytes: entry.raw.bytes };
  });

  for (const alias of edits.remove ?? []) entries.splice(find(entries, alias), 1);
  for (const { from, to } of edits.rename ?? []) {
    const entry = entries[find(entries, from)]!;
    const alias = normalizeJksAlias(to);
    ensureFree(entries, alias, entry);
    entry.bytes = renamed(entry.bytes, alias);
    entry.alias = alias;
  }
  for (const add of edits.add ?? []) {
    const alias = normalizeJksAlias(add.alias);
    ensureFree(entries, alias);
    entries.push({ alias, bytes: trustedCertificateEntry(add, alias, raw.version) });
  }
  for (const copied of edits.copy ?? []) {
    const alias = normalizeJksAlias(copied.alias);
    ensureFree(entries, alias);
    entries.push({ alias, bytes: renamed(copiedBytes(copied, raw.format, raw.version), alias) });
  }
  for (const key of edits.addKey ?? []) {
    const alias = normalizeJksAlias(key.alias);
    ensureFree(entries, alias);
    entries.push({ alias, bytes: privateKeyEntry(raw.format, key, alias, raw.version, crypto) });
  }
  return assemble(raw.format, raw.version, entries.map((e) => e.bytes), password, crypto);
}

/**
 * The file bytes of an entry copied from another store, checked to fit this one: a JKS or JCEKS store of
 * the same format and version (entry layouts differ between versions; a JCEKS key is protected by a
 * cipher JKS cannot read, and a secret key has no place in JKS).
 */
function copiedBytes({ entry, source, alias }: CopiedEntry, format: JksFormat, version: number): Uint8Array {
  const from = source.raw;
  if (!isJksStoreRaw(from) || !isJksEntryRaw(entry.raw)) {
    throw new UsageError(`Entry ${quoted(alias)} was not read from a ${format} keystore, so it cannot be carried into one as is.`);
  }
  if (from.format !== format || from.version !== version) {
    throw new UsageError(`Entry ${quoted(alias)} comes from a ${from.format} version ${from.version} keystore; it can be carried as is only into the same kind (this is ${format} version ${version}).`);
  }
  if (format === 'JKS' && entry.raw.tag === TAG_SECRET_KEY) throw new UsageError(`A JKS keystore cannot hold the secret key ${quoted(alias)}.`);
  return entry.raw.bytes;
}

/** An empty keystore of the given format, protected with `password`; decode it and encodeJks to fill it. */
export function createEmptyJks(format: JksFormat, password: string, crypto: CryptoProvider): Uint8Array {
  return assemble(format, 2, [], password, crypto);
}
