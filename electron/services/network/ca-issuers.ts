// Downloading an issuer a server leaves out, from the CA Issuers URL of the certificate it issued (the
// Authority Information Access extension, RFC 5280 §4.2.2.1), as browsers do to complete such chains.
// The answer is a DER certificate or a certs-only PKCS#7 (RFC 5280 says either; PEM is accepted too).
// Nothing is trusted for coming from there: the diagnosis takes a downloaded certificate only where its
// key verifies the signature, and the trust store must still hold a root above it.
// Bounded: http(s) only, a short timeout, a size cap, three redirects; http through HTTP_PROXY as curl does.
import * as http from 'node:http';
import * as https from 'node:https';
import type { KnownCertificate } from '../../../shared/chain/known-issuers';
import type { CryptoProvider } from '../../../shared/crypto-provider';
import { decodeStore } from '../../../shared/formats';
import { caIssuerUrls, type ParsedCertificate } from '../../../shared/x509/certificate';
import { HTTP_PROXY_VARIABLES, proxyFor, type ProxySetting } from './proxy-tunnel';

export const DOWNLOAD_TIMEOUT_MS = 5000;
/** Far more than a certificate or a small PKCS#7 bundle. */
const MAX_BYTES = 256 * 1024;
const MAX_REDIRECTS = 3;
/** At most this many URLs of one certificate are tried. */
const MAX_URLS = 2;
/** Downloads are kept this long: diagnosing again (another client, an edited store) does not fetch again. */
const CACHE_MS = 10 * 60_000;
/** A URL that failed (a firewall, a timeout) is not tried again for this long: each try may cost the whole timeout. */
const FAILED_CACHE_MS = 60_000;
const MAX_CACHED = 256;

const cache = new Map<string, { at: number; certificates: readonly Uint8Array[] }>();

/** The HTTP proxy for an http:// URL: `given` (null for none), else HTTP_PROXY (then ALL_PROXY) unless NO_PROXY names the host. */
function httpProxyFor(url: URL, given: string | null | undefined): ProxySetting | undefined {
  const target = { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port) || 80 };
  return proxyFor(target, given, process.env, HTTP_PROXY_VARIABLES);
}

/** GET `url`; the body, or null for any failure (a hint is only worth the time it takes). */
function get(url: URL, deadline: number, given: string | null | undefined, redirects = 0): Promise<Uint8Array | null> {
  return new Promise((resolve) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0 || (url.protocol !== 'http:' && url.protocol !== 'https:')) return resolve(null);
    let proxy: ProxySetting | undefined;
    try {
      proxy = url.protocol === 'http:' ? httpProxyFor(url, given) : undefined;
    } catch {
      return resolve(null); // an unusable proxy URL: the probe itself says so
    }
    const headers = { Accept: 'application/pkix-cert, application/pkcs7-mime, */*', 'User-Agent': 'TrustLens' };
    const options: http.RequestOptions = proxy
      ? { host: proxy.host, port: proxy.port, path: url.href, headers: { ...headers, Host: url.host, ...(proxy.authorization ? { 'Proxy-Authorization': proxy.authorization } : {}) } }
      : { headers };
    // The certificate is checked by signature, not by the TLS of the server it came from.
    const request =
      url.protocol === 'https:' && !proxy ? https.get(url, { ...options, rejectUnauthorized: false }) : proxy ? http.get(options) : http.get(url, options);
    const timer = setTimeout(() => request.destroy(), remaining);
    const done = (value: Uint8Array | null) => {
      clearTimeout(timer);
      resolve(value);
    };
    request.on('error', () => done(null));
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location && redirects < MAX_REDIRECTS) {
        response.resume();
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          return done(null);
        }
        clearTimeout(timer);
        void get(next, deadline, given, redirects + 1).then(resolve);
        return;
      }
      if (status !== 200) {
        response.resume();
        return done(null);
      }
      const chunks: Buffer[] = [];
      let length = 0;
      response.on('data', (chunk: Buffer) => {
        length += chunk.length;
        if (length > MAX_BYTES) {
          request.destroy();
          return done(null);
        }
        chunks.push(chunk);
      });
      response.on('end', () => done(new Uint8Array(Buffer.concat(chunks, length))));
      response.on('error', () => done(null));
    });
  });
}

/** The certificates of a download: a DER certificate, a certs-only PKCS#7, or PEM; none if it is something else. */
function certificatesIn(body: Uint8Array, crypto: CryptoProvider): Uint8Array[] {
  try {
    const store = decodeStore(body, { crypto });
    return store.entries.flatMap((entry) => (entry.type === 'trustedCertificate' ? entry.certificates.slice(0, 1) : []));
  } catch {
    return [];
  }
}

/** What the CA Issuers URLs of `cert` serve, as certificates to look among for its issuer. */
/** `proxy`: the one to use for http:// (null: none; default the environment's HTTP_PROXY). */
export async function downloadIssuers(cert: ParsedCertificate, crypto: CryptoProvider, timeoutMs = DOWNLOAD_TIMEOUT_MS, proxy?: string | null): Promise<KnownCertificate[]> {
  const urls = caIssuerUrls(cert)
    .filter((url) => /^https?:\/\//i.test(url))
    .slice(0, MAX_URLS);
  const deadline = Date.now() + timeoutMs;
  const lists = await Promise.all(
    urls.map(async (url): Promise<KnownCertificate[]> => {
      let certificates = cache.get(url);
      const fresh = certificates && Date.now() - certificates.at < (certificates.certificates.length ? CACHE_MS : FAILED_CACHE_MS);
      if (!certificates || !fresh) {
        let parsed: URL;
        try {
          parsed = new URL(url);
        } catch {
          return [];
        }
        const body = await get(parsed, deadline, proxy);
        certificates = { at: Date.now(), certificates: body ? certificatesIn(body, crypto) : [] };
        cache.delete(url);
        cache.set(url, certificates);
        if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
      }
      return certificates.certificates.map((der) => ({ der, foundIn: { label: 'its CA Issuers URL', url } }));
    }),
  );
  return lists.flat();
}
