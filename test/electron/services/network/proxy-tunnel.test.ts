// Probing through an HTTP CONNECT proxy on loopback, as a server behind a corporate proxy must: the chain
// recorded through the tunnel is the one `openssl s_client -proxy` sees, the proxy really carried it, and
// each way a proxy says no (credentials, refusal, no way to the host, not a proxy at all) is one clear error.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrustLensError } from '../../../../shared/errors';
import { exemptByNoProxy, parseProxy, proxyFor } from '../../../../electron/services/network/proxy-tunnel';
import { probeTls } from '../../../../electron/services/tls/probe';
import {
  opensslShowcerts,
  refusedPort,
  startConnectProxy,
  startNodeTlsServer,
  startRawServer,
  startSilentServer,
  type ConnectProxy,
  type NodeTlsServer,
  type RunningServer,
} from '../../../support/tls-servers';

const sha256 = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

async function probeError(target: string, options: Parameters<typeof probeTls>[1]): Promise<TrustLensError> {
  const error = await probeTls(target, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TrustLensError);
  return error as TrustLensError;
}

let server: NodeTlsServer;
let proxy: ConnectProxy;
beforeAll(async () => {
  server = await startNodeTlsServer({ chain: ['leaf-rsa', 'int', 'root'] });
  proxy = await startConnectProxy();
});
afterAll(async () => {
  await server.close();
  await proxy.close();
});

describe('through a CONNECT proxy', () => {
  it('records what the server sent, as openssl s_client -proxy sees it, and the proxy carried the connection', async () => {
    const before = proxy.requests.length;
    const record = await probeTls(server.target, { servername: 'localhost', proxy: `http://127.0.0.1:${proxy.port}` });
    expect(proxy.requests.slice(before)).toEqual([server.target]);
    const peer = await opensslShowcerts(server, { servername: 'localhost', proxy: `127.0.0.1:${proxy.port}` });
    expect(proxy.requests.length).toBe(before + 2);
    expect(record.sent.map(sha256)).toEqual(peer.certificates.map(sha256));
    expect(record.sent).toHaveLength(3);
    expect(record).toMatchObject({ host: '127.0.0.1', port: server.port, servername: 'localhost', protocol: 'TLSv1.3', proxy: `http://127.0.0.1:${proxy.port}` });
    // The socket's peer was the proxy: its address is not passed off as the server's.
    expect(record.address).toBe('127.0.0.1');
    expect(server.servernames.at(-1)).toBe('localhost');
  });

  it('a direct probe says nothing of a proxy, and null ignores one the environment names', async () => {
    const direct = await probeTls(server.target, { proxy: null });
    expect(direct.proxy).toBeUndefined();
    expect(direct.sent.map(sha256)).toEqual((await probeTls(server.target, { proxy: `127.0.0.1:${proxy.port}` })).sent.map(sha256));
  });

  it('sends the credentials of the proxy URL as Basic authentication, and never shows the password', async () => {
    const guarded = await startConnectProxy({ credentials: 'probe:s3cr:et' });
    try {
      const without = await probeError(server.target, { proxy: `http://127.0.0.1:${guarded.port}` });
      expect(without.code).toBe('NETWORK');
      expect(without.message).toBe(
        `the proxy http://127.0.0.1:${guarded.port} asks for credentials (407 Proxy Authentication Required); give them in the proxy URL, http://user:password@host:port`,
      );
      const wrong = await probeError(server.target, { proxy: `http://probe:nope@127.0.0.1:${guarded.port}` });
      expect(wrong.message).toMatch(/refused the credentials given for it \(407/);
      expect(wrong.message).not.toContain('nope');
      const record = await probeTls(server.target, { proxy: `http://probe:s3cr%3Aet@127.0.0.1:${guarded.port}` });
      expect(record.sent).toHaveLength(3);
      expect(record.proxy).toBe(`http://127.0.0.1:${guarded.port}`);
      expect(guarded.authorizations.at(-1)).toBe(`Basic ${Buffer.from('probe:s3cr:et').toString('base64')}`);
    } finally {
      await guarded.close();
    }
  });

  it('says so when the proxy refuses the host, or cannot reach it', async () => {
    const strict = await startConnectProxy({ answer: (authority) => (authority.endsWith(`:${server.port}`) ? '403 Forbidden' : null) });
    const closed = await refusedPort();
    try {
      const refused = await probeError(server.target, { proxy: `http://127.0.0.1:${strict.port}` });
      expect(refused.message).toBe(`the proxy http://127.0.0.1:${strict.port} refused to connect to ${server.target} (403 Forbidden); it may not allow that host or port`);
      const unreachable = await probeError(closed.target, { proxy: `http://127.0.0.1:${strict.port}` });
      expect(unreachable.message).toMatch(new RegExp(`could not reach ${closed.target.replace(/\./g, '\\.')} \\(502 Bad Gateway\\)`));
    } finally {
      await strict.close();
    }
  });

  it('a proxy port with nothing listening, a TLS server or a silent one given as the proxy: one clear error each', async () => {
    const closed = await refusedPort();
    const nothing = await probeError(server.target, { proxy: `http://${closed.target}` });
    expect(nothing.message).toBe(`the proxy http://${closed.target} refused the connection: nothing is listening there; check the proxy's host and port`);
    const unnamed = await probeError(server.target, { proxy: 'http://no-such-proxy.invalid:3128' });
    expect(unnamed.message).toBe('cannot resolve the host of the proxy http://no-such-proxy.invalid:3128: check the proxy setting');

    const notHttp: RunningServer = await startRawServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n\r\n'));
    const silent = await startSilentServer();
    try {
      const odd = await probeError(server.target, { proxy: `http://${notHttp.target}` });
      expect(odd.message).toBe(`the proxy http://${notHttp.target} did not answer CONNECT ${server.target} with HTTP: is it an HTTP proxy?`);
      const tls = await probeError(server.target, { proxy: `http://${server.target}` });
      expect(tls.message).toMatch(new RegExp(`^the proxy http://${server.target.replace(/\./g, '\\.')} (closed the connection instead of answering|reset the connection before opening a tunnel|did not answer CONNECT)`));
      const slow = await probeError(server.target, { proxy: `http://${silent.target}`, timeoutMs: 500 });
      expect(slow.message).toBe(`no answer from ${server.target} within 500 ms (no tunnel through the proxy http://${silent.target}: check the proxy, or connect without it)`);
    } finally {
      await notHttp.close();
      await silent.close();
    }
  });
});

describe('a proxy that answers 200 and then goes silent', () => {
  it('is named as the place the silence may come from, not the target alone', async () => {
    // Answers CONNECT with 200, then reads what comes through (the ClientHello) and forwards nothing.
    const holding = await startRawServer((socket) => {
      socket.write('HTTP/1.1 200 Connection established\r\n\r\n');
      socket.on('data', () => undefined);
    });
    try {
      const error = await probeError(server.target, { proxy: `http://${holding.target}`, timeoutMs: 500 });
      expect(error.message).toBe(
        `no answer from ${server.target} within 500 ms: the proxy http://${holding.target} opened a tunnel (it answered CONNECT with 2xx) but nothing came back through it; check the proxy (it may hold or drop tunnelled traffic), or whether ${server.target} speaks TLS`,
      );
    } finally {
      await holding.close();
    }
  });
});

describe('which proxy', () => {
  const target = { host: 'api.example.com', port: 443 };

  it('reads http:// URLs, with or without the scheme, and refuses other schemes', () => {
    expect(parseProxy('http://proxy.corp:3128')).toEqual({ host: 'proxy.corp', port: 3128, display: 'http://proxy.corp:3128' });
    expect(parseProxy('proxy.corp:8080').port).toBe(8080);
    expect(parseProxy('http://proxy.corp').port).toBe(80);
    expect(parseProxy('http://[::1]:3128')).toMatchObject({ host: '::1', display: 'http://[::1]:3128' });
    expect(parseProxy('http://u%40corp:p%20w@proxy:1', 'HTTPS_PROXY')).toEqual({
      host: 'proxy',
      port: 1,
      authorization: `Basic ${Buffer.from('u@corp:p w').toString('base64')}`,
      display: 'http://proxy:1 (from HTTPS_PROXY)',
    });
    expect(() => parseProxy('socks5://proxy:1080')).toThrow(/HTTP proxies only/);
    expect(() => parseProxy('http://')).toThrow(/not a URL|no host/);
  });

  it('takes HTTPS_PROXY (then ALL_PROXY) from the environment unless NO_PROXY names the host; a given one wins', () => {
    expect(proxyFor(target, undefined, {})).toBeUndefined();
    expect(proxyFor(target, undefined, { HTTPS_PROXY: 'http://p:1' })?.display).toBe('http://p:1 (from HTTPS_PROXY)');
    expect(proxyFor(target, undefined, { https_proxy: 'p:2' })?.port).toBe(2);
    expect(proxyFor(target, undefined, { ALL_PROXY: 'http://p:3' })?.display).toBe('http://p:3 (from ALL_PROXY)');
    // HTTP_PROXY is for http:// URLs, as curl reads it; a TLS probe does not use it.
    expect(proxyFor(target, undefined, { HTTP_PROXY: 'http://p:4' })).toBeUndefined();
    expect(proxyFor(target, undefined, { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'localhost,.example.com' })).toBeUndefined();
    expect(proxyFor(target, null, { HTTPS_PROXY: 'http://p:1' })).toBeUndefined();
    expect(proxyFor(target, 'http://q:5', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' })?.display).toBe('http://q:5');
  });

  it.each([
    ['example.com', true],
    ['.example.com', true],
    ['*.example.com', true],
    ['api.example.com', true],
    ['API.Example.COM', true],
    ['ample.com', false],
    ['other.com, example.com', true],
    ['example.com:443', true],
    ['example.com:8443', false],
    ['*', true],
    ['', false],
  ])('NO_PROXY=%j exempts api.example.com:443: %s', (noProxy, exempt) => {
    expect(exemptByNoProxy({ host: 'api.example.com', port: 443 }, noProxy)).toBe(exempt);
  });

  it('NO_PROXY with addresses', () => {
    expect(exemptByNoProxy({ host: '127.0.0.1', port: 8443 }, 'localhost,127.0.0.1')).toBe(true);
    expect(exemptByNoProxy({ host: '::1', port: 8443 }, '[::1]')).toBe(true);
    expect(exemptByNoProxy({ host: '::1', port: 8443 }, '::1')).toBe(true);
    expect(exemptByNoProxy({ host: '10.0.0.1', port: 443 }, '10.0.0.2')).toBe(false);
  });
});
