// Reaching a TLS server through an HTTP proxy, as servers behind a corporate proxy must: the probe asks
// the proxy to CONNECT to host:port (RFC 9110 §9.3.6) and, once it answers 2xx, speaks TLS through that
// tunnel. Which proxy: the one given (--proxy), else HTTPS_PROXY / https_proxy (ALL_PROXY as a last
// resort), unless NO_PROXY names the host, as curl reads them. Only http:// proxies: nothing else is
// spoken to them, and the TLS inside the tunnel is the probe's own.
import type { Socket } from 'node:net';
import { isIP } from 'node:net';
import { NetworkError, UsageError } from '../../../shared/errors';
import type { ProbeTarget } from '../tls/target';
import { connectError } from '../tls/probe-errors';

export interface ProxySetting {
  host: string;
  port: number;
  /** The Proxy-Authorization value (Basic), from credentials in the URL. */
  authorization?: string;
  /** How it is shown: the URL without credentials, and where it came from. */
  display: string;
}

/** The largest CONNECT answer read; a real one is a few hundred bytes. */
const MAX_ANSWER_BYTES = 16 * 1024;

/** Parse `http://[user:password@]host[:port]` (a bare `host:port` is taken as http://). */
export function parseProxy(text: string, origin = '--proxy'): ProxySetting {
  const raw = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`the proxy "${text}" (${origin}) is not a URL: use http://host:port or http://user:password@host:port`);
  }
  if (url.protocol !== 'http:') {
    throw new UsageError(`the proxy "${text}" (${origin}) uses ${url.protocol}//: TrustLens speaks to HTTP proxies only (http://host:port)`);
  }
  if (url.hostname === '') throw new UsageError(`the proxy "${text}" (${origin}) has no host: use http://host:port`);
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port ? Number(url.port) : 80;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const shown = `http://${url.host}`;
  return {
    host,
    port,
    ...(user || password ? { authorization: `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}` } : {}),
    display: origin === '--proxy' ? shown : `${shown} (from ${origin})`,
  };
}

/** Whether NO_PROXY (comma- or space-separated names, `.suffix`, `*`, optional `:port`) exempts the target. */
export function exemptByNoProxy(target: ProbeTarget, noProxy: string): boolean {
  const host = target.host.toLowerCase();
  for (const item of noProxy.split(/[\s,]+/)) {
    let entry = item.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    let port: number | undefined;
    const withPort = /^(.*?):(\d+)$/.exec(entry);
    if (withPort && !isIP(entry)) {
      entry = withPort[1]!;
      port = Number(withPort[2]);
    }
    entry = entry.replace(/^\[(.*)\]$/, '$1').replace(/^\*?\./, '.');
    if (port !== undefined && port !== target.port) continue;
    if (host === entry.replace(/^\./, '') || (entry.startsWith('.') ? host.endsWith(entry) : host.endsWith(`.${entry}`))) return true;
  }
  return false;
}

/** The variables naming a proxy, as curl reads them: for TLS (and https:// URLs), and for http:// URLs. */
export const TLS_PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy'] as const;
export const HTTP_PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'] as const;

/** The first of `variables` the environment sets (to something), if any. */
export function proxyVariable(variables: readonly string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  return variables.find((key) => env[key]?.trim());
}

/**
 * The proxy for `target`: `given` (a URL; null for none), else the first of `variables` the environment
 * sets, unless NO_PROXY names the target. Undefined: connect directly.
 */
export function proxyFor(
  target: ProbeTarget,
  given: string | null | undefined,
  env: NodeJS.ProcessEnv = process.env,
  variables: readonly string[] = TLS_PROXY_VARIABLES,
): ProxySetting | undefined {
  if (given === null) return undefined;
  if (given !== undefined) return parseProxy(given);
  const name = proxyVariable(variables, env);
  if (!name) return undefined;
  if (exemptByNoProxy(target, env.NO_PROXY ?? env.no_proxy ?? '')) return undefined;
  return parseProxy(env[name]!, name);
}

function authority(target: ProbeTarget): string {
  return `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
}

/**
 * Ask the proxy on `socket` (connected) for a tunnel to `target`; resolve once it answers 2xx. Any bytes
 * after the answer belong to the server (none, before our ClientHello) and are put back on the socket.
 */
export function openTunnel(socket: Socket, target: ProbeTarget, proxy: ProxySetting, endpoint: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const to = authority(target);
    const chunks: Buffer[] = [];
    let length = 0;
    const done = (error?: Error) => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      if (error) reject(error);
      else resolve();
    };
    const onEnd = () => done(new NetworkError(`the proxy ${proxy.display} closed the connection instead of answering CONNECT ${to}`));
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      const received = Buffer.concat(chunks, length);
      const end = received.indexOf('\r\n\r\n');
      if (end === -1) {
        if (length > MAX_ANSWER_BYTES) done(new NetworkError(`the proxy ${proxy.display} sent no complete answer to CONNECT ${to} in ${MAX_ANSWER_BYTES / 1024} KB: is it an HTTP proxy?`));
        return;
      }
      const status = /^HTTP\/\d(?:\.\d)? (\d{3})(?: ([^\r\n]*))?/.exec(received.toString('latin1', 0, Math.min(end, 1024)));
      if (!status) {
        done(new NetworkError(`the proxy ${proxy.display} did not answer CONNECT ${to} with HTTP: is it an HTTP proxy?`));
        return;
      }
      const code = Number(status[1]);
      if (code < 200 || code > 299) {
        done(new NetworkError(tunnelRefused(proxy, to, endpoint, code, status[2]?.trim() ?? '')));
        return;
      }
      const rest = received.subarray(end + 4);
      socket.pause();
      done();
      if (rest.length > 0) socket.unshift(rest);
    };
    socket.on('data', onData);
    socket.once('end', onEnd);
    const headers = [`CONNECT ${to} HTTP/1.1`, `Host: ${to}`, 'User-Agent: TrustLens', ...(proxy.authorization ? [`Proxy-Authorization: ${proxy.authorization}`] : [])];
    socket.write(`${headers.join('\r\n')}\r\n\r\n`);
  });
}

function tunnelRefused(proxy: ProxySetting, to: string, endpoint: string, code: number, reason: string): string {
  const answer = `${code}${reason ? ` ${reason}` : ''}`;
  if (code === 407) {
    return proxy.authorization
      ? `the proxy ${proxy.display} refused the credentials given for it (${answer}); check the user and password in the proxy URL`
      : `the proxy ${proxy.display} asks for credentials (${answer}); give them in the proxy URL, http://user:password@host:port`;
  }
  if (code === 502 || code === 503 || code === 504) {
    return `the proxy ${proxy.display} could not reach ${endpoint} (${answer}); check the host and port, or whether that host is reached without the proxy`;
  }
  return `the proxy ${proxy.display} refused to connect to ${endpoint} (${answer}); it may not allow that host or port`;
}

/** A socket error before the tunnel opened: the proxy, not the server, is what failed. */
export function proxyConnectError(error: unknown, proxy: ProxySetting, endpoint: string): NetworkError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return new NetworkError(`the proxy ${proxy.display} reset the connection before opening a tunnel to ${endpoint}: is it an HTTP proxy?`);
    case 'ECONNREFUSED':
      return new NetworkError(`the proxy ${proxy.display} refused the connection: nothing is listening there; check the proxy's host and port`);
    case 'ENOTFOUND':
    case 'EAI_NONAME':
    case 'EAI_NODATA':
    case 'EAI_FAIL':
    case 'EAI_AGAIN':
      return new NetworkError(`cannot resolve the host of the proxy ${proxy.display}: check the proxy setting`);
    default: {
      // The remaining causes (unreachable, timed out) read the same for a proxy as for a server.
      return connectError(error, proxy.host, `the proxy ${proxy.display}`);
    }
  }
}
