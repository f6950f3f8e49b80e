// Browser mode's server: token on everything, loopback Host only, the contract over HTTP with bytes intact.
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHandlers } from '../../electron/services/handlers';
import { StoreSessions } from '../../electron/services/store-sessions';
import { startWebServer, type RunningWebServer } from '../../cli/web/server';
import { decodeWire, encodeWire } from '../../shared/wire';
import { opensslPemFingerprints } from '../support/openssl';

const fixture = path.resolve(__dirname, '../fixtures/pem/chain.pem');
let server: RunningWebServer;

function http(pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path: pathname, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${server.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

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
    const res = await http('/api/openBytes', { method: 'POST', headers: { 'X-TrustLens-Token': server.token }, body: encodeWire({ name: 'chain.pem', bytes }) });
    const envelope = decodeWire(res.body) as { ok: boolean; value: { kind: string; store: { entries: { certificates: { sha256: string }[] }[] } } };
    expect(envelope.ok).toBe(true);
    expect(envelope.value.store.entries.map((e) => e.certificates[0]!.sha256)).toEqual(opensslPemFingerprints(fixture));

    const bad = decodeWire((await http('/api/openBytes', { method: 'POST', headers: { 'X-TrustLens-Token': server.token }, body: encodeWire({ name: 42 }) })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    const unknown = decodeWire((await http('/api/deleteEverything', { method: 'POST', headers: { 'X-TrustLens-Token': server.token }, body: '{}' })).body);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'USAGE' } });
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
