// A pass-through stream between node:tls and the TCP socket that copies every byte in both directions,
// so the probe can read the server's handshake exactly as it came over the wire (Node's
// getPeerCertificate(true) rebuilds the chain instead: it reorders, drops duplicates and adds certificates).
import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';

export class WireRecorder extends Duplex {
  private readonly inbound: Buffer[] = [];
  private readonly outbound: Buffer[] = [];
  private inboundLength = 0;
  private stopped = false;

  /**
   * `limit` caps how much inbound data is kept; `onOverflow` is called once when the server sends more
   * (the probe then gives up instead of buffering whatever a hostile server sends).
   */
  constructor(
    private readonly socket: Socket,
    private readonly limit: number,
    private readonly onOverflow: () => void,
  ) {
    super();
    socket.on('data', (chunk: Buffer) => {
      if (!this.stopped) {
        this.inboundLength += chunk.length;
        if (this.inboundLength > this.limit) {
          this.stopped = true;
          this.onOverflow();
          return;
        }
        this.inbound.push(chunk);
      }
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => this.push(null));
    socket.on('close', () => this.destroy());
  }

  /** Everything received so far, joined. */
  received(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.inbound));
  }

  /** Everything sent so far, joined. */
  sent(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.outbound));
  }

  get receivedLength(): number {
    return this.inboundLength;
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.outbound.push(Buffer.from(chunk));
    this.socket.write(chunk, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end(callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }
}
