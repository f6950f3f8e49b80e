// Build the certification paths a client would try: from the leaf the server sent, through issuers found
// among the sent certificates and the trust store, to a trust anchor, the way JSSE's PKIX builder
// (java) or OpenSSL's X509_verify_cert (openssl) looks for them. Trust-store issuers are tried first,
// several candidates are backtracked over, and loops and hostile inputs are bounded.
import type { CryptoProvider } from '../crypto-provider';
import { CorruptInputError } from '../errors';
import type { ClientProfile, FoundIn } from '../model/probe';
import { equalBytes, isSelfIssued, parseCertificate, type ParsedCertificate } from '../x509/certificate';

/** A certificate the client trusts in the trust store, with its entry's alias. */
export interface TrustAnchorEntry {
  readonly alias: string;
  readonly der: Uint8Array;
}

/** A certificate the builder can use, with where it came from. */
export interface ChainCertificate {
  readonly parsed: ParsedCertificate;
  readonly sha256: string;
  /** The server sent it (at least once). */
  readonly sent: boolean;
  /** Alias of the trust-store anchor (a certificate the client takes from the store) with the same SHA-256, if any. */
  readonly trustStoreAlias: string | null;
  /** Alias of a trust-store entry that Java treats as this certificate: same SHA-256, or same subject and key. */
  readonly javaAnchorAlias: string | null;
  /** Neither sent nor held: found elsewhere (another store of this machine, a CA Issuers URL), to show where the path goes once it is imported. */
  readonly foundIn?: FoundIn;
}

/** A certificate from elsewhere that the builder may use as an issuer, with where it is. */
export interface FoundCertificate {
  readonly der: Uint8Array;
  readonly foundIn: FoundIn;
}

/**
 * How a candidate path ends:
 * - anchor: at a certificate the client trusts;
 * - untrusted-root: at a self-signed certificate the store does not hold (the leaf itself: SELF_SIGNED);
 * - missing-issuer: the last certificate's issuer was neither sent nor in the store;
 * - loop: the only issuers of the last certificate are already on the path (CAs that certify each other);
 * - bad-signature: a certificate with the issuer's name was found, but it did not sign the last one;
 * - partial: (openssl) reached trust-store certificates that do not end at a self-signed root in the store;
 * - too-long: the depth limit was reached.
 */
export type PathEnd =
  | { readonly kind: 'anchor' }
  | { readonly kind: 'untrusted-root' }
  | { readonly kind: 'missing-issuer' }
  | { readonly kind: 'loop'; readonly issuer: ChainCertificate }
  | { readonly kind: 'bad-signature'; readonly candidate: ChainCertificate }
  | { readonly kind: 'partial' }
  | { readonly kind: 'too-long' };

export interface CertificationPath {
  /** Leaf first. */
  readonly certificates: readonly ChainCertificate[];
  readonly end: PathEnd;
}

export interface CertificatePool {
  readonly leaf: ChainCertificate;
  /** Every distinct certificate (by SHA-256), trust-store ones first, then sent ones in wire order. */
  readonly certificates: readonly ChainCertificate[];
  /** The sent certificates that parse, in wire order (duplicates kept). */
  readonly sent: readonly ParsedCertificate[];
}

/** Paths deeper than this are not followed (OpenSSL's default limit is larger; real chains are 2-5 long). */
export const MAX_PATH_LENGTH = 10;
/** At most this many candidate paths are enumerated; each dead end counts as one. */
export const MAX_PATHS = 32;
/** At most this many same-named issuer candidates are tried for one certificate. */
const MAX_CANDIDATES = 8;

/** Names are compared as RFC 4514 text case- and space-insensitively, as X500Principal/OpenSSL canonicalize. */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Parsed certificates by the identity of their DER array: diagnosing the same probe against several
 * clients or stores (and the same store against several servers) parses each certificate once.
 */
const parsedCache = new WeakMap<Uint8Array, { parsed: ParsedCertificate; sha256: string }>();

function parseWithHash(der: Uint8Array, crypto: CryptoProvider): { parsed: ParsedCertificate; sha256: string } {
  let entry = parsedCache.get(der);
  if (!entry) {
    entry = { parsed: parseCertificate(der), sha256: crypto.digestHex('sha256', der) };
    parsedCache.set(der, entry);
  }
  return entry;
}

function tryParse(der: Uint8Array, crypto: CryptoProvider): { parsed: ParsedCertificate; sha256: string } | undefined {
  try {
    return parseWithHash(der, crypto);
  } catch {
    return undefined;
  }
}

/**
 * Parse what the server sent and what the store trusts into one pool. The leaf must parse; other
 * certificates that do not parse are left out (a client could not use them either). `found`: issuers
 * from elsewhere, after everything else, for the path the client would build once they are imported.
 */
export function certificatePool(
  sent: readonly Uint8Array[],
  trustStore: readonly TrustAnchorEntry[],
  crypto: CryptoProvider,
  found: readonly FoundCertificate[] = [],
): CertificatePool {
  const first = sent[0];
  if (!first) throw new CorruptInputError('The server sent no certificate, so there is nothing to diagnose.');
  let leaf: { parsed: ParsedCertificate; sha256: string };
  try {
    leaf = parseWithHash(first, crypto);
  } catch (error) {
    throw new CorruptInputError(`The server's certificate cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }

  const store: { parsed: ParsedCertificate; sha256: string; alias: string }[] = [];
  for (const entry of trustStore) {
    const parsed = tryParse(entry.der, crypto);
    if (parsed) store.push({ ...parsed, alias: entry.alias });
  }
  const sentParsed = [leaf];
  for (const der of sent.slice(1)) {
    const parsed = tryParse(der, crypto);
    if (parsed) sentParsed.push(parsed);
  }
  const sentShas = new Set(sentParsed.map((c) => c.sha256));

  const javaAlias = (parsed: ParsedCertificate, sha256: string): string | null => {
    const exact = store.find((s) => s.sha256 === sha256);
    if (exact) return exact.alias;
    const key = nameKey(parsed.subject);
    const sameKey = store.find((s) => nameKey(s.parsed.subject) === key && equalBytes(s.parsed.spkiDer, parsed.spkiDer));
    return sameKey ? sameKey.alias : null;
  };

  const bySha = new Map<string, ChainCertificate>();
  for (const s of store) {
    if (bySha.has(s.sha256)) continue;
    bySha.set(s.sha256, { parsed: s.parsed, sha256: s.sha256, sent: sentShas.has(s.sha256), trustStoreAlias: s.alias, javaAnchorAlias: s.alias });
  }
  for (const s of sentParsed) {
    if (bySha.has(s.sha256)) continue;
    bySha.set(s.sha256, { parsed: s.parsed, sha256: s.sha256, sent: true, trustStoreAlias: null, javaAnchorAlias: javaAlias(s.parsed, s.sha256) });
  }
  for (const f of found) {
    const parsed = tryParse(f.der, crypto);
    if (!parsed || bySha.has(parsed.sha256)) continue;
    bySha.set(parsed.sha256, { ...parsed, sent: false, trustStoreAlias: null, javaAnchorAlias: javaAlias(parsed.parsed, parsed.sha256), foundIn: f.foundIn });
  }
  return { leaf: bySha.get(sentParsed[0]!.sha256)!, certificates: [...bySha.values()], sent: sentParsed.map((s) => s.parsed) };
}

/** Memoized signature checks: does `issuer`'s key verify `child`'s signature? */
export class SignatureChecks {
  private readonly results = new Map<string, boolean>();
  constructor(private readonly crypto: CryptoProvider) {}

  verifies(child: ChainCertificate, issuer: ChainCertificate): boolean {
    const key = `${child.sha256}>${issuer.sha256}`;
    let ok = this.results.get(key);
    if (ok === undefined) {
      const c = child.parsed;
      ok = this.crypto.verify(c.signatureAlgorithmDer, issuer.parsed.spkiDer, c.tbsDer, c.signature);
      this.results.set(key, ok);
    }
    return ok;
  }
}

/** Whether the client stops at this certificate because it trusts it. */
export function isAnchor(cert: ChainCertificate, client: ClientProfile): boolean {
  if (client === 'java') return cert.javaAnchorAlias !== null; // any certificate Java takes from the store (see trustAnchors)
  return cert.trustStoreAlias !== null && isSelfIssued(cert.parsed); // a self-signed root in the store
}

function namesChain(issuer: ParsedCertificate, child: ParsedCertificate): boolean {
  return equalBytes(issuer.subjectDer, child.issuerDer) || nameKey(issuer.subject) === nameKey(child.issuer);
}

/** Why no issuer could extend `path`, given the same-named certificates and the first one rejected. */
function deadEnd(
  path: readonly ChainCertificate[],
  sameName: readonly ChainCertificate[],
  rejected: ChainCertificate | undefined,
  inStoreOnly: boolean,
  signatures: SignatureChecks,
): PathEnd {
  const last = path[path.length - 1]!;
  if (isSelfIssued(last.parsed) && signatures.verifies(last, last)) return { kind: 'untrusted-root' };
  if (rejected) return { kind: 'bad-signature', candidate: rejected };
  const loop = sameName.find((c) => c !== last && path.includes(c) && signatures.verifies(last, c));
  if (loop) return { kind: 'loop', issuer: loop };
  return inStoreOnly ? { kind: 'partial' } : { kind: 'missing-issuer' };
}

/**
 * Enumerate candidate paths from the pool's leaf, most preferred first (trust-store issuers before sent
 * ones). Every path ends with a reason; the caller evaluates them and picks the one the client would use.
 */
export function buildPaths(pool: CertificatePool, client: ClientProfile, signatures: SignatureChecks): CertificationPath[] {
  const bySubject = new Map<string, ChainCertificate[]>();
  for (const cert of pool.certificates) {
    const key = nameKey(cert.parsed.subject);
    const list = bySubject.get(key) ?? [];
    list.push(cert);
    bySubject.set(key, list);
  }
  const inStore = (c: ChainCertificate) => (client === 'java' ? c.javaAnchorAlias !== null : c.trustStoreAlias !== null);
  const paths: CertificationPath[] = [];

  const extend = (path: ChainCertificate[], reachedStore: boolean, leftStore: boolean): void => {
    if (paths.length >= MAX_PATHS) return;
    const last = path[path.length - 1]!;
    if (isAnchor(last, client)) {
      // OpenSSL never goes back to the server's certificates once it has a trusted one.
      paths.push({ certificates: path, end: leftStore ? { kind: 'partial' } : { kind: 'anchor' } });
      return;
    }
    if (path.length >= MAX_PATH_LENGTH) {
      paths.push({ certificates: path, end: { kind: 'too-long' } });
      return;
    }
    const sameName = (bySubject.get(nameKey(last.parsed.issuer)) ?? []).filter((c) => namesChain(c.parsed, last.parsed));
    const named = sameName.filter((c) => !path.some((p) => p.sha256 === c.sha256));
    const candidates = [...named.filter(inStore), ...named.filter((c) => !inStore(c))].slice(0, MAX_CANDIDATES);
    let extended = false;
    let rejected: ChainCertificate | undefined;
    for (const candidate of candidates) {
      const akiDiffers = last.parsed.authorityKeyId && candidate.parsed.subjectKeyId && last.parsed.authorityKeyId !== candidate.parsed.subjectKeyId;
      if (akiDiffers || !signatures.verifies(last, candidate)) {
        rejected ??= candidate;
        continue;
      }
      extended = true;
      const trusted = candidate.trustStoreAlias !== null;
      extend([...path, candidate], reachedStore || trusted, leftStore || (reachedStore && !trusted));
      if (paths.length >= MAX_PATHS) return;
    }
    if (extended) return;
    paths.push({ certificates: path, end: deadEnd(path, sameName, rejected, client === 'openssl' && reachedStore, signatures) });
  };

  // The leaf is always the server's copy: OpenSSL takes a store certificate only as someone's issuer.
  extend([pool.leaf], false, false);
  return paths;
}
