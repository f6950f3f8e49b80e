// Revocation in the verdict, per client, as each does it by default (pure). Whether a certificate is revoked
// is found elsewhere (model/revocation.ts: a staple, OCSP, a CRL); here is whether the client looks at all,
// with which mechanism, for which certificates, and what it does when no answer comes.
//
// JDK 17 (read in its source, and checked with a real JSSE client: test/chain/revocation-java.test.ts):
// - sun/security/validator/PKIXValidator.java, field checkTLSRevocation and setDefaultParameters(): for TLS the
//   PKIX parameters get setRevocationEnabled(Boolean.getBoolean("com.sun.net.ssl.checkRevocation")): a
//   system property, exactly "true" (any case), default false. So by default JSSE checks no revocation at all.
// - PKIXValidator.engineValidate(): a leaf that is itself in the trust store is accepted at once (nothing
//   checked). PKIXCertPathValidator runs the checkers over the path from the certificate below the trust
//   anchor down to the leaf: the anchor is never checked, the first failure (nearest the anchor) ends it.
// - sun/security/provider/certpath/RevocationChecker.java, getRevocationProperties(): ocsp.enable and
//   com.sun.security.onlyCheckRevocationOfEECert are security properties (Security.getProperty, "true" any
//   case; java.security sets neither), com.sun.security.enableCRLDP and jdk.security.certpath.ocspNonce are
//   system properties (Boolean.getBoolean). init(): the checker the validator adds itself (the "legacy" one)
//   prefers OCSP when ocsp.enable is true, else uses ONLY CRLs; CRL distribution points are fetched only with
//   enableCRLDP; no SOFT_FAIL option. check(): REVOKED always throws; any other failure of the first mechanism
//   fails over to the other (PREFER_OCSP -> CRLs), and when that fails too the first exception is thrown: a
//   hard fail. So checkRevocation=true alone (no ocsp.enable, no enableCRLDP) refuses every chain with
//   "Could not determine revocation status" (checkCRLs: no CRL in any CertStore).
// - checkOCSP(): a cached (stapled) response for the certificate is used instead of asking the responder;
//   otherwise ocsp.responderURL, else the certificate's AIA OCSP URL ("Certificate does not specify OCSP
//   responder" when it has none); status unknown -> "Certificate's revocation status is unknown"
//   (UNDETERMINED_REVOCATION_STATUS); an IOException -> "Unable to determine revocation status due to network error".
// - PKIXValidator.addResponses(): with revocation enabled and the server's stapled responses
//   (X509TrustManagerImpl passes ExtendedSSLSession.getStatusResponses(); the client sends status_request
//   unless jdk.tls.client.enableStatusRequestExtension=false, sun/security/ssl/SSLContextImpl.java), the
//   validator adds CertPathValidator.getRevocationChecker(), a non-legacy RevocationChecker: PREFER_OCSP with
//   CRL distribution points on and every certificate checked, whatever ocsp.enable, enableCRLDP and
//   onlyCheckRevocationOfEECert say. Still no SOFT_FAIL.
// OpenSSL 3 (openssl-verification-options(1), x509_vfy.c check_revocation()): verification checks no
// revocation unless -crl_check (the leaf only) or -crl_check_all (every certificate, the self-signed root
// too: it needs a CRL its own key signed, as its intermediates' CRL is); only CRLs, from -CRLfile
// or with -crl_download; no CRL for a certificate it checks is "unable to get certificate CRL", a failure.
// s_client -status asks for a staple and prints it; verification does not use it.
import { AsnParser } from '@peculiar/asn1-schema';
import { AuthorityInfoAccessSyntax, CRLDistributionPoints, id_ce_cRLDistributionPoints, id_pe_authorityInfoAccess } from '@peculiar/asn1-x509';
import type { CertificateRole } from '../model/certificate';
import type { ClientProfile, PathCertificate, Problem } from '../model/probe';
import type { RevocationAttempt, RevocationCheck, RevocationSource } from '../model/revocation';
import type { ParsedCertificate } from '../x509/types';
import type { Finding } from './problems';

export interface JavaRevocationSettings {
  readonly client: 'java';
  /** com.sun.net.ssl.checkRevocation (system property): whether JSSE checks revocation at all. */
  readonly checks: boolean;
  /** ocsp.enable (security property): OCSP first (else CRLs only), for the checker JSSE adds itself. */
  readonly ocsp: boolean;
  /** com.sun.security.enableCRLDP (system property): CRLs are downloaded from the CRL Distribution Points. */
  readonly crlDownload: boolean;
  /** com.sun.security.onlyCheckRevocationOfEECert (security property): the leaf alone is checked. */
  readonly onlyEndEntity: boolean;
  /** jdk.tls.client.enableStatusRequestExtension (system property, default true): asks for (and uses) staples. */
  readonly statusRequest: boolean;
  /** ocsp.responderURL (security property): the responder asked for every certificate, instead of its AIA's. */
  readonly responderUrl?: string;
  /** Settings that look meant but do nothing where they are set, e.g. ocsp.enable given as a -D system property. */
  readonly ignored: readonly string[];
}

export interface OpensslRevocationSettings {
  readonly client: 'openssl';
  /** -crl_check: the leaf; -crl_check_all: every certificate; default none. */
  readonly crlCheck: 'none' | 'leaf' | 'all';
  /** -crl_download: CRLs are fetched from the distribution points (else only -CRLfile ones count). */
  readonly crlDownload: boolean;
}

export type RevocationSettings = JavaRevocationSettings | OpensslRevocationSettings;

type Properties = ReadonlyMap<string, string> | Readonly<Record<string, string | undefined>>;

function get(props: Properties, key: string): string | undefined {
  return props instanceof Map ? props.get(key) : (props as Readonly<Record<string, string | undefined>>)[key];
}

/** java.lang.Boolean.getBoolean: the system property is "true", in any case, untrimmed. */
const javaBoolean = (value: string | undefined) => value !== undefined && value.toLowerCase() === 'true';
/** RevocationChecker: Security.getProperty (trimmed) equalsIgnoreCase("true"). */
const securityBoolean = (value: string | undefined) => value !== undefined && value.trim().toLowerCase() === 'true';

/**
 * What JDK 17's JSSE does about revocation, from the security properties (java.security and its overrides,
 * JavaSecurity.revocation, plus any the application sets with Security.setProperty) and the system
 * properties (-D…). Rules and their places in the JDK source: the comment at the top of this file.
 */
export function javaRevocationSettings(securityProps: Properties, systemProps: Properties): JavaRevocationSettings {
  const ignored: string[] = [];
  for (const key of ['ocsp.enable', 'com.sun.security.onlyCheckRevocationOfEECert', 'ocsp.responderURL']) {
    if (get(systemProps, key) !== undefined && get(securityProps, key) === undefined) ignored.push(`-D${key} (a security property: set it in java.security or with Security.setProperty)`);
  }
  for (const key of ['com.sun.net.ssl.checkRevocation', 'com.sun.security.enableCRLDP']) {
    if (get(securityProps, key) !== undefined && get(systemProps, key) === undefined) ignored.push(`${key} in java.security (a system property: give -D${key}=true)`);
  }
  // sun.security.ssl.Utilities.getBooleanProperty: unset -> the default; "true"/"false" in any case (else the JVM refuses to start TLS).
  const statusRequest = get(systemProps, 'jdk.tls.client.enableStatusRequestExtension');
  const responderUrl = get(securityProps, 'ocsp.responderURL')?.trim();
  return {
    client: 'java',
    checks: javaBoolean(get(systemProps, 'com.sun.net.ssl.checkRevocation')),
    ocsp: securityBoolean(get(securityProps, 'ocsp.enable')),
    crlDownload: javaBoolean(get(systemProps, 'com.sun.security.enableCRLDP')),
    onlyEndEntity: securityBoolean(get(securityProps, 'com.sun.security.onlyCheckRevocationOfEECert')),
    statusRequest: statusRequest === undefined ? true : statusRequest.toLowerCase() !== 'false',
    ...(responderUrl ? { responderUrl } : {}),
    ignored,
  };
}

/** OpenSSL's verification from its options (s_client/verify flags, e.g. ['-crl_check_all', '-crl_download']); none: no checking. */
export function opensslRevocationSettings(flags: readonly string[] = []): OpensslRevocationSettings {
  const crlCheck = flags.includes('-crl_check_all') ? 'all' : flags.includes('-crl_check') ? 'leaf' : 'none';
  return { client: 'openssl', crlCheck, crlDownload: flags.includes('-crl_download') };
}

/** Where a certificate says its revocation status is published: AIA OCSP URLs and CRL Distribution Point URIs. */
export function revocationEndpoints(cert: ParsedCertificate): { ocsp: string[]; crl: string[] } {
  const extensions = cert.asn.tbsCertificate.extensions ?? [];
  const read = <T>(id: string, parse: (value: (typeof extensions)[number]['extnValue']) => T[]): T[] => {
    const e = extensions.find((x) => x.extnID === id);
    if (!e) return [];
    try {
      return parse(e.extnValue);
    } catch {
      return [];
    }
  };
  const ocsp = read(id_pe_authorityInfoAccess, (b) => AsnParser.parse(b, AuthorityInfoAccessSyntax).filter((d) => d.accessMethod === '1.3.6.1.5.5.7.48.1'))
    .flatMap((d) => (d.accessLocation.uniformResourceIdentifier ? [d.accessLocation.uniformResourceIdentifier] : []));
  const crl = read(id_ce_cRLDistributionPoints, (b) => [...AsnParser.parse(b, CRLDistributionPoints)])
    .flatMap((dp) => dp.distributionPoint?.fullName ?? [])
    .flatMap((name) => (name.uniformResourceIdentifier ? [name.uniformResourceIdentifier] : []));
  return { ocsp, crl };
}

/** One certificate of the path the client would build, leaf first, with what was found about it. */
export interface PathRevocation {
  readonly subject: string;
  readonly role: CertificateRole;
  /** A CA certificate (basicConstraints CA:true): what onlyCheckRevocationOfEECert leaves out. */
  readonly ca: boolean;
  /** The trust anchor the path ends at (a certificate of the trust store): no client checks it. */
  readonly anchor: boolean;
  /** What the certificate offers (revocationEndpoints); absent: taken from `check.attempts`. */
  readonly offers?: { readonly ocsp: boolean; readonly crl: boolean };
  /**
   * What was found. `attempts` lists what each source said; a source it leaves out counts as saying the
   * same as `status` when the certificate offers that source (its status does not depend on who is asked).
   */
  readonly check: RevocationCheck;
}

/**
 * A diagnosis's path (leaf first) with the checks found for its certificates (by SHA-256), as
 * revocationProblems takes it: the last certificate is the anchor when the trust store holds it, and so is
 * the leaf when the store holds the leaf itself; a certificate without a check is `unchecked`.
 * `offers`: what each certificate names (revocationEndpoints), by SHA-256, where the caller has the DER.
 */
export function pathRevocation(
  path: readonly PathCertificate[],
  checks: ReadonlyMap<string, RevocationCheck>,
  offers: ReadonlyMap<string, { readonly ocsp: boolean; readonly crl: boolean }> = new Map(),
): PathRevocation[] {
  return path.map((cert, i) => {
    const offered = offers.get(cert.sha256);
    return {
      subject: cert.subject,
      role: cert.role ?? (i === 0 ? 'leaf' : 'intermediate'),
      ca: cert.isCA,
      anchor: cert.trustStoreAlias !== null && (i === path.length - 1 || i === 0),
      ...(offered ? { offers: offered } : {}),
      check: checks.get(cert.sha256) ?? { status: 'unchecked' },
    };
  });
}

type Answer = Pick<RevocationAttempt, 'source' | 'status' | 'url' | 'why'>;

/** What `source` says about the certificate, as far as is known. */
function answer(p: PathRevocation, source: RevocationSource, offered: boolean): Answer | undefined {
  const tried = p.check.attempts?.find((a) => a.source === source);
  if (tried) return tried;
  if (!p.check.attempts && p.check.source === source) return { source, status: p.check.status, ...(p.check.url ? { url: p.check.url } : {}), ...(p.check.why ? { why: p.check.why } : {}) };
  const definitive = p.check.status === 'good' || p.check.status === 'revoked';
  return offered && definitive ? { source: p.check.source ?? source, status: p.check.status } : undefined;
}

const hasStaple = (p: PathRevocation) => p.check.source === 'staple' || (p.check.attempts ?? []).some((a) => a.source === 'staple');

/** What the client concluded about one certificate. */
type Outcome =
  | { readonly kind: 'not-checked' }
  | { readonly kind: 'good' }
  | { readonly kind: 'revoked'; readonly by: Answer }
  | { readonly kind: 'undetermined'; readonly clientMessage: string; readonly why: string };

/** JDK 17's RevocationChecker.check() on one certificate (see the top of this file). */
function javaOutcome(p: PathRevocation, settings: JavaRevocationSettings, staples: boolean): Outcome {
  // With staples the validator's own non-legacy checker: OCSP first, CRL DPs on, every certificate.
  const ocspFirst = staples || settings.ocsp;
  const crlDp = staples || settings.crlDownload;
  if (!staples && settings.onlyEndEntity && p.ca) return { kind: 'not-checked' };
  const offersOcsp = settings.responderUrl !== undefined || (p.offers?.ocsp ?? (p.check.attempts ?? []).some((a) => a.source === 'ocsp'));
  const offersCrl = p.offers?.crl ?? (p.check.attempts ?? []).some((a) => a.source === 'crl');
  const crl = crlDp && offersCrl ? answer(p, 'crl', true) : undefined;
  const noCrl = crlDp ? (offersCrl ? 'no CRL could be had' : 'it names no CRL Distribution Point') : 'Java downloads no CRL (com.sun.security.enableCRLDP is not true)';
  const crlFailed = crl ? `its CRL${crl.url ? ` ${crl.url}` : ''} could not be had either${crl.why ? ` (${crl.why})` : ''}` : noCrl;
  if (!ocspFirst) {
    if (crl?.status === 'revoked') return { kind: 'revoked', by: crl };
    if (crl?.status === 'good') return { kind: 'good' };
    // checkCRLs: a distribution point that cannot be reached (CertStoreTypeException caused by an IOException)
    // is "…due to network error"; no CRL at all (none downloaded, none named) is "Could not determine…".
    const clientMessage = crl?.status === 'unchecked' ? 'Unable to determine revocation status due to network error' : 'Could not determine revocation status';
    const why = crl ? `its CRL${crl.url ? ` ${crl.url}` : ''} could not be had${crl.why ? ` (${crl.why})` : ''}` : noCrl;
    return { kind: 'undetermined', clientMessage, why: `Java checks only CRLs (ocsp.enable is not true) and ${why}` };
  }
  const ocsp = (staples && hasStaple(p) ? answer(p, 'staple', true) : undefined) ?? (offersOcsp ? answer(p, 'ocsp', true) : undefined);
  if (ocsp?.status === 'revoked') return { kind: 'revoked', by: ocsp };
  if (ocsp?.status === 'good') return { kind: 'good' };
  // Fail over to CRLs; when they fail too, the OCSP exception is the one thrown.
  if (crl?.status === 'revoked') return { kind: 'revoked', by: crl };
  if (crl?.status === 'good') return { kind: 'good' };
  const clientMessage = !ocsp ? 'Certificate does not specify OCSP responder' : ocsp.status === 'unknown' ? "Certificate's revocation status is unknown" : 'Unable to determine revocation status due to network error';
  const ocspWhy = !ocsp ? 'it names no OCSP responder' : ocsp.status === 'unknown' ? `its OCSP responder${ocsp.url ? ` ${ocsp.url}` : ''} does not know it` : `its OCSP responder${ocsp.url ? ` ${ocsp.url}` : ''} gave no answer${ocsp.why ? ` (${ocsp.why})` : ''}`;
  return { kind: 'undetermined', clientMessage, why: `${ocspWhy}, and ${crlFailed}` };
}

function opensslOutcome(p: PathRevocation, index: number, settings: OpensslRevocationSettings): Outcome {
  if (settings.crlCheck === 'none' || (settings.crlCheck === 'leaf' && index > 0)) return { kind: 'not-checked' };
  const crl = answer(p, 'crl', p.offers?.crl ?? true);
  if (crl?.status === 'revoked') return { kind: 'revoked', by: crl };
  if (crl?.status === 'good') return { kind: 'good' };
  return { kind: 'undetermined', clientMessage: 'unable to get certificate CRL', why: crl?.why ?? 'no CRL for it was given (-CRLfile) or downloaded (-crl_download)' };
}

function quote(name: string): string {
  return `'${name}'`;
}

function describe(p: PathRevocation): string {
  return p.role === 'leaf' ? `The server's certificate ${quote(p.subject)}` : `The ${p.role} certificate ${quote(p.subject)}`;
}

function saidBy(source: RevocationSource | undefined, url: string | undefined): string {
  if (source === 'staple') return "the OCSP response the server stapled";
  if (source === 'ocsp') return `its OCSP responder${url ? ` ${url}` : ''}`;
  if (source === 'crl') return `its CRL${url ? ` ${url}` : ''}`;
  return 'its CA';
}

function revokedText(p: PathRevocation): string {
  const on = p.check.revokedAt ? ` on ${p.check.revokedAt.replace(/\.\d{3}Z$/, 'Z')}` : '';
  const reason = p.check.reason ? ` (reason: ${p.check.reason})` : '';
  return `${describe(p)} has been revoked${on}${reason}, says ${saidBy(p.check.source, p.check.url)}.`;
}

function replaceFix(p: PathRevocation): string {
  return p.role === 'leaf'
    ? `Have the CA issue a new certificate for the server and install it (a revoked certificate cannot be un-revoked).`
    : `Install the CA's current ${p.role} certificate on the server in place of ${quote(p.subject)} (ask the CA which one replaces it), or a server certificate from another CA.`;
}

function off(settings: RevocationSettings): string {
  return settings.client === 'java'
    ? 'revocation checking is off (com.sun.net.ssl.checkRevocation is not true)'
    : 'it checks no revocation without -crl_check or -crl_check_all';
}

function on(settings: RevocationSettings, staples: boolean): string {
  if (settings.client === 'openssl') return settings.crlCheck === 'all' ? 'OpenSSL checks CRLs here (-crl_check_all)' : 'OpenSSL checks the leaf\'s CRL here (-crl_check)';
  const how = staples ? 'with the staple and OCSP first, then CRLs' : settings.ocsp ? `OCSP first (ocsp.enable), then ${settings.crlDownload ? 'CRLs (com.sun.security.enableCRLDP)' : 'no CRLs'}` : `CRLs only${settings.crlDownload ? '' : ', and none are downloaded'}`;
  return `Java checks revocation here (com.sun.net.ssl.checkRevocation=true; ${how})`;
}

/** " Set where the JDK does not read it, so without effect: -Docsp.enable (…)." */
function ignoredNote(settings: RevocationSettings): string {
  return settings.client === 'java' && settings.ignored.length ? ` Set where the JDK does not read it, so without effect: ${settings.ignored.join('; ')}.` : '';
}

const problem = (code: Problem['code'], message: string, fix: string, settings: RevocationSettings): Problem => ({ code, message: `${message}${ignoredNote(settings)}`, fix });

/**
 * The revocation findings of a path (leaf first, anchor last) for a client with these settings: a revoked
 * certificate is a REVOKED problem, blocking where the client checks it and a warning otherwise; where the
 * client checks and cannot tell, REVOCATION_UNKNOWN blocks (JSSE and OpenSSL both fail hard). Java checks from
 * the top of the path down and stops at the first failure, so its findings come in that order.
 */
export function revocationProblems(path: readonly PathRevocation[], client: ClientProfile, settings: RevocationSettings = client === 'java' ? javaRevocationSettings(new Map(), new Map()) : opensslRevocationSettings()): Finding[] {
  if (settings.client !== client) throw new Error(`revocation settings for ${settings.client} given for the ${client} verdict`);
  const name = client === 'java' ? 'Java' : 'OpenSSL';
  const checks = settings.client === 'java' ? settings.checks : settings.crlCheck !== 'none';
  // PKIXValidator.engineValidate: a leaf the trust store holds is trusted as it is, nothing else checked.
  const leafTrusted = client === 'java' && path[0]?.anchor === true;
  const staples = settings.client === 'java' && settings.statusRequest && path.some(hasStaple);
  const order = client === 'java' ? [...path.keys()].reverse() : [...path.keys()];
  const findings: Finding[] = [];
  let failed = false;
  for (const index of order) {
    const p = path[index]!;
    // x509_vfy.c check_revocation: -crl_check_all runs to the top of the chain, the trust anchor included
    // (a root's CRL covers the root itself); JSSE's CertPath ends below its anchor.
    if (p.anchor && !(settings.client === 'openssl' && settings.crlCheck === 'all' && index > 0)) continue;
    const outcome: Outcome = !checks || leafTrusted ? { kind: 'not-checked' } : settings.client === 'java' ? javaOutcome(p, settings, staples) : opensslOutcome(p, index, settings);
    if (outcome.kind === 'revoked' && !failed) {
      failed = client === 'java';
      findings.push({
        problem: problem('REVOKED', `${revokedText(p)} ${on(settings, staples)} and refuses it${client === 'java' ? ' ("Certificate has been revoked")' : ' ("certificate revoked")'}.`, replaceFix(p), settings),
        blocking: true,
      });
    } else if (outcome.kind === 'undetermined' && !failed) {
      failed = client === 'java';
      const fix =
        settings.client === 'java'
          ? `Let Java reach the certificate's OCSP responder or CRL (Java ignores HTTPS_PROXY; it reads -Dhttp.proxyHost), ${settings.crlDownload ? '' : 'add -Dcom.sun.security.enableCRLDP=true for a CRL fallback, '}or turn revocation checking off for this client (JSSE has no soft-fail unless the application sets PKIXRevocationChecker.Option.SOFT_FAIL).`
          : 'Give OpenSSL the CRL (-CRLfile FILE, or -crl_download), or leave out -crl_check/-crl_check_all.';
      findings.push({
        problem: problem('REVOCATION_UNKNOWN', `${on(settings, staples)}, and could not tell whether ${describe(p).replace(/^The/, 'the')} is revoked: ${outcome.why}. ${name} then refuses the chain ("${outcome.clientMessage}").`, fix, settings),
        blocking: true,
      });
    } else if (p.check.status === 'revoked' && outcome.kind === 'not-checked') {
      const why = leafTrusted ? 'the trust store holds the server\'s certificate itself, so it checks nothing above it' : settings.client === 'java' && settings.checks ? 'com.sun.security.onlyCheckRevocationOfEECert=true checks only the leaf' : off(settings);
      findings.push({
        problem: problem('REVOKED', `${revokedText(p)} ${name} accepts it because ${why}; browsers will not.`, replaceFix(p), settings),
        blocking: false,
      });
    }
  }
  return findings;
}
