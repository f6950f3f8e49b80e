// Fast path for the outer layers of a PKCS#12 file: PFX, its AuthenticatedSafe and the ContentInfo
// blocks in it. For a 10,000-certificate store these wrap megabytes of bags, and asn1-schema parses each
// layer from a copy of it (five copies of the whole file before the bags are reached). In plain DER the
// layers are a few nested elements: the strict walker of der-reader.ts finds them in place and hands out
// views. The small parts (MacData, the encryption AlgorithmIdentifier) still go to asn1-schema, and any
// other shape (BER, indefinite lengths, constructed OCTET STRINGs, extra elements) returns null so that
// pkcs12/pkcs12.ts reads the file with asn1-schema: whatever this accepts, asn1-schema reads to the same values.
import { children, contents, oidText, single, view } from '../../x509/der-reader';
import type { Element } from '../../x509/der-reader';

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const OCTET_STRING = 0x04;
const EXPLICIT_0 = 0xa0;
const IMPLICIT_0_PRIMITIVE = 0x80;

/** The PFX's top level as pkcs12/pkcs12.ts needs it. */
export interface FastPfx {
  readonly version: number;
  /** The authSafe ContentInfo's contentType. */
  readonly contentType: string;
  /** The content's OCTET STRING contents (the AuthenticatedSafe) when it is one primitive OCTET STRING. */
  readonly content: Uint8Array;
  /** The MacData element (DER), to be parsed as such; null when the file has none. */
  readonly macData: Uint8Array | null;
}

/** One ContentInfo of the AuthenticatedSafe. */
export interface FastContentInfo {
  /** The ContentInfo exactly as stored. */
  readonly raw: Uint8Array;
  readonly contentType: string;
  /** The element inside [0] EXPLICIT. */
  readonly content: Uint8Array;
}

/** An EncryptedData's algorithm (AlgorithmIdentifier DER) and ciphertext (a view). */
export interface FastEncryptedData {
  readonly algorithm: Uint8Array;
  readonly ciphertext: Uint8Array;
}

function attempt<T>(read: () => T | null): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** A small non-negative INTEGER (version numbers), or null. */
function smallInteger(bytes: Uint8Array, el: Element): number | null {
  const length = el.end - el.body;
  if (el.tag !== INTEGER || length < 1 || length > 2 || bytes[el.body]! & 0x80) return null;
  if (length === 2 && bytes[el.body] === 0 && !(bytes[el.body + 1]! & 0x80)) return null; // not minimal
  return length === 1 ? bytes[el.body]! : bytes[el.body]! * 256 + bytes[el.body + 1]!;
}

/** contentType and [0] EXPLICIT content of a ContentInfo element (one without content is left to asn1-schema). */
function contentInfo(bytes: Uint8Array, el: Element): { contentType: string; content: Element } | null {
  if (el.tag !== SEQUENCE) return null;
  const parts = children(bytes, el);
  if (parts.length !== 2 || parts[1]!.tag !== EXPLICIT_0) return null;
  return { contentType: oidText(bytes, parts[0]!), content: single(bytes, parts[1]!.body, parts[1]!.end) };
}

export function readFastPfx(bytes: Uint8Array): FastPfx | null {
  return attempt(() => {
    const pfx = single(bytes);
    if (pfx.tag !== SEQUENCE) return null;
    const parts = children(bytes, pfx);
    if (parts.length < 2 || parts.length > 3) return null;
    const version = smallInteger(bytes, parts[0]!);
    const authSafe = contentInfo(bytes, parts[1]!);
    if (version === null || !authSafe || authSafe.content.tag !== OCTET_STRING) return null;
    const macData = parts[2];
    if (macData && macData.tag !== SEQUENCE) return null;
    return {
      version,
      contentType: authSafe.contentType,
      content: contents(bytes, authSafe.content),
      macData: macData ? view(bytes, macData.start, macData.end) : null,
    };
  });
}

/** The ContentInfo blocks of an AuthenticatedSafe (a SEQUENCE filling `bytes`), or null. */
export function readFastContentInfos(bytes: Uint8Array): FastContentInfo[] | null {
  return attempt(() => {
    const safe = single(bytes);
    if (safe.tag !== SEQUENCE) return null;
    const blocks: FastContentInfo[] = [];
    for (const el of children(bytes, safe)) {
      const info = contentInfo(bytes, el);
      if (!info) return null;
      blocks.push({ raw: view(bytes, el.start, el.end), contentType: info.contentType, content: view(bytes, info.content.start, info.content.end) });
    }
    return blocks;
  });
}

/** The contents of a data block's OCTET STRING (the element `content` is exactly), or null. */
export function readFastOctets(content: Uint8Array): Uint8Array | null {
  return attempt(() => {
    const octets = single(content);
    return octets.tag === OCTET_STRING ? contents(content, octets) : null;
  });
}

/**
 * EncryptedData ::= SEQUENCE { version INTEGER, EncryptedContentInfo ::= SEQUENCE { contentType,
 * contentEncryptionAlgorithm, [0] IMPLICIT OCTET STRING (primitive) } }, or null for any other shape.
 */
export function readFastEncryptedData(content: Uint8Array): FastEncryptedData | null {
  return attempt(() => {
    const encrypted = single(content);
    if (encrypted.tag !== SEQUENCE) return null;
    const parts = children(content, encrypted);
    if (parts.length !== 2 || smallInteger(content, parts[0]!) === null || parts[1]!.tag !== SEQUENCE) return null;
    const info = children(content, parts[1]!);
    if (info.length !== 3) return null;
    oidText(content, info[0]!);
    const [, algorithm, ciphertext] = info as [Element, Element, Element];
    if (algorithm.tag !== SEQUENCE || ciphertext.tag !== IMPLICIT_0_PRIMITIVE) return null;
    return { algorithm: view(content, algorithm.start, algorithm.end), ciphertext: contents(content, ciphertext) };
  });
}
