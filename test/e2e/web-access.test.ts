// `trustlens web` answers only the page it printed: requests without its token are refused (page,
// API and event socket alike), and so are requests naming another host (DNS rebinding).
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { launchBrowser, openStartScreen, startWebApp, type WebApp } from './harness';

let app: WebApp;

beforeAll(async () => {
  app = await startWebApp();
});

afterAll(async () => {
  await app?.stop();
});

interface Reply {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

function send(method: string, pathname: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  const url = new URL(app.origin);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: Number(url.port), method, path: pathname, headers: { Host: url.host, ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The HTTP status the server answers a WebSocket upgrade with (101 when it accepts). */
function upgradeStatus(pathname: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${app.origin.replace('http', 'ws')}${pathname}`, { headers });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('error', (error) => {
      // A refused upgrade may surface as a socket error after the status line was read.
      const status = /Unexpected server response: (\d+)/.exec(error.message)?.[1];
      if (status) resolve(Number(status));
      else reject(error);
    });
  });
}

const JSON_BODY = { 'Content-Type': 'application/json' };

describe('trustlens web access control', () => {
  it('serves the page, the API and the event socket to the holder of the token', async () => {
    const page = await send('GET', `/?token=${app.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    const info = await send('POST', '/api/appInfo', { ...JSON_BODY, Cookie: cookie }, '{}');
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { name: 'TrustLens', mode: 'web' } });
    expect(await upgradeStatus('/events', { Cookie: cookie })).toBe(101);
  });

  it('refuses the page, the API and the event socket without the token', async () => {
    expect([401, 403]).toContain((await send('GET', '/')).status);
    expect([401, 403]).toContain((await send('POST', '/api/appInfo', JSON_BODY, '{}')).status);
    expect([401, 403]).toContain((await send('GET', '/?token=0000')).status);
    expect([401, 403]).toContain((await send('POST', '/api/appInfo', { ...JSON_BODY, Cookie: 'trustlens_token=wrong' }, '{}')).status);
    expect([401, 403]).toContain(await upgradeStatus('/events'));
  });

  it('refuses a request naming another host, even with the token', async () => {
    const reply = await send('GET', `/?token=${app.token}`, { Host: `rebind.example:${new URL(app.origin).port}` });
    expect(reply.status).toBe(403);
    const api = await send('POST', `/api/appInfo?token=${app.token}`, { ...JSON_BODY, Host: 'evil.example' }, '{}');
    expect(api.status).toBe(403);
    expect([401, 403]).toContain(await upgradeStatus(`/events?token=${app.token}`, { Host: 'evil.example' }));
  });
});

describe('the token in the address', () => {
  it('is taken out of the address bar and history once the page has loaded; the page keeps working and reloads by its cookie', async () => {
    const browser = await launchBrowser();
    try {
      const errors: string[] = [];
      const { context, page } = await openStartScreen(browser, app, 'light', errors);
      expect(page.url()).toBe(`${app.origin}/`);
      expect(await page.evaluate(() => window.location.search)).toBe('');
      // An API call after the token left the address: the About/app info the page shows needs one.
      expect(await page.evaluate(async () => (await fetch('/api/appInfo', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status)).toBe(200);
      await page.reload();
      await page.getByRole('heading', { name: 'Drop a trust store, certificate or URL here' }).waitFor();
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
