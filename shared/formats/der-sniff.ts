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

export type DerKind = 'certificate' | 'pkcs7' | 'pkcs12' | 'unknown';

/** Classify a DER blob: Certificate, PKCS#7 ContentInfo(signedData), or PFX (version 3). */
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
  if (first.tag === 0x30) return 'certificate';
  return 'unknown';
}
