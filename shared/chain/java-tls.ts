// Which protocol versions and cipher suites a JDK's JSSE client offers, after its
// jdk.tls.disabledAlgorithms: a protocol is off when the list names it; a suite is off when the list names
// it (a `*` pattern matches names) or one of the parts JSSE breaks its name into (SSLAlgorithmDecomposer:
// the key exchange and its halves, e.g. ECDHE and RSA; the cipher, e.g. 3DES_EDE_CBC and DESede; the MAC,
// e.g. SHA1 and HmacSHA1). Names compare case-insensitively, as in the JDK. Entries with a keySize
// condition (DH keySize < 1024) constrain keys during the handshake, not the offer, and are left out here.
import type { AlgorithmConstraint, JavaSecurity } from './java-security';

/**
 * The suites JDK 17's SunJSSE enables by default before disabledAlgorithms filters them, in its order of
 * preference: what `SSLSocket.getEnabledCipherSuites()` lists with an empty jdk.tls.disabledAlgorithms
 * (the list of JDK 17.0.15 with its stock java.security, plus the 3DES and static ECDH suites that
 * stock list disables). RC4, DES, NULL and anon suites are never enabled by default, whatever the list says.
 */
export const JSSE_DEFAULT_SUITES: readonly string[] = [
  'TLS_AES_256_GCM_SHA384',
  'TLS_AES_128_GCM_SHA256',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_DHE_DSS_WITH_AES_256_GCM_SHA384',
  'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_DHE_DSS_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
  'TLS_DHE_RSA_WITH_AES_256_CBC_SHA256',
  'TLS_DHE_DSS_WITH_AES_256_CBC_SHA256',
  'TLS_DHE_RSA_WITH_AES_128_CBC_SHA256',
  'TLS_DHE_DSS_WITH_AES_128_CBC_SHA256',
  'TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384',
  'TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384',
  'TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
  'TLS_DHE_RSA_WITH_AES_256_CBC_SHA',
  'TLS_DHE_DSS_WITH_AES_256_CBC_SHA',
  'TLS_DHE_RSA_WITH_AES_128_CBC_SHA',
  'TLS_DHE_DSS_WITH_AES_128_CBC_SHA',
  'TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDH_RSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDH_RSA_WITH_AES_128_CBC_SHA',
  'TLS_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_RSA_WITH_AES_256_CBC_SHA256',
  'TLS_RSA_WITH_AES_128_CBC_SHA256',
  'TLS_RSA_WITH_AES_256_CBC_SHA',
  'TLS_RSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
  'SSL_DHE_RSA_WITH_3DES_EDE_CBC_SHA',
  'SSL_DHE_DSS_WITH_3DES_EDE_CBC_SHA',
  'TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA',
  'TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA',
  'SSL_RSA_WITH_3DES_EDE_CBC_SHA',
];

/** Protocol versions JSSE 17 enables by default before the list filters them, newest first. */
export const JSSE_DEFAULT_PROTOCOLS = ['TLSv1.3', 'TLSv1.2', 'TLSv1.1', 'TLSv1'] as const;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The parts JSSE decomposes a suite name into, e.g. ECDHE_RSA, ECDHE, RSA, AES_128_GCM, AES, SHA256, HmacSHA256. */
export function suiteParts(suite: string): string[] {
  const name = suite.replace(/^(TLS|SSL)_/, '');
  const withAt = name.indexOf('_WITH_');
  const keyExchange = withAt >= 0 ? name.slice(0, withAt) : '';
  let rest = withAt >= 0 ? name.slice(withAt + '_WITH_'.length) : name;
  const parts: string[] = [];
  if (keyExchange) parts.push(keyExchange, ...keyExchange.split('_'));
  const mac = /_(SHA384|SHA256|SHA|MD5|NULL)$/.exec(rest)?.[1];
  if (mac) rest = rest.slice(0, -(mac.length + 1));
  parts.push(rest);
  if (rest === '3DES_EDE_CBC') parts.push('DESede');
  else if (rest.startsWith('RC4')) parts.push('RC4');
  else if (rest.startsWith('DES')) parts.push('DES');
  else if (rest.startsWith('AES')) parts.push('AES');
  if (mac === 'SHA') parts.push('SHA1', 'HmacSHA1');
  else if (mac === 'MD5') parts.push('MD5', 'HmacMD5');
  else if (mac === 'SHA256' || mac === 'SHA384') parts.push(mac, `Hmac${mac}`);
  return parts;
}

/** Whether an entry without a key-size condition names this name (a `*` in it matching any characters). */
function names(constraint: AlgorithmConstraint, name: string): boolean {
  if (constraint.keySize || constraint.denyAfter || constraint.jdkCA || constraint.usage.length) return false;
  if (constraint.algorithm.includes('*')) {
    const pattern = new RegExp(`^${constraint.algorithm.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
    return pattern.test(name);
  }
  return same(constraint.algorithm, name);
}

/** The entry of jdk.tls.disabledAlgorithms that turns this protocol version off, if any. */
export function protocolRule(rules: JavaSecurity, protocol: string): AlgorithmConstraint | undefined {
  return rules.tlsDisabled.find((c) => names(c, protocol));
}

/** The entry of jdk.tls.disabledAlgorithms that turns this suite off, if any. */
export function suiteRule(rules: JavaSecurity, suite: string): AlgorithmConstraint | undefined {
  const parts = suiteParts(suite);
  return rules.tlsDisabled.find((c) => names(c, suite) || parts.some((part) => names(c, part)));
}

/** The protocol versions this JDK's client offers. */
export function enabledProtocols(rules: JavaSecurity): string[] {
  return JSSE_DEFAULT_PROTOCOLS.filter((p) => !protocolRule(rules, p));
}

/** The suites this JDK's client offers, in its order. */
export function enabledSuites(rules: JavaSecurity): string[] {
  return JSSE_DEFAULT_SUITES.filter((suite) => !suiteRule(rules, suite));
}

/** JSSE names some suites SSL_…; the IANA name (what a probe reports) starts TLS_. */
export function ianaSuiteName(suite: string): string {
  return suite.replace(/^SSL_/, 'TLS_');
}

const KEY_EXCHANGES: Record<string, string> = { RSA: '', ECDHE_RSA: 'ECDHE-RSA', ECDHE_ECDSA: 'ECDHE-ECDSA', DHE_RSA: 'DHE-RSA', DHE_DSS: 'DHE-DSS', ECDH_RSA: 'ECDH-RSA', ECDH_ECDSA: 'ECDH-ECDSA' };
const CIPHERS: Record<string, string> = { AES_128_GCM: 'AES128-GCM', AES_256_GCM: 'AES256-GCM', AES_128_CBC: 'AES128', AES_256_CBC: 'AES256', CHACHA20_POLY1305: 'CHACHA20-POLY1305', '3DES_EDE_CBC': 'DES-CBC3' };

/** OpenSSL's name for a TLS 1.2 suite (TLS 1.3 suites keep their IANA names), or null when it has none here. */
export function opensslSuiteName(suite: string): string | null {
  const iana = ianaSuiteName(suite);
  if (!iana.includes('_WITH_')) return iana; // TLS 1.3
  const match = /^TLS_(.+)_WITH_(.+?)_(SHA384|SHA256|SHA)$/.exec(iana);
  if (!match) return null;
  const kx = KEY_EXCHANGES[match[1]!];
  const cipher = CIPHERS[match[2]!];
  if (kx === undefined || cipher === undefined) return null;
  const mac = cipher.includes('CHACHA') ? '' : match[3]!;
  let name = [kx, cipher, mac].filter(Boolean).join('-');
  // OpenSSL's 3DES names keep the old spelling: EDH for DHE.
  if (cipher === 'DES-CBC3') name = name.replace(/^DHE-/, 'EDH-');
  return name;
}
