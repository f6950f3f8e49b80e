// The diagnosis: would this client (Java's JSSE/PKIX or OpenSSL's verify) trust what the server sent,
// using this trust store, and if not, why not and what to do. Builds the candidate paths, checks each the
// way the client does, keeps the one the client would use, and explains its problems, real cause first.
import type { CryptoProvider } from '../crypto-provider';
import type { CertificateSummary } from '../model/certificate';
import type { ClientProfile, Diagnosis, MissingCertificate, PathCertificate, Problem } from '../model/probe';
import { commonName, isSelfIssued, parseCertificate, subjectAltNames, summarize, type ParsedCertificate } from '../x509/certificate';
import { checkEndpoint } from './hostname';
import { buildPaths, certificatePool, nameKey, SignatureChecks, type CertificationPath, type ChainCertificate, type TrustAnchorEntry } from './path-builder';
import { pathFindings, roleAt } from './path-checks';
import { KnownIssuers, type FoundIssuer, type KnownCertificate } from './known-issuers';
import { badSignature, hostnameMismatch, ignoredByJava, issuerLoop, missingIssuer, partialChain, selfSigned, shapeProblem, tooLong, untrustedRoot, type Finding, type Found, type IgnoredCertificate } from './problems';
import { certifies, chainIssues } from './shape';
import { javaCertpathFindings, type JavaRules } from './java-certpath';

export type { TrustAnchorEntry };

/**
 * A certificate the store holds that the client does not trust. `java-attribute`: a PKCS#12 certificate
 * without Java's trusted-key-usage attribute, which Java does not load as a trusted-certificate entry.
 */
export interface IgnoredAnchor extends TrustAnchorEntry {
  readonly reason: 'java-attribute';
}

export interface DiagnoseInput {
  /** What the user asked to diagnose, echoed in the result (e.g. "https://example.com"). */
  readonly target: string;
  /** The host name (or IP address) the client connects to and verifies. */
  readonly host: string;
  /** The SNI name sent, when it differs from `host` (Java checks it first, then `host`; OpenSSL checks only it). */
  readonly servername?: string;
  /** The certificates the server sent, DER, in wire order. */
  readonly sent: readonly Uint8Array[];
  readonly trustStore: readonly TrustAnchorEntry[];
  /** Certificates of the store the client leaves out, so that the diagnosis can say why one is not trusted. */
  readonly ignored?: readonly IgnoredAnchor[];
  /**
   * Certificates from elsewhere (other stores of this machine, a CA Issuers URL), not trusted by this
   * client: where the path lacks an issuer one of them supplies, the diagnosis says where to get it.
   */
  readonly known?: readonly KnownCertificate[];
  readonly client: ClientProfile;
  /** Java: jdk.security.allowNonCaAnchor is true (a system or security property), so JSSE does not check its anchor's CA flags. */
  readonly javaAllowNonCaAnchor?: boolean;
  readonly now?: Date;
  readonly crypto: CryptoProvider;
  /** For Java: the JDK whose java.security decides (jdk.certpath.disabledAlgorithms); absent: JDK 17's built-in checks. */
  readonly java?: JavaRules;
}

interface Evaluation {
  readonly path: CertificationPath;
  readonly blocking: Finding[];
  readonly advisory: Finding[];
  readonly missing: ChainCertificate[];
  /** What the path lacks, found elsewhere (issuer first). */
  readonly found: readonly FoundIssuer[];
}

/** Which ending a client would report: a trusted path first, then the most complete untrusted one. */
const END_RANK: Record<CertificationPath['end']['kind'], number> = {
  anchor: 0,
  'untrusted-root': 1,
  partial: 2,
  'bad-signature': 3,
  'missing-issuer': 4,
  loop: 4,
  'too-long': 5,
};

/** Certificates the store holds but the client ignores, by SHA-256 and by subject. */
interface Ignored {
  readonly bySha256: ReadonlyMap<string, IgnoredCertificate>;
  readonly bySubject: ReadonlyMap<string, IgnoredCertificate>;
}

function ignoredIndex(entries: readonly TrustAnchorEntry[], crypto: CryptoProvider): Ignored {
  const bySha256 = new Map<string, IgnoredCertificate>();
  const bySubject = new Map<string, IgnoredCertificate>();
  for (const entry of entries) {
    try {
      const cert = { alias: entry.alias, subject: parseCertificate(entry.der).subject };
      bySha256.set(crypto.digestHex('sha256', entry.der), cert);
      bySubject.set(nameKey(cert.subject), cert);
    } catch {
      // unreadable: it could not be an anchor either
    }
  }
  return { bySha256, bySubject };
}

interface TrustFinding {
  finding?: Finding;
  missing: ChainCertificate[];
  found?: readonly FoundIssuer[];
}

/** What the diagnosis knows besides the path: certificates the client ignores, and CAs found elsewhere. */
interface Context {
  readonly ignored: Ignored;
  readonly known: KnownIssuers | null;
  /** Whether a certificate of the trust store issued this one (the walk through found certificates stops there). */
  readonly held: (cert: ParsedCertificate) => boolean;
  readonly crypto: CryptoProvider;
}

/** What was found above `last`, for the problem's wording and the diagnosis's `missing`. */
function foundAbove(last: ChainCertificate, context: Context): { found: readonly FoundIssuer[]; wording: Found } {
  const { found, complete } = context.known?.above(last.parsed, context.held) ?? { found: [], complete: false };
  const certificates = found.map((issuer) => ({ subject: issuer.parsed.subject, sha256: context.crypto.digestHex('sha256', issuer.der), selfSigned: isSelfIssued(issuer.parsed), foundIn: issuer.foundIn }));
  return { found, wording: { certificates, complete } };
}

function trustFinding(path: CertificationPath, client: ClientProfile, context: Context): TrustFinding {
  const { ignored } = context;
  const certs = path.certificates;
  const last = certs[certs.length - 1]!;
  const blocking = (problem: Problem): Finding => ({ problem, blocking: true });
  // The certificate that would have made the path trusted, when the store holds it but the client ignores it.
  const held = (path.end.kind === 'untrusted-root' ? ignored.bySha256.get(last.sha256) : undefined) ?? (path.end.kind === 'missing-issuer' ? ignored.bySubject.get(nameKey(last.parsed.issuer)) : undefined);
  const explain = (problem: Problem): Finding => blocking(held ? ignoredByJava(problem, held) : problem);
  switch (path.end.kind) {
    case 'anchor':
      return { missing: [] };
    case 'untrusted-root': {
      if (certs.length === 1) return { finding: explain(selfSigned(last)), missing: [last] };
      const inStore = client === 'openssl' ? certs.find((c) => c.trustStoreAlias !== null) : undefined;
      return { finding: explain(untrustedRoot(last, inStore)), missing: [last] };
    }
    case 'partial': {
      const { found, wording } = foundAbove(last, context);
      return { finding: blocking(partialChain(last, wording)), missing: [], found };
    }
    case 'bad-signature':
      return { finding: blocking(badSignature(last, path.end.candidate)), missing: [] };
    case 'missing-issuer': {
      if (held) return { finding: explain(missingIssuer(last, certs.length === 1)), missing: [] };
      const { found, wording } = foundAbove(last, context);
      return { finding: explain(missingIssuer(last, certs.length === 1, wording, client)), missing: [], found };
    }
    case 'loop':
      return { finding: blocking(issuerLoop(last, path.end.issuer)), missing: [] };
    case 'too-long':
      return { finding: blocking(tooLong()), missing: [] };
  }
}

function evaluate(path: CertificationPath, input: DiagnoseInput, now: Date, context: Context): Evaluation {
  const certs = path.certificates;
  // A self-signed root the store lacks is checked as the anchor it would be once imported.
  const hasAnchor = path.end.kind === 'anchor' || path.end.kind === 'untrusted-root';
  const anchorIndex = hasAnchor ? certs.length - 1 : -1;
  const trust = trustFinding(path, input.client, context);
  const found = pathFindings(certs, { client: input.client, now, anchorIndex, allowNonCaAnchor: input.javaAllowNonCaAnchor === true || (input.client === 'java' && input.java?.java.allowNonCaAnchor === true) });
  const leaf = certs[0]!;
  const names = subjectAltNames(leaf.parsed);
  const hostname = checkEndpoint(input.host, input.servername, { subjectAltNames: names, commonName: commonName(leaf.parsed) }, input.client);
  const hostFinding: Finding[] = hostname.matches ? [] : [{ problem: hostnameMismatch(hostname.checked, hostname, names), blocking: true }];
  // With a JDK's rules, its jdk.certpath.disabledAlgorithms decides what Java refuses (AlgorithmChecker runs
  // before the other PKIX checks); the built-in strength checks only warn then.
  const java = input.client === 'java' && input.java ? input.java : undefined;
  const algorithms = java ? javaCertpathFindings(certs, anchorIndex, (i) => roleAt(certs, i), { ...java, now }) : [];
  const refused = certs.filter((cert) => algorithms.some((f) => f.problem.message.includes(`'${cert.parsed.subject}'`))).map((cert) => `'${cert.parsed.subject}'`);
  const strength = java ? found.strength.filter((f) => !f.blocking && !refused.some((name) => f.problem.message.includes(name))) : found.strength;
  // Java checks names with basicConstraints, certificate by certificate, and its anchor once the path
  // is valid; OpenSSL checks name constraints after every other check of the chain (x509_vfy.c verify_chain).
  const ordered =
    input.client === 'java'
      ? [...(trust.finding ? [trust.finding] : []), ...algorithms, ...found.constraints, ...found.names, ...found.validity, ...found.anchor, ...hostFinding, ...strength]
      : [...(trust.finding ? [trust.finding] : []), ...found.constraints, ...found.validity, ...hostFinding, ...strength, ...found.names];
  return {
    path,
    blocking: ordered.filter((f) => f.blocking),
    advisory: ordered.filter((f) => !f.blocking),
    missing: trust.missing,
    found: trust.found ?? [],
  };
}

function pathCertificate(summary: CertificateSummary, cert: ChainCertificate): PathCertificate {
  if (cert.foundIn) return { ...summary, source: 'found', trustStoreAlias: null, foundIn: cert.foundIn };
  return { ...summary, source: cert.sent ? 'sent' : 'truststore', trustStoreAlias: cert.trustStoreAlias };
}

/**
 * Issuers found elsewhere that lead into the store (the walk stopped at a CA the store holds an issuer
 * of): the path the client would build once they are imported, from the leaf through them to the store's
 * anchor, checked like any other path (an expired root of the store shows now, not after the import).
 * Its first problem stays the one that names what to import; null when no such path reaches an anchor.
 */
function throughFound(best: Evaluation, input: DiagnoseInput, now: Date, context: Context): Evaluation | null {
  const top = best.found[best.found.length - 1];
  const trust = best.blocking[0];
  if (!top || isSelfIssued(top.parsed) || !trust) return null;
  const pool = certificatePool(input.sent, input.trustStore, input.crypto, best.found);
  const candidates = buildPaths(pool, input.client, new SignatureChecks(input.crypto))
    .filter((path) => path.end.kind === 'anchor' && path.certificates.some((cert) => cert.foundIn))
    .map((path): Evaluation => {
      const evaluation = evaluate(path, input, now, context);
      return { ...evaluation, blocking: [trust, ...evaluation.blocking], found: best.found };
    });
  return candidates.sort((a, b) => a.blocking.length - b.blocking.length)[0] ?? null;
}

/** Decide whether `input.client` trusts the server with this trust store, and explain why not. */
export function diagnose(input: DiagnoseInput): Diagnosis {
  const now = input.now ?? new Date();
  const pool = certificatePool(input.sent, input.trustStore, input.crypto);
  const signatures = new SignatureChecks(input.crypto);
  const summaries = new Map<string, CertificateSummary>();
  const summaryOf = (cert: ChainCertificate): CertificateSummary => {
    let summary = summaries.get(cert.sha256);
    if (!summary) {
      summary = summarize(cert.parsed, input.crypto);
      summaries.set(cert.sha256, summary);
    }
    return summary;
  };

  const context: Context = {
    ignored: ignoredIndex(input.ignored ?? [], input.crypto),
    known: input.known?.length ? new KnownIssuers(input.known, input.crypto) : null,
    held: (cert) => pool.certificates.some((c) => c.trustStoreAlias !== null && certifies(c.parsed, cert, input.crypto)),
    crypto: input.crypto,
  };
  const evaluations = buildPaths(pool, input.client, signatures).map((path) => evaluate(path, input, now, context));
  // Stable: among equals, the order the builder tried them (trust-store issuers first) wins.
  const sorted = [...evaluations].sort(
    (a, b) => END_RANK[a.path.end.kind] - END_RANK[b.path.end.kind] || a.blocking.length - b.blocking.length,
  )[0]!;
  const best = throughFound(sorted, input, now, context) ?? sorted;

  const certs = best.path.certificates;
  const foundSummaries: MissingCertificate[] = best.found.map((issuer) => {
    const summary = summarize(issuer.parsed, input.crypto);
    return { ...summary, role: summary.selfSigned ? 'root' : 'intermediate', foundIn: issuer.foundIn };
  });
  const problems: Problem[] = [...best.blocking, ...best.advisory].map((f) => f.problem);
  for (const issue of chainIssues(pool.sent, input.crypto)) {
    if (problems.some((p) => p.code === issue.code)) continue;
    problems.push(shapeProblem(issue));
  }
  return {
    target: input.target,
    client: input.client,
    trusted: best.blocking.length === 0,
    path: certs.map((cert, i) => pathCertificate({ ...summaryOf(cert), role: roleAt(certs, i) }, cert)),
    problems,
    missing: [...best.missing.map((cert) => ({ ...summaryOf(cert), role: roleAt(certs, certs.indexOf(cert)) })), ...foundSummaries],
    ...(input.client === 'java' && input.java ? { java: { home: input.java.java.home, version: input.java.java.version } } : {}),
  };
}
