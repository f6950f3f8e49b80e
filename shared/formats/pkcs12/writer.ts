// Writing a PKCS#12 store back after an edit (import, delete, rename), losslessly: content blocks the
// edit does not touch keep their exact original bytes; a block that holds a removed or renamed entry is
// rebuilt from its other bags' original bytes (re-encrypted with its scheme and a fresh salt when it was
// encrypted); added trusted certificates go into one new block, encrypted like the store's certificates,
// each with a friendlyName and Java's trusted-key-usage attribute; key entries copied from another PKCS#12
// store are carried as copy-bags.ts says, keys moved from another format as key-bags.ts says. Existing key
// bags are never decrypted. The MAC is recomputed with the store's own hash and iteration count; a
// password-less store stays password-less.
import { ContentInfo } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import type { CryptoProvider } from '../../crypto-provider';
import { CorruptInputError, PasswordRequiredError, UsageError, WrongPasswordError } from '../../errors';
import type { DecodedEntry, DecodedStore } from '../codec';
import { firstElement } from '../der-sniff';
import { OID, RawAttribute, RawSafeBag, parseAsn, toBytes } from './asn';
import { certificateBag, flattenBags, friendlyNameAttribute, javaTrustedAttribute } from './bags';
import type { Pkcs12Bag } from './bags';
import { explicit0, implicit0Octets, integer, nullValue, octetString, oid, sequence, set } from './der-builder';
import type { Pkcs12EntryRaw } from './entries';
import type { CopiedEntry } from '../copy-plan';
import { copiedBags } from './copy-bags';
import type { NewKeyEntry } from '../key-transfer';
import { newKeyBags } from './key-bags';
import { bmpPassword, pkcs12Mac } from './kdf';
import { MAC_HASHES, checkMac, encryptedContent } from './pkcs12';
import type { Pkcs12Block, Pkcs12Mac, Pkcs12Password, Pkcs12Raw } from './pkcs12';
import { freshScheme, pbeDecrypt, pbeEncrypt, schemeAlgorithm } from './pbe';
import type { PbeScheme } from './pbe';

export interface Pkcs12Edits {
  /** Certificates to add as trusted certificate entries, each under its (unique) alias. */
  readonly add?: readonly { readonly alias: string; readonly der: Uint8Array }[];
  /** Aliases of entries to delete (with the chain certificates only they use). */
  readonly remove?: readonly string[];
  readonly rename?: readonly { readonly from: string; readonly to: string }[];
  /** Key entries of other PKCS#12 stores, carried as is (copy-bags.ts). */
  readonly copy?: readonly CopiedEntry[];
  /** Private keys in the clear (moved from another format), encrypted as key-bags.ts says. */
  readonly addKey?: readonly NewKeyEntry[];
}

/** What the writer does to one existing bag. */
type BagChange = { readonly kind: 'remove' } | { readonly kind: 'rename'; readonly name: string } | { readonly kind: 'untrust' };

function pkcs12Raw(store: DecodedStore): Pkcs12Raw {
  const raw = store.raw as Pkcs12Raw | undefined;
  if (store.format !== 'PKCS12' || raw?.kind !== 'pkcs12') throw new UsageError('this store was not read as PKCS#12, so it cannot be written as one');
  return raw;
}

function findEntry(entries: readonly DecodedEntry[], alias: string): DecodedEntry {
  const entry = entries.find((e) => e.alias === alias) ?? entries.find((e) => e.alias.toLowerCase() === alias.toLowerCase());
  if (!entry) throw new UsageError(`there is no entry named "${alias}" in this PKCS#12 store`);
  return entry;
}

const entryRaw = (entry: DecodedEntry) => entry.raw as Pkcs12EntryRaw;

/** Check edits against the entries and turn them into changes per bag id. */
function planChanges(store: DecodedStore, edits: Pkcs12Edits): Map<number, BagChange> {
  const changes = new Map<number, BagChange>();
  const removed = new Set((edits.remove ?? []).map((alias) => findEntry(store.entries, alias)));
  const aliases = new Set(store.entries.filter((e) => !removed.has(e)).map((e) => e.alias.toLowerCase()));
  const claim = (alias: string) => {
    if (!alias.trim()) throw new UsageError('an alias cannot be empty');
    if (aliases.has(alias.toLowerCase())) throw new UsageError(`the alias "${alias}" is already taken in this PKCS#12 store`);
    aliases.add(alias.toLowerCase());
  };
  for (const { from, to } of edits.rename ?? []) {
    const entry = findEntry(store.entries, from);
    if (removed.has(entry)) throw new UsageError(`"${from}" cannot be both renamed and removed`);
    aliases.delete(entry.alias.toLowerCase());
    claim(to);
    for (const id of entryRaw(entry).bagIds) changes.set(id, { kind: 'rename', name: to });
  }
  for (const { alias } of [...(edits.add ?? []), ...(edits.copy ?? []), ...(edits.addKey ?? [])]) claim(alias);

  // A bag goes when no remaining entry uses it; a trusted certificate that remains another entry's chain
  // certificate only loses its trusted-entry attributes.
  const stillUsed = new Set(store.entries.filter((e) => !removed.has(e)).flatMap((e) => [...entryRaw(e).bagIds, ...entryRaw(e).chainBagIds]));
  for (const entry of removed) {
    const { bagIds, chainBagIds } = entryRaw(entry);
    for (const id of bagIds) changes.set(id, stillUsed.has(id) ? { kind: 'untrust' } : { kind: 'remove' });
    for (const id of chainBagIds) if (!stillUsed.has(id)) changes.set(id, { kind: 'remove' });
  }
  return changes;
}

/**
 * A SafeBag rebuilt from its original value and attributes: with the friendlyName or trust attributes
 * changed, or (no change) with new nested SafeContents.
 */
function changedBag(bag: Pkcs12Bag, change: BagChange | undefined, nested?: Uint8Array): Uint8Array {
  const parsed = parseAsn(bag.raw, RawSafeBag, 'bag');
  const attributes = (parsed.bagAttributes ?? []).map(toBytes).filter((attribute) => {
    const id = parseAsn(attribute, RawAttribute, 'bag attribute').attrId;
    if (change?.kind === 'rename') return id !== OID.friendlyName;
    if (change?.kind === 'untrust') return id !== OID.friendlyName && id !== OID.javaTrustedKeyUsage;
    return true;
  });
  if (change?.kind === 'rename') attributes.unshift(toBytes(friendlyNameAttribute(change.name)));
  const value = nested ?? toBytes(parsed.bagValue);
  return sequence(oid(parsed.bagId), explicit0(value), ...(attributes.length ? [set(...attributes)] : []));
}

/** The bags of a SafeContents after the changes; null when nothing in it changed. */
function rewriteBags(bags: readonly Pkcs12Bag[], changes: Map<number, BagChange>): Uint8Array[] | null {
  if (!flattenBags(bags).some((bag) => changes.has(bag.id))) return null;
  const out: Uint8Array[] = [];
  for (const bag of bags) {
    const change = changes.get(bag.id);
    if (change?.kind === 'remove') continue;
    const nested = bag.nested ? rewriteBags(bag.nested, changes) : null;
    if (!change && !nested) out.push(bag.raw);
    else out.push(changedBag(bag, change, nested ? sequence(...nested) : undefined));
  }
  return out;
}

function dataBlock(bags: readonly Uint8Array[]): Uint8Array {
  return sequence(oid(OID.data), explicit0(octetString(sequence(...bags))));
}

function encryptedBlock(crypto: CryptoProvider, scheme: PbeScheme, password: Pkcs12Password, bags: readonly Uint8Array[]): Uint8Array {
  const ciphertext = pbeEncrypt(crypto, scheme, scheme.kind === 'pkcs12' ? password.pkcs12 : password.text, sequence(...bags));
  const algorithm = new Uint8Array(AsnConvert.serialize(schemeAlgorithm(scheme)));
  const encryptedContentInfo = sequence(oid(OID.data), algorithm, implicit0Octets(ciphertext));
  return sequence(oid(OID.encryptedData), explicit0(sequence(integer(0), encryptedContentInfo)));
}

/**
 * Whether changing `store` needs its password: it has a MAC or encrypted content. Such a store may still
 * have opened without one, when its password is empty; writing then wants that empty password given.
 */
export function pkcs12NeedsPasswordToWrite(store: DecodedStore): boolean {
  const raw = pkcs12Raw(store);
  return raw.mac !== null || raw.blocks.some((block) => block.kind === 'encrypted');
}

/** The password the store was written with, checked against its MAC or an encrypted block; null if none is needed. */
function checkPassword(crypto: CryptoProvider, raw: Pkcs12Raw, password: string | undefined): Pkcs12Password | null {
  const encrypted = raw.blocks.find((block) => block.kind === 'encrypted');
  if (!raw.mac && !encrypted) return null;
  if (password === undefined) throw new PasswordRequiredError('the password of this PKCS#12 store is needed to change it, even when that password is empty');
  if (raw.mac) {
    const checked = checkMac(crypto, raw.mac, raw.authenticatedSafe, password);
    if (!checked) throw new WrongPasswordError('wrong password: it does not match this PKCS#12 store, which was left unchanged');
    return checked;
  }
  const { scheme, ciphertext } = encryptedContent(parseAsn(encrypted!.raw, ContentInfo, 'content block'), 'content block');
  const candidate = { text: password, pkcs12: bmpPassword(password) };
  if (!pbeDecrypt(crypto, scheme, scheme.kind === 'pkcs12' ? candidate.pkcs12 : candidate.text, ciphertext)) {
    throw new WrongPasswordError('wrong password: it does not decrypt this PKCS#12 store, which was left unchanged');
  }
  return candidate;
}

/** How new certificates are protected: like the store's existing certificate blocks. */
function certificateScheme(crypto: CryptoProvider, raw: Pkcs12Raw): PbeScheme | null {
  const certBlock = raw.blocks.find((block) => flattenBags(block.bags).some((bag) => bag.certificate));
  if (certBlock) return certBlock.scheme ? freshScheme(crypto, certBlock.scheme) : null;
  return raw.mac ? freshScheme(crypto, null) : null;
}

function trustedCertificateBag(alias: string, der: Uint8Array): Uint8Array {
  // Callers have parsed the certificate already; refuse anything that is not one DER SEQUENCE.
  if (der[0] !== 0x30 || firstElement(der)?.length !== der.length) {
    throw new CorruptInputError(`the certificate for "${alias}" is not a DER-encoded certificate`);
  }
  return certificateBag(der, set(toBytes(friendlyNameAttribute(alias)), javaTrustedAttribute()));
}

const HASH_OIDS = Object.fromEntries(Object.entries(MAC_HASHES).map(([id, hash]) => [hash, id]));

function pfx(crypto: CryptoProvider, blocks: readonly Uint8Array[], mac: Pkcs12Mac | null, password: Pkcs12Password | null): Uint8Array {
  const authenticatedSafe = sequence(...blocks);
  const parts = [integer(3), sequence(oid(OID.data), explicit0(octetString(authenticatedSafe)))];
  if (mac && password) {
    // A PBMAC1 store is written back with the classic PKCS#12 MAC over the same hash: JDK 17, OpenSSL 3.0 and
    // every older reader check it, where few read PBMAC1 yet.
    const salt = crypto.randomBytes(Math.max(8, Math.min(64, mac.salt.length)));
    const digest = pkcs12Mac(crypto, mac.hash, password.pkcs12, salt, mac.iterations, authenticatedSafe);
    const digestInfo = sequence(sequence(oid(HASH_OIDS[mac.hash]!), nullValue()), octetString(digest));
    parts.push(sequence(digestInfo, octetString(salt), integer(mac.iterations)));
  }
  return sequence(...parts);
}

/**
 * Write `store` (decoded by pkcs12Codec) with `edits` applied. `password` is the store's password; it is
 * checked against the store first (WrongPasswordError leaves nothing written) and may be undefined only
 * for a password-less store. Aliases must be unique (case-insensitively, as Java compares them); this
 * does not skip certificates the store already holds: callers decide that.
 */
export function encodePkcs12(store: DecodedStore, edits: Pkcs12Edits, password: string | undefined, crypto: CryptoProvider): Uint8Array {
  const raw = pkcs12Raw(store);
  const changes = planChanges(store, edits);
  const checked = checkPassword(crypto, raw, password);
  const blocks: Uint8Array[] = [];
  for (const block of raw.blocks) {
    const bags = rewriteBags(block.bags, changes);
    if (!bags) blocks.push(block.raw);
    else if (bags.length) blocks.push(rebuiltBlock(crypto, block, bags, checked));
  }
  const copied = edits.copy?.length ? copiedBags(edits.copy, raw) : { keyBags: [], certificateBags: [] };
  const moved = edits.addKey?.length ? newKeyBags(edits.addKey, raw, crypto) : { keyBags: [], certificateBags: [] };
  if (copied.keyBags.length || moved.keyBags.length) blocks.push(dataBlock([...copied.keyBags, ...moved.keyBags]));
  const added = [...(edits.add ?? []).map(({ alias, der }) => trustedCertificateBag(alias, der)), ...copied.certificateBags, ...moved.certificateBags];
  if (added.length) {
    const scheme = certificateScheme(crypto, raw);
    blocks.push(scheme && checked ? encryptedBlock(crypto, scheme, checked, added) : dataBlock(added));
  }
  return pfx(crypto, blocks, raw.mac, checked);
}

function rebuiltBlock(crypto: CryptoProvider, block: Pkcs12Block, bags: readonly Uint8Array[], password: Pkcs12Password | null): Uint8Array {
  if (block.kind === 'other') throw new UsageError('this entry is in a public-key encrypted part of the store, which TrustLens cannot rewrite');
  if (block.kind === 'data' || !block.scheme) return dataBlock(bags);
  if (!password) throw new PasswordRequiredError('the password of this PKCS#12 store is needed to change it');
  return encryptedBlock(crypto, freshScheme(crypto, block.scheme), password, bags);
}

/**
 * An empty PKCS#12 store as JDK 17 writes one: no content, an HMAC-SHA256 MAC with 10,000 iterations.
 * Certificates added to it later are encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC).
 */
export function createEmptyPkcs12(password: string, crypto: CryptoProvider): Uint8Array {
  const mac: Pkcs12Mac = { hash: 'sha256', salt: new Uint8Array(20), iterations: 10_000, digest: new Uint8Array(0) };
  return pfx(crypto, [], mac, { text: password, pkcs12: bmpPassword(password) });
}
