// Where exported and imported certificates come from: the chain a server sent (with its root from a
// trust store when the server did not send it), the entries of a store or certificate file, or PEM text.
// Each certificate gets a role: from a probed chain by its place on the path the server's leaf builds
// (leaf first, the self-signed certificate at the end is the root, intermediates between); from a file
// by what it is (a self-signed CA is a root, another CA an intermediate, anything else a leaf).
import type { CryptoProvider } from '../../../shared/crypto-provider';
import { diagnose } from '../../../shared/chain/diagnose';
import { CorruptInputError, UsageError } from '../../../shared/errors';
import type { DecodedStore } from '../../../shared/formats/codec';
import { pemCodec } from '../../../shared/formats/pem/pem-bundle';
import type { CertificateRole, CertificateSummary } from '../../../shared/model/certificate';
import { isSelfIssued, parseCertificate, summarize } from '../../../shared/x509/certificate';
import { nodeCrypto } from '../crypto/node-crypto';
import { trustAnchors } from '../diagnosis/probe-service';
import type { ProbeRecord } from '../tls/probe';

export interface SourceCertificate {
  readonly der: Uint8Array;
  /** The summary, with `role` set. */
  readonly summary: CertificateSummary & { readonly role: CertificateRole };
  /** 'sent' by the server, taken from the 'truststore' given for the missing root, or read from a 'file'. */
  readonly origin: 'sent' | 'truststore' | 'file';
}

export interface CertificateSource {
  /** What the certificates came from, for messages and file names: "host:port" or a file name. */
  readonly label: string;
  /** Distinct (by SHA-256): a probed chain leaf to root, a file in its own order. */
  readonly certificates: readonly SourceCertificate[];
  /** Things a person should know, e.g. that the server did not send its root. */
  readonly notes: readonly string[];
}

export const ALL_ROLES: ReadonlySet<CertificateRole> = new Set(['leaf', 'intermediate', 'root']);
export const DEFAULT_ROLES: ReadonlySet<CertificateRole> = new Set(['root', 'intermediate']);

const ROLE_WORDS: Record<string, CertificateRole> = {
  root: 'root',
  roots: 'root',
  intermediate: 'intermediate',
  intermediates: 'intermediate',
  leaf: 'leaf',
  leaves: 'leaf',
  leafs: 'leaf',
};

/** "root,intermediates,leaf" or "all" (as --certs takes them) to a set of roles. */
export function parseRoles(text: string | readonly string[]): Set<CertificateRole> {
  const words = (typeof text === 'string' ? text.split(',') : text).map((w) => w.trim().toLowerCase()).filter(Boolean);
  if (words.length === 0) throw new UsageError('--certs needs at least one of root, intermediates, leaf (or all).');
  const roles = new Set<CertificateRole>();
  for (const word of words) {
    if (word === 'all') return new Set(ALL_ROLES);
    const role = ROLE_WORDS[word];
    if (!role) throw new UsageError(`--certs takes root, intermediates, leaf or all, separated by commas; "${word}" is none of them.`);
    roles.add(role);
  }
  return roles;
}

export function selectRoles(source: CertificateSource, roles: ReadonlySet<CertificateRole>): SourceCertificate[] {
  return source.certificates.filter((cert) => roles.has(cert.summary.role));
}

/** The certificates of the roles asked for; none is a usage error that says what the source does hold. */
export function chooseCertificates(source: CertificateSource, roles: ReadonlySet<CertificateRole>, hint = 'choose other roles'): SourceCertificate[] {
  const chosen = selectRoles(source, roles);
  if (chosen.length > 0) return chosen;
  const present = [...new Set(source.certificates.map((c) => c.summary.role))].join(', ') || 'no certificates';
  const why = source.notes.length ? ` ${source.notes.join(' ')}` : '';
  throw new UsageError(`${source.label} has no ${[...roles].join(' or ')} certificate (it has: ${present}); ${hint}.${why}`);
}

function withRole(der: Uint8Array, role: CertificateRole, origin: SourceCertificate['origin'], crypto: CryptoProvider): SourceCertificate {
  return { der, summary: { ...summarize(parseCertificate(der), crypto), role }, origin };
}

/** A certificate's role when it is not part of a chain: what it is, not where it sits. */
export function standaloneRole(der: Uint8Array): CertificateRole {
  const cert = parseCertificate(der);
  // Without basicConstraints: a CA if its key usage allows certificate signing, or a version 1 self-signed root.
  const ca = cert.basicConstraints
    ? cert.basicConstraints.ca
    : cert.keyUsage?.includes('keyCertSign') === true || (cert.asn.tbsCertificate.version === 0 && isSelfIssued(cert));
  if (!ca) return 'leaf';
  return isSelfIssued(cert) ? 'root' : 'intermediate';
}

const sha256 = (der: Uint8Array, crypto: CryptoProvider) => crypto.digestHex('sha256', der);

/**
 * The certificates of a probed server: its chain as a client would build it, leaf to root. When the
 * server did not send its root, `trustStore` (if given) supplies it, found as OpenSSL's verify would
 * (a path ending at a self-signed certificate of the store). Sent certificates not on the path are left
 * out and named in the notes.
 */
export function probedCertificates(
  label: string,
  record: ProbeRecord,
  trustStore?: DecodedStore,
  crypto: CryptoProvider = nodeCrypto,
  /** How to name `trustStore` in the notes (its file, or "JDK cacerts (JAVA_HOME)"). */
  trustStoreName = 'the trust store',
): CertificateSource {
  if (record.sent.length === 0) throw new UsageError(`${label} sent no certificates, so there is nothing to export or import.`);
  const anchors = trustStore ? trustAnchors(trustStore) : [];
  const diagnosis = diagnose({ target: label, host: record.servername || record.host, sent: record.sent, trustStore: anchors, client: 'openssl', crypto });
  const byHash = new Map<string, { der: Uint8Array; origin: 'sent' | 'truststore' }>();
  for (const anchor of anchors) byHash.set(sha256(anchor.der, crypto), { der: anchor.der, origin: 'truststore' });
  for (const der of record.sent) byHash.set(sha256(der, crypto), { der, origin: 'sent' });

  const certificates: SourceCertificate[] = [];
  for (const cert of diagnosis.path) {
    const found = byHash.get(cert.sha256);
    if (!found || certificates.some((c) => c.summary.sha256 === cert.sha256)) continue;
    certificates.push({ der: found.der, summary: { ...summarize(parseCertificate(found.der), crypto), role: cert.role ?? 'intermediate' }, origin: found.origin });
  }
  const notes: string[] = [];
  const last = certificates[certificates.length - 1];
  if (certificates.length === 1 && last?.summary.selfSigned) {
    notes.push(`${label} sent a self-signed certificate: it is the leaf and its own root, so choose the leaf (--certs leaf) to trust it.`);
  } else if (last && last.summary.role !== 'root') {
    notes.push(
      trustStore
        ? `${label} did not send its root, and ${trustStoreName} does not hold it: its issuer is ${last.summary.issuer}.`
        : `${label} did not send its root (its issuer is ${last.summary.issuer}); give a trust store that holds it (--truststore) to include it.`,
    );
  } else if (last?.origin === 'truststore') {
    notes.push(`${label} did not send its root; it was taken from ${trustStoreName}.`);
  }
  const onPath = new Set(certificates.map((c) => c.summary.sha256));
  const extras = [...new Set(record.sent.map((der) => sha256(der, crypto)))].filter((h) => !onPath.has(h));
  if (extras.length) {
    notes.push(`${extras.length} certificate${extras.length === 1 ? '' : 's'} the server sent ${extras.length === 1 ? 'is' : 'are'} not on its chain and ${extras.length === 1 ? 'was' : 'were'} left out.`);
  }
  return { label, certificates, notes };
}

/** The certificates of a store's entries (all, or those at `indexes`), each once, in entry order. */
export function storeCertificates(label: string, store: DecodedStore, indexes?: readonly number[], crypto: CryptoProvider = nodeCrypto): CertificateSource {
  const chosen = indexes ?? store.entries.map((_, i) => i);
  const seen = new Set<string>();
  const certificates: SourceCertificate[] = [];
  for (const index of chosen) {
    const entry = store.entries[index];
    if (!entry) throw new UsageError(`There is no entry number ${index + 1} in ${label}.`);
    for (const der of entry.certificates) {
      const hash = sha256(der, crypto);
      if (seen.has(hash)) continue;
      seen.add(hash);
      certificates.push(withRole(der, standaloneRole(der), 'file', crypto));
    }
  }
  const notes = certificates.length === 0 ? [`${label} holds no certificates${indexes ? ' in the entries chosen' : ''}.`] : [];
  return { label, certificates, notes };
}

/** Certificates pasted as PEM text (any mix of blocks and text around them). */
export function pemTextCertificates(text: string, crypto: CryptoProvider = nodeCrypto): CertificateSource {
  const bytes = new TextEncoder().encode(text);
  let store: DecodedStore;
  try {
    store = pemCodec.decode(bytes, { crypto });
  } catch (error) {
    throw new CorruptInputError(`The text pasted is not PEM certificates: ${error instanceof Error ? error.message : String(error)}`);
  }
  return storeCertificates('the pasted text', store, undefined, crypto);
}
