// Reads what the server sent during the handshake from the recorded bytes: the version and suite it chose,
// the certificates exactly as they came over the wire, whether it asked for a client certificate, and any
// alert. TLS 1.2 sends the Certificate message in clear; TLS 1.3 encrypts it, so those records are
// decrypted with the handshake secret the client logged for this connection.
import { ALERT_CLOSE_NOTIFY } from './alerts';
import { TLS13, clientHelloRandom, parseCertificateMessage, parseCertificateRequest, parseServerHello } from './handshake-messages';
import type { ServerHello } from './handshake-messages';
import { Tls13RecordDecrypter, findLoggedSecret, tls13CipherSuite } from './tls13-decrypt';
import {
  ContentType,
  HandshakeReassembler,
  HandshakeType,
  TlsDecodeError,
  plaintextHandshakeMessages,
  splitRecords,
} from './record-reader';
import type { HandshakeMessage, TlsRecord } from './record-reader';

export interface ServerFlight {
  readonly serverHello?: ServerHello;
  /** DER certificates in wire order; undefined when no Certificate message was read. */
  readonly certificates?: Uint8Array[];
  readonly certificateRequested: boolean;
  /** The DER Names of the CAs whose client certificates the server accepts (empty: it names none). */
  readonly acceptedIssuers?: Uint8Array[];
  /** The first alert the server sent (encrypted TLS 1.2 alerts cannot be read here). */
  readonly alert?: { readonly level: number; readonly description: number };
  /** Why reading stopped early, when something was malformed or undecryptable. */
  readonly problem?: string;
  /** The handshake message that had not all arrived when the bytes ended: its type and declared length. */
  readonly unfinished?: { readonly type: number; readonly length: number };
}

class FlightReader {
  serverHello?: ServerHello;
  certificates?: Uint8Array[];
  certificateRequested = false;
  acceptedIssuers?: Uint8Array[];
  alert?: { level: number; description: number };
  done = false;
  private plaintextClosed = false;
  /** TLS 1.3: records after the server's Finished use application keys, which the probe does not need. */
  private handshakeKeysDone = false;
  private readonly plaintext = new HandshakeReassembler();
  private readonly encrypted = new HandshakeReassembler();
  private decrypter?: Tls13RecordDecrypter;

  constructor(
    private readonly outbound: Uint8Array,
    private readonly keylog: readonly string[],
  ) {}

  /** The message the bytes ended in the middle of (TLS 1.3: in the encrypted handshake once it began). */
  get unfinished(): { readonly type: number; readonly length: number } | undefined {
    return this.encrypted.waiting ?? this.plaintext.waiting;
  }

  private get tls13(): boolean {
    return this.serverHello?.version === TLS13;
  }

  read(record: TlsRecord): void {
    switch (record.type) {
      case ContentType.changeCipherSpec:
        // TLS 1.2: what follows is encrypted. TLS 1.3: a compatibility no-op.
        if (this.serverHello && !this.tls13) this.plaintextClosed = true;
        return;
      case ContentType.alert:
        if (!this.plaintextClosed) this.noteAlert(record.fragment);
        return;
      case ContentType.handshake:
        if (!this.plaintextClosed) this.handle(this.plaintext.push(record.fragment));
        return;
      case ContentType.applicationData:
        if (this.tls13 && !this.handshakeKeysDone) this.decrypt(record);
        return;
      default:
        return;
    }
  }

  private noteAlert(fragment: Uint8Array): void {
    if (this.alert || fragment.length < 2) return;
    this.alert = { level: fragment[0]!, description: fragment[1]! };
    // Nothing after a fatal alert is part of the handshake.
    if (this.alert.description !== ALERT_CLOSE_NOTIFY) this.done = true;
  }

  private decrypt(record: TlsRecord): void {
    if (!this.decrypter) {
      const suite = tls13CipherSuite(this.serverHello!.cipherSuite);
      if (!suite) throw new TlsDecodeError(`the server chose TLS 1.3 cipher suite 0x${this.serverHello!.cipherSuite.toString(16)}, which this probe cannot decrypt`);
      const hello = plaintextHandshakeMessages(this.outbound).find((m) => m.type === HandshakeType.clientHello);
      if (!hello) throw new TlsDecodeError('the ClientHello this client sent was not recorded');
      const secret = findLoggedSecret(this.keylog, 'SERVER_HANDSHAKE_TRAFFIC_SECRET', clientHelloRandom(hello.body));
      if (!secret) throw new TlsDecodeError('the TLS 1.3 handshake secret for this connection was not logged');
      this.decrypter = new Tls13RecordDecrypter(suite, secret);
    }
    const inner = this.decrypter.decrypt(record);
    if (inner.type === ContentType.alert) this.noteAlert(inner.content);
    else if (inner.type === ContentType.handshake) this.handle(this.encrypted.push(inner.content));
  }

  private handle(messages: HandshakeMessage[]): void {
    for (const message of messages) {
      switch (message.type) {
        case HandshakeType.serverHello: {
          const hello = parseServerHello(message.body);
          if (!hello.helloRetryRequest) this.serverHello = hello;
          break;
        }
        case HandshakeType.certificate:
          this.certificates ??= parseCertificateMessage(message.body, this.tls13);
          break;
        case HandshakeType.compressedCertificate:
          throw new TlsDecodeError('the server sent a compressed Certificate message, which this client did not offer');
        case HandshakeType.certificateRequest:
          this.certificateRequested = true;
          this.acceptedIssuers ??= parseCertificateRequest(message.body, this.tls13);
          break;
        case HandshakeType.finished:
          if (this.tls13) this.handshakeKeysDone = true;
          break;
        default:
          break;
      }
    }
  }
}

/**
 * Read the server's handshake flight from the bytes received (`inbound`), the bytes this client sent
 * (`outbound`, for its ClientHello random) and the client's key log lines.
 */
export function readServerFlight(inbound: Uint8Array, outbound: Uint8Array, keylog: readonly string[]): ServerFlight {
  const reader = new FlightReader(outbound, keylog);
  let problem: string | undefined;
  try {
    for (const record of splitRecords(inbound).records) {
      reader.read(record);
      if (reader.done) break;
    }
  } catch (error) {
    if (!(error instanceof TlsDecodeError)) throw error;
    problem = error.message;
  }
  return {
    ...(reader.serverHello ? { serverHello: reader.serverHello } : {}),
    ...(reader.certificates ? { certificates: reader.certificates } : {}),
    certificateRequested: reader.certificateRequested,
    ...(reader.acceptedIssuers ? { acceptedIssuers: reader.acceptedIssuers } : {}),
    ...(reader.alert ? { alert: reader.alert } : {}),
    ...(problem !== undefined ? { problem } : {}),
    ...(reader.unfinished ? { unfinished: reader.unfinished } : {}),
  };
}
