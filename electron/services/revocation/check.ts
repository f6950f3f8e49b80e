// Is this certificate revoked? Its sources in the order certigo and browsers use them: the OCSP response
// the server stapled (the leaf only), else the OCSP responders of its AIA, else the CRLs of its CRL
// Distribution Points. The first answer that verifies wins, "unknown" included (the responder is the CA's
// word on it, as `openssl ocsp` reports it); an answer that does not verify is never taken, only listed
// with why, and the next source is tried.
// Bounded: two URLs per kind, a timeout per request, size caps, answers cached for a minute (as CA
// Issuers downloads are), through the same proxy settings.
import type { CryptoProvider } from '../../../shared/crypto-provider';
import type { RevocationAttempt, RevocationCheck, RevocationSource } from '../../../shared/model/revocation';
import { parseCertificate, type ParsedCertificate } from '../../../shared/x509/certificate';
import { revocationEndpoints } from '../../../shared/chain/revocation';
import { nodeCrypto } from '../crypto/node-crypto';
import { fetchBytes } from '../network/http-fetch';
import type { StatusAnswer } from './answer';
import { readCrl } from './crl';
import { nonceExtensionValue, ocspRequest, readOcspResponse } from './ocsp';

export const REVOCATION_TIMEOUT_MS = 5000;
const MAX_URLS = 2;
const MAX_OCSP_BYTES = 64 * 1024;
/** Large CAs publish CRLs of a few MB; more than this is refused, not read. */
export const MAX_CRL_BYTES = 10 * 1024 * 1024;
const CACHE_MS = 60_000;
const MAX_CACHED = 64;

export interface RevocationOptions {
  /** The server's stapled OCSP response (DER), for the leaf. */
  readonly staple?: Uint8Array;
  /** False: nothing is fetched; only a staple is read (--no-download). */
  readonly download?: boolean;
  readonly proxy?: string | null;
  readonly signal?: AbortSignal;
  /** Each request's limit; default 5 s. */
  readonly timeoutMs?: number;
  readonly now?: Date;
  readonly crypto?: CryptoProvider;
}

/** Raw bodies fetched lately (CRLs by URL, OCSP answers by URL and request), so a second check costs nothing. */
const cache = new Map<string, { at: number; body: Uint8Array }>();

function cached(key: string): Uint8Array | undefined {
  const hit = cache.get(key);
  if (!hit || Date.now() - hit.at > CACHE_MS) return undefined;
  return hit.body;
}

function remember(key: string, body: Uint8Array): void {
  cache.delete(key);
  cache.set(key, { at: Date.now(), body });
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
}

/** Forget every cached answer (tests that change what a responder says). */
export function clearRevocationCache(): void {
  cache.clear();
}

interface Source {
  readonly source: RevocationSource;
  readonly url?: string;
  readonly ask: () => Promise<StatusAnswer>;
}

function sourcesFor(cert: ParsedCertificate, issuer: ParsedCertificate, options: RevocationOptions, crypto: CryptoProvider): Source[] {
  // An answer is judged at the time it arrived, as OpenSSL checks a CRL's times when it verifies: a CRL made
  // while the request was on its way has a thisUpdate after the request was sent (CI saw one, a second later).
  const at = () => options.now ?? new Date();
  const timeoutMs = options.timeoutMs ?? REVOCATION_TIMEOUT_MS;
  const sources: Source[] = [];
  if (options.staple) {
    const staple = options.staple;
    sources.push({ source: 'staple', ask: async () => readOcspResponse(staple, { cert, issuer, now: at(), crypto }) });
  }
  if (options.download === false) return sources;
  const endpoints = revocationEndpoints(cert);
  for (const url of endpoints.ocsp.slice(0, MAX_URLS)) {
    sources.push({
      source: 'ocsp',
      url,
      ask: async () => {
        const parsed = safeUrl(url);
        if (!parsed) return { ok: false, why: 'the URL does not parse' };
        const nonce = crypto.randomBytes(16);
        const request = ocspRequest(cert, issuer, nonce, crypto);
        const fetched = await fetchBytes(parsed, {
          deadline: Date.now() + timeoutMs,
          maxBytes: MAX_OCSP_BYTES,
          accept: 'application/ocsp-response',
          post: { body: request, contentType: 'application/ocsp-request' },
          ...(options.proxy !== undefined ? { proxy: options.proxy } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        });
        if (!fetched.ok) return { ok: false, why: fetched.why };
        return readOcspResponse(fetched.body, { cert, issuer, now: at(), crypto, nonce: nonceExtensionValue(nonce) });
      },
    });
  }
  for (const url of endpoints.crl.slice(0, MAX_URLS)) {
    sources.push({
      source: 'crl',
      url,
      ask: async () => {
        const parsed = safeUrl(url);
        if (!parsed) return { ok: false, why: 'the URL does not parse' };
        let body = cached(`crl ${url}`);
        if (!body) {
          const fetched = await fetchBytes(parsed, {
            deadline: Date.now() + timeoutMs,
            maxBytes: MAX_CRL_BYTES,
            accept: 'application/pkix-crl, */*',
            ...(options.proxy !== undefined ? { proxy: options.proxy } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
          });
          if (!fetched.ok) return { ok: false, why: fetched.why };
          body = fetched.body;
          remember(`crl ${url}`, body);
        }
        return readCrl(body, { cert, issuer, now: at(), crypto });
      },
    });
  }
  return sources;
}

function safeUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** A verified answer as the check that reports it. */
function fromAnswer(answer: Extract<StatusAnswer, { ok: true }>, source: Source, attempts: readonly RevocationAttempt[]): RevocationCheck {
  return {
    status: answer.status,
    source: source.source,
    ...(source.url ? { url: source.url } : {}),
    ...(answer.revokedAt ? { revokedAt: answer.revokedAt } : {}),
    ...(answer.reason ? { reason: answer.reason } : {}),
    ...(answer.thisUpdate ? { thisUpdate: answer.thisUpdate } : {}),
    ...(answer.nextUpdate ? { nextUpdate: answer.nextUpdate } : {}),
    ...(answer.why ? { why: answer.why } : {}),
    attempts,
  };
}

function attempt(source: Source, answer: StatusAnswer): RevocationAttempt {
  return {
    source: source.source,
    ...(source.url ? { url: source.url } : {}),
    status: answer.ok ? answer.status : 'unchecked',
    ...(answer.why ? { why: answer.why } : {}),
  };
}

/** Where nothing answered: one sentence from what was tried. */
function uncheckedWhy(cert: ParsedCertificate, attempts: readonly RevocationAttempt[], options: RevocationOptions): string {
  if (attempts.length) return attempts.map((a) => `${a.source === 'staple' ? 'the stapled response' : a.url}: ${a.why ?? a.status}`).join('; ');
  const endpoints = revocationEndpoints(cert);
  if (options.download === false && (endpoints.ocsp.length || endpoints.crl.length)) return 'downloads are off (--no-download) and the server stapled no OCSP response';
  return 'it names no OCSP responder and no CRL distribution point, and no OCSP response was stapled';
}

/** The revocation status of `certDer`, issued by `issuerDer` (undefined: its issuer is not known, so nothing can be verified). */
export async function checkRevocation(certDer: Uint8Array, issuerDer: Uint8Array | undefined, options: RevocationOptions = {}): Promise<RevocationCheck> {
  const crypto = options.crypto ?? nodeCrypto;
  const cert = parseCertificate(certDer);
  if (!issuerDer) return { status: 'unchecked', why: 'its issuer is not known (not sent, not in the trust store), so no answer could be verified' };
  const issuer = parseCertificate(issuerDer);
  const attempts: RevocationAttempt[] = [];
  for (const source of sourcesFor(cert, issuer, options, crypto)) {
    if (options.signal?.aborted) break;
    const answer = await source.ask();
    attempts.push(attempt(source, answer));
    if (answer.ok) return fromAnswer(answer, source, attempts);
  }
  return { status: 'unchecked', why: uncheckedWhy(cert, attempts, options), ...(attempts.length ? { attempts } : {}) };
}

/**
 * Every certificate of a path (leaf first; each is checked against the next one as its issuer), the first
 * `count` of them (default all but the last, the anchor), in parallel; the staple goes with the leaf.
 */
export async function checkChainRevocation(path: readonly Uint8Array[], options: RevocationOptions & { readonly count?: number } = {}): Promise<RevocationCheck[]> {
  const count = Math.min(options.count ?? path.length - 1, path.length);
  const { staple, ...rest } = options;
  return Promise.all(path.slice(0, count).map((der, i) => checkRevocation(der, path[i + 1], i === 0 && staple ? { ...rest, staple } : rest)));
}
