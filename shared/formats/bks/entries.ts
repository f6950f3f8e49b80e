// Reads the entry stream BKS and UBER share (layout.ts): each entry as a DecodedEntry that keeps its own
// bytes for the writer. Keys are listed, never decrypted: a sealed key's salt and iteration count are in
// the clear, its algorithm is not.
import type { DecodedEntry } from '../codec';
import type { EntryType } from '../../model/keystore';
import { CorruptInputError, TruncatedInputError } from '../../errors';
import { keyInfo, parseCertificate } from '../../x509/certificate';
import { ByteReader, printable, quoted } from '../jks/bytes';
import { CERTIFICATE_TYPE, ENTRY_END, TYPE_CERTIFICATE, TYPE_KEY, TYPE_SEALED, TYPE_SECRET } from './layout';
import type { BksEntryRaw } from './layout';

/** Java Date's range; outside it a timestamp is garbage and shown as unknown. */
const MAX_DATE_MS = 8.64e15;
const KEY_TYPES = ['private', 'public', 'secret'];

function readCertificate(r: ByteReader, what: string): Uint8Array {
  const type = r.utf(`the type of ${what}`);
  if (type !== CERTIFICATE_TYPE) {
    throw new CorruptInputError(`${r.context} holds a certificate of type ${quoted(type)}; only X.509 certificates are supported.`);
  }
  return r.take(r.u32(`the length of ${what}`), what);
}

function toDate(ms: bigint): Date | null {
  const n = Number(ms);
  return Math.abs(n) <= MAX_DATE_MS ? new Date(n) : null;
}

function leafKeyAlgorithm(chain: readonly Uint8Array[]): string | undefined {
  const leaf = chain[0];
  if (!leaf) return undefined;
  try {
    return keyInfo(parseCertificate(leaf)).algorithm;
  } catch {
    return undefined;
  }
}

/** The protection of a sealed key, read from its clear-text salt and count. */
function sealedNote(sealed: Uint8Array, what: string): string {
  const r = new ByteReader(sealed, 0, what);
  r.take(r.u32('the key salt length'), 'the key salt');
  const iterations = r.u32('the key iteration count');
  return `The key is sealed with PBEWithSHAAnd3-KeyTripleDES-CBC (${iterations} iterations) under its key password.`;
}

interface Content {
  readonly type: EntryType;
  readonly keyAlgorithm?: string;
  readonly notes: string[];
}

function readContent(r: ByteReader, tag: number, chain: readonly Uint8Array[], certificates: Uint8Array[]): Content {
  switch (tag) {
    case TYPE_CERTIFICATE:
      certificates.push(readCertificate(r, 'the certificate'));
      return { type: 'trustedCertificate', notes: [] };
    case TYPE_KEY: {
      const keyType = r.u8('the key type');
      const format = r.utf('the key format');
      const algorithm = printable(r.utf('the key algorithm'));
      r.take(r.u32('the key length'), 'the key');
      const kind = KEY_TYPES[keyType] ?? `type ${keyType}`;
      const notes = [`The ${kind} key (${printable(format)}) is stored unencrypted in this keystore.`];
      return { type: keyType === 0 || chain.length > 0 ? 'privateKey' : 'secretKey', keyAlgorithm: algorithm, notes };
    }
    case TYPE_SECRET:
      r.take(r.u32('the length of the key bytes'), 'the key bytes');
      return {
        type: chain.length > 0 ? 'privateKey' : 'secretKey',
        notes: ['The key is stored as opaque bytes (setKeyEntry with a byte array); Bouncy Castle cannot return it as a key.'],
      };
    case TYPE_SEALED: {
      const sealed = r.take(r.u32('the length of the sealed key'), 'the sealed key');
      return { type: chain.length > 0 ? 'privateKey' : 'secretKey', notes: [sealedNote(sealed, r.context)] };
    }
    default:
      throw new CorruptInputError(`${r.context} has unknown entry type ${tag}; the file is damaged.`);
  }
}

/** One entry, its type byte already read (not ENTRY_END). */
function readEntry(r: ByteReader, tag: number, index: number, start: number): DecodedEntry {
  r.context = `entry ${index}`;
  const alias = r.utf('the alias');
  r.context = `entry ${index} (${quoted(alias)})`;
  const created = toDate(r.i64('the creation time'));
  const chainLength = r.u32('the chain length');
  if (chainLength > r.remaining / 6) {
    throw new TruncatedInputError(`${r.context} says its chain holds ${chainLength} certificates, more than the rest of the file can hold; the file is incomplete or damaged.`);
  }
  const chain: Uint8Array[] = [];
  for (let i = 0; i < chainLength; i++) chain.push(readCertificate(r, `certificate ${i + 1} of the chain`));
  const certificates: Uint8Array[] = [...chain];
  const content = readContent(r, tag, chain, certificates);
  const raw: BksEntryRaw = { codec: 'bks', type: tag, bytes: r.bytes.subarray(start, r.position) };
  const keyAlgorithm = content.type === 'privateKey' ? (leafKeyAlgorithm(chain) ?? content.keyAlgorithm) : content.keyAlgorithm;
  return {
    alias,
    type: content.type,
    created,
    certificates,
    ...(keyAlgorithm !== undefined ? { keyAlgorithm } : {}),
    ...(content.notes.length ? { notes: content.notes } : {}),
    raw,
  };
}

export interface EntryStream {
  readonly entries: DecodedEntry[];
  /** Offset just after the final 00 byte. */
  readonly end: number;
}

/**
 * The entries from `offset` up to and including the 00 that ends them. Entries that share an alias are all
 * returned, the earlier ones with a note that Bouncy Castle keeps the last.
 */
export function readEntryStream(bytes: Uint8Array, offset: number): EntryStream {
  const r = new ByteReader(bytes, offset);
  const entries: DecodedEntry[] = [];
  for (;;) {
    const start = r.position;
    r.context = 'the keystore';
    const tag = r.u8('the next entry type');
    if (tag === ENTRY_END) break;
    entries.push(readEntry(r, tag, entries.length + 1, start));
  }
  return { entries: withDuplicateNotes(entries), end: r.position };
}

/** Bouncy Castle loads entries into a Hashtable: of two with one alias, the later one is the one it keeps. */
function withDuplicateNotes(entries: DecodedEntry[]): DecodedEntry[] {
  const last = new Map<string, number>();
  entries.forEach((entry, i) => last.set(entry.alias, i));
  if (last.size === entries.length) return entries;
  return entries.map((entry, i) =>
    last.get(entry.alias) === i
      ? entry
      : { ...entry, notes: [...(entry.notes ?? []), `Another entry named ${quoted(entry.alias)} follows; Bouncy Castle keeps only that later one.`] },
  );
}

/** True when a structurally complete entry stream starts at `offset` and exactly `tail` bytes follow it. */
export function isEntryStream(bytes: Uint8Array, offset: number, tail: number): boolean {
  try {
    return readStructure(bytes, offset) === bytes.length - tail;
  } catch {
    return false;
  }
}

/** Walk the stream without parsing certificates (for detection); returns its end offset. */
function readStructure(bytes: Uint8Array, offset: number): number {
  const r = new ByteReader(bytes, offset);
  const cert = () => {
    if (r.utf('type') !== CERTIFICATE_TYPE) throw new CorruptInputError('not a certificate');
    r.take(r.u32('length'), 'certificate');
  };
  for (;;) {
    const tag = r.u8('type');
    if (tag === ENTRY_END) return r.position;
    if (tag > TYPE_SEALED) throw new CorruptInputError('not an entry');
    r.utf('alias');
    r.i64('created');
    const chainLength = r.u32('chain');
    if (chainLength > r.remaining / 6) throw new CorruptInputError('not a chain');
    for (let i = 0; i < chainLength; i++) cert();
    if (tag === TYPE_CERTIFICATE) cert();
    else if (tag === TYPE_KEY) {
      r.u8('key type');
      r.utf('format');
      r.utf('algorithm');
      r.take(r.u32('length'), 'key');
    } else r.take(r.u32('length'), 'bytes');
  }
}
