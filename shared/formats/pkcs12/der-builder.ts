// Building PKCS#12 structures for the writer with asn1js, around parts that must stay byte for byte as
// they were read (content blocks, bags, attributes): a constructed element's content is the exact
// concatenation of its parts' encodings, so untouched parts are never re-encoded.
import * as asn1js from 'asn1js';

export type Part = asn1js.BaseBlock | Uint8Array;

function encode(part: Part): Uint8Array {
  return part instanceof Uint8Array ? part : new Uint8Array(part.toBER());
}

/** The chunks one after another, in one array. */
export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** A constructed element (definite length) whose content is `parts`, encoded in order. */
export function constructed(tagClass: 1 | 3, tagNumber: number, parts: readonly Part[]): Uint8Array {
  // asn1js writes the identifier and length; the content goes in verbatim as a hex value.
  const block = new asn1js.Primitive({ idBlock: { tagClass, tagNumber }, valueHex: concat(parts.map(encode)) });
  block.idBlock.isConstructed = true;
  return new Uint8Array(block.toBER());
}

export const sequence = (...parts: Part[]): Uint8Array => constructed(1, 16, parts);
export const set = (...parts: Part[]): Uint8Array => constructed(1, 17, parts);
export const explicit0 = (...parts: Part[]): Uint8Array => constructed(3, 0, parts);
export const oid = (value: string): asn1js.ObjectIdentifier => new asn1js.ObjectIdentifier({ value });
export const octetString = (bytes: Uint8Array): asn1js.OctetString => new asn1js.OctetString({ valueHex: bytes });
export const integer = (value: number): asn1js.Integer => new asn1js.Integer({ value });
export const nullValue = (): asn1js.Null => new asn1js.Null();
/** [0] IMPLICIT OCTET STRING (primitive), as EncryptedContentInfo carries its ciphertext. */
export const implicit0Octets = (bytes: Uint8Array): asn1js.Primitive =>
  new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: bytes });
