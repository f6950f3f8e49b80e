// Edits to a store become new file bytes: one entry point for every format TrustLens writes (JKS, JCEKS,
// PKCS#12, PEM bundle, BKS, UBER, BCFKS), dispatched to the format's writer, which keeps untouched entries byte for byte.
// Also: empty stores, the format a new file's extension asks for, and the check that a written file
// holds exactly what was meant (run on the bytes re-read from disk before they replace the original).
import type { CryptoProvider } from '../crypto-provider';
import { CorruptInputError, UnsupportedFormatError, UsageError } from '../errors';
import type { StoreFormat } from '../model/keystore';
import type { DecodedEntry, DecodedStore } from './codec';
import { createEmptyBks, encodeBks } from './bks/bks';
import { createEmptyUber, encodeUber } from './bks/uber';
import { createEmptyBcfks, encodeBcfks } from './bcfks/writer';
import { copyVerdict, type CopiedEntry } from './copy-plan';
import { decodeStore } from './index';
import { recoverPrivateKey, type NewKeyEntry } from './key-transfer';
import { equalBytes } from '../x509/certificate';
import { createEmptyJks, encodeJks, normalizeJksAlias } from './jks/jks';
import { editPemBundle } from './pem/writer';
import { createEmptyPkcs12, encodePkcs12 } from './pkcs12/writer';

export type WritableFormat = 'JKS' | 'JCEKS' | 'PKCS12' | 'PEM' | 'BKS' | 'UBER' | 'BCFKS';

export interface NewTrustedCertificate {
  readonly alias: string;
  readonly der: Uint8Array;
  /** When the entry was made (JKS and JCEKS store it; a copy keeps its source's). Defaults to now. */
  readonly created?: Date;
}

/** Applied in this order: remove, rename, add, copy. Aliases are the entries' aliases as decoded. */
export interface StoreEdits {
  readonly remove?: readonly string[];
  readonly rename?: readonly { readonly from: string; readonly to: string }[];
  readonly add?: readonly NewTrustedCertificate[];
  /**
   * Entries of other open stores. Trusted certificates are added like `add`; key entries are carried as is
   * into a store of their own format (copy-plan.ts says which), their keys never decrypted.
   */
  readonly copy?: readonly CopiedEntry[];
  /** Private keys moved from a store of another format, in the clear (key-transfer.ts): JKS, JCEKS and PKCS#12 take them. */
  readonly addKey?: readonly NewKeyEntry[];
}

/** `edits` with copied trusted certificates moved into `add` (keeping their dates); what is left in `copy` are key entries. */
function withCopiesSplit(edits: StoreEdits, format: WritableFormat): StoreEdits {
  if (!edits.copy?.length) return edits;
  const certificates = edits.copy.filter((c) => c.entry.type === 'trustedCertificate');
  const keys = edits.copy.filter((c) => c.entry.type !== 'trustedCertificate');
  for (const { alias, entry, source } of keys) {
    const verdict = copyVerdict(entry.type, source.format, format);
    if (verdict.mode === 're-encrypt') throw new UsageError(`"${alias}" goes into a ${format} store only with its key decrypted; give the key's password (addKey).`);
    if (verdict.mode !== 'as-is') throw new UsageError(`"${alias}": ${verdict.reason}`);
  }
  const add = [...(edits.add ?? []), ...certificates.map(({ alias, entry }) => {
    const der = entry.certificates[0];
    if (!der) throw new CorruptInputError(`The entry "${alias}" holds no certificate to copy.`);
    return { alias, der, ...(entry.created ? { created: entry.created } : {}) };
  })];
  return { ...edits, add, copy: keys };
}

export function isWritableFormat(format: StoreFormat): format is WritableFormat {
  return format === 'JKS' || format === 'JCEKS' || format === 'PKCS12' || format === 'PEM' || format === 'BKS' || format === 'UBER' || format === 'BCFKS';
}

function requireWritable(format: StoreFormat): WritableFormat {
  if (isWritableFormat(format)) return format;
  throw new UnsupportedFormatError(
    `TrustLens cannot add to or edit a ${format === 'PKCS7' ? 'PKCS#7' : format} file in place; save it as a PEM bundle, JKS or PKCS#12 store first.`,
  );
}

/** The format a new store's file name asks for: .jks, .jceks, .p12/.pfx, .pem/.crt, .bks, .uber, .bcfks; null when unknown. */
export function formatFromFileName(name: string): WritableFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  switch (ext) {
    case 'jks':
    case 'keystore':
    case 'truststore':
      return 'JKS';
    case 'jceks':
      return 'JCEKS';
    case 'bks':
      return 'BKS';
    case 'uber':
      return 'UBER';
    case 'bcfks':
      return 'BCFKS';
    case 'p12':
    case 'pfx':
      return 'PKCS12';
    case 'pem':
    case 'crt':
    case 'cer':
      return 'PEM';
    default:
      return null;
  }
}

/** An alias as the format stores it: keytool lowercases JKS and JCEKS aliases; PKCS#12, BKS, UBER, BCFKS and PEM keep them. */
export function storedAlias(format: StoreFormat, alias: string): string {
  if (format === 'JKS' || format === 'JCEKS') return normalizeJksAlias(alias);
  if (!alias.trim()) throw new UsageError('An alias cannot be empty; give the entry a name.');
  return alias;
}

/** The bytes of an empty store; PEM bundles start as an empty file. */
export function createEmptyStore(format: WritableFormat, password: string | undefined, crypto: CryptoProvider): Uint8Array {
  if (format === 'PEM') return new Uint8Array(0);
  if (password === undefined || password === '') {
    throw new UsageError(`A new ${format === 'PKCS12' ? 'PKCS#12' : format} store needs a password; give one.`);
  }
  if (format === 'BKS') return createEmptyBks(password, crypto);
  if (format === 'UBER') return createEmptyUber(password, crypto);
  if (format === 'BCFKS') return createEmptyBcfks(password, crypto);
  return format === 'PKCS12' ? createEmptyPkcs12(password, crypto) : createEmptyJks(format, password, crypto);
}

/** Decode bytes this module wrote. A PEM bundle with no blocks left is an empty store, not an error. */
export function decodeWritten(format: WritableFormat, bytes: Uint8Array, password: string | undefined, crypto: CryptoProvider): DecodedStore {
  if (format === 'PEM' && !hasBegin(bytes)) {
    return { format: 'PEM', integrity: 'none', entries: [], properties: [{ label: 'Format', value: 'PEM' }, { label: 'Certificates', value: '0' }] };
  }
  return decodeStore(bytes, { password, crypto });
}

const BEGIN = [0x2d, 0x2d, 0x2d, 0x2d, 0x2d, 0x42, 0x45, 0x47, 0x49, 0x4e, 0x20]; // "-----BEGIN "

function hasBegin(bytes: Uint8Array): boolean {
  outer: for (let i = 0; i + BEGIN.length <= bytes.length; i++) {
    for (let j = 0; j < BEGIN.length; j++) if (bytes[i + j] !== BEGIN[j]) continue outer;
    return true;
  }
  return false;
}

function indexOfAlias(store: DecodedStore, alias: string): number {
  const exact = store.entries.findIndex((e) => e.alias === alias);
  const index = exact >= 0 ? exact : store.entries.findIndex((e) => e.alias.toLowerCase() === alias.toLowerCase());
  if (index < 0) throw new UsageError(`There is no entry named "${alias}" in this store; check the alias.`);
  return index;
}

/**
 * New bytes for `store` (decoded from `bytes`) with `edits` applied. `password` is the store's own
 * (checked by the keystore writers first: a wrong one throws WrongPasswordError and nothing is written).
 */
export function encodeStore(store: DecodedStore, bytes: Uint8Array, given: StoreEdits, password: string | undefined, crypto: CryptoProvider): Uint8Array {
  const format = requireWritable(store.format);
  const edits = withCopiesSplit(given, format);
  if (edits.addKey?.length && format !== 'JKS' && format !== 'JCEKS' && format !== 'PKCS12') {
    throw new UsageError(`TrustLens writes moved private keys into JKS, JCEKS and PKCS#12 stores only, not ${format}; use keytool -importkeystore.`);
  }
  switch (format) {
    case 'JKS':
    case 'JCEKS':
      if (password === undefined) throw new UsageError(`Writing a ${format} keystore needs its password; give the store password.`);
      return encodeJks(store, { remove: edits.remove, rename: edits.rename, add: edits.add, copy: edits.copy, addKey: edits.addKey }, password, crypto);
    case 'PKCS12':
      return encodePkcs12(store, { remove: edits.remove, rename: edits.rename, add: edits.add, copy: edits.copy, addKey: edits.addKey }, password, crypto);
    case 'BKS':
      if (password === undefined) throw new UsageError('Writing a BKS keystore needs its password; give the store password.');
      return encodeBks(store, { remove: edits.remove, rename: edits.rename, add: edits.add }, password, crypto);
    case 'UBER':
      if (password === undefined) throw new UsageError('Writing an UBER keystore needs its password; give the store password.');
      return encodeUber(store, { remove: edits.remove, rename: edits.rename, add: edits.add }, password, crypto);
    case 'BCFKS':
      if (password === undefined) throw new UsageError('Writing a BCFKS keystore needs its password; give the store password.');
      return encodeBcfks(store, { remove: edits.remove, rename: edits.rename, add: edits.add }, password, crypto);
    case 'PEM':
      if (edits.rename?.length) {
        throw new UsageError('A PEM file has no aliases (they are derived from each certificate\'s subject), so entries cannot be renamed; save it as JKS or PKCS#12 to name them.');
      }
      return editPemBundle(bytes, {
        removeIndexes: (edits.remove ?? []).map((alias) => indexOfAlias(store, alias)),
        add: (edits.add ?? []).map((a) => a.der),
      });
  }
}

interface EntryContent {
  readonly alias: string;
  readonly type: DecodedEntry['type'];
  /** SHA-256 of each certificate, in order (key entries: leaf first). */
  readonly sha256: readonly string[];
}

function content(entry: DecodedEntry, crypto: CryptoProvider, alias = entry.alias): EntryContent {
  return { alias, type: entry.type, sha256: entry.certificates.map((der) => crypto.digestHex('sha256', der)) };
}

/**
 * Same entry content. A PKCS#12 reader rebuilds key chains from the certificates in the file, so an added
 * issuer may extend a key entry's chain: the old chain must then be the start of the new one.
 */
function sameContent(want: EntryContent, got: EntryContent): boolean {
  if (want.type !== got.type) return false;
  if (want.type === 'privateKey') return want.sha256.every((h, i) => got.sha256[i] === h) && (want.sha256.length > 0 || got.sha256.length === 0);
  return want.sha256.length === got.sha256.length && want.sha256.every((h, i) => got.sha256[i] === h);
}

/**
 * Check that `after` (re-read from the written file) holds `before` with `edits` applied: every kept
 * entry with the same type and certificates (under its new alias where renamed), every added certificate
 * as a trusted-certificate entry, and nothing else. PEM aliases are derived, so there only content counts.
 */
export function checkEdited(before: DecodedStore, after: DecodedStore, edits: StoreEdits, crypto: CryptoProvider): void {
  const fail = (why: string): never => {
    throw new CorruptInputError(`The file written did not read back as expected (${why}); the original was left unchanged.`);
  };
  if (after.format !== before.format) fail(`it reads as ${after.format}, not ${before.format}`);
  const removed = new Set((edits.remove ?? []).map((alias) => indexOfAlias(before, alias)));
  const renamed = new Map((edits.rename ?? []).map(({ from, to }) => [indexOfAlias(before, from), to]));
  const expected: EntryContent[] = [];
  before.entries.forEach((entry, i) => {
    if (!removed.has(i)) expected.push(content(entry, crypto, renamed.get(i) ?? entry.alias));
  });
  for (const add of edits.add ?? []) {
    expected.push({ alias: add.alias, type: 'trustedCertificate', sha256: [crypto.digestHex('sha256', add.der)] });
  }
  for (const { alias, entry } of edits.copy ?? []) {
    const sha256 = entry.type === 'trustedCertificate' ? entry.certificates.slice(0, 1) : entry.certificates;
    expected.push({ alias, type: entry.type, sha256: sha256.map((der) => crypto.digestHex('sha256', der)) });
  }
  for (const { alias, chain } of edits.addKey ?? []) {
    expected.push({ alias, type: 'privateKey', sha256: chain.map((der) => crypto.digestHex('sha256', der)) });
  }
  if (after.entries.length !== expected.length) fail(`${after.entries.length} entries instead of ${expected.length}`);
  const remaining = after.entries.map((entry) => content(entry, crypto));
  const byAlias = before.format !== 'PEM';
  for (const want of expected) {
    const at = remaining.findIndex((got) => sameContent(want, got) && (!byAlias || got.alias.toLowerCase() === want.alias.toLowerCase()));
    if (at < 0) fail(`entry "${want.alias}" is missing or different`);
    remaining.splice(at, 1);
  }
  // A moved key must come back out with the password it was given, exactly as it went in.
  for (const key of edits.addKey ?? []) {
    const entry = after.entries.find((e) => e.type === 'privateKey' && e.alias.toLowerCase() === key.alias.toLowerCase());
    const recovered = entry ? recoverPrivateKey(after, entry, key.password, crypto) : null;
    if (!recovered || !equalBytes(recovered, key.pkcs8)) fail(`the key of "${key.alias}" does not decrypt to the key that was written`);
  }
}
