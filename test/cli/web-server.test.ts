// Browser mode's server: token on everything, loopback Host only, the contract over HTTP with bytes intact
// (calls and answers are frames: shared/wire.ts).
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHandlers } from '../../electron/services/handlers';
import { StoreSessions } from '../../electron/services/stores/sessions';
import { startWebServer, type RunningWebServer } from '../../cli/web/server';
import { decodeFrame, decodeWire, encodeFrame, encodeWire, FRAME_CONTENT_TYPE } from '../../shared/wire';
import { opensslPemFingerprints } from '../support/openssl';
import { keytoolList } from '../support/peers';
import { CLI, trustlens } from '../support/cli';
import { expected as expectedJks, FIXTURE_DIR as JKS_DIR } from '../shared/formats/jks/jks-fixtures';

const fixture = path.resolve(__dirname, '../fixtures/pem/chain.pem');
let server: RunningWebServer;

/** One request; `body` may be the parts of a frame, written one after the other. */
function http(pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string | readonly Uint8Array[] } = {}) {
  return new Promise<{ status: number; body: Buffer; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path: pathname, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${server.port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (typeof options.body === 'string' || options.body === undefined) req.end(options.body);
    else {
      for (const part of options.body) req.write(part);
      req.end();
    }
  });
}

const frameHeaders = () => ({ 'X-TrustLens-Token': server.token, 'Content-Type': FRAME_CONTENT_TYPE });

/** A call as the page makes it: the arguments as a frame, the answer's frame decoded. */
async function call(channel: string, args: unknown): Promise<unknown> {
  const res = await http(`/api/${channel}`, { method: 'POST', headers: frameHeaders(), body: encodeFrame(args) });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe(FRAME_CONTENT_TYPE);
  expect(Number(res.headers['content-length'])).toBe(res.body.length);
  return decodeFrame(res.body);
}

/** SHA-256 as the listing has it (lowercase hex) from keytool's (uppercase, colons). */
const plainHex = (keytool: string) => keytool.replace(/:/g, '').toLowerCase();

beforeAll(async () => {
  const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'trustlens-renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>TrustLens</title>');
  server = await startWebServer({ port: 0, rendererDir, handlers: createHandlers({ mode: 'web', sessions: new StoreSessions() }) });
});
afterAll(() => server.close());

describe('trustlens web server', () => {
  it('prints a loopback address with a token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
  });

  it.each(['/', '/index.html', '/api/appInfo'])('refuses %s without the token', async (p) => {
    const res = await http(p, p.startsWith('/api') ? { method: 'POST', body: '{}' } : {});
    expect(res.status).toBe(401);
  });

  it('refuses a wrong token', async () => {
    expect((await http('/?token=' + '0'.repeat(48))).status).toBe(401);
  });

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    const res = await http(`/?token=${server.token}`, { headers: { Host: `evil.example:${server.port}` } });
    expect(res.status).toBe(403);
  });

  it('serves the page with the token, sets an HttpOnly cookie and a strict CSP', async () => {
    const res = await http(`/?token=${server.token}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
  });

  it('answers the contract over HTTP with bytes intact, and validates arguments', async () => {
    const bytes = new Uint8Array(readFileSync(fixture));
    const envelope = (await call('openBytes', { name: 'chain.pem', bytes })) as { ok: boolean; value: { kind: string; store: { entries: { leaf?: { sha256: string } }[] } } };
    expect(envelope.ok).toBe(true);
    expect(envelope.value.store.entries.map((e) => e.leaf!.sha256)).toEqual(opensslPemFingerprints(fixture));

    expect(await call('openBytes', { name: 42 })).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    expect(await call('deleteEverything', {})).toMatchObject({ ok: false, error: { code: 'USAGE' } });
  });

  it('opens a keytool-made JKS sent as a frame, and sends a store back as bytes (Save As, downloaded)', async () => {
    const file = path.join(JKS_DIR, 'trust-only.jks');
    const bytes = new Uint8Array(readFileSync(file));
    // The frame carries the file as it is: the JSON part holds only the name, the password and a reference.
    const parts = encodeFrame({ name: 'trust-only.jks', bytes, password: expectedJks.password });
    expect(parts[1]!.length).toBeLessThan(200);
    expect(parts[2]).toBe(bytes);

    const opened = (await call('openBytes', { name: 'trust-only.jks', bytes, password: expectedJks.password })) as {
      ok: true;
      value: { kind: string; storeId: string; store: { format: string; entries: { alias: string; leaf?: { sha256: string } }[] } };
    };
    expect(opened).toMatchObject({ ok: true, value: { kind: 'opened', store: { format: 'JKS' } } });
    const keytool = keytoolList(file, expectedJks.password);
    expect(new Map(opened.value.store.entries.map((e) => [e.alias, e.leaf?.sha256]))).toEqual(
      new Map([...keytool].map(([alias, entry]) => [alias, plainHex(entry.sha256[0]!)])),
    );

    const saved = (await call('saveStoreAs', { storeId: opened.value.storeId, format: 'PKCS12' })) as { ok: true; value: { kind: string; name: string; bytes: Uint8Array } };
    expect(saved).toMatchObject({ ok: true, value: { kind: 'download', name: 'trust-only.p12' } });
    expect(saved.value.bytes).toBeInstanceOf(Uint8Array);
    const downloads = mkdtempSync(path.join(os.tmpdir(), 'trustlens-web-download-'));
    try {
      const out = path.join(downloads, saved.value.name);
      writeFileSync(out, saved.value.bytes);
      expect(keytoolList(out, expectedJks.password, 'PKCS12')).toEqual(keytool);
    } finally {
      rmSync(downloads, { recursive: true, force: true });
    }
  });

  it('still takes the JSON text form (for tools), and answers in it', async () => {
    const bytes = new Uint8Array(readFileSync(fixture));
    const res = await http('/api/openBytes', {
      method: 'POST',
      headers: { 'X-TrustLens-Token': server.token, 'Content-Type': 'application/json' },
      body: encodeWire({ name: 'chain.pem', bytes }),
    });
    expect(res.headers['content-type']).toBe('application/json');
    expect(decodeWire(res.body.toString('utf8'))).toMatchObject({ ok: true, value: { kind: 'opened' } });
  });

  it('refuses a malformed frame with 400, saying what is wrong with it', async () => {
    const good = Buffer.concat(encodeFrame({ name: 'chain.pem', bytes: new Uint8Array(readFileSync(fixture)) }));
    const badMagic = Buffer.from(good);
    badMagic.write('XXXX', 0, 'latin1');
    const outOfRange = Buffer.concat(encodeFrame({ name: 'x.pem', bytes: new Uint8Array(4) })).subarray(0, -1);
    const cases: [Uint8Array, RegExp][] = [
      [badMagic, /does not start with "TLW1"/],
      [good.subarray(0, 20), /JSON part of \d+ bytes runs past its end/],
      [outOfRange, /runs past the 3-byte binary section/],
      [Buffer.from('{"name":"x.pem"}'), /does not start with "TLW1"/],
    ];
    for (const [body, reason] of cases) {
      const res = await http('/api/openBytes', { method: 'POST', headers: frameHeaders(), body: [body] });
      expect(res.status).toBe(400);
      expect(res.body.toString('utf8')).toMatch(reason);
    }
  });

  it('refuses other content types (415) and bodies over the limit (413)', async () => {
    const other = await http('/api/appInfo', { method: 'POST', headers: { 'X-TrustLens-Token': server.token, 'Content-Type': 'text/plain' }, body: '{}' });
    expect(other.status).toBe(415);
    const huge = await http('/api/openBytes', {
      method: 'POST',
      headers: { ...frameHeaders(), 'Content-Length': String(512 * 1024 * 1024) },
      body: [new Uint8Array(16)],
    });
    expect(huge.status).toBe(413);
  });

  it('refuses a cross-origin API call', async () => {
    const res = await http('/api/appInfo', { method: 'POST', headers: { 'X-TrustLens-Token': server.token, Origin: 'http://evil.example' }, body: '{}' });
    expect(res.status).toBe(403);
  });

  it('accepts the WebSocket only with the token', async () => {
    const attempt = (url: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url, { headers: { Host: `127.0.0.1:${server.port}` } });
        ws.on('open', () => {
          ws.close();
          resolve('open');
        });
        ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
        ws.on('error', () => resolve('error'));
      });
    expect(await attempt(`ws://127.0.0.1:${server.port}/events`)).toBe('401');
    expect(await attempt(`ws://127.0.0.1:${server.port}/events?token=${server.token}`)).toBe('open');
  });
});

describe('trustlens web limits', () => {
  let limited: RunningWebServer;
  beforeAll(async () => {
    const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'trustlens-renderer-'));
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>TrustLens</title>');
    const handlers = createHandlers({ mode: 'web', sessions: new StoreSessions() });
    limited = await startWebServer({ port: 0, rendererDir, handlers, maxBodiesInFlight: 4 * 1024 * 1024, maxEventSockets: 8 });
  });
  afterAll(() => limited?.close());

  const headers = () => ({ Host: `127.0.0.1:${limited.port}`, 'X-TrustLens-Token': limited.token, 'Content-Type': FRAME_CONTENT_TYPE });
  function post(pathname: string, parts: readonly Uint8Array[], hold = false) {
    let release = () => undefined as void;
    const done = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: limited.port, path: pathname, method: 'POST', headers: headers() }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      const bytes = Buffer.concat(parts);
      if (!hold) return void req.end(bytes);
      req.write(bytes.subarray(0, bytes.length - 1));
      release = () => void req.end(bytes.subarray(bytes.length - 1));
    });
    return { done, release: () => release() };
  }

  it('refuses an upload with 503 while others hold the bytes in flight, and takes it once they are done', async () => {
    const pem = readFileSync(fixture);
    // Bodies count twice (read in chunks, then copied whole): 1.5 MiB holds 3 of the 4 MiB, 1 MiB more does not fit.
    const padded = (size: number) => {
      const bytes = new Uint8Array(size).fill(0x0a);
      bytes.set(pem);
      return bytes;
    };
    const first = post('/api/openBytes', encodeFrame({ name: 'chain.pem', bytes: padded(1536 * 1024) }), true);
    const second = () => post('/api/openBytes', encodeFrame({ name: 'chain.pem', bytes: padded(1024 * 1024) }), false).done;
    // Until the server has read the first body (held open, one byte short), a second may still pass.
    let refused: { status: number; body: string } | null = null;
    for (let attempt = 0; attempt < 200 && !refused; attempt++) {
      const r = await second();
      if (r.status === 503) refused = r;
      else await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(refused?.body).toMatch(/^Service Unavailable: other uploads \(4 MiB in all\) are being read; try again/);
    first.release();
    expect((await first.done).status).toBe(200);
    expect((await second()).status).toBe(200);
  });

  it('caps the event sockets: past the limit 503, and a place frees when one closes', async () => {
    const url = `ws://127.0.0.1:${limited.port}/events?token=${limited.token}`;
    const open = () =>
      new Promise<{ ws: WebSocket; status: string }>((resolve) => {
        const ws = new WebSocket(url, { headers: { Host: `127.0.0.1:${limited.port}` } });
        ws.on('open', () => resolve({ ws, status: 'open' }));
        ws.on('unexpected-response', (_req, res) => resolve({ ws, status: String(res.statusCode) }));
        ws.on('error', () => resolve({ ws, status: 'error' }));
      });
    const sockets = await Promise.all(Array.from({ length: 8 }, open));
    expect(sockets.map((s) => s.status)).toEqual(Array(8).fill('open'));
    expect((await open()).status).toBe('503');
    await new Promise<void>((resolve) => {
      sockets[0]!.ws.once('close', () => resolve());
      sockets[0]!.ws.close();
    });
    // The server notices the close after the client does: give it the turns it needs.
    let next = await open();
    for (let attempt = 0; attempt < 100 && next.status !== 'open'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      next = await open();
    }
    expect(next.status).toBe('open');
    for (const s of [...sockets, next]) s.ws.terminate();
  });
});

describe('trustlens web --proxy', () => {
  it('starts the page with the proxy given, and refuses one that is not http://', async () => {
    const refused = await trustlens(['web', '--no-open', '--port', '0', '--proxy', 'socks5://127.0.0.1:1080']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/HTTP proxies only/);

    const child = spawn(process.execPath, [CLI, 'web', '--no-open', '--port', '0', '--proxy', 'http://127.0.0.1:3128'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const address = await new Promise<URL>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
          if (found) resolve(new URL(found[1]!));
        });
        child.once('exit', (code) => reject(new Error(`trustlens web exited with ${code}`)));
      });
      const res = await fetch(`${address.origin}/api/networkSettings`, {
        method: 'POST',
        headers: { 'X-TrustLens-Token': address.searchParams.get('token')!, 'Content-Type': FRAME_CONTENT_TYPE },
        body: Buffer.concat(encodeFrame({}).map((part) => Buffer.from(part))),
      });
      const envelope = decodeFrame(new Uint8Array(await res.arrayBuffer())) as { ok: boolean; value: { proxy: unknown } };
      expect(envelope).toMatchObject({ ok: true, value: { proxy: { mode: 'custom', url: 'http://127.0.0.1:3128' } } });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
