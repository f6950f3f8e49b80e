// Browser mode: the same renderer and the same handlers as the desktop app, served on 127.0.0.1 only.
// A random token guards everything (pages, API, WebSocket); the Host header must name the loopback
// address, which defeats DNS rebinding; the Origin, when sent, must be our own. API calls and their
// answers travel as frames (shared/wire.ts), so the bytes of a store cross as bytes.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppEvent, ChannelHandlers } from '../../shared/ipc';
import { decodeFrame, decodeWire, encodeFrame, encodeWire, FRAME_CONTENT_TYPE } from '../../shared/wire';
import { dispatch } from '../../electron/services/dispatch';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

const COOKIE = 'trustlens_token';
const MAX_BODY = 256 * 1024 * 1024; // a store file as it is, with room
/**
 * Request bodies held at once, all requests together: each body is kept whole while its call runs, so six
 * concurrent 250 MiB uploads took the server to 2.3 GB. Past this, a call is refused with 503 (try again).
 */
export const MAX_BODIES_IN_FLIGHT = 512 * 1024 * 1024;
/** Event sockets open at once: a page needs one; the rest are refused with 503. */
export const MAX_EVENT_SOCKETS = 64;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface WebServerOptions {
  readonly port: number;
  readonly rendererDir: string;
  readonly handlers: ChannelHandlers;
  readonly token?: string;
  /** Files to open in every browser that connects (`trustlens web FILE…`). */
  readonly initialPaths?: readonly string[];
  /** Request body bytes held at once, all requests together (default MAX_BODIES_IN_FLIGHT). */
  readonly maxBodiesInFlight?: number;
  /** Event sockets open at once (default MAX_EVENT_SOCKETS). */
  readonly maxEventSockets?: number;
}

export interface RunningWebServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly server: Server;
  broadcast(event: AppEvent): void;
  close(): Promise<void>;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return undefined;
}

export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${message}\n`);
}

class BodyTooLargeError extends Error {
  constructor() {
    super(`The request is larger than ${MAX_BODY / (1024 * 1024)} MiB.`);
    this.name = 'BodyTooLargeError';
  }
}

class ServerBusyError extends Error {
  constructor(limit: number) {
    super(`other uploads (${Math.round(limit / (1024 * 1024))} MiB in all) are being read; try again when they are done.`);
    this.name = 'ServerBusyError';
  }
}

/** Bytes of request bodies held now, across requests; each request gives back what it took when it ends. */
class BodyBudget {
  private held = 0;
  constructor(private readonly limit: number) {}
  take(bytes: number): void {
    if (this.held + bytes > this.limit) throw new ServerBusyError(this.limit);
    this.held += bytes;
  }
  give(bytes: number): void {
    this.held -= bytes;
  }
}

/**
 * The request's body in a Uint8Array of its own. Not Buffer.concat's result: that can be a slice of Node's
 * shared pool, and the views decodeFrame hands the handlers should not reach any memory but the body.
 * Its bytes are counted against `budget` (`taken` says how many, for the caller to give back).
 */
async function readBody(req: IncomingMessage, budget: BodyBudget, taken: { bytes: number }): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_BODY) throw new BodyTooLargeError();
  if (Number.isSafeInteger(declared) && declared >= 0) {
    // The length is known (Node's parser holds the client to it): one buffer of that size, filled as the
    // chunks arrive, so the body is held once and counted once, up front.
    budget.take(declared);
    taken.bytes += declared;
    const body = new Uint8Array(declared);
    let at = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      if (at + chunk.length > declared) throw new BodyTooLargeError();
      body.set(chunk, at);
      at += chunk.length;
    }
    return at === declared ? body : body.subarray(0, at);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new BodyTooLargeError();
    // A chunked body is held twice at the end (the chunks and their copy): count both.
    budget.take(chunk.length * 2);
    taken.bytes += chunk.length * 2;
    chunks.push(chunk);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body;
}

/** The media type of a Content-Type header, without parameters, in lower case. */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * The arguments of an API call: a frame (the page), or the JSON text form of encodeWire (tools, tests),
 * which is answered in the same form.
 */
function decodeArguments(type: string, body: Uint8Array): unknown {
  if (type === FRAME_CONTENT_TYPE) return decodeFrame(body);
  return decodeWire(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
}

/**
 * `value` in the form the call came in. A frame is written part by part (the bytes are not copied into one
 * buffer), corked so that it still leaves in as few packets as one buffer would.
 */
function sendAnswer(res: ServerResponse, type: string, value: unknown): void {
  const parts = type === FRAME_CONTENT_TYPE ? encodeFrame(value) : [Buffer.from(encodeWire(value), 'utf8')];
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': String(length),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.cork();
  for (const part of parts) res.write(part);
  res.end();
}

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const sockets = new Set<WebSocket>();
  const budget = new BodyBudget(options.maxBodiesInFlight ?? MAX_BODIES_IN_FLIGHT);
  const maxSockets = options.maxEventSockets ?? MAX_EVENT_SOCKETS;
  /** Upgrades accepted whose socket is not in `sockets` yet: counted, so a burst cannot pass the cap. */
  let upgrading = 0;
  let port = options.port;

  function authorize(req: IncomingMessage, url: URL): 'ok' | 'host' | 'origin' | 'token' {
    if (!isLoopbackHost(req.headers.host, port)) return 'host';
    const origin = req.headers.origin;
    if (origin && !isLoopbackHost(origin.replace(/^http:\/\//, ''), port)) return 'origin';
    const given = url.searchParams.get('token') ?? (req.headers['x-trustlens-token'] as string | undefined) ?? cookieToken(req);
    return sameToken(given ?? undefined, token) ? 'ok' : 'token';
  }

  async function serveStatic(res: ServerResponse, pathname: string, setCookie: boolean): Promise<void> {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = path.resolve(options.rendererDir, relative);
    if (!file.startsWith(path.resolve(options.rendererDir) + path.sep)) return refuse(res, 404, 'Not found');
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      return refuse(res, 404, 'Not found');
    }
    const headers: Record<string, string> = {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    };
    if (file.endsWith('.html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    if (setCookie) headers['Set-Cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, headers);
    res.end(body);
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const verdict = authorize(req, url);
      if (verdict === 'host') return refuse(res, 403, 'Forbidden: TrustLens only answers requests addressed to 127.0.0.1.');
      if (verdict === 'origin') return refuse(res, 403, 'Forbidden: cross-origin request.');
      if (verdict === 'token') return refuse(res, 401, 'Unauthorized: open the address TrustLens printed, with its ?token=… part.');
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return refuse(res, 405, 'Use POST.');
        const type = mediaType(req.headers['content-type']);
        if (type !== FRAME_CONTENT_TYPE && type !== 'application/json') {
          return refuse(res, 415, `Unsupported Media Type: send the call as ${FRAME_CONTENT_TYPE} (or application/json).`);
        }
        const taken = { bytes: 0 };
        try {
          let body: Uint8Array;
          try {
            body = await readBody(req, budget, taken);
          } catch (error) {
            if (error instanceof ServerBusyError) {
              res.setHeader('Connection', 'close');
              res.setHeader('Retry-After', '5');
              return refuse(res, 503, `Service Unavailable: ${error.message}`);
            }
            if (!(error instanceof BodyTooLargeError)) return refuse(res, 400, 'Bad request body.');
            res.setHeader('Connection', 'close');
            return refuse(res, 413, `Payload Too Large: ${error.message}`);
          }
          let args: unknown;
          try {
            args = decodeArguments(type, body);
          } catch (error) {
            return refuse(res, 400, `Bad request body: ${error instanceof Error ? error.message : String(error)}`);
          }
          const envelope = await dispatch(options.handlers, url.pathname.slice('/api/'.length), args);
          sendAnswer(res, type, envelope);
          return;
        } finally {
          budget.give(taken.bytes);
        }
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
      return serveStatic(res, url.pathname, url.searchParams.has('token'));
    })().catch(() => {
      if (!res.headersSent) refuse(res, 500, 'Internal error.');
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/events' || authorize(req, url) !== 'ok') {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    if (sockets.size + upgrading >= maxSockets) {
      socket.write(`HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 5\r\n\r\nToo many TrustLens pages are open (${maxSockets}); close some.\n`);
      socket.destroy();
      return;
    }
    // Counted until the socket is ours or the handshake failed and closed it.
    upgrading++;
    let counted = true;
    const uncount = () => {
      if (counted) upgrading--;
      counted = false;
    };
    socket.once('close', uncount);
    wss.handleUpgrade(req, socket, head, (ws) => {
      uncount();
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      for (const initial of options.initialPaths ?? []) ws.send(encodeWire({ type: 'open-path', path: initial } satisfies AppEvent));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : options.port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    server,
    broadcast(event) {
      const text = encodeWire(event);
      for (const ws of sockets) ws.send(text);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
