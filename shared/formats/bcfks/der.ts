// A strict DER walker for BCFKS: elements as offsets into the file, so the writer can copy untouched parts
// byte for byte, and every length checked against its parent so a hostile one fails with a typed error.
import { CorruptInputError, TruncatedInputError } from '../../errors';
import { readDerHeader } from '../der-sniff';

export const TAG = { integer: 0x02, octetString: 0x04, null: 0x05, oid: 0x06, utf8String: 0x0c, generalizedTime: 0x18, sequence: 0x30 } as const;

export interface Tlv {
  readonly tag: number;
  /** Offset of the tag byte. */
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
}

const damaged = (what: string): never => {
  throw new CorruptInputError(`This BCFKS keystore is damaged (${what} is not valid DER).`);
};

/** The element at `offset`, which must end by `limit`. */
export function element(bytes: Uint8Array, offset: number, limit: number, what: string): Tlv {
  const h = readDerHeader(bytes, offset);
  if (!h) return damaged(what);
  const end = offset + h.headerLength + h.length;
  if (end > limit) {
    if (limit === bytes.length) throw new TruncatedInputError(`This BCFKS keystore ends in the middle of ${what}; the file is incomplete, so copy it again.`);
    return damaged(what);
  }
  return { tag: h.tag, start: offset, contentStart: offset + h.headerLength, end };
}

export function expect(tlv: Tlv, tag: number, what: string): Tlv {
  if (tlv.tag !== tag) damaged(what);
  return tlv;
}

/** The elements inside a constructed one. */
export function children(bytes: Uint8Array, parent: Tlv, what: string): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.contentStart; at < parent.end; ) {
    const child = element(bytes, at, parent.end, what);
    out.push(child);
    at = child.end;
  }
  return out;
}

/** A SEQUENCE's elements, at least `min` of them. */
export function sequence(bytes: Uint8Array, tlv: Tlv | undefined, min: number, what: string): Tlv[] {
  if (!tlv || tlv.tag !== TAG.sequence) return damaged(what);
  const items = children(bytes, tlv, what);
  if (items.length < min) damaged(what);
  return items;
}

export const whole = (bytes: Uint8Array, tlv: Tlv): Uint8Array => bytes.subarray(tlv.start, tlv.end);
export const content = (bytes: Uint8Array, tlv: Tlv): Uint8Array => bytes.subarray(tlv.contentStart, tlv.end);

export function integer(bytes: Uint8Array, tlv: Tlv | undefined, what: string): number {
  if (!tlv || tlv.tag !== TAG.integer || tlv.end - tlv.contentStart > 6 || tlv.end === tlv.contentStart) return damaged(what);
  let value = 0;
  for (let i = tlv.contentStart; i < tlv.end; i++) value = value * 256 + bytes[i]!;
  if (bytes[tlv.contentStart]! & 0x80) damaged(what); // negative
  return value;
}

export function oid(bytes: Uint8Array, tlv: Tlv | undefined, what: string): string {
  if (!tlv || tlv.tag !== TAG.oid || tlv.end === tlv.contentStart) return damaged(what);
  const parts: number[] = [];
  let value = 0;
  for (let i = tlv.contentStart; i < tlv.end; i++) {
    value = value * 128 + (bytes[i]! & 0x7f);
    if (!(bytes[i]! & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  const first = parts.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...parts].join('.');
}

function text(bytes: Uint8Array, tlv: Tlv): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(content(bytes, tlv));
}

export function utf8String(bytes: Uint8Array, tlv: Tlv | undefined, what: string): string {
  if (!tlv || tlv.tag !== TAG.utf8String) return damaged(what);
  return text(bytes, tlv);
}

/** GeneralizedTime "YYYYMMDDHHMMSS[.fff]Z"; null when it is not one. */
export function generalizedTime(bytes: Uint8Array, tlv: Tlv | undefined): Date | null {
  if (!tlv || tlv.tag !== TAG.generalizedTime) return null;
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,3})\d*)?Z$/.exec(text(bytes, tlv));
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  return new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!, frac ? Number(frac.padEnd(3, '0')) : 0));
}
