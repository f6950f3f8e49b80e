// One bounded HTTP(S) request for what a CA publishes: CA Issuers certificates, OCSP responses, CRLs.
// http(s) only, one overall deadline, a size cap, at most three redirects; an http:// URL goes through
// HTTP_PROXY (or the given proxy) as curl does. The answer is the body, or why there is none, in words.
import * as http from 'node:http';
import * as https from 'node:https';
import { HTTP_PROXY_VARIABLES, proxyFor, type ProxySetting } from './proxy-tunnel';

const MAX_REDIRECTS = 3;

export interface FetchOptions {
  /** Date.now() by which the whole exchange (redirects included) ends. */
  readonly deadline: number;
  /** The proxy for http:// URLs: a URL, null for none; default the environment's HTTP_PROXY (then ALL_PROXY) unless NO_PROXY names the host. */
  readonly proxy?: string | null;
  readonly maxBytes: number;
  readonly accept: string;
  /** A POST of this body (OCSP); default GET. */
  readonly post?: { readonly body: Uint8Array; readonly contentType: string };
  readonly signal?: AbortSignal;
}

export type FetchOutcome = { readonly ok: true; readonly body: Uint8Array } | { readonly ok: false; readonly why: string };

function httpProxyFor(url: URL, given: string | null | undefined): ProxySetting | undefined {
  const target = { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port) || 80 };
  return proxyFor(target, given, process.env, HTTP_PROXY_VARIABLES);
}

export function fetchBytes(url: URL, options: FetchOptions, redirects = 0): Promise<FetchOutcome> {
  return new Promise((resolve) => {
    const remaining = options.deadline - Date.now();
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return resolve({ ok: false, why: `${url.protocol.replace(/:$/, '')}: URLs are not fetched (http and https only)` });
    if (remaining <= 0) return resolve({ ok: false, why: 'no time was left to ask' });
    if (options.signal?.aborted) return resolve({ ok: false, why: 'cancelled' });
    let proxy: ProxySetting | undefined;
    try {
      proxy = url.protocol === 'http:' ? httpProxyFor(url, options.proxy) : undefined;
    } catch (error) {
      return resolve({ ok: false, why: `the proxy setting is not usable (${(error as Error).message})` });
    }
    const headers: Record<string, string> = { Accept: options.accept, 'User-Agent': 'TrustLens' };
    if (options.post) Object.assign(headers, { 'Content-Type': options.post.contentType, 'Content-Length': String(options.post.body.length) });
    const method = options.post ? 'POST' : 'GET';
    const request = proxy
      ? http.request({ host: proxy.host, port: proxy.port, path: url.href, method, headers: { ...headers, Host: url.host, ...(proxy.authorization ? { 'Proxy-Authorization': proxy.authorization } : {}) } })
      : url.protocol === 'https:'
        ? // What is fetched is checked by its signature, not by the TLS of the server it came from.
          https.request(url, { method, headers, rejectUnauthorized: false })
        : http.request(url, { method, headers });
    let settled = false;
    const done = (outcome: FetchOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      resolve(outcome);
    };
    const abort = () => {
      request.destroy();
      done({ ok: false, why: 'cancelled' });
    };
    const timer = setTimeout(() => {
      request.destroy();
      done({ ok: false, why: `no answer within ${Math.max(1, Math.round(remaining / 1000))} s` });
    }, remaining);
    options.signal?.addEventListener('abort', abort, { once: true });
    request.on('error', (error: NodeJS.ErrnoException) => done({ ok: false, why: error.code === 'ECONNREFUSED' ? `${url.host} refused the connection` : error.code === 'ENOTFOUND' ? `${url.hostname} is not a known host name` : error.message }));
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location && redirects < MAX_REDIRECTS) {
        response.resume();
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          return done({ ok: false, why: `a redirect to an unusable URL (${location})` });
        }
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', abort);
        void fetchBytes(next, options, redirects + 1).then(resolve);
        return;
      }
      if (status !== 200) {
        response.resume();
        return done({ ok: false, why: `HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}` });
      }
      const chunks: Buffer[] = [];
      let length = 0;
      response.on('data', (chunk: Buffer) => {
        length += chunk.length;
        if (length > options.maxBytes) {
          request.destroy();
          return done({ ok: false, why: `larger than ${Math.round(options.maxBytes / 1024)} KiB, the most TrustLens reads` });
        }
        chunks.push(chunk);
      });
      response.on('end', () => done({ ok: true, body: new Uint8Array(Buffer.concat(chunks, length)) }));
      response.on('error', (error) => done({ ok: false, why: error.message }));
    });
    request.end(options.post ? Buffer.from(options.post.body) : undefined);
  });
}
