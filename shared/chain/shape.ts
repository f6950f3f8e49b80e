// Chain-shape findings about what a server sent (CLI-CONTRACT.md, probe `chainIssues`): whether the sent
// certificates form the leaf's path in order, stop short of it, include the root, or carry extras.
// Pure: signatures are checked through the injected CryptoProvider.
import type { CryptoProvider } from '../crypto-provider';
import type { ChainIssue } from '../model/probe';
import { caIssuerUrls, commonName, equalBytes, issuerCommonName } from '../x509/certificate';
import type { ParsedCertificate } from '../x509/certificate';

/** Whether `issuer` certifies `subject`: names chain, key identifiers agree where present, signature verifies. */
export function certifies(issuer: ParsedCertificate, subject: ParsedCertificate, crypto: CryptoProvider): boolean {
  if (!equalBytes(issuer.subjectDer, subject.issuerDer) && issuer.subject !== subject.issuer) return false;
  if (issuer.subjectKeyId && subject.authorityKeyId && issuer.subjectKeyId !== subject.authorityKeyId) return false;
  return crypto.verify(subject.signatureAlgorithmDer, issuer.spkiDer, subject.tbsDer, subject.signature);
}

/** " (browsers download it from http://…, the CA Issuers URL it names; …)", when the certificate names one. */
function caIssuersHint(cert: ParsedCertificate): string {
  const [url] = caIssuerUrls(cert);
  return url ? ` (browsers download it from ${url}, the CA Issuers URL it names; Java and OpenSSL do not)` : '';
}

function label(cert: ParsedCertificate): string {
  return commonName(cert) ?? cert.subject;
}

function issuerLabel(cert: ParsedCertificate): string {
  return issuerCommonName(cert) ?? cert.issuer;
}

/** Memoized "does sent[i] certify sent[j]" over the distinct certificates. */
class Certification {
  private readonly cache = new Map<string, boolean>();
  constructor(
    private readonly certs: readonly ParsedCertificate[],
    private readonly crypto: CryptoProvider,
  ) {}

  check(issuer: number, subject: number): boolean {
    const key = `${issuer}>${subject}`;
    let result = this.cache.get(key);
    if (result === undefined) {
      result = certifies(this.certs[issuer]!, this.certs[subject]!, this.crypto);
      this.cache.set(key, result);
    }
    return result;
  }

  selfSigned(index: number): boolean {
    return this.check(index, index);
  }
}

/**
 * The leaf's path through the distinct sent certificates (indexes into `distinct`), leaf first. At each
 * step the next certificate sent is preferred when it certifies the current one, then any other.
 */
function leafPath(distinct: readonly number[], certification: Certification): number[] {
  const path = [distinct[0]!];
  const onPath = new Set(path);
  for (;;) {
    const current = path[path.length - 1]!;
    if (certification.selfSigned(current)) break;
    const position = distinct.indexOf(current);
    const candidates = [...distinct.slice(position + 1), ...distinct.slice(0, position)];
    const issuer = candidates.find((i) => !onPath.has(i) && certification.check(i, current));
    if (issuer === undefined) break;
    path.push(issuer);
    onPath.add(issuer);
  }
  return path;
}

/** Chain-shape findings for certificates in the order a server sent them; most important first. */
export function chainIssues(sent: readonly ParsedCertificate[], crypto: CryptoProvider): ChainIssue[] {
  if (sent.length === 0) return [];
  const certification = new Certification(sent, crypto);
  const position = (i: number) => `#${i + 1}`;

  // First occurrence of each distinct certificate, in wire order; later copies are duplicates.
  const distinct: number[] = [];
  const copies = new Map<number, number[]>(); // first occurrence -> every position it was sent at
  sent.forEach((cert, index) => {
    const first = distinct.find((d) => equalBytes(sent[d]!.der, cert.der));
    if (first === undefined) {
      distinct.push(index);
      copies.set(index, [index]);
    } else copies.get(first)!.push(index);
  });

  const path = leafPath(distinct, certification);
  const last = path[path.length - 1]!;
  const leaf = sent[0]!;
  const incomplete: ChainIssue[] = [];
  const order: ChainIssue[] = [];
  const anchors: ChainIssue[] = [];
  const extras: ChainIssue[] = [];

  // A leaf sent alone whose issuer is elsewhere: clients must already hold that issuer. (When the path
  // ends at a CA certificate, its issuer is normally the root that clients trust, which need not be sent.)
  if (path.length === 1 && !certification.selfSigned(last)) {
    incomplete.push({
      code: 'INCOMPLETE_CHAIN',
      message: `only ${label(leaf)} was sent on its path: its issuer ${issuerLabel(leaf)} was not sent, so clients that do not already have it cannot build the chain${caIssuersHint(leaf)}`,
    });
  }

  // The path must be sent first and in order: each certificate certified by the one after it.
  const mismatch = path.findIndex((cert, i) => distinct[i] !== cert);
  if (mismatch !== -1) {
    const expected = path[mismatch]!;
    const actual = distinct[mismatch]!;
    order.push({
      code: 'WRONG_ORDER',
      message: `${label(sent[actual]!)} (${position(actual)}) does not certify ${label(sent[distinct[mismatch - 1]!]!)} before it; ${label(sent[expected]!)} (${position(expected)}) should come next`,
    });
  } else if (leaf.basicConstraints?.ca) {
    // A CA certificate sent first while a certificate it issued comes later: the leaf is not first.
    const issued = distinct.find((i) => i !== distinct[0] && !sent[i]!.basicConstraints?.ca && certification.check(distinct[0]!, i));
    if (issued !== undefined) {
      order.push({
        code: 'WRONG_ORDER',
        message: `the server's own certificate must come first, but CA certificate ${label(leaf)} was sent before ${label(sent[issued]!)} (${position(issued)})`,
      });
    }
  }

  // A self-signed server certificate is the SELF_SIGNED diagnosis, not a root sent alongside the chain.
  for (const index of distinct.slice(1)) {
    if (!certification.selfSigned(index)) continue;
    anchors.push({
      code: 'CONTAINS_ANCHOR',
      message: `the self-signed root ${label(sent[index]!)} (${position(index)}) was sent; clients use their own trusted copy, so it can be left out`,
    });
  }

  const onPath = new Set(path);
  for (const index of distinct) {
    if (onPath.has(index)) continue;
    extras.push({
      code: 'EXTRA_CERTS',
      message: `${label(sent[index]!)} (${position(index)}) is not on the path of ${label(leaf)} and can be removed`,
    });
  }
  for (const positions of copies.values()) {
    if (positions.length < 2) continue;
    extras.push({
      code: 'EXTRA_CERTS',
      message: `${label(sent[positions[0]!]!)} was sent ${positions.length} times (${positions.map(position).join(', ')}); send it once`,
    });
  }

  return [...incomplete, ...order, ...anchors, ...extras];
}
