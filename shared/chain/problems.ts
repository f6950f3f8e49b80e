// The sentences of a diagnosis: for each problem, what is wrong (naming the certificate, its fingerprint
// and where it came from) and one concrete fix. Kept apart from the rules so the wording is in one place.
import type { ChainIssue, ClientProfile, FoundIn, Problem, ProblemCode } from '../model/probe';
import type { CertificateRole } from '../model/certificate';
import { caIssuerUrls, type ParsedCertificate } from '../x509/certificate';
import { colonHex } from '../x509/hex';
import type { ChainCertificate } from './path-builder';
import type { HostnameResult } from './hostname';
import type { NameViolation } from './name-constraints';

export const CLIENT_NAMES: Record<ClientProfile, string> = { java: 'Java', openssl: 'OpenSSL' };

/** A problem with whether it stops the client from trusting the server. */
export interface Finding {
  readonly problem: Problem;
  readonly blocking: boolean;
}

const problem = (code: ProblemCode, message: string, fix: string): Problem => ({ code, message, fix });

function quote(name: string): string {
  return `'${name}'`;
}

function day(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** "the intermediate certificate 'CN=X' (sent by the server)" */
function describe(cert: ChainCertificate, role: CertificateRole): string {
  const what = role === 'leaf' ? "the server's certificate" : `the ${role} certificate`;
  return `${what} ${quote(cert.parsed.subject)}`;
}

function source(cert: ChainCertificate): string {
  if (cert.trustStoreAlias !== null) return `in this trust store as ${quote(cert.trustStoreAlias)}`;
  return 'sent by the server';
}

function fingerprint(cert: ChainCertificate): string {
  return `SHA-256 ${cert.sha256}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function untrustedRoot(root: ChainCertificate, storeHolds: ChainCertificate | undefined): Problem {
  const held = storeHolds
    ? ` This trust store holds ${quote(storeHolds.parsed.subject)}, but OpenSSL only trusts a chain that ends at a self-signed root it holds.`
    : '';
  return problem(
    'UNTRUSTED_ROOT',
    `The chain ends at root ${quote(root.parsed.subject)} (${root.sent ? 'sent by the server' : 'not sent'}), which this trust store does not hold.${held}`,
    `If you trust this CA, import ${quote(root.parsed.subject)} (${fingerprint(root)}) into this trust store.`,
  );
}

export function selfSigned(leaf: ChainCertificate): Problem {
  return problem(
    'SELF_SIGNED',
    `The server's certificate ${quote(leaf.parsed.subject)} is self-signed and this trust store does not hold it.`,
    `Import ${quote(leaf.parsed.subject)} (${fingerprint(leaf)}) into this trust store if you trust this server, or install a certificate issued by a CA the store trusts on the server.`,
  );
}

function issuerHint(cert: ParsedCertificate): string {
  return cert.authorityKeyId ? ` (key identifier ${colonHex(cert.authorityKeyId)})` : '';
}

/** A certificate the path lacks, found elsewhere (issuer first, root last): in another store, or at its CA Issuers URL. */
export interface MachineCertificate {
  readonly subject: string;
  readonly sha256: string;
  readonly selfSigned: boolean;
  readonly foundIn: FoundIn;
}

/** What was found, and whether it closes the path (to a root, or to a certificate the store holds). */
export interface Found {
  readonly certificates: readonly MachineCertificate[];
  readonly complete: boolean;
}

function andList(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? '');
}

/** " Found elsewhere: 'CN=R' in Java cacerts (system) at /etc/…/cacerts, alias 'r'; 'CN=I' at http://… (a CA Issuers URL)." */
function foundText({ certificates, complete }: Found): string {
  const items = certificates.map(({ subject, foundIn }) =>
    'url' in foundIn ? `${quote(subject)} at ${foundIn.url} (the CA Issuers URL of the certificate it issued)` : `${quote(subject)} in ${foundIn.label} at ${foundIn.file}, alias ${quote(foundIn.alias)}`,
  );
  const top = certificates[certificates.length - 1]!;
  const rest = complete ? '' : ` The root above ${quote(top.subject)} was not found; it is needed too.`;
  return ` Found elsewhere: ${items.join('; ')}.${rest}`;
}

/** "import 'CN=I' and 'CN=R' (SHA-256 …, …) from /etc/…/cacerts into this trust store" */
function importFound({ certificates }: Found): string {
  const places = [...new Set(certificates.map(({ foundIn }) => ('url' in foundIn ? foundIn.url : foundIn.file)))];
  const from = places.length === 1 ? ` from ${places[0]}` : '';
  return `import ${andList(certificates.map((cert) => quote(cert.subject)))} (SHA-256 ${certificates.map((cert) => cert.sha256).join(', ')})${from} into this trust store`;
}

/**
 * The last certificate's issuer is neither sent nor held: an intermediate the server left out (after the
 * leaf), or a root. `found`: that issuer (and the CAs above it) in another store of this machine.
 */
export function missingIssuer(last: ChainCertificate, isLeaf: boolean, found?: Found, client?: ClientProfile): Problem {
  const issuer = quote(last.parsed.issuer);
  if (isLeaf) {
    if (found?.certificates.length) {
      return problem(
        'INCOMPLETE_CHAIN',
        `The server does not send the intermediate certificate ${issuer} that issued its certificate, and this trust store does not hold it.${foundText(found)}`,
        `Configure the server to send its full chain (its certificate followed by the intermediates), or ${importFound(found)}.`,
      );
    }
    const urls = caIssuerUrls(last.parsed);
    if (urls.length) {
      return problem(
        'INCOMPLETE_CHAIN',
        `The server does not send the intermediate certificate ${issuer}${issuerHint(last.parsed)} that issued its certificate, and this trust store does not hold it. Its certificate says where to download it: ${urls.join(', ')}. Most browsers do, which is why a browser may trust this server when Java and OpenSSL do not (Java downloads it only when started with -Dcom.sun.security.enableAIAcaIssuers=true).`,
        `Configure the server to send its full chain (its certificate followed by the intermediates), or download ${issuer} from ${urls[0]} and import it into this trust store.`,
      );
    }
    // Nothing says whether the issuer is an intermediate the server leaves out or a root the store lacks.
    return problem(
      'INCOMPLETE_CHAIN',
      `The certificate that issued the server's certificate, ${issuer}, is missing: the server does not send it and this trust store does not hold it${issuerHint(last.parsed)}.`,
      `If ${issuer} is an intermediate CA, configure the server to send it after its own certificate; if it is a root CA you trust, import it into this trust store (get it from that CA).`,
    );
  }
  if (found?.certificates.length) {
    const kind = found.certificates[0]!.selfSigned ? 'the root CA ' : '';
    return problem(
      'UNTRUSTED_ROOT',
      `The chain ends at ${quote(last.parsed.subject)} (${source(last)}), issued by ${kind}${issuer}, which this trust store does not hold.${foundText(found)}`,
      `If you trust this CA, ${importFound(found)}.`,
    );
  }
  // A CA certificate whose issuer is missing: servers normally leave out their root, so the missing
  // certificate is almost always the root CA, and the cause a person must fix is an untrusted root.
  return problem(
    'UNTRUSTED_ROOT',
    `The chain ends at ${quote(last.parsed.subject)} (${source(last)}): the certificate that issued it, ${issuer}, is missing (the server does not send it, this trust store does not hold it, and it was not found elsewhere${issuerHint(last.parsed).replace(' (', '; ').replace(/\)$/, '')}). Servers usually do not send their root, so it is most likely the root CA.`,
    `If ${issuer} is a root CA you trust, import it into this trust store (get it from the CA that issued ${quote(last.parsed.subject)}, or from a trust store that holds it); if it is an intermediate CA, configure the server to send it after ${quote(last.parsed.subject)}.${client === 'java' && last.trustStoreAlias === null ? javaAnchorFix(last) : ''}`,
  );
}

/**
 * JSSE (PKIXValidator, JDK 8-21) takes every trusted certificate entry of its trust store as a trust anchor, root
 * or not, and ends the path at the first one it meets: a store holding the sent intermediate trusts the server.
 * OpenSSL needs a self-signed anchor unless -partial_chain (X509_V_FLAG_PARTIAL_CHAIN) is given.
 */
function javaAnchorFix(cert: ChainCertificate): string {
  return ` For Java alone, importing ${quote(cert.parsed.subject)} (${fingerprint(cert)}, sent by the server) is enough: Java trusts any certificate of its trust store as an anchor (OpenSSL does not, without -partial_chain).`;
}

/** A store certificate the client leaves out, as the diagnosis names it. */
export interface IgnoredCertificate {
  readonly alias: string;
  readonly subject: string;
}

/** `found` again, saying that the store does hold the certificate it needs, and why Java does not use it. */
export function ignoredByJava(found: Problem, ignored: IgnoredCertificate): Problem {
  const subject = quote(ignored.subject);
  return problem(
    found.code,
    `${found.message} This PKCS#12 file does hold ${subject}, as ${quote(ignored.alias)}, but without the attribute that makes a PKCS#12 certificate trusted for Java (OpenSSL writes none), so Java ignores it: keytool -list does not show it.`,
    `Delete ${quote(ignored.alias)} and import ${subject} again with TrustLens or keytool -importcert, which mark it trusted for Java (or use a JKS trust store).`,
  );
}

/** OpenSSL reached certificates of the store that do not lead to a self-signed root it holds. */
export function partialChain(last: ChainCertificate, found?: Found): Problem {
  const held = `This trust store holds ${quote(last.parsed.subject)}, but OpenSSL only trusts a chain that ends at a self-signed root it holds, and the store does not hold ${quote(last.parsed.issuer)}.`;
  if (found?.certificates.length) {
    return problem('INCOMPLETE_CHAIN', `${held}${foundText(found)}`, `${capitalize(importFound(found))} (OpenSSL accepts a trusted intermediate only with -partial_chain).`);
  }
  return problem('INCOMPLETE_CHAIN', held, `Import the root ${quote(last.parsed.issuer)} into this trust store (OpenSSL accepts a trusted intermediate only with -partial_chain).`);
}

export function issuerLoop(last: ChainCertificate, issuer: ChainCertificate): Problem {
  return problem(
    'INCOMPLETE_CHAIN',
    `The chain loops: ${quote(last.parsed.subject)} is issued by ${quote(issuer.parsed.subject)}, which is already on the path, so no trusted certificate is reached.`,
    `Import the root CA that these CAs chain to into this trust store, or have the server send a chain that ends at a root.`,
  );
}

export function badSignature(child: ChainCertificate, candidate: ChainCertificate): Problem {
  return problem(
    'BAD_SIGNATURE',
    `${capitalize(quote(child.parsed.subject))} names ${quote(child.parsed.issuer)} as its issuer, but the certificate of that name ${source(candidate)} (${fingerprint(candidate)}) did not sign it: it has a different key.`,
    `Use the ${quote(child.parsed.issuer)} certificate that really issued ${quote(child.parsed.subject)} (probably a newer or re-keyed CA certificate): send it from the server or import it into this trust store.`,
  );
}

export function tooLong(): Problem {
  return problem('INCOMPLETE_CHAIN', 'No chain to a trusted certificate was found within 10 certificates.', 'Configure the server to send only its own chain, leaf first.');
}

export function expired(cert: ChainCertificate, role: CertificateRole): Problem {
  const fix =
    role === 'leaf'
      ? 'Renew the server certificate and install the new one on the server.'
      : cert.trustStoreAlias !== null
        ? `Replace ${quote(cert.trustStoreAlias)} in this trust store with a current certificate of ${quote(cert.parsed.subject)}${cert.sent ? ' (and stop sending the expired one from the server)' : ''}.`
        : `Install the current certificate of ${quote(cert.parsed.subject)} on the server (its CA publishes it) and remove the expired one.`;
  return problem('EXPIRED', `${capitalize(describe(cert, role))} expired on ${day(cert.parsed.notAfter)}.`, fix);
}

export function notYetValid(cert: ChainCertificate, role: CertificateRole, now: Date): Problem {
  return problem(
    'NOT_YET_VALID',
    `${capitalize(describe(cert, role))} is not valid before ${day(cert.parsed.notBefore)} (now: ${day(now)}).`,
    'Check that this computer\'s clock is right; if it is, install a certificate that is already valid or wait until then.',
  );
}

export function hostnameMismatch(host: string, result: HostnameResult & { readonly sniTried?: string }, allNames: readonly string[]): Problem {
  const kind = result.kind === 'ip' ? 'IP address' : 'host name';
  let what: string;
  if (result.compared.length > 0) {
    const cnOnly = result.compared.every((name) => name.startsWith('CN='));
    what = `is for ${result.compared.join(', ')}${cnOnly ? ' (it has no DNS subjectAltName)' : ''}, not for the ${kind} ${quote(host)}`;
  } else if (result.kind === 'ip') {
    const others = allNames.length > 0 ? ` (it names ${allNames.join(', ')})` : '';
    what = `has no IP address in its subjectAltName${others}, so it does not match the IP address ${quote(host)}`;
  } else {
    what = `names no host (no DNS subjectAltName and no common name), so it does not match ${quote(host)}`;
  }
  const sni = result.sniTried ? ` Java checked the SNI name ${quote(result.sniTried)} first, which it does not match either.` : '';
  return problem(
    'HOSTNAME_MISMATCH',
    `The server's certificate ${what}.${sni}`,
    `Connect with a name the certificate holds, or reissue it with ${result.kind === 'ip' ? `IP:${host}` : `DNS:${host}`} in its subjectAltName.`,
  );
}

export function weakSignature(cert: ChainCertificate, role: CertificateRole, algorithm: string, client: ClientProfile, blocking: boolean): Problem {
  const verdict = blocking ? `which ${CLIENT_NAMES[client]} rejects` : `which is broken (${CLIENT_NAMES[client]} still accepts it here)`;
  return problem('WEAK_SIGNATURE', `${capitalize(describe(cert, role))} is signed with ${algorithm}, ${verdict}.`, `Reissue ${quote(cert.parsed.subject)} signed with SHA-256 or stronger.`);
}

export function weakKey(cert: ChainCertificate, role: CertificateRole, algorithm: string, bits: number, client: ClientProfile, blocking: boolean): Problem {
  const verdict = blocking ? `which ${CLIENT_NAMES[client]} rejects` : `which is too weak (${CLIENT_NAMES[client]} still accepts it)`;
  return problem(
    'WEAK_KEY',
    `${capitalize(describe(cert, role))} has a ${bits}-bit ${algorithm} key, ${verdict}.`,
    `Reissue ${quote(cert.parsed.subject)} with an RSA key of at least 2048 bits or an EC key.`,
  );
}

export function notACa(cert: ChainCertificate, child: ChainCertificate): Problem {
  const bc = cert.parsed.basicConstraints ? 'basicConstraints CA is false' : 'it has no basicConstraints';
  return problem(
    'NOT_A_CA',
    `${capitalize(quote(cert.parsed.subject))} (${source(cert)}) signed ${quote(child.parsed.subject)}, but it is not a CA certificate (${bc}).`,
    `Have the server send the real intermediate CA certificate that issued ${quote(child.parsed.subject)}; ${quote(cert.parsed.subject)} may not issue certificates.`,
  );
}

export function pathLength(cert: ChainCertificate, allowed: number, actual: number): Problem {
  return problem(
    'PATH_LENGTH',
    `${capitalize(quote(cert.parsed.subject))} allows ${allowed} intermediate CA certificate(s) below it (pathLenConstraint), but this chain has ${actual}.`,
    `Have the server certificate issued directly by a CA that ${quote(cert.parsed.subject)} allows, or use a CA without this limit.`,
  );
}

export function caKeyUsage(cert: ChainCertificate, child: ChainCertificate): Problem {
  return problem(
    'KEY_USAGE',
    `${capitalize(quote(cert.parsed.subject))} signed ${quote(child.parsed.subject)}, but its keyUsage (${(cert.parsed.keyUsage ?? []).join(', ')}) does not include keyCertSign.`,
    `Use a CA certificate for ${quote(cert.parsed.subject)} whose keyUsage includes keyCertSign.`,
  );
}

export function serverUsage(cert: ChainCertificate, role: CertificateRole, what: string, names: readonly string[]): Problem {
  const eku = what === 'extendedKeyUsage';
  const wanted = eku ? 'serverAuth' : 'digitalSignature';
  return problem(
    eku ? 'EXTENDED_KEY_USAGE' : 'KEY_USAGE',
    `${capitalize(describe(cert, role))} has ${what} ${names.join(', ')}, which does not allow TLS server authentication.`,
    `Reissue ${quote(cert.parsed.subject)} with ${what} including ${wanted}.`,
  );
}

/** JSSE's PKIXValidator.verifyTrustAnchor: a v3 anchor (other than the server's own certificate) must be a CA that may sign certificates. */
export function javaAnchorNotCa(anchor: ChainCertificate, child: ChainCertificate, lacksKeyCertSign: boolean): Problem {
  const why = lacksKeyCertSign
    ? `its keyUsage (${(anchor.parsed.keyUsage ?? []).join(', ')}) does not include keyCertSign`
    : anchor.parsed.basicConstraints
      ? 'it is not a CA certificate (basicConstraints CA is false)'
      : 'it is not a CA certificate (it has no basicConstraints)';
  return problem(
    lacksKeyCertSign ? 'KEY_USAGE' : 'NOT_A_CA',
    `Java does not accept the trust anchor ${quote(anchor.parsed.subject)} (${source(anchor)}) that issued ${quote(child.parsed.subject)}: ${why}.`,
    `Trust the CA certificate that issued ${quote(child.parsed.subject)} instead, or import the server's own certificate (which Java accepts as it is); -Djdk.security.allowNonCaAnchor=true turns this check off.`,
  );
}

/** A name of a certificate on the path is outside the name constraints of a CA above it. */
export function nameConstraints(path: readonly ChainCertificate[], violation: NameViolation, client: ClientProfile, anchorIndex: number): Problem {
  const cert = path[violation.index]!;
  const ca = path[violation.constrainedBy]!;
  const subject = capitalize(describe(cert, violation.index === 0 ? 'leaf' : 'intermediate'));
  const caName = `${quote(ca.parsed.subject)} (${source(ca)})`;
  let what: string;
  if (violation.reason === 'min-max') {
    what = `${caName} has name constraints with a minimum or maximum${violation.subtrees.length ? ` (${violation.subtrees.join(', ')})` : ''}, which ${CLIENT_NAMES[client]} does not support, so it rejects ${describe(cert, violation.index === 0 ? 'leaf' : 'intermediate')}.`;
  } else if (violation.reason === 'permitted') {
    what = `${subject} has the name ${violation.name}, outside the names that ${caName} permits below it (${violation.subtrees.join(', ')}).`;
  } else {
    what = `${subject} has the name ${violation.name}, which ${caName} excludes below it (${violation.subtrees.join(', ')}).`;
  }
  const anchorNote = client === 'openssl' && violation.constrainedBy === anchorIndex ? ' (Java ignores the name constraints of a trust anchor; OpenSSL applies them.)' : '';
  return problem(
    'NAME_CONSTRAINTS',
    `${what}${anchorNote}`,
    `Have ${quote(cert.parsed.subject)} reissued with only names that ${quote(ca.parsed.subject)} allows, or issued by a CA without these name constraints.`,
  );
}

const SHAPE_FIXES: Record<ChainIssue['code'], string> = {
  INCOMPLETE_CHAIN: 'Configure the server to send its intermediate certificates after its own; other clients may not hold them.',
  CONTAINS_ANCHOR: 'Optionally stop sending the root certificate: clients use their own trusted copy.',
  WRONG_ORDER: 'Configure the server to send its certificate first, then each issuer in order.',
  EXTRA_CERTS: 'Remove the certificates that are not on the server certificate\'s path from the server configuration.',
};

/** A chain-shape finding as a (non-blocking) problem. */
export function shapeProblem(issue: ChainIssue): Problem {
  return problem(issue.code, capitalize(issue.message.endsWith('.') ? issue.message : `${issue.message}.`), SHAPE_FIXES[issue.code]);
}
