// Real servers on loopback for the probe and diagnose tests: TLS servers (node:tls or `openssl s_server`)
// that send exactly the chain given, plus a plain HTTP server, a silent one, a raw-bytes one and a refused
// port, and an HTTP CONNECT proxy. Every server listens on a free port and is stopped by its close(). `opensslShowcerts` asks
// `openssl s_client -showcerts` what a server sent, so tests compare against a real peer.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { connect as tcpConnect, createServer as createTcpServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer as createTlsServer } from 'node:tls';
import { afterEach } from 'vitest';

/** test/fixtures/chains: certificates NAME.pem and keys NAME.key made by its make.sh. */
export const CHAINS_DIR = fileURLToPath(new URL('../fixtures/chains/', import.meta.url));

/** Path of a fixture: `chainFile('int')` -> …/int.pem; `chainFile('int.key')` -> …/int.key. */
export function chainFile(name: string): string {
  return join(CHAINS_DIR, /\.(pem|key)$/.test(name) ? name : `${name}.pem`);
}

export function chainPem(name: string): string {
  return readFileSync(chainFile(name), 'utf8');
}

/** DER of a fixture certificate. */
export function chainDer(name: string): Uint8Array {
  return pemCertificates(chainPem(name))[0]!;
}

/** Every CERTIFICATE block of a PEM text, as DER, in order. */
export function pemCertificates(text: string): Uint8Array[] {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => new Uint8Array(Buffer.from(block.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64')));
}

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  /** host:port (IPv6 in brackets), ready to give to probeTls or diagnose. */
  readonly target: string;
  close(): Promise<void>;
}

export type TlsVersionName = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

/** openssl s_server / s_client flags that pin one version. */
const OPENSSL_VERSION_FLAG: Readonly<Record<TlsVersionName, string>> = {
  TLSv1: '-tls1',
  'TLSv1.1': '-tls1_1',
  'TLSv1.2': '-tls1_2',
  'TLSv1.3': '-tls1_3',
};

/** Below TLS 1.2 OpenSSL 3 needs security level 0 before it will negotiate at all. */
const isLegacy = (version: TlsVersionName | undefined) => version === 'TLSv1' || version === 'TLSv1.1';

export interface TlsServerOptions {
  /** Fixture names of the certificates to send, leaf first, exactly in this order (duplicates kept). */
  readonly chain: readonly string[];
  /** Fixture name of the leaf's key; default the first chain entry. */
  readonly key?: string;
  readonly minVersion?: TlsVersionName;
  readonly maxVersion?: TlsVersionName;
  /** TLS 1.3 suites, e.g. 'TLS_CHACHA20_POLY1305_SHA256'. */
  readonly ciphersuites?: string;
  /** TLS 1.2 cipher list, e.g. 'ECDHE-RSA-AES256-GCM-SHA384'. */
  readonly ciphers?: string;
  /** Key exchange groups, e.g. 'P-384' (one the client does not send a key share for forces a HelloRetryRequest). */
  readonly groups?: string;
  /** Ask for a client certificate issued under the 'root' fixture, and abort without one. */
  readonly requireClientCertificate?: boolean;
  /** Ask for a client certificate but carry on without one. */
  readonly requestClientCertificate?: boolean;
  /** Address to listen on; default 127.0.0.1 ('::1' for IPv6 tests). */
  readonly host?: string;
  /** Port to listen on (another address's, for two servers behind one name); default a free one. */
  readonly port?: number;
  /** openssl s_server only: staple this DER OCSP response (-status_file) to clients that send status_request. */
  readonly statusFile?: string;
}

function endpoint(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

async function listen(server: Server, host: string, wanted = 0): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(wanted, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return { port, close };
}

function running(host: string, port: number, close: () => Promise<void>): RunningServer {
  return { host, port, target: endpoint(host, port), close };
}

export interface NodeTlsServer extends RunningServer {
  /** The SNI of each completed handshake, in order (false when the client sent none). */
  readonly servernames: readonly (string | false)[];
}

/** A node:tls server sending `chain` as given (Node adds the extra certificates with SSL_CTX_add1_chain_cert, in order). */
export async function startNodeTlsServer(options: TlsServerOptions): Promise<NodeTlsServer> {
  const host = options.host ?? '127.0.0.1';
  const legacyCiphers = isLegacy(options.minVersion) && !options.ciphers ? 'DEFAULT:@SECLEVEL=0' : undefined;
  const cipherList = [options.ciphersuites, options.ciphers ?? legacyCiphers].filter(Boolean).join(':');
  const server = createTlsServer({
    key: readFileSync(chainFile(`${options.key ?? options.chain[0]}.key`)),
    cert: options.chain.map(chainPem).join(''),
    minVersion: options.minVersion ?? 'TLSv1.2',
    maxVersion: options.maxVersion ?? 'TLSv1.3',
    ...(cipherList ? { ciphers: cipherList } : {}),
    ...(options.groups ? { ecdhCurve: options.groups } : {}),
    ...(options.requireClientCertificate || options.requestClientCertificate
      ? { requestCert: true, rejectUnauthorized: options.requireClientCertificate === true, ca: chainPem('root') }
      : {}),
    ALPNProtocols: ['http/1.1'],
  });
  server.on('tlsClientError', () => undefined);
  const servernames: (string | false)[] = [];
  server.on('secureConnection', (socket) => {
    servernames.push(socket.servername ?? false);
    socket.on('error', () => undefined);
    socket.end();
  });
  const { port, close } = await listen(server, host, options.port);
  return { ...running(host, port, close), servernames };
}

function waitForAccept(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ACCEPT .*:(\d+)\s/.exec(output);
      if (match) {
        child.stdout!.off('data', onData);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`openssl s_server exited ${code} before listening: ${output}`)));
    child.once('error', reject);
  });
}

/**
 * `openssl s_server` sending `-cert` and then `-cert_chain` exactly as listed (no -build_chain). Its stdin
 * stays an open pipe: s_server resets connections once its stdin is at end of file.
 */
export async function startOpensslServer(options: TlsServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const [leaf, ...rest] = options.chain;
  const args = ['s_server', '-accept', endpoint(host, 0), '-cert', chainFile(leaf!), '-key', chainFile(`${options.key ?? leaf}.key`)];
  let chainDir: string | undefined;
  if (rest.length > 0) {
    chainDir = mkdtempSync(join(tmpdir(), 'trustlens-chain-'));
    const file = join(chainDir, 'chain.pem');
    writeFileSync(file, rest.map(chainPem).join(''));
    args.push('-cert_chain', file);
  }
  const min = options.minVersion ?? 'TLSv1.2';
  const max = options.maxVersion ?? 'TLSv1.3';
  if (min === max) args.push(OPENSSL_VERSION_FLAG[min]);
  else if (!isLegacy(min)) args.push('-no_tls1', '-no_tls1_1');
  if (isLegacy(min) && !options.ciphers) args.push('-cipher', 'DEFAULT:@SECLEVEL=0');
  if (options.ciphersuites) args.push('-ciphersuites', options.ciphersuites);
  if (options.ciphers) args.push('-cipher', options.ciphers);
  if (options.groups) args.push('-groups', options.groups);
  if (options.statusFile) args.push('-status_file', options.statusFile);
  if (options.requireClientCertificate) args.push('-Verify', '1', '-CAfile', chainFile('root'));
  else if (options.requestClientCertificate) args.push('-verify', '1', '-CAfile', chainFile('root'));
  const child = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => undefined);
  const port = await waitForAccept(child);
  const close = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        if (chainDir) rmSync(chainDir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', done);
      child.kill();
    });
  return running(host, port, close);
}

/** An HTTP/1.1 server without TLS (it answers a ClientHello with 400 Bad Request). */
export async function startPlainHttpServer(host = '127.0.0.1'): Promise<RunningServer> {
  const server = createHttpServer((_request, response) => response.end('hello'));
  const { port, close } = await listen(server, host);
  return running(host, port, close);
}

/** Accepts connections and never sends a byte. */
export async function startSilentServer(host = '127.0.0.1'): Promise<RunningServer> {
  const server = createTcpServer((socket) => socket.on('error', () => undefined));
  const { port, close } = await listen(server, host);
  return running(host, port, close);
}

/** Answers every connection's first bytes with `respond(socket, firstBytes)`: for hostile or odd servers. */
export async function startRawServer(respond: (socket: Socket, received: Buffer) => void, host = '127.0.0.1'): Promise<RunningServer> {
  const server = createTcpServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (data: Buffer) => respond(socket, data));
  });
  const { port, close } = await listen(server, host);
  return running(host, port, close);
}

/** A loopback port with nothing listening on it (connections are refused). */
export async function refusedPort(host = '127.0.0.1'): Promise<RunningServer> {
  const server = createTcpServer();
  const { port, close } = await listen(server, host);
  await close();
  return running(host, port, async () => undefined);
}

export interface ConnectProxy extends RunningServer {
  /** The authority of every CONNECT request it got, in order ("127.0.0.1:8443"). */
  readonly requests: readonly string[];
  /** The Proxy-Authorization header of each, or null. */
  readonly authorizations: readonly (string | null)[];
  /** The absolute URL of every plain HTTP request it forwarded ("GET http://host/path"). */
  readonly forwarded: readonly string[];
}

/**
 * An HTTP proxy that tunnels CONNECT requests to where they ask, and forwards plain http:// requests
 * made to it by absolute URL, as a corporate proxy does. `answer`
 * may refuse one instead (a status line such as "403 Forbidden"); `credentials` ("user:password")
 * makes it require Basic authentication (407 without it).
 */
export async function startConnectProxy(options: { credentials?: string; answer?: (authority: string) => string | null } = {}): Promise<ConnectProxy> {
  const requests: string[] = [];
  const authorizations: (string | null)[] = [];
  const forwarded: string[] = [];
  const server = createHttpServer((request, response) => {
    const url = request.url ?? '';
    if (!url.startsWith('http://')) return response.writeHead(400).end('absolute http:// URLs only');
    forwarded.push(url);
    const upstream = httpRequest(url, { method: request.method, headers: { ...request.headers, connection: 'close' } }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  server.on('connect', (request, client: Socket, head: Buffer) => {
    client.on('error', () => undefined);
    const authority = request.url ?? '';
    requests.push(authority);
    const given = request.headers['proxy-authorization'] ?? null;
    authorizations.push(given);
    const refuse = (status: string) => client.end(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\n\r\n`);
    if (options.credentials && given !== `Basic ${Buffer.from(options.credentials).toString('base64')}`) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const refusal = options.answer?.(authority);
    if (refusal) return refuse(refusal);
    const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(authority);
    if (!match) return refuse('400 Bad Request');
    const upstream = tcpConnect({ host: match[1]!, port: Number(match[2]) });
    upstream.on('error', () => refuse('502 Bad Gateway'));
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    client.on('close', () => upstream.destroy());
  });
  const host = '127.0.0.1';
  const { port, close } = await listen(server, host);
  return { ...running(host, port, close), requests, authorizations, forwarded };
}

export interface ShowcertsResult {
  /** DER certificates as s_client printed them under "Certificate chain": the order the server sent them. */
  readonly certificates: Uint8Array[];
  /**
   * From s_client's session block ("Protocol  : TLSv1.2"), else its "New, TLSv1.3, Cipher is …" line, which
   * names the cipher's version and so is exact only for TLS 1.3 (whose session block may not be printed).
   */
  readonly protocol: string;
  readonly cipher: string;
}

/** What `openssl s_client -showcerts` reports for a server. Asynchronous, so an in-process server can answer. */
export async function opensslShowcerts(
  server: Pick<RunningServer, 'host' | 'port'>,
  options: { servername?: string; version?: TlsVersionName; proxy?: string; starttls?: string } = {},
): Promise<ShowcertsResult> {
  const args = ['s_client', '-connect', endpoint(server.host, server.port), '-showcerts', '-servername', options.servername ?? 'localhost'];
  if (options.proxy) args.push('-proxy', options.proxy);
  if (options.starttls) args.push('-starttls', options.starttls);
  if (options.version) args.push(OPENSSL_VERSION_FLAG[options.version]);
  if (isLegacy(options.version)) args.push('-cipher', 'DEFAULT:@SECLEVEL=0');
  const child = spawn('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', () => resolve());
  });
  const section = stdout.split('\nCertificate chain\n')[1]?.split('\n---\n')[0] ?? '';
  const certificates = pemCertificates(section);
  const line = /^New, (\S+), Cipher is (\S+)$/m.exec(stdout);
  const protocol = /^\s*Protocol\s*: (\S+)$/m.exec(stdout)?.[1] ?? line?.[1];
  const cipher = line?.[2];
  if (certificates.length === 0 || !protocol || !cipher) throw new Error(`openssl s_client ${args.join(' ')} printed no chain: ${stderr}${stdout}`);
  return { certificates, protocol, cipher };
}

/**
 * For a test file whose tests each start their own servers: `serve` starts one (Node's TLS server or
 * `openssl s_server`), and every server started is closed after each test.
 */
export function serverPerTest(): (kind: 'node' | 'openssl', options: TlsServerOptions) => Promise<RunningServer> {
  let servers: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((server) => server.close()));
    servers = [];
  });
  return async (kind, options) => {
    const server = kind === 'node' ? await startNodeTlsServer(options) : await startOpensslServer(options);
    servers.push(server);
    return server;
  };
}
