// Would the whole handshake complete for this client, not only the chain? Decided from what the probe
// negotiated (offering TLS 1.0 to 1.3 and every cipher suite its OpenSSL has), a second attempt offering
// exactly what the client offers where that is needed, and the client certificate the server asks for.
// - Java (JSSE): a protocol version or suite named by jdk.tls.disabledAlgorithms is not offered (JDK 17:
//   TLSv1 and TLSv1.1 are); a server that speaks nothing else fails with "No appropriate protocol" or a
//   handshake_failure alert. The rule is named, with the JDK it comes from.
// - OpenSSL 3.0 (default security level 1): TLS 1.0 and 1.1 are still offered, but their (EC)DHE key
//   exchange is signed with MD5+SHA-1 (RSA) or SHA-1 (ECDSA), which level 1 refuses ("legacy sigalg
//   disallowed or unsupported"); RSA key exchange, which signs nothing, still works.
// - Both: a server that requires a client certificate ends the handshake unless the client has a key
//   entry it would offer (with --keystore, the entries JSSE's key manager would pick).
// Protocol and cipher problems come before the chain's (they end the handshake before the certificate is
// judged); the client certificate comes after (the server asks once the client has checked its chain).
import type { ClientCertificateRequest, ClientKeys, ClientProfile, Diagnosis, Problem } from '../model/probe';
import { javaName, type JavaSecurity } from './java-security';
import { ianaSuiteName, JSSE_DEFAULT_SUITES, protocolRule, suiteRule } from './java-tls';

const JSSE_SUITES = new Set(JSSE_DEFAULT_SUITES.map(ianaSuiteName));

/** A second handshake offering exactly what the client offers. */
export type ClientAttempt =
  | { readonly ok: true; readonly protocol: string; readonly cipher: string }
  | { readonly ok: false; readonly protocolVersionAlert: boolean; readonly reason: string };

export interface HandshakeInput {
  readonly client: ClientProfile;
  /** What the probe negotiated offering everything, e.g. TLSv1 and TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA. */
  readonly protocol: string;
  readonly cipher: string;
  /** The probe got through only offering every suite its OpenSSL has (none of the DEFAULT list was accepted). */
  readonly offeredAllCiphers?: boolean;
  readonly attempt?: ClientAttempt;
  readonly clientCertificate?: ClientCertificateRequest;
  /** With --keystore: its file and which key entries would be offered. */
  readonly keystore?: { readonly file: string; readonly keys: ClientKeys };
  /** Where a keystore comes from, for the words of the fix: the command line's --keystore (default) or a tab of the app. */
  readonly keystoreFrom?: 'cli' | 'app';
  readonly java?: JavaSecurity;
}

export interface HandshakeVerdict {
  readonly connects: boolean;
  /** Problems that end the handshake before the chain is judged. */
  readonly before: Problem[];
  /** Problems that end it after (the client certificate). */
  readonly after: Problem[];
}

const LEGACY = new Set(['TLSv1', 'TLSv1.1', 'SSLv3']);

/** Whether a TLS 1.2-and-older suite's key exchange is signed by the server (ECDHE, DHE), which TLS 1.0/1.1 do with MD5+SHA-1 or SHA-1. */
function signedKeyExchange(cipher: string): boolean {
  return /^TLS_(ECDHE|DHE)_/.test(cipher);
}

function needsRetryJava(java: JavaSecurity | undefined, protocol: string, cipher: string): boolean {
  return !!java && !protocolRule(java, protocol) && (!JSSE_SUITES.has(cipher) || !!suiteRule(java, cipher));
}

/** Whether the probe's own negotiation does not tell, and a second attempt with the client's offer is needed. */
export function needsClientAttempt(client: ClientProfile, protocol: string, cipher: string, java: JavaSecurity | undefined): boolean {
  return client === 'java' && needsRetryJava(java, protocol, cipher);
}

function protocolProblem(client: ClientProfile, protocol: string, cipher: string, java: JavaSecurity | undefined): Problem | null {
  if (client === 'java') {
    const rule = java ? protocolRule(java, protocol) : undefined;
    if (!rule) return null;
    return {
      code: 'PROTOCOL_VERSION',
      message: `The server speaks at most ${protocol}, which ${javaName(java)} does not offer: jdk.tls.disabledAlgorithms names "${rule.text}"${java?.files.length ? ` (${java.files.join(', ')})` : ''}. The handshake fails (the server answers with a protocol_version alert, or Java reports "No appropriate protocol").`,
      fix: `Enable TLS 1.2 or 1.3 on the server. (Re-enabling ${protocol} in the client's java.security is possible but unsafe.)`,
    };
  }
  if (!LEGACY.has(protocol) || !signedKeyExchange(cipher)) return null;
  return {
    code: 'PROTOCOL_VERSION',
    message: `The server speaks at most ${protocol} and signs its key exchange (${cipher}) the way ${protocol} does, with MD5+SHA-1 or SHA-1, which OpenSSL 3 refuses at its default security level ("legacy sigalg disallowed or unsupported").`,
    fix: 'Enable TLS 1.2 or 1.3 on the server. (A client could connect with -cipher DEFAULT@SECLEVEL=0, which is unsafe.)',
  };
}

function attemptProblem(attempt: ClientAttempt, cipher: string, java: JavaSecurity | undefined): Problem | null {
  if (attempt.ok) return null;
  const rule = java ? suiteRuleText(java, cipher) : cipher;
  if (attempt.protocolVersionAlert) {
    return {
      code: 'PROTOCOL_VERSION',
      message: `The server refused every protocol version ${javaName(java)} offers (${attempt.reason}).`,
      fix: 'Enable TLS 1.2 or 1.3 on the server.',
    };
  }
  return {
    code: 'NO_COMMON_CIPHER',
    message: `The server has no cipher suite in common with ${javaName(java)}: it chose ${rule}, and refused the suites this JDK offers (${attempt.reason}).`,
    fix: 'Enable a current cipher suite on the server, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (or TLS 1.3).',
  };
}

/** "TLS_RSA_WITH_3DES_EDE_CBC_SHA, which jdk.tls.disabledAlgorithms turns off ("3DES_EDE_CBC")" */
function suiteRuleText(java: JavaSecurity, suite: string): string {
  const rule = suiteRule(java, suite);
  return rule ? `${suite}, which jdk.tls.disabledAlgorithms turns off ("${rule.text}")` : `${suite}, which this JDK does not offer`;
}

function clientCertificateProblem(
  client: ClientProfile,
  request: ClientCertificateRequest | undefined,
  keystore: HandshakeInput['keystore'],
  java: JavaSecurity | undefined,
  from: HandshakeInput['keystoreFrom'] = 'cli',
): Problem | null {
  if (!request?.required) return null;
  if (keystore && keystore.keys.matches.length > 0) return null;
  const who = client === 'java' ? javaName(java) : 'OpenSSL';
  const issuers = request.acceptedIssuers.length ? ` issued by ${request.acceptedIssuers.map((n) => `'${n}'`).join(' or ')}` : '';
  const held = keystore
    ? keystore.keys.keyEntries === 0
      ? `${keystore.file} holds no key entry`
      : `${keystore.file} holds ${keystore.keys.keyEntries} key entr${keystore.keys.keyEntries === 1 ? 'y' : 'ies'}, none whose chain is issued by a CA the server accepts`
    : from === 'app'
      ? 'no open keystore holds a key entry'
      : 'no keystore was given (--keystore)';
  return {
    code: 'CLIENT_CERT_REQUIRED',
    message: `The server requires a client certificate${issuers} (mutual TLS) and ends the handshake without one; ${held}, so ${who} would send none.`,
    fix: `Give the client a keystore with a key entry whose certificate chain is issued by a CA the server accepts${client === 'java' ? ' (-Djavax.net.ssl.keyStore=FILE)' : ' (-cert and -key)'}; ${from === 'app' ? 'open it in a tab to check it' : 'check one with --keystore FILE'}.`,
  };
}

/** The handshake verdict for this client. */
export function handshakeVerdict(input: HandshakeInput): HandshakeVerdict {
  const { client, protocol, cipher, java } = input;
  const before: Problem[] = [];
  const versionProblem = protocolProblem(client, protocol, cipher, java);
  if (versionProblem) before.push(versionProblem);
  else if (input.attempt) {
    const problem = attemptProblem(input.attempt, cipher, java);
    if (problem) before.push(problem);
  } else if (client === 'openssl' && input.offeredAllCiphers) {
    before.push({
      code: 'NO_COMMON_CIPHER',
      message: `The server accepts none of the cipher suites OpenSSL 3 offers by default (its DEFAULT list); it chose ${cipher} only when offered every suite, so the handshake fails with a handshake_failure alert.`,
      fix: 'Enable a current cipher suite on the server, e.g. ECDHE-RSA-AES128-GCM-SHA256 (or TLS 1.3).',
    });
  }
  const after: Problem[] = [];
  const certificate = clientCertificateProblem(client, input.clientCertificate, input.keystore, java, input.keystoreFrom);
  if (certificate) after.push(certificate);
  return { connects: before.length === 0 && after.length === 0, before, after };
}

/** The diagnosis with the handshake's verdict: `connects`, and its problems around the chain's (`trusted` unchanged). */
export function withHandshake(diagnosis: Diagnosis, verdict: HandshakeVerdict): Diagnosis {
  return { ...diagnosis, problems: [...verdict.before, ...diagnosis.problems, ...verdict.after], connects: verdict.connects };
}
