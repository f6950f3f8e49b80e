// The failure class of a TLS error, from the words a client uses for it: JSSE's exceptions (JDK 8 to 21),
// curl's "SSL certificate problem: …" and OpenSSL's verify errors. The most specific rule first: a PKIX
// "validity check failed" is caused by a CertificateExpiredException, which is the answer.
import type { Failure, FailureClass } from '../model/explanation';

interface Rule {
  readonly class: FailureClass;
  readonly pattern: RegExp;
}

const RULES: readonly Rule[] = [
  { class: 'EXPIRED', pattern: /CertificateExpiredException[^\n]*|certificate has expired[^\n]*|verify error:num=10:[^\n]*/i },
  { class: 'NOT_YET_VALID', pattern: /CertificateNotYetValidException[^\n]*|certificate is not yet valid[^\n]*|verify error:num=9:[^\n]*/i },
  {
    class: 'HOSTNAME_MISMATCH',
    pattern:
      /No subject alternative (?:DNS )?names? matching[^\n]*|No subject alternative names present[^\n]*|No name matching [^\n]* found[^\n]*|no alternative certificate subject name matches target host name[^\n]*|certificate subject name '[^']*' does not match target host name[^\n]*|verify error:num=62:[^\n]*|Hostname [^\n]* not verified[^\n]*/i,
  },
  { class: 'REVOKED', pattern: /CertificateRevokedException[^\n]*|Certificate has been revoked[^\n]*|certificate revoked[^\n]*|verify error:num=23:[^\n]*/i },
  { class: 'ALGORITHM_CONSTRAINED', pattern: /Algorithm constraints check failed[^\n]*|disabled algorithm[^\n]*|ca md too weak[^\n]*|ee key too small[^\n]*/i },
  { class: 'SELF_SIGNED', pattern: /SSL certificate problem: self[- ]signed certificate(?! in certificate chain)[^\n]*|verify error:num=18:[^\n]*/i },
  {
    class: 'PKIX_PATH_BUILDING',
    pattern:
      /PKIX path building failed[^\n]*|unable to find valid certification path[^\n]*|unable to get local issuer certificate[^\n]*|unable to verify the first certificate[^\n]*|self[- ]signed certificate in certificate chain[^\n]*|unable to get issuer certificate[^\n]*|verify error:num=(?:2|19|20|21):[^\n]*/i,
  },
  { class: 'PKIX_PATH_VALIDATION', pattern: /PKIX path validation failed[^\n]*|CertPathValidatorException[^\n]*|basic constraints check failed[^\n]*|Path does not chain with any of the trust anchors[^\n]*/i },
  {
    class: 'PROTOCOL_VERSION',
    pattern: /No appropriate protocol[^\n]*|protocol_version[^\n]*|The server selected protocol version [^\n]*|unsupported protocol[^\n]*|wrong version number[^\n]*|Client requested protocol [^\n]* is not enabled[^\n]*/i,
  },
  { class: 'NO_COMMON_CIPHER', pattern: /no cipher suites in common[^\n]*|insufficient_security[^\n]*|no shared cipher[^\n]*|sslv3 alert handshake failure[^\n]*/i },
  { class: 'HANDSHAKE_ALERT', pattern: /Received fatal alert: [a-z_]+[^\n]*|alert (?:handshake failure|bad certificate|unknown ca|certificate unknown)[^\n]*|tlsv1 alert [a-z ]+[^\n]*/i },
  {
    class: 'CONNECTION',
    pattern: /Connection refused[^\n]*|Connection reset[^\n]*|connect timed out[^\n]*|Read timed out[^\n]*|UnknownHostException[^\n]*|Remote host terminated the handshake[^\n]*|Could not resolve host[^\n]*|Failed to connect to[^\n]*|NoRouteToHostException[^\n]*/i,
  },
];

/** The Java exception class on the line that says it, where there is one. */
function exceptionOn(line: string): string | undefined {
  const m = /(?:^|\s|Caused by: )((?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error))\b/.exec(line);
  return m ? m[1] : undefined;
}

/** An alert the text names: JSSE's "Received fatal alert: x" / "Fatal (X)", OpenSSL's "alert x y". */
function alertIn(text: string): string | undefined {
  const m = /Received fatal alert: ([a-z_]+)/.exec(text) ?? /\|Fatal \(([A-Z_]+)\)/.exec(text) ?? /(?:sslv3|tlsv1|tlsv13) alert ([a-z ]+?)(?:[:\s]|$)/m.exec(text);
  return m ? m[1]!.toLowerCase().replace(/ /g, '_') : undefined;
}

export function classifyFailure(text: string): Failure | null {
  for (const rule of RULES) {
    const m = rule.pattern.exec(text);
    if (!m) continue;
    // The whole line the words are on, as the log has it.
    const start = text.lastIndexOf('\n', m.index) + 1;
    const end = text.indexOf('\n', m.index);
    const line = text.slice(start, end < 0 ? undefined : end).trim();
    const exception = exceptionOn(line);
    const alert = alertIn(text);
    return { class: rule.class, message: line.replace(/^javax\.net\.ssl\|[^|]*\|[^|]*\|[^|]*\|[^|]*\|[^|]*\|/, '').replace(/ \($/, ''), ...(exception ? { exception } : {}), ...(alert ? { alert } : {}) };
  }
  return null;
}
