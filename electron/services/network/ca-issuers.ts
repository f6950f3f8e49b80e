// Downloading an issuer a server leaves out, from the CA Issuers URL of the certificate it issued (the
// Authority Information Access extension, RFC 5280 §4.2.2.1), as browsers do to complete such chains.
// The answer is a DER certificate or a certs-only PKCS#7 (RFC 5280 says either; PEM is accepted too).
// Nothing is trusted for coming from there: the diagnosis takes a downloaded certificate only where its
// key verifies the signature, and the trust store must still hold a root above it.
// Bounded: http(s) only, a short timeout, a size cap, three redirects; http through HTTP_PROXY as curl does.
import type { KnownCertificate } from '../../../shared/chain/known-issuers';
import type { CryptoProvider } from '../../../shared/crypto-provider';
import { decodeStore } from '../../../shared/formats';
import { caIssuerUrls, type ParsedCertificate } from '../../../shared/x509/certificate';
import { fetchBytes } from './http-fetch';

export const DOWNLOAD_TIMEOUT_MS = 5000;
/** Far more than a certificate or a small PKCS#7 bundle. */
const MAX_BYTES = 256 * 1024;
/** At most this many URLs of one certificate are tried. */
const MAX_URLS = 2;
/** Downloads are kept this long: diagnosing again (another client, an edited store) does not fetch again. */
const CACHE_MS = 10 * 60_000;
/** A URL that failed (a firewall, a timeout) is not tried again for this long: each try may cost the whole timeout. */
const FAILED_CACHE_MS = 60_000;
const MAX_CACHED = 256;

const cache = new Map<string, { at: number; certificates: readonly Uint8Array[] }>();

/** GET `url`; the body, or null for any failure (a hint is only worth the time it takes). */
async function get(url: URL, deadline: number, proxy: string | null | undefined): Promise<Uint8Array | null> {
  const outcome = await fetchBytes(url, { deadline, proxy, maxBytes: MAX_BYTES, accept: 'application/pkix-cert, application/pkcs7-mime, */*' });
  return outcome.ok ? outcome.body : null;
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
