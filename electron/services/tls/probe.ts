// Connects to a TLS server and records exactly the certificates it sends, in wire order, under any TLS
// version Node speaks (TLS 1.3 included). The bytes are read off the wire (tls/wire-recorder.ts), not taken
// from getPeerCertificate(), which rebuilds the chain. One overall timeout covers DNS, connect and handshake.
// The ClientHello asks for an OCSP staple (status_request, as JSSE's client does by default): what the server
// staples for its certificate (TLS 1.2's CertificateStatus message, TLS 1.3's leaf certificate entry) is kept.
import { connect as tcpConnect, isIP } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { NetworkError, TrustLensError, UsageError } from '../../../shared/errors';
import { formatEndpoint, parseTarget, targetScheme } from './target';
import { openTunnel, proxyConnectError, proxyFor, type ProxySetting } from '../network/proxy-tunnel';
import { ruleAddresses, type ResolveRule } from '../network/resolve';
import type { ProbeTarget } from './target';
import { TLS13, TLS_VERSION_NAMES } from './handshake-messages';
import { clientCertificateRequiredMessage, connectError, formatDuration, handshakeError, isClientCertificateFailure } from './probe-errors';
import { readServerFlight } from './server-flight';
import type { ServerFlight } from './server-flight';
import { tls13CipherSuite } from './tls13-decrypt';
import { WireRecorder } from './wire-recorder';
import { PROTOCOL_NAMES, startTls as runStartTls } from './starttls';
import type { StartTlsProtocol } from '../../../shared/tls-schemes';

export type { ProbeTarget } from './target';
export { parseTarget, formatEndpoint } from './target';

export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

export interface ProbeOptions {
  /** SNI to send; default the target's host name (none for an IP address). */
  servername?: string;
  /** Overall limit for DNS, connect and handshake; default 10000. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Versions this client offers; default TLSv1 to TLSv1.3. */
  minVersion?: TlsVersion;
  maxVersion?: TlsVersion;
  /** The cipher suites to offer (OpenSSL names; TLS 1.3 suites by their IANA names); default every one its OpenSSL has. */
  ciphers?: string;
  /**
   * An HTTP proxy to tunnel through (`http://[user:password@]host:port`); null to connect directly even
   * when the environment names one; default the environment's (HTTPS_PROXY, ALL_PROXY, NO_PROXY).
   */
  proxy?: string | null;
  /** Run this protocol's upgrade (STARTTLS) first, for a bare host:port; a URL's scheme (smtp://) says it itself. */
  starttls?: StartTlsProtocol;
  /** Connect to this IP address instead of resolving the host (SNI and the name checked stay the host's). */
  address?: string;
  /** --resolve rules: where one names the host, its first address is connected to. */
  resolve?: readonly ResolveRule[];
}

export interface ProbeRecord {
  host: string;
  port: number;
  /** The server's IP address; its host name when reached through a proxy, which resolves it itself. */
  address: string;
  /** The HTTP proxy the connection went through, shown without credentials; absent when direct. */
  proxy?: string;
  /** The SNI sent ('' when none was sent, e.g. for an IP address). */
  servername: string;
  /** The plain-text upgrade run before the handshake (smtp, ldap, postgres, …); absent: TLS from the first byte. */
  starttls?: StartTlsProtocol;
  protocol: string;
  /** IANA cipher suite name, e.g. TLS_AES_128_GCM_SHA256 or TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256. */
  cipher: string;
  alpn: string | null;
  /** DER certificates exactly as sent: wire order, duplicates and extras kept. */
  sent: Uint8Array[];
  /** The server sent a CertificateRequest: it asks for (and may require) a client certificate. */
  clientCertificateRequested: boolean;
  /** The DER Names of the CAs whose client certificates the server accepts, as its CertificateRequest lists them. */
  acceptedIssuers?: Uint8Array[];
  /**
   * Set when the server aborted the handshake after sending its certificates (it required a client
   * certificate): `sent` is still what it sent, this says why the handshake did not finish.
   */
  handshakeFailure?: string;
  /**
   * Set when the server refused every suite of OpenSSL's DEFAULT list and the probe got through only by
   * offering ALL of them (CCM, ARIA, CAMELLIA…): a client with the usual defaults shares no suite with it.
   */
  offeredAllCiphers?: true;
  /**
   * The DER OCSP response the server stapled for its certificate (TLS 1.2: the CertificateStatus message;
   * TLS 1.3: the status_request extension of the leaf's certificate entry); absent when it stapled none.
   */
  ocspStaple?: Uint8Array;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
/** More than any real handshake flight; a server sending more is not going to finish one. */
const MAX_HANDSHAKE_BYTES = 1024 * 1024;
/** How long a polite close (close_notify, FIN) may take before the socket is simply destroyed. */
const CLOSE_GRACE_MS = 1000;
/** How long to wait for a TLS 1.3 server's verdict after it asked for a client certificate. */
const CLIENT_CERTIFICATE_VERDICT_MS = 1000;

/**
 * The ALPN protocols offered: a web client's for https:// and host:port; PostgreSQL's own name after an
 * SSLRequest (PostgreSQL 17 refuses any other name; libpq 17 sends it); none for the other protocols,
 * whose clients send none and whose servers may refuse names they do not speak.
 */
function alpnFor(target: ProbeTarget, scheme: string | undefined): string[] {
  if (target.starttls === 'postgres') return ['postgresql'];
  if (target.starttls || (scheme && scheme !== 'https' && scheme !== 'wss')) return [];
  return ['h2', 'http/1.1'];
}

class ProbeAttempt {
  private settled = false;
  private socket?: Socket;
  private recorder?: WireRecorder;
  private tlsSocket?: TLSSocket;
  private address?: string;
  /** True while the plain-text upgrade (STARTTLS) runs: its own errors say what failed. */
  private upgrading = false;
  /** Set while waiting for a TLS 1.3 server's verdict on the client certificate it asked for. */
  private verdictPending?: ProbeRecord;
  private readonly keylog: string[] = [];
  private tlsError?: unknown;
  private socketError?: unknown;
  private ocspStaple?: Uint8Array;
  private readonly timer: NodeJS.Timeout;
  private readonly onAbort = () => this.fail(new TrustLensError('CANCELLED', `probe of ${this.endpoint} was cancelled`));

  constructor(
    private readonly target: ProbeTarget,
    private readonly endpoint: string,
    private readonly servername: string,
    private readonly options: ProbeOptions,
    private readonly timeoutMs: number,
    private readonly proxy: ProxySetting | undefined,
    private readonly resolve: (record: ProbeRecord) => void,
    private readonly reject: (error: Error) => void,
    private readonly alpn: string[],
    /** The host name, or the address given for it (--resolve, --all-addresses). */
    private readonly connectHost: string,
  ) {
    this.timer = setTimeout(() => {
      // Out of time while waiting only for a client-certificate verdict: the chain is already recorded.
      if (this.verdictPending) this.succeed(this.verdictPending);
      else this.fail(this.timeoutError());
    }, timeoutMs);
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
    const socket = proxy ? tcpConnect({ host: proxy.host, port: proxy.port }) : tcpConnect({ host: this.connectHost, port: target.port });
    this.socket = socket;
    socket.once('connect', () => (proxy ? this.tunnel(socket, proxy) : this.upgrade(socket)));
    socket.on('error', (error) => {
      this.socketError = error;
      if (this.recorder || this.upgrading) return;
      this.fail(proxy ? proxyConnectError(error, proxy, endpoint) : connectError(error, target.host, endpoint));
    });
  }

  private tunnel(socket: Socket, proxy: ProxySetting): void {
    openTunnel(socket, { ...this.target, host: this.connectHost }, proxy, this.endpoint).then(
      () => this.upgrade(socket),
      (error: Error) => this.fail(error),
    );
  }

  /**
   * The protocol's plain-text exchange (STARTTLS, SSLRequest, …) on the connected socket or tunnel, before
   * the wire recorder is attached: the recorder then holds exactly the TLS bytes the server sent.
   */
  private upgrade(socket: Socket): void {
    const protocol = this.target.starttls;
    if (this.settled) return;
    if (!protocol) return this.startTls(socket);
    this.upgrading = true;
    runStartTls(socket, protocol, { endpoint: this.endpoint, serverName: this.servername || this.target.host }).then(
      () => {
        this.upgrading = false;
        this.startTls(socket);
      },
      (error: Error) => this.fail(error),
    );
  }

  private timeoutError(): NetworkError {
    const base = `no answer from ${this.endpoint} within ${formatDuration(this.timeoutMs)}`;
    if (this.upgrading && this.target.starttls) {
      const name = PROTOCOL_NAMES[this.target.starttls];
      return new NetworkError(`${base} (the ${name} exchange before TLS did not finish: does that port speak ${name}?)`);
    }
    if (!this.recorder) {
      if (this.proxy) return new NetworkError(`${base} (no tunnel through the proxy ${this.proxy.display}: check the proxy, or connect without it)`);
      return new NetworkError(`${base} (no connection: check the host, port and firewall)`);
    }
    if (this.recorder.receivedLength === 0) {
      // Through a proxy, "accepted" was the proxy's 2xx: the silence may be the proxy's as much as the server's.
      if (this.proxy) {
        return new NetworkError(
          `${base}: the proxy ${this.proxy.display} opened a tunnel (it answered CONNECT with 2xx) but nothing came back through it; check the proxy (it may hold or drop tunnelled traffic), or whether ${this.endpoint} speaks TLS`,
        );
      }
      return new NetworkError(`${base} (it accepted the connection but sent nothing back: is it a TLS port?)`);
    }
    return new NetworkError(`${base} (the TLS handshake did not finish${this.proxy ? `, through the proxy ${this.proxy.display}` : ''})`);
  }

  private startTls(socket: Socket): void {
    if (this.settled) return;
    // Through a proxy the socket's peer is the proxy; the server's address is known only to the proxy.
    this.address = this.proxy ? this.connectHost : socket.remoteAddress;
    const recorder = new WireRecorder(socket, MAX_HANDSHAKE_BYTES, () =>
      this.fail(new NetworkError(`${this.endpoint} sent more than ${MAX_HANDSHAKE_BYTES / 1024 / 1024} MiB without finishing the TLS handshake`)),
    );
    this.recorder = recorder;
    const tlsSocket = tlsConnect({
      socket: recorder,
      ...(this.servername ? { servername: this.servername } : {}),
      rejectUnauthorized: false, // the probe records what is sent; trust is decided later, by the diagnosis
      checkServerIdentity: () => undefined,
      ...(this.alpn.length ? { ALPNProtocols: this.alpn } : {}),
      minVersion: this.options.minVersion ?? 'TLSv1',
      maxVersion: this.options.maxVersion ?? 'TLSv1.3',
      // Talk to old servers too: the point is to see their certificates, and nothing secret is sent.
      ciphers: this.options.ciphers ?? 'DEFAULT:@SECLEVEL=0',
      minDHSize: 1,
      // status_request in the ClientHello: servers that staple send their OCSP response, the others ignore it.
      // (tls.connect hands it to its TLSSocket; @types/node lists it only among TLSSocket's options.)
      ...({ requestOCSP: true } as object),
    });
    this.tlsSocket = tlsSocket;
    tlsSocket.on('OCSPResponse', (response: Buffer | null | undefined) => {
      if (response && response.length > 0) this.ocspStaple = new Uint8Array(response);
    });
    tlsSocket.on('keylog', (line: Buffer) => this.keylog.push(line.toString('latin1')));
    tlsSocket.once('secureConnect', () => this.finish(true));
    tlsSocket.on('error', (error) => {
      this.tlsError ??= error;
      this.finish(false);
    });
    tlsSocket.on('close', () => this.finish(false));
  }

  private finish(handshakeDone: boolean): void {
    if (this.settled || !this.recorder || !this.tlsSocket) return;
    if (handshakeDone && this.verdictPending) return;
    const received = this.recorder.received();
    const flight = readServerFlight(received, this.recorder.sent(), this.keylog);
    if (handshakeDone) {
      if (!flight.certificates) {
        const why = flight.problem ?? 'no Certificate message was seen';
        this.fail(new NetworkError(`could not read the certificates ${this.endpoint} sent: ${why}`));
        return;
      }
      const record = this.record(flight, flight.certificates);
      if (flight.certificateRequested && flight.serverHello?.version === TLS13) this.awaitClientCertificateVerdict(record);
      else this.succeed(record);
      return;
    }
    const input = { endpoint: this.endpoint, received, flight, tlsError: this.tlsError, socketError: this.socketError };
    if (this.verdictPending) {
      // The TLS 1.3 server has had our (empty) client certificate; an alert now means it required one.
      const record = this.verdictPending;
      this.succeed(isClientCertificateFailure(input) ? { ...record, handshakeFailure: clientCertificateRequiredMessage(this.endpoint) } : record);
      return;
    }
    if (flight.certificates && isClientCertificateFailure(input)) {
      this.succeed({ ...this.record(flight, flight.certificates), handshakeFailure: clientCertificateRequiredMessage(this.endpoint) });
      return;
    }
    this.fail(handshakeError(input));
  }

  /**
   * In TLS 1.3 the client finishes its handshake before the server has judged its (empty) certificate, so
   * a server that requires one aborts only afterwards. Wait briefly for that verdict: an alert or close
   * means it was required; a session ticket or silence means it was optional.
   */
  private awaitClientCertificateVerdict(record: ProbeRecord): void {
    this.verdictPending = record;
    const tlsSocket = this.tlsSocket!;
    const settle = () => {
      if (!this.settled) this.succeed(record);
    };
    const wait = setTimeout(settle, CLIENT_CERTIFICATE_VERDICT_MS);
    tlsSocket.once('session', () => {
      clearTimeout(wait);
      settle();
    });
    tlsSocket.once('close', () => clearTimeout(wait));
  }

  private record(flight: ServerFlight, sent: Uint8Array[]): ProbeRecord {
    const tlsSocket = this.tlsSocket!;
    const hello = flight.serverHello;
    const suite = hello ? (tls13CipherSuite(hello.cipherSuite)?.name ?? `0x${hello.cipherSuite.toString(16).padStart(4, '0')}`) : '';
    const version = hello ? (TLS_VERSION_NAMES[hello.version] ?? `0x${hello.version.toString(16)}`) : '';
    return {
      host: this.target.host,
      port: this.target.port,
      address: this.address ?? this.target.host,
      servername: this.servername,
      ...(this.target.starttls ? { starttls: this.target.starttls } : {}),
      protocol: tlsSocket.getProtocol() ?? version,
      cipher: tlsSocket.getCipher()?.standardName ?? suite,
      alpn: tlsSocket.alpnProtocol || null,
      sent,
      clientCertificateRequested: flight.certificateRequested,
      ...(flight.acceptedIssuers ? { acceptedIssuers: flight.acceptedIssuers } : {}),
      ...(this.proxy ? { proxy: this.proxy.display } : {}),
      ...(this.ocspStaple ? { ocspStaple: this.ocspStaple } : {}),
    };
  }

  private cleanup(): void {
    this.settled = true;
    clearTimeout(this.timer);
    this.options.signal?.removeEventListener('abort', this.onAbort);
  }

  private succeed(record: ProbeRecord): void {
    if (this.settled) return;
    this.cleanup();
    // Close politely (close_notify, then FIN), but never wait long for the server's side of it.
    const tlsSocket = this.tlsSocket!;
    const grace = setTimeout(() => tlsSocket.destroy(), CLOSE_GRACE_MS);
    grace.unref();
    tlsSocket.once('close', () => clearTimeout(grace));
    tlsSocket.end();
    this.resolve(record);
  }

  private fail(error: Error): void {
    if (this.settled) return;
    this.cleanup();
    this.tlsSocket?.destroy();
    this.socket?.destroy();
    this.reject(error);
  }
}

/** Probe a TLS server (`https://host[:port]`, `host:port`, `host`, `[v6]:port`) and record what it sends. */
export async function probeTls(target: string, options: ProbeOptions = {}): Promise<ProbeRecord> {
  const parsed = parseTarget(target, options.starttls);
  const connectHost = options.address ?? ruleAddresses(options.resolve, parsed.host, parsed.port)?.[0] ?? parsed.host;
  // Messages name the address too when it is not the one the name resolves to by itself.
  const endpoint = connectHost === parsed.host ? formatEndpoint(parsed) : `${formatEndpoint(parsed)} at ${connectHost}`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new UsageError(`the timeout must be a positive number of milliseconds, not ${timeoutMs}`);
  }
  if (options.signal?.aborted) throw new TrustLensError('CANCELLED', `probe of ${endpoint} was cancelled`);
  const servername = options.servername ?? (isIP(parsed.host) ? '' : parsed.host);
  const proxy = proxyFor(parsed, options.proxy);
  const started = Date.now();
  const attempt = (attemptOptions: ProbeOptions, ms: number) =>
    new Promise<ProbeRecord>((resolve, reject) => {
      new ProbeAttempt(parsed, endpoint, servername, attemptOptions, ms, proxy, resolve, reject, alpnFor(parsed, targetScheme(target)), connectHost);
    });
  try {
    return await attempt(options, timeoutMs);
  } catch (error) {
    // No suite of the DEFAULT list in common: try once more offering every suite this OpenSSL has, to see the chain.
    const remaining = timeoutMs - (Date.now() - started);
    if (options.ciphers !== undefined || remaining <= 0 || !(error instanceof NetworkError) || !/alert handshake_failure/.test(error.message)) throw error;
    let record: ProbeRecord;
    try {
      record = await attempt({ ...options, ciphers: 'ALL:@SECLEVEL=0' }, remaining);
    } catch {
      throw error;
    }
    return { ...record, offeredAllCiphers: true };
  }
}
