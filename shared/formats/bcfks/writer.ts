// Writes BCFKS stores: a store decoded by bcfks.ts plus edits (remove, rename, add trusted certificates).
// Keys are never decrypted: every untouched ObjectData is copied byte for byte into the new store, a rename
// changes only its identifier (and lastModifiedDate). The store is then encrypted and MACed as Bouncy Castle
// does on every store: a fresh 64-byte salt for each key and a fresh CCM nonce (a nonce must never encrypt two
// texts under one key), the iteration counts and tag length kept. An unedited store is returned as it was.
import * as asn1js from 'asn1js';
import type { CryptoProvider } from '../../crypto-provider';
import type { DecodedStore } from '../codec';
import { CorruptInputError, UsageError } from '../../errors';
import { parseCertificate } from '../../x509/certificate';
import { quoted } from '../jks/bytes';
import { integer, nullValue, octetString, oid, sequence } from '../pkcs12/der-builder';
import { openStore } from './bcfks';
import { ccmEncrypt } from './ccm';
import { OIDS, TYPE, deriveKey } from './layout';
import type { BcfksEntryRaw, BcfksStoreRaw, Pbkdf2 } from './layout';

export interface BcfksEdits {
  readonly remove?: readonly string[];
  readonly rename?: readonly { readonly from: string; readonly to: string }[];
  readonly add?: readonly { readonly alias: string; readonly der: Uint8Array; readonly created?: Date }[];
}

/** Bouncy Castle's defaults for a new store (BcFKSKeyStoreSpi): 51200 PBKDF2 iterations, an 8-byte CCM tag. */
const DEFAULT_ITERATIONS = 51200;
const DEFAULT_TAG_LENGTH = 8;
const SALT_LENGTH = 64;
const NONCE_LENGTH = 12;

interface PendingEntry {
  alias: string;
  bytes: Uint8Array;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isStoreRaw = (value: unknown): value is BcfksStoreRaw => isRecord(value) && value.codec === 'bcfks' && value.file instanceof Uint8Array;
const isEntryRaw = (value: unknown): value is BcfksEntryRaw => isRecord(value) && value.codec === 'bcfks' && Array.isArray(value.fields);

function generalizedTime(date: Date): Uint8Array {
  const iso = date.toISOString(); // 2026-12-01T22:40:54.123Z
  const text = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return new Uint8Array(new asn1js.Primitive({ idBlock: { tagClass: 1, tagNumber: 24 }, valueHex: Uint8Array.from(text, (c) => c.charCodeAt(0)) }).toBER());
}

const utf8String = (text: string): Uint8Array => new Uint8Array(new asn1js.Utf8String({ value: text }).toBER());

function pbkdf2Algorithm(kdf: Pbkdf2): Uint8Array {
  return sequence(oid(OIDS.pbkdf2), sequence(octetString(kdf.salt), integer(kdf.iterations), integer(kdf.keyLength!), sequence(oid(OIDS.hmacWithSha512), nullValue())));
}

function find(entries: readonly PendingEntry[], alias: string): number {
  const exact = entries.findIndex((e) => e.alias === alias);
  const index = exact >= 0 ? exact : entries.findIndex((e) => e.alias.toLowerCase() === alias.toLowerCase());
  if (index < 0) throw new UsageError(`There is no entry named ${quoted(alias)} in this keystore; check the alias.`);
  return index;
}

function ensureFree(entries: readonly PendingEntry[], alias: string, except?: PendingEntry): void {
  if (!alias.trim()) throw new UsageError('An alias cannot be empty; give the entry a name.');
  if (entries.some((e) => e !== except && e.alias.toLowerCase() === alias.toLowerCase())) {
    throw new UsageError(`An entry named ${quoted(alias)} already exists in this keystore; choose another alias.`);
  }
}

function certificateObject(alias: string, der: Uint8Array, created: Date): Uint8Array {
  try {
    parseCertificate(der);
  } catch {
    throw new CorruptInputError(`The certificate to add as ${quoted(alias)} is not a valid X.509 certificate; nothing was written.`);
  }
  return sequence(integer(TYPE.certificate), utf8String(alias), generalizedTime(created), generalizedTime(created), octetString(der));
}

interface StoreParameters {
  readonly head: Uint8Array;
  readonly comment: Uint8Array;
  readonly storeIterations: number;
  readonly macIterations: number;
  readonly tagLength: number;
}

function assemble(params: StoreParameters, objects: readonly Uint8Array[], password: string, crypto: CryptoProvider): Uint8Array {
  const storeData = sequence(params.head, generalizedTime(new Date()), sequence(...objects), params.comment);
  const storeKdf: Pbkdf2 = { salt: crypto.randomBytes(SALT_LENGTH), iterations: params.storeIterations, keyLength: 32 };
  const nonce = crypto.randomBytes(NONCE_LENGTH);
  const ciphertext = ccmEncrypt(crypto, deriveKey(crypto, password, 'STORE_ENCRYPTION', storeKdf, 32), nonce, params.tagLength, storeData);
  const encryption = sequence(
    oid(OIDS.pbes2),
    sequence(pbkdf2Algorithm(storeKdf), sequence(oid(OIDS.aes256Ccm), sequence(octetString(nonce), integer(params.tagLength)))),
  );
  const encrypted = sequence(encryption, octetString(ciphertext));
  const macKdf: Pbkdf2 = { salt: crypto.randomBytes(SALT_LENGTH), iterations: params.macIterations, keyLength: 64 };
  const mac = crypto.hmac('sha512', deriveKey(crypto, password, 'INTEGRITY_CHECK', macKdf, 64), encrypted);
  return sequence(encrypted, sequence(sequence(oid(OIDS.hmacWithSha512), nullValue()), pbkdf2Algorithm(macKdf), octetString(mac)));
}

/**
 * New file bytes for a BCFKS `store` with `edits` applied. Throws WrongPasswordError when `password` is not
 * the one the store was saved with (nothing is written), UsageError for unknown or duplicate aliases.
 */
export function encodeBcfks(store: DecodedStore, edits: BcfksEdits, password: string, crypto: CryptoProvider): Uint8Array {
  const raw = store.raw;
  if (!isStoreRaw(raw)) throw new UsageError('This store was not read as a BCFKS keystore, so it cannot be written as one.');
  openStore(raw.file, password, crypto); // the password check: its MAC must match
  if (!edits.remove?.length && !edits.rename?.length && !edits.add?.length) return raw.file;
  const entries: PendingEntry[] = store.entries.map((entry) => {
    if (!isEntryRaw(entry.raw)) throw new UsageError(`Entry ${quoted(entry.alias)} was not read from a BCFKS keystore, so it cannot be written to one.`);
    return { alias: entry.alias, bytes: sequence(...entry.raw.fields) };
  });
  const fieldsOf = new Map(store.entries.map((entry, i) => [entries[i]!, (entry.raw as BcfksEntryRaw).fields]));
  for (const alias of edits.remove ?? []) entries.splice(find(entries, alias), 1);
  for (const { from, to } of edits.rename ?? []) {
    const entry = entries[find(entries, from)]!;
    ensureFree(entries, to, entry);
    const [type, , created, , ...rest] = fieldsOf.get(entry)!;
    entry.bytes = sequence(type!, utf8String(to), created!, generalizedTime(new Date()), ...rest);
    entry.alias = to;
  }
  for (const add of edits.add ?? []) {
    ensureFree(entries, add.alias);
    entries.push({ alias: add.alias, bytes: certificateObject(add.alias, add.der, add.created ?? new Date()) });
  }
  const params: StoreParameters = {
    head: raw.head,
    comment: raw.comment,
    storeIterations: raw.storeKdf.iterations,
    macIterations: raw.macKdf.iterations,
    tagLength: raw.tagLength,
  };
  return assemble(params, entries.map((e) => e.bytes), password, crypto);
}

/** An empty BCFKS store as Bouncy Castle makes one (version 1, HMAC-SHA512, AES-256-CCM). */
export function createEmptyBcfks(password: string, crypto: CryptoProvider): Uint8Array {
  const parts = [new Uint8Array(integer(1).toBER()), sequence(oid(OIDS.hmacWithSha512), nullValue()), generalizedTime(new Date())];
  const head = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  parts.reduce((offset, part) => (head.set(part, offset), offset + part.length), 0);
  const params: StoreParameters = { head, comment: new Uint8Array(0), storeIterations: DEFAULT_ITERATIONS, macIterations: DEFAULT_ITERATIONS, tagLength: DEFAULT_TAG_LENGTH };
  return assemble(params, [], password, crypto);
}
