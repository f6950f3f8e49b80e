// Decrypts the server's TLS 1.3 handshake records so the probe can read its Certificate message, which
// TLS 1.3 encrypts. The secret comes from the client's own key log (SERVER_HANDSHAKE_TRAFFIC_SECRET,
// NSS key log format); key and IV follow RFC 8446 §7.1-7.3 and records §5.2. HMAC and the AEAD
// ciphers are node:crypto's; only the HKDF-Expand-Label framing is written here.
import { createDecipheriv, createHmac } from 'node:crypto';
import type { CipherGCMTypes } from 'node:crypto';
import { ContentType, TlsDecodeError } from './record-reader';
import type { TlsRecord } from './record-reader';

type Aead = CipherGCMTypes | 'chacha20-poly1305';

export interface Tls13CipherSuite {
  readonly name: string;
  readonly aead: Aead;
  readonly keyLength: number;
  readonly hash: 'sha256' | 'sha384';
}

/** The TLS 1.3 suites OpenSSL (and so Node) offers by default, by IANA code point. */
const SUITES: ReadonlyMap<number, Tls13CipherSuite> = new Map([
  [0x1301, { name: 'TLS_AES_128_GCM_SHA256', aead: 'aes-128-gcm', keyLength: 16, hash: 'sha256' }],
  [0x1302, { name: 'TLS_AES_256_GCM_SHA384', aead: 'aes-256-gcm', keyLength: 32, hash: 'sha384' }],
  [0x1303, { name: 'TLS_CHACHA20_POLY1305_SHA256', aead: 'chacha20-poly1305', keyLength: 32, hash: 'sha256' }],
]);

export function tls13CipherSuite(codePoint: number): Tls13CipherSuite | undefined {
  return SUITES.get(codePoint);
}

const TAG_LENGTH = 16;
const IV_LENGTH = 12;

/** RFC 5869 HKDF-Expand over node's HMAC: T(i) = HMAC(PRK, T(i-1) | info | i). */
export function hkdfExpand(hash: string, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let previous = new Uint8Array(0);
  for (let filled = 0, counter = 1; filled < length; counter++) {
    previous = new Uint8Array(createHmac(hash, prk).update(previous).update(info).update(Uint8Array.of(counter)).digest());
    out.set(previous.subarray(0, length - filled), filled);
    filled += previous.length;
  }
  return out;
}

/** RFC 8446 §7.1: HkdfLabel = uint16 length, opaque label<7..255> = "tls13 " + label, opaque context<0..255>. */
export function hkdfExpandLabel(hash: string, secret: Uint8Array, label: string, context: Uint8Array, length: number): Uint8Array {
  const fullLabel = new TextEncoder().encode(`tls13 ${label}`);
  const info = new Uint8Array(2 + 1 + fullLabel.length + 1 + context.length);
  info[0] = length >> 8;
  info[1] = length & 0xff;
  info[2] = fullLabel.length;
  info.set(fullLabel, 3);
  info[3 + fullLabel.length] = context.length;
  info.set(context, 4 + fullLabel.length);
  return hkdfExpand(hash, secret, info, length);
}

function fromHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The secret logged under `label` for the connection whose ClientHello carried `clientRandom`. */
export function findLoggedSecret(keylog: readonly string[], label: string, clientRandom: Uint8Array): Uint8Array | undefined {
  for (const line of keylog) {
    const [name, random, secret] = line.trim().split(' ');
    if (name !== label || random === undefined || secret === undefined) continue;
    const loggedRandom = fromHex(random);
    if (!loggedRandom || loggedRandom.length !== clientRandom.length || !loggedRandom.every((b, i) => b === clientRandom[i])) continue;
    return fromHex(secret);
  }
  return undefined;
}

export interface InnerPlaintext {
  readonly type: number;
  readonly content: Uint8Array;
}

/** Decrypts one direction's records under one traffic secret, counting sequence numbers from zero. */
export class Tls13RecordDecrypter {
  private readonly key: Uint8Array;
  private readonly iv: Uint8Array;
  private sequence = 0;

  constructor(
    private readonly suite: Tls13CipherSuite,
    trafficSecret: Uint8Array,
  ) {
    this.key = hkdfExpandLabel(suite.hash, trafficSecret, 'key', new Uint8Array(0), suite.keyLength);
    this.iv = hkdfExpandLabel(suite.hash, trafficSecret, 'iv', new Uint8Array(0), IV_LENGTH);
  }

  decrypt(record: TlsRecord): InnerPlaintext {
    if (record.type !== ContentType.applicationData) throw new TlsDecodeError(`record type ${record.type} is not an encrypted TLS 1.3 record`);
    if (record.fragment.length < TAG_LENGTH + 1) throw new TlsDecodeError('an encrypted record is shorter than its authentication tag');
    const nonce = Uint8Array.from(this.iv);
    let sequence = this.sequence++;
    for (let i = IV_LENGTH - 1; i >= IV_LENGTH - 8 && sequence > 0; i--) {
      nonce[i]! ^= sequence & 0xff;
      sequence = Math.floor(sequence / 256);
    }
    const ciphertext = record.fragment.subarray(0, record.fragment.length - TAG_LENGTH);
    const tag = record.fragment.subarray(record.fragment.length - TAG_LENGTH);
    let plaintext: Uint8Array;
    try {
      // The cast picks node's AEAD overload; chacha20-poly1305 takes the same options and calls.
      const decipher = createDecipheriv(this.suite.aead as CipherGCMTypes, this.key, nonce, { authTagLength: TAG_LENGTH });
      decipher.setAAD(record.header);
      decipher.setAuthTag(tag);
      plaintext = new Uint8Array(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
    } catch {
      throw new TlsDecodeError(`encrypted record ${this.sequence} did not decrypt with the server's handshake key`);
    }
    // TLSInnerPlaintext: content | ContentType type | zero padding.
    let end = plaintext.length - 1;
    while (end >= 0 && plaintext[end] === 0) end--;
    if (end < 0) throw new TlsDecodeError('a decrypted record has no content type');
    return { type: plaintext[end]!, content: plaintext.subarray(0, end) };
  }
}
