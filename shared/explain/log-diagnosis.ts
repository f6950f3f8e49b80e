// The diagnosis a failure log allows, without the network: which certificate is missing from which
// store (by name and key identifier, from the chain the log shows), which one expired, which name did not
// match. Pure; the main process then looks for the missing certificate in this machine's stores.
import type { Failure, LogDiagnosis, LogTrustStore, LoggedCertificate } from '../model/explanation';
import { sameName } from './names';

export interface LogFacts {
  readonly failure: Failure | null;
  readonly chain?: readonly LoggedCertificate[];
  readonly trusted?: readonly LoggedCertificate[];
  readonly trustStore?: LogTrustStore;
  readonly host?: string;
  readonly loggedAt?: string;
}

/** From the leaf up through the sent certificates, each the issuer of the one before (by name). */
function topOfPath(chain: readonly LoggedCertificate[]): LoggedCertificate {
  let current = chain[0]!;
  const used = new Set([0]);
  for (;;) {
    if (current.selfSigned) return current;
    const next = chain.findIndex((cert, i) => !used.has(i) && sameName(cert.subject, current.issuer));
    if (next < 0) return current;
    used.add(next);
    current = chain[next]!;
  }
}

function storeWords(store: LogTrustStore | undefined): string {
  if (!store) return "the trust store this client reads (the log does not name it: see what it does not show)";
  const reader = store.client === 'java' ? 'this JVM' : store.client;
  return `${store.path} — the store ${reader} reads`;
}

function serialWords(cert: LoggedCertificate): string {
  return cert.serialNumber ? `, serial ${cert.serialNumber}` : '';
}

/** "NotAfter: Fri Jan 01 00:00:00 UTC 2021" in the exception, as ISO. */
function dateAfter(label: string, message: string | undefined): number | null {
  const m = message ? new RegExp(`${label}: (.+?)(?:$|\\)|,)`).exec(message) : null;
  if (!m) return null;
  const ms = Date.parse(m[1]!.replace(/^\w{3} (\w{3}) (\d{2}) ([\d:]+) (\w+) (\d{4})$/, '$1 $2 $5 $3 $4'));
  return Number.isNaN(ms) ? null : ms;
}

function pathProblem(facts: LogFacts, chain: readonly LoggedCertificate[]): LogDiagnosis {
  const top = topOfPath(chain);
  const into = storeWords(facts.trustStore);
  if (top.selfSigned) {
    const isLeaf = top === chain[0];
    return {
      code: isLeaf ? 'SELF_SIGNED' : 'UNTRUSTED_ROOT',
      message: isLeaf
        ? `The server's certificate "${top.subject}" signs itself and the trust store does not hold it.`
        : `The chain the server sent ends at the root "${top.subject}", which the trust store does not hold.`,
      fix: `Import "${top.subject}"${serialWords(top)} into ${into}, if you trust it.`,
      missingIssuer: { name: top.subject, ...(top.subjectKeyId ? { keyId: top.subjectKeyId } : {}) },
      certificate: top,
    };
  }
  const heldByName = facts.trusted?.find((cert) => sameName(cert.subject, top.issuer));
  const missingIssuer = { name: top.issuer, ...(top.authorityKeyId ? { keyId: top.authorityKeyId } : {}) };
  if (heldByName) {
    return {
      code: 'UNTRUSTED_ROOT',
      message: `The trust store holds a certificate named "${top.issuer}", but not the one that signed "${top.subject}"${top.authorityKeyId && heldByName.subjectKeyId && heldByName.subjectKeyId !== top.authorityKeyId ? ` (its key identifier is ${heldByName.subjectKeyId}, the signer's ${top.authorityKeyId})` : ''}: another key under the same name.`,
      fix: `Import the certificate "${top.issuer}" whose key signed the server's chain${top.authorityKeyId ? ` (subject key identifier ${top.authorityKeyId})` : ''} into ${into}.`,
      missingIssuer,
      certificate: top,
    };
  }
  // The log cannot tell a missing intermediate from a missing root; the CA flag is the best hint: servers
  // usually send their intermediates, so the issuer of a CA certificate is most often a root.
  const leafOnly = top === chain[0] && top.ca !== true;
  return leafOnly
    ? {
        code: 'INCOMPLETE_CHAIN',
        message: `The server sent "${top.subject}" without its issuer "${top.issuer}", and the trust store does not hold that issuer either.`,
        fix: `Have the server send its intermediate "${top.issuer}" with its certificate; or import "${top.issuer}" into ${into}.`,
        missingIssuer,
        certificate: top,
      }
    : {
        code: 'UNTRUSTED_ROOT',
        message: `Nothing in the trust store issued "${top.subject}": its issuer "${top.issuer}" is missing.`,
        fix: `Import the CA certificate "${top.issuer}" into ${into}.`,
        missingIssuer,
        certificate: top,
      };
}

function validityProblem(facts: LogFacts, chain: readonly LoggedCertificate[] | undefined, expired: boolean): LogDiagnosis {
  const label = expired ? 'NotAfter' : 'NotBefore';
  const stated = dateAfter(label, facts.failure?.message);
  const when = facts.loggedAt ? Date.parse(facts.loggedAt) : null;
  const cert =
    chain?.find((c) => {
      const date = expired ? c.notAfter : c.notBefore;
      if (!date) return false;
      const ms = Date.parse(date);
      if (stated !== null) return Math.abs(ms - stated) < 1000;
      return when !== null && (expired ? ms < when : ms > when);
    }) ?? undefined;
  const name = cert ? `"${cert.subject}"` : 'a certificate of the chain';
  return {
    code: expired ? 'EXPIRED' : 'NOT_YET_VALID',
    message: expired ? `${name} expired${cert?.notAfter ? ` on ${cert.notAfter}` : ''}.` : `${name} is not valid until ${cert?.notBefore ?? 'later'}.`,
    fix: expired
      ? `Renew ${name} on the server; importing into the trust store does not help.`
      : `Check the clock of this machine and of the server; a certificate cannot be used before its start date.`,
    ...(cert ? { certificate: cert } : {}),
  };
}

export function diagnoseLog(facts: LogFacts): LogDiagnosis | null {
  const failure = facts.failure;
  if (!failure) return null;
  const chain = facts.chain?.length ? facts.chain : undefined;
  switch (failure.class) {
    case 'PKIX_PATH_BUILDING':
    case 'SELF_SIGNED':
      if (chain) return pathProblem(facts, chain);
      return {
        code: failure.class === 'SELF_SIGNED' ? 'SELF_SIGNED' : 'UNTRUSTED_ROOT',
        message: 'The client found no path from the server certificate to a certificate in its trust store.',
        fix: `The log does not show the chain, so not which issuer is missing: run the client with -Djavax.net.debug=ssl:handshake:trustmanager, or trustlens diagnose HOST:PORT --truststore FILE where the server can be reached; then import the missing CA certificate into ${storeWords(facts.trustStore)}.`,
      };
    case 'EXPIRED':
      return validityProblem(facts, chain, true);
    case 'NOT_YET_VALID':
      return validityProblem(facts, chain, false);
    case 'HOSTNAME_MISMATCH': {
      const leaf = chain?.[0];
      const names = leaf?.subjectAltNames?.join(', ');
      return {
        code: 'HOSTNAME_MISMATCH',
        message: `The server's certificate does not name ${facts.host ?? 'the host the client connected to'}${names ? `: it names ${names}` : ''}.`,
        fix: names ? `Connect with a name the certificate has (${names}), or give the server a certificate for ${facts.host ?? 'that host'}.` : `Give the server a certificate whose subject alternative names include ${facts.host ?? 'the host name clients use'}.`,
        ...(leaf ? { certificate: leaf } : {}),
      };
    }
    case 'PKIX_PATH_VALIDATION':
      return { code: 'PATH_VALIDATION', message: 'A path to the trust store was found but did not validate.', fix: `Read the cause in the message: ${failure.message}` };
    case 'REVOKED':
      return { code: 'REVOKED', message: 'A certificate of the chain has been revoked by its CA.', fix: 'The server needs a new certificate; nothing on the client side should accept a revoked one.' };
    case 'ALGORITHM_CONSTRAINED':
      return { code: 'ALGORITHM_CONSTRAINED', message: 'The client refuses an algorithm or key size the chain uses.', fix: 'Reissue the certificate with SHA-256 or better and RSA 2048+ / EC P-256+; or (last resort) relax jdk.certpath.disabledAlgorithms in java.security.' };
    case 'PROTOCOL_VERSION':
      return { code: 'PROTOCOL_VERSION', message: 'Client and server have no TLS version in common.', fix: 'Enable TLS 1.2 or 1.3 on the server (or, if the server is old, the version it has on the client: jdk.tls.disabledAlgorithms).' };
    case 'NO_COMMON_CIPHER':
      return { code: 'NO_COMMON_CIPHER', message: 'Client and server have no cipher suite in common.', fix: 'Enable a current ECDHE/AES-GCM suite on the server; compare with trustlens probe HOST:PORT.' };
    case 'HANDSHAKE_ALERT':
      return {
        code: 'HANDSHAKE_ALERT',
        message: `The peer ended the handshake with the alert ${failure.alert ?? 'in the message'}.`,
        fix: failure.alert === 'bad_certificate' || failure.alert === 'certificate_required' ? 'The server wants a client certificate: configure the keystore (javax.net.ssl.keyStore) with a key its CA accepts.' : "Look at the other side's log: the alert says it refused the handshake.",
      };
    case 'CONNECTION':
      return { code: 'CONNECTION', message: 'The connection itself failed (refused, reset, timed out or name not found) before trust was decided.', fix: 'Check the host, port, proxy and firewall; TLS trust is not the problem yet.' };
    default:
      return null;
  }
}
