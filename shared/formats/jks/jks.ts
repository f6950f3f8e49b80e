// The JKS and JCEKS keystore codec: detect, decode (list entries, check the integrity digest) and,
// through jks/writer.ts, write back with untouched entries copied byte for byte.
//
// The layout, as Sun's JavaKeyStore (JKS) and SunJCE's JceKeyStore (JCEKS) write it; every number is
// big-endian, "utf" is a u16 byte length followed by Java's modified UTF-8 (DataOutputStream.writeUTF):
//
//   u32 magic            FE ED FE ED for JKS, CE CE CE CE for JCEKS
//   u32 version          2 today; version 1 stores omit the certificate type strings below
//   u32 count            number of entries that follow
//   entry * count:
//     u32 tag            1 private key, 2 trusted certificate, 3 secret key (JCEKS only)
//     utf alias          keytool lowercases aliases before storing them
//     i64 created        milliseconds since 1970 (Java Date)
//     tag 1:  u32 length, that many bytes of EncryptedPrivateKeyInfo DER (JKS: Sun's proprietary
//             key protector, OID 1.3.6.1.4.1.42.2.17.1.1; JCEKS: PBEWithMD5AndTripleDES, 1.3.6.1.4.1.42.2.19.1),
//             then u32 chain length and that many certificates, the key's own certificate first
//     tag 2:  one certificate
//     tag 3:  a Java serialization stream (AC ED 00 05 ...) of one javax.crypto.SealedObject holding the
//             encrypted key; it has no length prefix, so its end is found by walking it (jks/serialized.ts).
//             The key's algorithm is inside the encrypted part.
//     certificate: (version 2: utf type, always "X.509") u32 length, that many bytes of DER
//   20 bytes digest      SHA-1 over: the store password as UTF-16BE (two bytes per Java char), the
//                        UTF-8 text "Mighty Aphrodite", and every byte above.
//
// Without a password the entries can still be listed (the digest is not checked); with one, a digest
// mismatch means a wrong password or a file changed after it was saved, and nothing is returned.
import { AsnParser } from '@peculiar/asn1-schema';
import { EncryptedPrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import type { DecodedEntry, DecodedStore, DecodeOptions, StoreCodec } from '../codec';
import type { EntryType, StoreProperty } from '../../model/keystore';
import { CorruptInputError, TruncatedInputError, WrongPasswordError } from '../../errors';
import { keyInfo, parseCertificate } from '../../x509/certificate';
import { ByteReader, printable, quoted } from './bytes';
import { readSerializedObject } from './serialized';
import type { JavaObject } from './serialized';
import {
  CERTIFICATE_TYPE,
  DIGEST_LENGTH,
  JCEKS_MAGIC,
  JKS_MAGIC,
  TAG_PRIVATE_KEY,
  TAG_SECRET_KEY,
  TAG_TRUSTED_CERTIFICATE,
  digestMatches,
} from './layout';
import { checkEntryCount } from '../limits';
import type { JksEntryRaw, JksFormat, JksStoreRaw } from './layout';

export type { JksEntryRaw, JksFormat, JksStoreRaw } from './layout';
export { createEmptyJks, encodeJks, normalizeJksAlias } from './writer';
export type { JksEdits, JksNewCertificate, JksRename } from './writer';

/** Smallest possible entry: tag, empty alias, timestamp, one u32 length. */
const MIN_ENTRY_LENGTH = 4 + 2 + 8 + 4;
/** Java Date's range; outside it a timestamp is garbage and shown as unknown. */
const MAX_DATE_MS = 8.64e15;

const KEY_PROTECTION: Record<string, string> = {
  '1.3.6.1.4.1.42.2.17.1.1': "Sun's proprietary JKS key protection",
  '1.3.6.1.4.1.42.2.19.1': 'PBEWithMD5AndTripleDES',
};

/** The format a keystore's first four bytes announce, or null. */
export function detectJks(bytes: Uint8Array): JksFormat | null {
  if (bytes.length < 4) return null;
  const magic = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  if (magic === JKS_MAGIC) return 'JKS';
  if (magic === JCEKS_MAGIC) return 'JCEKS';
  return null;
}

function readCertificate(r: ByteReader, version: number, what: string): Uint8Array {
  if (version === 2) {
    const type = r.utf(`the type of ${what}`);
    if (type !== CERTIFICATE_TYPE) {
      throw new CorruptInputError(`${r.context} holds a certificate of type ${quoted(type)}; only X.509 certificates are supported.`);
    }
  }
  const length = r.u32(`the length of ${what}`);
  return r.take(length, what);
}

function toDate(ms: bigint): Date | null {
  const n = Number(ms);
  return Math.abs(n) <= MAX_DATE_MS ? new Date(n) : null;
}

/** The key algorithm from the leaf certificate, when it parses. */
function leafKeyAlgorithm(chain: readonly Uint8Array[]): string | undefined {
  const leaf = chain[0];
  if (!leaf) return undefined;
  try {
    return keyInfo(parseCertificate(leaf)).algorithm;
  } catch {
    return undefined;
  }
}

function keyProtectionNote(encryptedKey: Uint8Array): string {
  try {
    const info = AsnParser.parse(encryptedKey, EncryptedPrivateKeyInfo);
    const oid = info.encryptionAlgorithm.algorithm;
    return `The private key is protected with ${KEY_PROTECTION[oid] ?? oid}.`;
  } catch {
    return 'The private key is not a valid EncryptedPrivateKeyInfo; Java will not be able to use it.';
  }
}

function sealNote(sealed: JavaObject): string {
  const sealAlg = sealed.fields.get('sealAlg');
  const how = typeof sealAlg === 'string' ? ` with ${printable(sealAlg)}` : '';
  return `The secret key is sealed${how}; its algorithm is stored encrypted, so it is not shown.`;
}

interface ReadEntry {
  readonly entry: DecodedEntry;
  /** Private keys: the EncryptedPrivateKeyInfo, looked at once the whole file has been read. */
  readonly encryptedKey?: Uint8Array;
}

function readEntry(r: ByteReader, format: JksFormat, version: number, index: number): ReadEntry {
  const start = r.position;
  r.context = `entry ${index}`;
  const tag = r.u32('the entry type');
  const alias = r.utf('the alias');
  r.context = `entry ${index} (${quoted(alias)})`;
  const created = toDate(r.i64('the creation time'));
  let type: EntryType;
  const certificates: Uint8Array[] = [];
  const notes: string[] = [];
  let encryptedKey: Uint8Array | undefined;
  if (tag === TAG_PRIVATE_KEY) {
    type = 'privateKey';
    encryptedKey = r.take(r.u32('the length of the encrypted key'), 'the encrypted key');
    const chainLength = r.u32('the chain length');
    if (chainLength > r.remaining / 4) {
      throw new TruncatedInputError(`${r.context} says its chain holds ${chainLength} certificates, more than the rest of the file can hold; the file is incomplete or damaged.`);
    }
    for (let i = 0; i < chainLength; i++) certificates.push(readCertificate(r, version, `certificate ${i + 1} of the chain`));
  } else if (tag === TAG_TRUSTED_CERTIFICATE) {
    type = 'trustedCertificate';
    certificates.push(readCertificate(r, version, 'the certificate'));
  } else if (tag === TAG_SECRET_KEY && format === 'JCEKS') {
    type = 'secretKey';
    const sealed = readSerializedObject(r);
    if (typeof sealed !== 'object' || sealed === null || sealed instanceof Uint8Array || sealed.kind !== 'object') {
      throw new CorruptInputError(`${r.context} does not hold a sealed secret key; the file is damaged.`);
    }
    notes.push(sealNote(sealed));
  } else {
    throw new CorruptInputError(`${r.context} has unknown entry type ${tag} for a ${format} keystore; the file is damaged.`);
  }
  const raw: JksEntryRaw = { codec: 'jks', tag, bytes: r.bytes.subarray(start, r.position) };
  return { entry: { alias, type, created, certificates, ...(notes.length ? { notes } : {}), raw }, encryptedKey };
}

/**
 * The entry limit, checked on the header before the input is copied: a 238 MB file of 7 million entries
 * is then refused without a second 238 MB and the time to make it. Only where decoding would reach the
 * same error (a valid version, a count the bytes can hold), so every other error stays as it was.
 */
function refuseTooManyEntries(input: Uint8Array, format: JksFormat): void {
  if (input.length < 12) return;
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const version = view.getUint32(4);
  const count = view.getUint32(8);
  if ((version === 1 || version === 2) && count <= 0x7fffffff && count <= (input.length - 12 - DIGEST_LENGTH) / MIN_ENTRY_LENGTH) {
    checkEntryCount(`${format} keystore`, count);
  }
}

export function decodeJks(input: Uint8Array, options: DecodeOptions): DecodedStore {
  if (input.length < 4) throw new TruncatedInputError('The file is too short to be a keystore (fewer than 4 bytes); it is incomplete.');
  const format = detectJks(input);
  if (!format) throw new CorruptInputError('This is not a JKS or JCEKS keystore (it does not start with FE ED FE ED or CE CE CE CE).');
  refuseTooManyEntries(input, format);
  // One copy of the input: entries and certificates are views into it, so the caller's buffer can be reused.
  const bytes = input.slice();
  const r = new ByteReader(bytes, 4);
  const version = r.u32('the version');
  if (version !== 1 && version !== 2) {
    throw new CorruptInputError(`This ${format} keystore has version ${version}; only versions 1 and 2 exist, so the file is damaged.`);
  }
  const count = r.u32('the entry count');
  if (count > 0x7fffffff) throw new CorruptInputError(`This ${format} keystore has a negative entry count; the file is damaged.`);
  if (count > (r.remaining - DIGEST_LENGTH) / MIN_ENTRY_LENGTH) {
    throw new TruncatedInputError(`This ${format} keystore says it holds ${count} entries, more than its ${bytes.length} bytes can hold; the file is incomplete or damaged.`);
  }
  checkEntryCount(`${format} keystore`, count);
  const entries: ReadEntry[] = [];
  for (let i = 0; i < count; i++) entries.push(readEntry(r, format, version, i + 1));
  r.context = 'the integrity digest';
  const bodyLength = r.position;
  const digest = r.take(DIGEST_LENGTH, 'the digest');
  const raw: JksStoreRaw = { codec: 'jks', format, version, body: bytes.subarray(0, bodyLength), digest };

  const password = options.password;
  if (password !== undefined && !digestMatches(password, raw, options.crypto)) {
    throw new WrongPasswordError(
      // The digest covers the whole file with the password: a wrong password and damaged bytes look alike.
      `The password for this ${format} keystore is wrong, or the file is damaged (its integrity digest does not match); nothing was changed. Check the password, or open it without one to list its certificates.`,
    );
  }
  // Parsing DER is the costly part: done once the whole structure has been read and checked.
  const decoded = entries.map(({ entry, encryptedKey }): DecodedEntry => {
    if (!encryptedKey) return entry;
    const keyAlgorithm = leafKeyAlgorithm(entry.certificates);
    return { ...entry, ...(keyAlgorithm !== undefined ? { keyAlgorithm } : {}), notes: [keyProtectionNote(encryptedKey)] };
  });
  const properties: StoreProperty[] = [
    { label: 'Format', value: format },
    { label: 'Version', value: String(version) },
    { label: 'Entries', value: String(count) },
    {
      label: 'Integrity',
      value: password !== undefined ? 'SHA-1 digest verified with the store password' : 'Not checked (no password given)',
    },
  ];
  if (r.remaining > 0) properties.push({ label: 'Trailing data', value: `${r.remaining} bytes after the digest, ignored` });
  return { format, integrity: password !== undefined ? 'verified' : 'not-checked', entries: decoded, properties, raw };
}

/** Reads both JKS and JCEKS; the DecodedStore says which one it was. */
export const jksCodec: StoreCodec = { format: 'JKS', decode: decodeJks };
/** The same decoder, for registries keyed by format. */
export const jceksCodec: StoreCodec = { format: 'JCEKS', decode: decodeJks };
