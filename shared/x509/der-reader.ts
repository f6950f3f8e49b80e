// A small, strict DER reader for the hot path of opening large stores (10,000 certificates): it walks
// offsets in the original bytes instead of building asn1js object graphs, which is where nearly all of
// the time went. It reads only what DER allows and what certificates normally hold: low tag numbers,
// definite minimal lengths, exact spans. Anything else throws UNREADABLE, and the caller falls back to
// the @peculiar/asn1-schema parser, which reads every BER form, so no input is read differently.

/** Thrown (never shown to anyone) when the bytes are not in the plain shape this reader handles. */
export const UNREADABLE: unique symbol = Symbol('not plain DER');

export function isUnreadable(error: unknown): boolean {
  return error === UNREADABLE;
}

export interface Element {
  /** The whole identifier octet, e.g. 0x30 for SEQUENCE, 0xa3 for [3] constructed. */
  readonly tag: number;
  readonly start: number;
  /** Where the contents start. */
  readonly body: number;
  readonly end: number;
}

/** The element at `offset`, which must end by `limit`. */
export function element(bytes: Uint8Array, offset: number, limit: number): Element {
  if (offset + 2 > limit) throw UNREADABLE;
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw UNREADABLE; // high tag numbers: none in the fields we read
  const first = bytes[offset + 1]!;
  let body = offset + 2;
  let length = first;
  if (first >= 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4 || body + count > limit) throw UNREADABLE; // indefinite or absurd
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[body + i]!;
    if (bytes[body] === 0 || length < 0x80) throw UNREADABLE; // not minimal: BER, not DER
    body += count;
  }
  const end = body + length;
  if (end > limit) throw UNREADABLE;
  return { tag, start: offset, body, end };
}

/** The elements inside a constructed element, in order. */
export function children(bytes: Uint8Array, parent: Element): Element[] {
  if ((parent.tag & 0x20) === 0) throw UNREADABLE;
  const out: Element[] = [];
  for (let offset = parent.body; offset < parent.end; ) {
    const child = element(bytes, offset, parent.end);
    out.push(child);
    offset = child.end;
  }
  return out;
}

/**
 * Walks everything inside `el` as asn1js does when it reads a whole structure: every constructed element
 * holds exactly its children, every OBJECT IDENTIFIER ends its last arc, and every time converts. The
 * fast reader looks at some fields only; this keeps it from accepting a certificate whose other fields
 * (algorithm parameters, extensions it does not read) asn1js would refuse. Primitive contents (strings,
 * OCTET STRINGs) are not looked into: asn1js does not refuse those either.
 */
export function checkTree(bytes: Uint8Array, el: Element, depth = 0): void {
  if (el.tag & 0x20) {
    if (depth > 40) throw UNREADABLE; // deeper than any certificate: let asn1js decide
    for (let offset = el.body; offset < el.end; ) {
      const child = element(bytes, offset, el.end);
      checkTree(bytes, child, depth + 1);
      offset = child.end;
    }
  } else if (el.tag === 0x06 && (el.end === el.body || bytes[el.end - 1]! & 0x80)) {
    throw UNREADABLE;
  } else if (el.tag === 0x17 || el.tag === 0x18) {
    timeValue(bytes, el); // asn1js refuses a time it cannot convert, wherever it is
  }
}

/** Exactly one element filling `bytes` from `start` to `end` (a whole DER value, an extension's contents). */
export function single(bytes: Uint8Array, start = 0, end = bytes.length): Element {
  const only = element(bytes, start, end);
  if (only.end !== end) throw UNREADABLE;
  return only;
}

export function expectTag(el: Element, tag: number): Element {
  if (el.tag !== tag) throw UNREADABLE;
  return el;
}

/** A view of part of `bytes` (no copy), always a plain Uint8Array even when `bytes` is a Buffer. */
export function view(bytes: Uint8Array, start: number, end: number): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start);
}

export function contents(bytes: Uint8Array, el: Element): Uint8Array {
  return view(bytes, el.body, el.end);
}

/** Dotted text of an OBJECT IDENTIFIER, as asn1js prints it (first arc split at 40 and 80). */
export function oidText(bytes: Uint8Array, el: Element): string {
  if (el.tag !== 0x06 || el.end === el.body) throw UNREADABLE;
  let out = '';
  let value = 0;
  let digits = 0;
  let first = true;
  for (let i = el.body; i < el.end; i++) {
    const b = bytes[i]!;
    value = value * 128 + (b & 0x7f);
    if (++digits > 7) throw UNREADABLE; // past 2^49: asn1js's own rounding would apply
    if (b & 0x80) continue;
    if (first) {
      out = value <= 39 ? `0.${value}` : value <= 79 ? `1.${value - 40}` : `2.${value - 80}`;
      first = false;
    } else {
      out += `.${value}`;
    }
    value = 0;
    digits = 0;
  }
  if (digits !== 0) throw UNREADABLE; // the last arc runs off the end
  return out;
}

/** One character per byte, as asn1js decodes PrintableString, IA5String and TeletexString. */
export function latin1Text(bytes: Uint8Array, el: Element): string {
  let out = '';
  for (let i = el.body; i < el.end; i++) out += String.fromCharCode(bytes[i]!);
  return out;
}

/** UTF8String as asn1js 3 decodes it: strict UTF-8, else the raw bytes one character each. */
export function utf8Text(bytes: Uint8Array, el: Element): string {
  const raw = latin1Text(bytes, el);
  for (let i = 0; i < raw.length; i++) {
    if (raw.charCodeAt(i) >= 0x80) {
      try {
        return decodeURIComponent(escape(raw));
      } catch {
        return raw;
      }
    }
  }
  return raw;
}

function digitsAt(bytes: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const d = bytes[i]! - 0x30;
    if (d < 0 || d > 9) throw UNREADABLE;
    value = value * 10 + d;
  }
  return value;
}

/** UTCTime YYMMDDHHMMSSZ or GeneralizedTime YYYYMMDDHHMMSSZ, converted as asn1js converts them. */
export function timeValue(bytes: Uint8Array, el: Element): Date {
  const b = el.body;
  if (el.tag === 0x17 && el.end - b === 13 && bytes[b + 12] === 0x5a) {
    const yy = digitsAt(bytes, b, 2);
    const year = yy >= 50 ? 1900 + yy : 2000 + yy;
    return new Date(Date.UTC(year, digitsAt(bytes, b + 2, 2) - 1, digitsAt(bytes, b + 4, 2), digitsAt(bytes, b + 6, 2), digitsAt(bytes, b + 8, 2), digitsAt(bytes, b + 10, 2)));
  }
  if (el.tag === 0x18 && el.end - b === 15 && bytes[b + 14] === 0x5a) {
    const year = digitsAt(bytes, b, 4);
    return new Date(Date.UTC(year, digitsAt(bytes, b + 4, 2) - 1, digitsAt(bytes, b + 6, 2), digitsAt(bytes, b + 8, 2), digitsAt(bytes, b + 10, 2), digitsAt(bytes, b + 12, 2), 0));
  }
  throw UNREADABLE;
}
