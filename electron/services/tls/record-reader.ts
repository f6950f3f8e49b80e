// Reads the TLS record layer and handshake messages out of bytes recorded from the wire (RFC 5246 §6.2,
// RFC 8446 §5.1). Everything is bounds-checked against the bytes actually received: a declared length
// never causes an allocation, and handshake messages split across records are reassembled.

/** Thrown when recorded bytes are not what TLS allows; the probe turns it into a NetworkError. */
export class TlsDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlsDecodeError';
  }
}

export const ContentType = { changeCipherSpec: 20, alert: 21, handshake: 22, applicationData: 23, heartbeat: 24 } as const;

export const HandshakeType = {
  clientHello: 1,
  serverHello: 2,
  newSessionTicket: 4,
  encryptedExtensions: 8,
  certificate: 11,
  serverKeyExchange: 12,
  certificateRequest: 13,
  serverHelloDone: 14,
  certificateVerify: 15,
  finished: 20,
  certificateStatus: 22,
  compressedCertificate: 25,
} as const;

/** The largest record TLS allows: 2^14 plaintext plus 2048 bytes of expansion (TLS 1.2's bound). */
export const MAX_RECORD_LENGTH = 16384 + 2048;

export interface TlsRecord {
  readonly type: number;
  readonly version: number;
  /** The 5-byte header, which TLS 1.3 uses as additional authenticated data. */
  readonly header: Uint8Array;
  readonly fragment: Uint8Array;
}

/** A cursor over bytes whose every read is checked against what is there. */
export class ByteReader {
  private offset = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly what: string,
  ) {}

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  private need(count: number): void {
    if (count > this.remaining) {
      throw new TlsDecodeError(`${this.what} is truncated: it needs ${count} more bytes but only ${this.remaining} are left`);
    }
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.offset++]!;
  }

  u16(): number {
    return (this.u8() << 8) | this.u8();
  }

  u24(): number {
    return (this.u8() << 16) | (this.u8() << 8) | this.u8();
  }

  take(count: number): Uint8Array {
    this.need(count);
    const slice = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return slice;
  }

  /** Everything not read yet. */
  rest(): Uint8Array {
    return this.take(this.remaining);
  }

  /** A length-prefixed vector (prefix of 1, 2 or 3 bytes) as its own reader. */
  vector(prefixBytes: 1 | 2 | 3, what: string): ByteReader {
    const length = prefixBytes === 1 ? this.u8() : prefixBytes === 2 ? this.u16() : this.u24();
    return new ByteReader(this.take(length), what);
  }
}

/** Whether the first bytes could be a TLS record header (used to tell TLS from something else). */
export function looksLikeTlsRecord(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  const type = bytes[0]!;
  if (type < ContentType.changeCipherSpec || type > ContentType.heartbeat) return false;
  if (bytes.length >= 2 && bytes[1] !== 3) return false;
  if (bytes.length >= 5 && ((bytes[3]! << 8) | bytes[4]!) > MAX_RECORD_LENGTH) return false;
  return true;
}

/**
 * Split recorded bytes into records. A final record that has not fully arrived is left out
 * (`truncated` says how many bytes it had); a header that cannot be TLS throws.
 */
export function splitRecords(bytes: Uint8Array): { records: TlsRecord[]; truncated: number } {
  const records: TlsRecord[] = [];
  let offset = 0;
  while (bytes.length - offset >= 5) {
    const header = bytes.subarray(offset, offset + 5);
    if (!looksLikeTlsRecord(header)) {
      throw new TlsDecodeError(`record ${records.length + 1} has an invalid header (type ${header[0]}, version ${header[1]}.${header[2]})`);
    }
    const length = (header[3]! << 8) | header[4]!;
    if (bytes.length - offset - 5 < length) break;
    records.push({ type: header[0]!, version: (header[1]! << 8) | header[2]!, header, fragment: bytes.subarray(offset + 5, offset + 5 + length) });
    offset += 5 + length;
  }
  return { records, truncated: bytes.length - offset };
}

export interface HandshakeMessage {
  readonly type: number;
  readonly body: Uint8Array;
}

/**
 * Joins handshake fragments into whole messages. Fragments are kept as received and only joined once
 * a message's declared length has fully arrived, so a huge declared length costs nothing.
 */
export class HandshakeReassembler {
  private chunks: Uint8Array[] = [];
  private buffered = 0;

  push(fragment: Uint8Array): HandshakeMessage[] {
    if (fragment.length === 0) return [];
    this.chunks.push(fragment);
    this.buffered += fragment.length;
    const messages: HandshakeMessage[] = [];
    for (;;) {
      if (this.buffered < 4) break;
      const header = this.peek(4);
      const length = (header[1]! << 16) | (header[2]! << 8) | header[3]!;
      if (this.buffered < 4 + length) break;
      const joined = this.join();
      messages.push({ type: joined[0]!, body: joined.subarray(4, 4 + length) });
      const rest = joined.subarray(4 + length);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
    }
    return messages;
  }

  /** Bytes of an incomplete message still waiting for the rest. */
  get pending(): number {
    return this.buffered;
  }

  /** The type and declared length of the message still waiting for the rest, once its header is here. */
  get waiting(): { readonly type: number; readonly length: number } | undefined {
    if (this.buffered < 4) return undefined;
    const header = this.peek(4);
    return { type: header[0]!, length: (header[1]! << 16) | (header[2]! << 8) | header[3]! };
  }

  private peek(count: number): Uint8Array {
    const first = this.chunks[0]!;
    if (first.length >= count) return first.subarray(0, count);
    return this.join().subarray(0, count);
  }

  private join(): Uint8Array {
    if (this.chunks.length === 1) return this.chunks[0]!;
    const joined = new Uint8Array(this.buffered);
    let offset = 0;
    for (const chunk of this.chunks) {
      joined.set(chunk, offset);
      offset += chunk.length;
    }
    this.chunks = [joined];
    return joined;
  }
}

/** Every handshake message in a run of plaintext records (used for what the client sent). */
export function plaintextHandshakeMessages(bytes: Uint8Array): HandshakeMessage[] {
  const reassembler = new HandshakeReassembler();
  const messages: HandshakeMessage[] = [];
  for (const record of splitRecords(bytes).records) {
    if (record.type === ContentType.changeCipherSpec) break;
    if (record.type === ContentType.handshake) messages.push(...reassembler.push(record.fragment));
  }
  return messages;
}
