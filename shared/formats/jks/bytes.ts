// Bounds-checked big-endian reading and writing for the JKS / JCEKS codec, and Java's "modified UTF-8"
// (DataOutputStream.writeUTF). Every read checks the remaining bytes first, so a hostile length can
// neither read past the end nor make us allocate more than the input holds.
import { CorruptInputError, TruncatedInputError, UsageError } from '../../errors';

export class ByteReader {
  private offset: number;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    /** Says what is being read, for error messages: "the keystore", "entry 3 ('alias')". */
    public context = 'the keystore',
  ) {
    this.offset = start;
  }

  get position(): number {
    return this.offset;
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  /** Throws TruncatedInputError unless `count` more bytes are there. */
  need(count: number, what: string): void {
    if (count > this.remaining) {
      throw new TruncatedInputError(
        `The keystore ends in the middle of ${this.context} (${what}: ${count} bytes needed, ${this.remaining} left); the file is incomplete or damaged, so copy it again.`,
      );
    }
  }

  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.offset++]!;
  }

  u16(what: string): number {
    this.need(2, what);
    const value = (this.bytes[this.offset]! << 8) | this.bytes[this.offset + 1]!;
    this.offset += 2;
    return value;
  }

  u32(what: string): number {
    this.need(4, what);
    const b = this.bytes;
    const o = this.offset;
    this.offset += 4;
    return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
  }

  /** A signed 64-bit value as a bigint (Java long). */
  i64(what: string): bigint {
    this.need(8, what);
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.offset, 8);
    this.offset += 8;
    return view.getBigInt64(0);
  }

  /** A view of the next `count` bytes (no copy); the count is checked against what is left. */
  take(count: number, what: string): Uint8Array {
    this.need(count, what);
    const out = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return out;
  }

  /** A u16 length and that many bytes of modified UTF-8 (DataInputStream.readUTF). */
  utf(what: string): string {
    const length = this.u16(`the length of ${what}`);
    return decodeModifiedUtf8(this.take(length, what), `${what} in ${this.context}`);
  }
}

/** Decode Java's modified UTF-8: like CESU-8, with U+0000 written as C0 80 (a bare 00 is accepted, as Java does). */
export function decodeModifiedUtf8(bytes: Uint8Array, what: string): string {
  const units: number[] = [];
  const bad = (): never => {
    throw new CorruptInputError(`The text of ${what} is not valid modified UTF-8; the file is damaged.`);
  };
  for (let i = 0; i < bytes.length; ) {
    const a = bytes[i]!;
    if (a < 0x80) {
      units.push(a);
      i += 1;
    } else if ((a & 0xe0) === 0xc0) {
      const b = bytes[i + 1];
      if (b === undefined || (b & 0xc0) !== 0x80) bad();
      units.push(((a & 0x1f) << 6) | (b! & 0x3f));
      i += 2;
    } else if ((a & 0xf0) === 0xe0) {
      const b = bytes[i + 1];
      const c = bytes[i + 2];
      if (b === undefined || c === undefined || (b & 0xc0) !== 0x80 || (c & 0xc0) !== 0x80) bad();
      units.push(((a & 0x0f) << 12) | ((b! & 0x3f) << 6) | (c! & 0x3f));
      i += 3;
    } else {
      bad();
    }
  }
  let text = '';
  for (let i = 0; i < units.length; i += 4096) text += String.fromCharCode(...units.slice(i, i + 4096));
  return text;
}

/** Encode as modified UTF-8, one to three bytes per UTF-16 code unit (surrogates separately). */
export function encodeModifiedUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x01 && unit <= 0x7f) {
      out.push(unit);
    } else if (unit <= 0x7ff) {
      out.push(0xc0 | (unit >> 6), 0x80 | (unit & 0x3f));
    } else {
      out.push(0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f));
    }
  }
  return Uint8Array.from(out);
}

/** Text from the file (an alias, a type name) made safe for a one-line message: control characters
 * replaced, long text shortened. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return clean.length > 64 ? `${clean.slice(0, 61)}...` : clean;
}

/** printable(text) in single quotes. */
export function quoted(text: string): string {
  return `'${printable(text)}'`;
}

/** Collects big-endian fields and byte runs into one array. */
export class ByteWriter {
  private readonly parts: Uint8Array[] = [];
  private length = 0;

  bytes(data: Uint8Array): this {
    this.parts.push(data);
    this.length += data.length;
    return this;
  }

  u16(value: number): this {
    return this.bytes(Uint8Array.of((value >>> 8) & 0xff, value & 0xff));
  }

  u32(value: number): this {
    return this.bytes(Uint8Array.of((value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff));
  }

  i64(value: bigint): this {
    const out = new Uint8Array(8);
    new DataView(out.buffer).setBigInt64(0, value);
    return this.bytes(out);
  }

  /** DataOutputStream.writeUTF: a u16 byte length, then modified UTF-8. */
  utf(text: string, what: string): this {
    const encoded = encodeModifiedUtf8(text);
    if (encoded.length > 0xffff) throw new UsageError(`${what} is too long to store (more than 65535 bytes); choose a shorter one.`);
    return this.u16(encoded.length).bytes(encoded);
  }

  toBytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const part of this.parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }
}
