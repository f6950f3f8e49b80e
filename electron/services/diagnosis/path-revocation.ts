// Revocation of a probed chain, for `--revocation` and the app: the path is the one the client builds (the
// diagnosis's, leaf to anchor, when a trust store is given; else the leaf's path through what the server
// sent). Every certificate on it but the anchor is checked (no client checks its own trust anchor; a root
// the server sent is not one, but nothing above it could vouch for it either), the leaf with the server's
// stapled OCSP response first (revocation/check.ts); then what that means for the client judged, by its
// own rules (shared/chain/revocation.ts): a warning where it does not check, a refusal where it does.
import type { KnownCertificate } from '../../../shared/chain/known-issuers';
import type { JavaRules } from '../../../shared/chain/java-certpath';
import { javaRevocationSettings, opensslRevocationSettings, pathRevocation, revocationEndpoints, revocationProblems, type RevocationSettings } from '../../../shared/chain/revocation';
import type { CryptoProvider } from '../../../shared/crypto-provider';
import type { DecodedStore } from '../../../shared/formats/codec';
import type { ClientProfile, PathCertificate } from '../../../shared/model/probe';
import type { RevocationCheck } from '../../../shared/model/revocation';
import type { RevocationReport } from '../../../shared/model/revocation-report';
import { parseCertificate, summarize } from '../../../shared/x509/certificate';
import { nodeCrypto } from '../crypto/node-crypto';
import { checkRevocation } from '../revocation/check';
import type { ProbeRecord } from '../tls/probe';
import { diagnoseRecord, sentPath } from './probe-service';

export interface PathRevocationOptions {
  readonly client: ClientProfile;
  /** The trust store the client uses: the path goes on through its issuers, and its anchor is not checked. */
  readonly store?: DecodedStore;
  /** Issuers found elsewhere for this chain (another store of this machine, a CA Issuers URL). */
  readonly found?: readonly KnownCertificate[];
  readonly java?: JavaRules;
  /** The JVM's system properties where known (diagnose --pid): com.sun.net.ssl.checkRevocation, … */
  readonly javaProperties?: Readonly<Record<string, string>>;
  /** False: nothing is fetched, only the staple is read (--no-download). */
  readonly download: boolean;
  readonly proxy?: string | null;
  readonly signal?: AbortSignal;
  readonly crypto?: CryptoProvider;
}

interface PathCertificates {
  readonly path: readonly PathCertificate[];
  /** DER by SHA-256, for every certificate of the path. */
  readonly der: ReadonlyMap<string, Uint8Array>;
}

/** The path the client builds, leaf first, with the DER of each certificate. */
function clientPath(target: string, record: ProbeRecord, options: PathRevocationOptions, crypto: CryptoProvider): PathCertificates {
  const der = new Map<string, Uint8Array>();
  const pool = [...record.sent, ...(options.store?.entries.flatMap((e) => e.certificates) ?? []), ...(options.found ?? []).map((k) => k.der)];
  for (const cert of pool) der.set(crypto.digestHex('sha256', cert), cert);
  if (options.store) return { path: diagnoseRecord(target, record, options.store, options.client, crypto, options.found, options.java).path, der };
  const sent = record.sent.map((cert) => parseCertificate(cert));
  const indexes = sentPath(sent, crypto);
  const path = indexes.map((index, i): PathCertificate => {
    const summary = summarize(sent[index]!, crypto);
    const role = i === 0 ? 'leaf' : i === indexes.length - 1 && summary.selfSigned ? 'root' : 'intermediate';
    return { ...summary, role, source: 'sent', trustStoreAlias: null };
  });
  return { path, der };
}

function settingsFor(options: PathRevocationOptions): RevocationSettings {
  return options.client === 'java' ? javaRevocationSettings(options.java?.java.revocation ?? {}, options.javaProperties ?? {}) : opensslRevocationSettings();
}

/** Whether the client judged checks revocation at all, in a sentence. */
function clientNote(settings: RevocationSettings, java: JavaRules | undefined): string {
  if (settings.client === 'openssl') return 'OpenSSL checks no revocation unless told to (-crl_check, -crl_check_all): a revoked certificate is a warning for it, not a refusal.';
  const jdk = java?.java.home ? `Java ${java.java.version}` : 'Java (JDK 17’s defaults)';
  const ignored = settings.ignored.length ? ` Ignored: ${settings.ignored.join('; ')}.` : '';
  if (!settings.checks) return `${jdk} checks no revocation unless com.sun.net.ssl.checkRevocation=true: a revoked certificate is a warning for it, not a refusal.${ignored}`;
  const how = settings.ocsp ? 'OCSP first (ocsp.enable)' : 'CRLs only (ocsp.enable is not true)';
  return `${jdk} checks revocation here (com.sun.net.ssl.checkRevocation=true; ${how}${settings.crlDownload ? ', CRLs downloaded (com.sun.security.enableCRLDP)' : ''}) and refuses a chain it cannot clear.${ignored}`;
}

export async function checkPathRevocation(target: string, record: ProbeRecord, options: PathRevocationOptions): Promise<RevocationReport> {
  const crypto = options.crypto ?? nodeCrypto;
  const { path, der } = clientPath(target, record, options, crypto);
  const last = path.length - 1;
  const anchorAt = (cert: PathCertificate, i: number) => (i === last && (cert.trustStoreAlias !== null || cert.selfSigned)) || (i === 0 && cert.trustStoreAlias !== null && options.client === 'java');
  const checked = path.filter((cert, i) => !anchorAt(cert, i));
  const checks = new Map<string, RevocationCheck>();
  await Promise.all(
    checked.map(async (cert) => {
      const i = path.indexOf(cert);
      const issuer = path[i + 1] ? der.get(path[i + 1]!.sha256) : undefined;
      const check = await checkRevocation(der.get(cert.sha256)!, issuer, {
        ...(i === 0 && record.ocspStaple ? { staple: record.ocspStaple } : {}),
        download: options.download,
        ...(options.proxy !== undefined ? { proxy: options.proxy } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        crypto,
      });
      checks.set(cert.sha256, check);
    }),
  );
  const offers = new Map(
    checked.map((cert) => {
      const endpoints = revocationEndpoints(parseCertificate(der.get(cert.sha256)!));
      return [cert.sha256, { ocsp: endpoints.ocsp.length > 0, crl: endpoints.crl.length > 0 }] as const;
    }),
  );
  const settings = settingsFor(options);
  const rulesPath = pathRevocation(path, checks, offers).map((p, i) => (anchorAt(path[i]!, i) ? { ...p, anchor: true } : p));
  return {
    certificates: checked.map((cert) => ({ sha256: cert.sha256, subject: cert.subject, check: checks.get(cert.sha256)! })),
    problems: revocationProblems(rulesPath, options.client, settings).map(({ problem, blocking }) => ({ ...problem, blocking })),
    clientNote: clientNote(settings, options.java),
  };
}
