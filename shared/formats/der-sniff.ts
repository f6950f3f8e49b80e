// Just enough DER to tell formats apart by their first bytes and to split concatenated elements.
// Full parsing is done by @peculiar/asn1-schema; this only reads tag/length headers, with bounds checks.

export interface DerHeader {
  readonly tag: number;
  readonly headerLength: number;
  readonly length: number; // content length
}

/** The header at `offset`, or null when it is not a well-formed definite-length header inside `bytes`. */
export function readDerHeader(bytes: Uint8Array, offset = 0): DerHeader | null {
  if (offset + 2 > bytes.length) return null;
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) return null; // multi-byte tags never start the structures we sniff
  const first = bytes[offset + 1]!;
  if (first < 0x80) return { tag, headerLength: 2, length: first };
  const n = first & 0x7f;
  if (n === 0 || n > 4 || offset + 2 + n > bytes.length) return null;
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + bytes[offset + 2 + i]!;
  return { tag, headerLength: 2 + n, length };
}

/** The complete first element of `bytes` (e.g. the certificate inside a TRUSTED CERTIFICATE block). */
export function firstElement(bytes: Uint8Array): Uint8Array | null {
  const h = readDerHeader(bytes);
  if (!h || h.headerLength + h.length > bytes.length) return null;
  return bytes.subarray(0, h.headerLength + h.length);
}

/** The content of the element at `offset`, as [start, end), or null. */
export function contentRange(bytes: Uint8Array, offset: number): [number, number] | null {
  const h = readDerHeader(bytes, offset);
  if (!h) return null;
  const start = offset + h.headerLength;
  const end = start + h.length;
  return end <= bytes.length ? [start, end] : null;
}

/** The OID 1.2.840.113549.1.7.2 (signedData) as DER content bytes. */
const SIGNED_DATA_OID = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

export type DerKind = 'certificate' | 'pkcs7' | 'pkcs12' | 'pkipath' | 'bcfks' | 'unknown';

interface Element {
  readonly tag: number;
  readonly start: number; // of the content
  readonly end: number;
}

/** Up to `max` elements inside the content [start, end); stops at the first malformed one. */
function children(bytes: Uint8Array, start: number, end: number, max: number): Element[] {
  const out: Element[] = [];
  for (let at = start; at < end && out.length < max; ) {
    const h = readDerHeader(bytes, at);
    if (!h || at + h.headerLength + h.length > end) break;
    out.push({ tag: h.tag, start: at + h.headerLength, end: at + h.headerLength + h.length });
    at += h.headerLength + h.length;
  }
  return out;
}

/** Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version | serial INTEGER, … }, AlgorithmIdentifier, BIT STRING } */
function isCertificateAt(bytes: Uint8Array, element: Element): boolean {
  if (element.tag !== 0x30) return false;
  const [tbs, algorithm, signature] = children(bytes, element.start, element.end, 3);
  if (tbs?.tag !== 0x30 || algorithm?.tag !== 0x30 || signature?.tag !== 0x03) return false;
  const first = readDerHeader(bytes, tbs.start);
  return first !== null && (first.tag === 0xa0 || first.tag === 0x02);
}

/**
 * Bouncy Castle's BCFKS ObjectStore ::= SEQUENCE { EncryptedObjectStoreData SEQUENCE { AlgorithmIdentifier,
 * OCTET STRING } | ObjectStoreData SEQUENCE { INTEGER, OCTET STRING, … }, integrityCheck SEQUENCE | [0] }.
 */
function isBcfks(bytes: Uint8Array, top: readonly Element[]): boolean {
  const [data, integrity, extra] = top;
  if (extra || data?.tag !== 0x30 || (integrity?.tag !== 0x30 && integrity?.tag !== 0xa0)) return false;
  const [first, second] = children(bytes, data.start, data.end, 2);
  if (second?.tag !== 0x04) return false;
  if (first?.tag === 0x02) return true;
  return first?.tag === 0x30 && bytes[first.start] === 0x06;
}

/**
 * Classify a DER blob: Certificate, PKCS#7 ContentInfo(signedData), PFX (version 3), PkiPath (a SEQUENCE OF
 * Certificate, as Java's CertPath.getEncoded("PkiPath") writes it) or a BCFKS keystore.
 */
export function sniffDer(bytes: Uint8Array): DerKind {
  const outer = contentRange(bytes, 0);
  if (!outer || bytes[0] !== 0x30) return 'unknown';
  const [start] = outer;
  const first = readDerHeader(bytes, start);
  if (!first) return 'unknown';
  if (first.tag === 0x02 && first.length === 1 && bytes[start + first.headerLength] === 3) return 'pkcs12';
  if (first.tag === 0x06 && first.length === SIGNED_DATA_OID.length) {
    const oid = bytes.subarray(start + first.headerLength, start + first.headerLength + first.length);
    return SIGNED_DATA_OID.every((b, i) => oid[i] === b) ? 'pkcs7' : 'unknown';
  }
  if (first.tag === 0x30) {
    const top = children(bytes, start, outer[1], 3);
    if (top[0] && isCertificateAt(bytes, top[0])) return 'pkipath';
    if (isBcfks(bytes, top)) return 'bcfks';
    // Loosely: anything else starting SEQUENCE { SEQUENCE is read as a certificate, and says why it is not one.
    return 'certificate';
  }
  return 'unknown';
}
