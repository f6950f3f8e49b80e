// The plain-text part of a connection before TLS starts: what a STARTTLS exchange reads and writes on the
// TCP socket (or the proxy's tunnel). Reads wait for a complete reply; when the exchange is over the
// socket is handed back paused, with nothing read beyond the server's last plain-text reply, so the
// wire recorder that takes over sees every TLS byte the server sends.
import type { Socket } from 'node:net';
import { NetworkError } from '../../../../shared/errors';

/** More than any greeting or capability list; a server sending more is not going to upgrade. */
const MAX_REPLY_BYTES = 64 * 1024;

/** A server's words as they are quoted in an error: one line, printable, not too long. */
export function quote(text: string): string {
  const line = text.replace(/\r?\n/g, ' | ').replace(/[^\x20-\x7e]/g, '?').trim();
  return `"${line.length > 200 ? `${line.slice(0, 200)}…` : line}"`;
}

export interface ConversationContext {
  /** host:port, as messages name it. */
  readonly endpoint: string;
  /** The name the server is asked for (SNI, else the host): XMPP's stream `to`. */
  readonly serverName: string;
  /** The protocol as people call it ("SMTP"), for messages. */
  readonly protocol: string;
}

export class PlainConversation {
  private buffer = Buffer.alloc(0);
  private waiting?: { complete: (buffer: Buffer) => number | undefined; resolve: (reply: Buffer) => void; reject: (error: Error) => void };
  private ended?: Error;
  private readonly onData = (chunk: Buffer) => {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (this.buffer.length > MAX_REPLY_BYTES) this.end(new NetworkError(`${this.context.endpoint} sent more than ${MAX_REPLY_BYTES / 1024} KB without a complete ${this.context.protocol} reply: is it a ${this.context.protocol} port?`));
    else this.check();
  };
  private readonly onEnd = () => this.end(this.closedError());
  private readonly onError = (error: NodeJS.ErrnoException) =>
    this.end(new NetworkError(`${this.context.endpoint} ${error.code === 'ECONNRESET' || error.code === 'EPIPE' ? 'reset the connection' : `failed (${error.message})`} during the ${this.context.protocol} exchange before TLS${this.lastWords()}`));
  /** The server's latest complete reply, as text: quoted when the connection ends without the next one. */
  private last = '';

  constructor(
    private readonly socket: Socket,
    readonly context: ConversationContext,
  ) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('error', this.onError);
    socket.resume();
  }

  write(data: string | Uint8Array): void {
    this.socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }

  /** Wait until `complete` says how many bytes make a whole reply; returns those bytes and keeps the rest. */
  read(complete: (buffer: Buffer) => number | undefined): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      if (this.ended) return reject(this.ended);
      this.waiting = { complete, resolve, reject };
      this.check();
    });
  }

  /** Lines up to the one `last(line)` accepts (CRLF or LF), as text without line ends. */
  async readLines(last: (line: string, index: number) => boolean): Promise<string[]> {
    const reply = await this.read((buffer) => {
      let start = 0;
      for (let index = 0; ; index++) {
        const end = buffer.indexOf(0x0a, start);
        if (end === -1) return undefined;
        if (last(buffer.toString('latin1', start, end).replace(/\r$/, ''), index)) return end + 1;
        start = end + 1;
      }
    });
    return reply.toString('latin1').replace(/\r?\n$/, '').split(/\r?\n/);
  }

  /** Stop reading: the socket goes back paused, with whatever came after the last reply put back on it. */
  finish(): void {
    this.detach();
    this.socket.pause();
    if (this.buffer.length > 0) this.socket.unshift(this.buffer);
    this.buffer = Buffer.alloc(0);
  }

  /** A reply that refuses the upgrade: an error that quotes it. */
  refused(what: string): NetworkError {
    return new NetworkError(`${this.context.endpoint}: ${what}`);
  }

  private check(): void {
    if (!this.waiting) return;
    let length: number | undefined;
    try {
      length = this.waiting.complete(this.buffer);
    } catch (error) {
      this.end(error as Error);
      return;
    }
    if (length === undefined) return;
    const reply = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    this.last = reply.toString('latin1');
    const { resolve } = this.waiting;
    this.waiting = undefined;
    resolve(Buffer.from(reply));
  }

  private closedError(): NetworkError {
    const partial = this.buffer.length > 0 ? `; it had sent ${quote(this.buffer.toString('latin1'))}` : this.lastWords();
    return new NetworkError(`${this.context.endpoint} closed the connection during the ${this.context.protocol} exchange before TLS${partial}`);
  }

  private lastWords(): string {
    return this.last ? `; it last said ${quote(this.last)}` : '';
  }

  private end(error: Error): void {
    if (this.ended) return;
    this.ended = error;
    this.detach();
    this.waiting?.reject(error);
    this.waiting = undefined;
  }

  private detach(): void {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('error', this.onError);
  }
}
