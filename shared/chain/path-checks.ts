// The checks a client makes on a certification path once it has one: CA flags, path lengths and key
// usages, name constraints (name-constraints.ts), Java's checks of its trust anchor, validity dates, and
// key / signature strength, with the differences between JSSE's PKIX validator and OpenSSL's verify (at
// OpenSSL's usual security level 2). Hostnames are in hostname.ts.
import type { CertificateRole } from '../model/certificate';
import type { ClientProfile } from '../model/probe';
import { isSelfIssued, keyInfo, signatureAlgorithmName, type ParsedCertificate } from '../x509/certificate';
import type { ChainCertificate } from './path-builder';
import { nameConstraintViolations } from './name-constraints';
import { caKeyUsage, expired, javaAnchorNotCa, nameConstraints, notACa, notYetValid, pathLength, serverUsage, weakKey, weakSignature, type Finding } from './problems';

export interface PathContext {
  readonly client: ClientProfile;
  readonly now: Date;
  /** Index of the trust anchor (or of the self-signed root that would be one once imported); -1 if none. */
  readonly anchorIndex: number;
  /** Java's jdk.security.allowNonCaAnchor: skip the checks of the anchor's own CA flags. */
  readonly allowNonCaAnchor?: boolean;
}

export interface PathFindings {
  readonly constraints: Finding[];
  /** Names outside the name constraints of a CA above them (name-constraints.ts). */
  readonly names: Finding[];
  /** Java's checks of the trust anchor itself, made after the path is valid. */
  readonly anchor: Finding[];
  readonly validity: Finding[];
  readonly strength: Finding[];
}

const EKU_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const EKU_ANY = '2.5.29.37.0';
const EKU_SGC = ['2.16.840.1.113730.4.1', '1.3.6.1.4.1.311.10.3.3']; // Netscape / Microsoft server gated crypto

/** Signature algorithms broken by collisions: MD2, MD5 and SHA-1 (with RSA, ECDSA or DSA). */
const MD5_SIGNATURES = new Set(['1.2.840.113549.1.1.2', '1.2.840.113549.1.1.4']);
const SHA1_SIGNATURES = new Set(['1.2.840.113549.1.1.5', '1.2.840.10045.4.1', '1.2.840.10040.4.3', '1.3.14.3.2.29']);

/** OpenSSL's security level 2 (Debian, Ubuntu, RHEL defaults) asks for 112-bit security. */
const OPENSSL_MIN_RSA_BITS = 2048;
const MIN_EC_BITS = 224;
/** JSSE's jdk.certpath.disabledAlgorithms rejects RSA and DSA keys under 1024 bits. */
const JAVA_MIN_RSA_BITS = 1024;
const RECOMMENDED_RSA_BITS = 2048;

export function roleAt(path: readonly ChainCertificate[], index: number): CertificateRole {
  if (index === 0) return 'leaf';
  if (index === path.length - 1 && isSelfIssued(path[index]!.parsed)) return 'root';
  return 'intermediate';
}

/**
 * Whether the client takes `cert` as a CA. JSSE wants basicConstraints CA:true. OpenSSL 3 (check_chain:
 * "X509_V_FLAG_X509_STRICT is implicit for intermediate CAs") wants it too below the top of the chain,
 * and only at the top (the trust anchor, or the root that would be one) tolerates a CA without
 * basicConstraints whose keyUsage allows certificate signing, or a version 1 self-signed root.
 */
function isCa(cert: ParsedCertificate, client: ClientProfile, atTop: boolean): boolean {
  if (cert.basicConstraints) return cert.basicConstraints.ca;
  if (client === 'openssl' && atTop) return cert.keyUsage?.includes('keyCertSign') === true || (cert.asn.tbsCertificate.version === 0 && isSelfIssued(cert));
  return false;
}

/**
 * JSSE's PKIXValidator.verifyTrustAnchor, run once the path is valid: a version 3 anchor must have
 * basicConstraints CA:true and, with a keyUsage, keyCertSign; a version 1 anchor passes, and so does the
 * server's own certificate found in the store (the validator returns before looking at it). The
 * system or security property jdk.security.allowNonCaAnchor=true (or empty) turns the check off.
 */
function javaAnchorFindings(path: readonly ChainCertificate[], ctx: PathContext): Finding[] {
  if (ctx.client !== 'java' || ctx.anchorIndex < 1 || ctx.allowNonCaAnchor) return [];
  const anchor = path[ctx.anchorIndex]!;
  const p = anchor.parsed;
  if (p.asn.tbsCertificate.version < 2) return [];
  const child = path[ctx.anchorIndex - 1]!;
  if (!p.basicConstraints?.ca) return [{ problem: javaAnchorNotCa(anchor, child, false), blocking: true }];
  if (p.keyUsage && !p.keyUsage.includes('keyCertSign')) return [{ problem: javaAnchorNotCa(anchor, child, true), blocking: true }];
  return [];
}

function allowsServerAuth(cert: ParsedCertificate, client: ClientProfile): boolean {
  const eku = cert.extendedKeyUsage;
  if (!eku) return true;
  if (eku.includes(EKU_SERVER_AUTH)) return true;
  return client === 'java' ? eku.includes(EKU_ANY) : EKU_SGC.some((oid) => eku.includes(oid));
}

function ekuNames(cert: ParsedCertificate): string[] {
  const names: Record<string, string> = { [EKU_SERVER_AUTH]: 'serverAuth', '1.3.6.1.5.5.7.3.2': 'clientAuth', [EKU_ANY]: 'anyExtendedKeyUsage' };
  return (cert.extendedKeyUsage ?? []).map((oid) => names[oid] ?? oid);
}

function leafKeyUsageOk(cert: ParsedCertificate, client: ClientProfile): boolean {
  const ku = cert.keyUsage;
  if (!ku) return true;
  // TLS 1.3 and ECDHE need a signing key; OpenSSL also accepts the RSA/DH key-exchange usages.
  if (client === 'java') return ku.includes('digitalSignature');
  return ku.includes('digitalSignature') || ku.includes('keyEncipherment') || ku.includes('keyAgreement');
}

function constraintFindings(path: readonly ChainCertificate[], ctx: PathContext): Finding[] {
  const out: Finding[] = [];
  const checked = (i: number) => ctx.client === 'openssl' || i !== ctx.anchorIndex;
  let intermediatesBelow = 0;
  for (let i = 0; i < path.length; i++) {
    const cert = path[i]!;
    const p = cert.parsed;
    if (i === 0) {
      if (checked(0) && !allowsServerAuth(p, ctx.client)) out.push({ problem: serverUsage(cert, 'leaf', 'extendedKeyUsage', ekuNames(p)), blocking: true });
      if (checked(0) && !leafKeyUsageOk(p, ctx.client)) out.push({ problem: serverUsage(cert, 'leaf', 'keyUsage', p.keyUsage ?? []), blocking: true });
      continue;
    }
    const child = path[i - 1]!;
    if (checked(i)) {
      if (p.keyUsage && !p.keyUsage.includes('keyCertSign')) out.push({ problem: caKeyUsage(cert, child), blocking: true });
      else if (!isCa(p, ctx.client, i === path.length - 1)) out.push({ problem: notACa(cert, child), blocking: true });
      const limit = p.basicConstraints?.pathLength;
      if (limit !== undefined && intermediatesBelow > limit) out.push({ problem: pathLength(cert, limit, intermediatesBelow), blocking: true });
      // OpenSSL applies the server purpose to CA certificates too: an extendedKeyUsage must allow it.
      if (ctx.client === 'openssl' && !allowsServerAuth(p, 'openssl')) {
        out.push({ problem: serverUsage(cert, roleAt(path, i), 'extendedKeyUsage', ekuNames(p)), blocking: true });
      }
    }
    if (!isSelfIssued(p)) intermediatesBelow++;
  }
  return out;
}

function validityFindings(path: readonly ChainCertificate[], ctx: PathContext): Finding[] {
  const out: Finding[] = [];
  path.forEach((cert, i) => {
    // Java's PKIX validator does not check the trust anchor's dates; OpenSSL checks every certificate.
    if (ctx.client === 'java' && i === ctx.anchorIndex) return;
    const role = roleAt(path, i);
    if (cert.parsed.notAfter.getTime() < ctx.now.getTime()) out.push({ problem: expired(cert, role), blocking: true });
    else if (cert.parsed.notBefore.getTime() > ctx.now.getTime()) out.push({ problem: notYetValid(cert, role, ctx.now), blocking: true });
  });
  return out;
}

function strengthFindings(path: readonly ChainCertificate[], ctx: PathContext): Finding[] {
  const out: Finding[] = [];
  const last = path.length - 1;
  path.forEach((cert, i) => {
    const role = roleAt(path, i);
    // Nobody checks the signature of the anchor (or of a self-signed root): its own signature proves nothing.
    const signatureMatters = i !== ctx.anchorIndex && !(i === last && isSelfIssued(cert.parsed));
    const oid = cert.parsed.asn.signatureAlgorithm.algorithm;
    if (signatureMatters && (MD5_SIGNATURES.has(oid) || SHA1_SIGNATURES.has(oid))) {
      // JSSE refuses MD5 everywhere but SHA-1 only below the JDK's own root CAs; OpenSSL refuses both.
      const blocking = ctx.client === 'openssl' || MD5_SIGNATURES.has(oid);
      out.push({ problem: weakSignature(cert, role, signatureAlgorithmName(cert.parsed), ctx.client, blocking), blocking });
    }
    const key = keyInfo(cert.parsed);
    if (key.size === undefined) return;
    const rsaLike = key.algorithm === 'RSA' || key.algorithm === 'RSASSA-PSS' || key.algorithm === 'DSA';
    if (rsaLike && key.size < RECOMMENDED_RSA_BITS) {
      const blocking = ctx.client === 'openssl' ? key.size < OPENSSL_MIN_RSA_BITS : key.size < JAVA_MIN_RSA_BITS;
      out.push({ problem: weakKey(cert, role, key.algorithm, key.size, ctx.client, blocking), blocking });
    } else if (key.algorithm === 'EC' && key.size < MIN_EC_BITS) {
      out.push({ problem: weakKey(cert, role, key.algorithm, key.size, ctx.client, true), blocking: true });
    }
  });
  return out;
}

/** Everything the client would object to on this path, by kind (hostname and trust come from elsewhere). */
export function pathFindings(path: readonly ChainCertificate[], ctx: PathContext): PathFindings {
  const names = nameConstraintViolations(path, ctx.client, ctx.anchorIndex).map((v) => ({ problem: nameConstraints(path, v, ctx.client, ctx.anchorIndex), blocking: true }));
  return {
    constraints: constraintFindings(path, ctx),
    names,
    anchor: javaAnchorFindings(path, ctx),
    validity: validityFindings(path, ctx),
    strength: strengthFindings(path, ctx),
  };
}
