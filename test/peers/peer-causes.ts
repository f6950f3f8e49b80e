// What a real client's failure means in TrustLens problem codes, so tests can check that a diagnosis
// names the cause the peer itself reported. Anything else (an alert, a reset) is not a trust verdict.
import type { ProblemCode } from '../../shared/model/probe';

/** OpenSSL X509_V_ERR_* numbers (include/openssl/x509_vfy.h, OpenSSL 3.0). */
const OPENSSL: Record<number, readonly ProblemCode[]> = {
  // The issuer was not found; OpenSSL also skips a same-named certificate whose key does not match.
  2: ['INCOMPLETE_CHAIN', 'UNTRUSTED_ROOT', 'BAD_SIGNATURE'],
  20: ['INCOMPLETE_CHAIN', 'UNTRUSTED_ROOT', 'BAD_SIGNATURE'],
  21: ['INCOMPLETE_CHAIN'],
  7: ['BAD_SIGNATURE'],
  9: ['NOT_YET_VALID'],
  10: ['EXPIRED'],
  18: ['SELF_SIGNED'],
  19: ['UNTRUSTED_ROOT'],
  24: ['NOT_A_CA', 'KEY_USAGE'],
  25: ['PATH_LENGTH'],
  // Invalid purpose: the server purpose checks extendedKeyUsage and, on the leaf, keyUsage.
  26: ['EXTENDED_KEY_USAGE', 'KEY_USAGE'],
  32: ['KEY_USAGE'],
  62: ['HOSTNAME_MISMATCH'],
  64: ['HOSTNAME_MISMATCH'],
  47: ['NAME_CONSTRAINTS'], // permitted subtree violation
  48: ['NAME_CONSTRAINTS'], // excluded subtree violation
  49: ['NAME_CONSTRAINTS'], // name constraints minimum and maximum not supported
  66: ['WEAK_KEY'],
  67: ['WEAK_KEY'],
  68: ['WEAK_SIGNATURE'],
  79: ['NOT_A_CA', 'KEY_USAGE'],
};

export function opensslCauses(verifyCode: number): readonly ProblemCode[] {
  const codes = OPENSSL[verifyCode];
  if (!codes) throw new Error(`no TrustLens problem code is known for OpenSSL verify error ${verifyCode}`);
  return codes;
}

const JAVA: readonly [RegExp, readonly ProblemCode[]][] = [
  [/PKIX path building failed/, ['INCOMPLETE_CHAIN', 'UNTRUSTED_ROOT', 'SELF_SIGNED', 'BAD_SIGNATURE']],
  [/CertificateExpiredException/, ['EXPIRED']],
  [/CertificateNotYetValidException/, ['NOT_YET_VALID']],
  [/No subject alternative|No name matching/, ['HOSTNAME_MISMATCH']],
  [/basic constraints check failed: this is not a CA/, ['NOT_A_CA']],
  [/basic constraints check failed: pathLenConstraint/, ['PATH_LENGTH']],
  // PKIXValidator.verifyTrustAnchor, after the path itself is valid.
  [/TrustAnchor with subject .* is not a CA certificate/, ['NOT_A_CA']],
  [/TrustAnchor with subject .* does not have keyCertSign bit set/, ['KEY_USAGE']],
  [/name constraints check failed|BaseDistance in name constraints not supported/, ['NAME_CONSTRAINTS']],
  [/Extended key usage does not permit/, ['EXTENDED_KEY_USAGE']],
  [/KeyUsage does not allow|key usage/i, ['KEY_USAGE']],
  [/Algorithm constraints check failed/, ['WEAK_SIGNATURE', 'WEAK_KEY', 'ALGORITHM_CONSTRAINED']],
  // A disabledAlgorithms entry with a condition, e.g. "SHA1 jdkCA & usage TLSServer".
  [/Usage constraint \w+ check failed/, ['ALGORITHM_CONSTRAINED']],
  // The handshake itself: no protocol version in common, no cipher suite in common, a client certificate required.
  [/No appropriate protocol|protocol_version/, ['PROTOCOL_VERSION']],
  [/certificate_required|bad_certificate/, ['CLIENT_CERT_REQUIRED']],
  [/handshake_failure|no cipher suites in common/, ['NO_COMMON_CIPHER', 'CLIENT_CERT_REQUIRED']],
  [/signature check failed/, ['BAD_SIGNATURE']],
];

/** Problem codes for a JavaTlsClient verdict line (not "TRUSTED"). */
export function javaCauses(verdict: string): readonly ProblemCode[] {
  const match = JAVA.find(([pattern]) => pattern.test(verdict));
  if (!match) throw new Error(`JavaTlsClient failed for a reason that is not a trust verdict: ${verdict}`);
  return match[1];
}
