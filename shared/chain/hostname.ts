// Does a server certificate name the host a client connected to? The rules of JSSE's HTTPS endpoint
// identification (sun.security.util.HostnameChecker) and of OpenSSL's X509_check_host / X509_check_ip
// (what `openssl s_client -verify_hostname` / `-verify_ip` and OpenSSL-based clients apply).
// Host names are compared case-insensitively; IP addresses only against IP subjectAltNames.
import type { ClientProfile } from '../model/probe';

export interface HostnameSubject {
  /** subjectAltName entries as "DNS:…", "IP:…" (other kinds are ignored). */
  readonly subjectAltNames: readonly string[];
  /** The most specific common name of the subject, if any. */
  readonly commonName?: string;
}

export interface HostnameResult {
  readonly matches: boolean;
  readonly kind: 'dns' | 'ip';
  /** The entry that matched, e.g. "DNS:*.example.com" or "CN=localhost". */
  readonly matchedBy?: string;
  /** The entries the client compared the host with, as a person would read them. */
  readonly compared: readonly string[];
}

/** The host as the client uses it: no brackets around IPv6, no trailing dot, no IPv6 zone. */
export function normalizeHost(host: string): string {
  let h = host.trim();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.') && h.length > 1) h = h.slice(0, -1);
  return h;
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i]!;
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    out[i] = value;
  }
  return out;
}

function parseIpv6(text: string): Uint8Array | undefined {
  const zone = text.indexOf('%');
  const addr = zone >= 0 ? text.slice(0, zone) : text;
  if (!/^[0-9a-fA-F:.]+$/.test(addr) || !addr.includes(':')) return undefined;
  const halves = addr.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === '') return [];
    const out: number[] = [];
    const pieces = half.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (!v4) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return undefined;
        out.push(parseInt(piece, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const out = new Uint8Array(16);
  all.forEach((group, i) => {
    out[i * 2] = group >> 8;
    out[i * 2 + 1] = group & 0xff;
  });
  return out;
}

/** The bytes of an IPv4 or IPv6 literal (brackets and zone allowed), or undefined when it is not one. */
export function parseIpAddress(text: string): Uint8Array | undefined {
  const h = normalizeHost(text);
  return parseIpv4(h) ?? parseIpv6(h);
}

/** Java compares InetAddress objects, and an IPv4-mapped IPv6 literal is the IPv4 address. */
function javaAddress(bytes: Uint8Array): Uint8Array {
  if (bytes.length !== 16) return bytes;
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return bytes;
  if (bytes[10] !== 0xff || bytes[11] !== 0xff) return bytes;
  return bytes.subarray(12);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** JSSE: '*' matches any run of characters (possibly none) within one label. */
function javaLabelMatch(label: string, pattern: string): boolean {
  const pieces = pattern.split('*');
  if (pieces.length === 1) return label === pattern;
  let rest = label;
  const first = pieces[0]!;
  if (!rest.startsWith(first)) return false;
  rest = rest.slice(first.length);
  for (const piece of pieces.slice(1, -1)) {
    const at = rest.indexOf(piece);
    if (at < 0) return false;
    rest = rest.slice(at + piece.length);
  }
  return rest.endsWith(pieces[pieces.length - 1]!);
}

/** What SNIHostName accepts (letters, digits and inner hyphens per label); non-ASCII is left to IDN. */
function javaValidName(name: string): boolean {
  if ([...name].some((c) => c.charCodeAt(0) > 0x7f)) return true;
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(name);
}

/**
 * JSSE's HostnameChecker for TLS: wildcards may stand in any label, each matching within its label, and
 * host and pattern must have as many labels. "*", "*." and a '*' with no dot after it are refused.
 */
function javaDnsMatch(host: string, pattern: string): boolean {
  if (pattern === '*' || pattern === '*.') return false;
  const lastStar = pattern.lastIndexOf('*');
  if (lastStar >= 0 && !pattern.slice(lastStar).includes('.')) return false; // "*com", "a.*"
  if (!javaValidName(host) || !javaValidName(pattern.replaceAll('*', 'z'))) return false;
  const hostLabels = host.split('.').filter((l) => l !== '');
  const patternLabels = pattern.split('.').filter((l) => l !== '');
  if (hostLabels.length !== patternLabels.length) return false;
  return hostLabels.every((label, i) => javaLabelMatch(label, patternLabels[i]!));
}

/** OpenSSL's rules for where a wildcard may stand (valid_star): returns the star's index or -1. */
function opensslStar(pattern: string): number {
  let star = -1;
  let labelStart = true;
  let hyphenEnd = false;
  let idna = false;
  let dots = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      const atStart = labelStart;
      const atEnd = i === pattern.length - 1 || pattern[i + 1] === '.';
      if (star >= 0 || idna || dots > 0) return -1;
      if (!atStart && !atEnd) return -1;
      star = i;
      labelStart = false;
    } else if (/[a-z0-9]/i.test(c)) {
      if (labelStart && pattern.slice(i, i + 4).toLowerCase() === 'xn--') idna = true;
      labelStart = false;
      hyphenEnd = false;
    } else if (c === '.') {
      if (labelStart || hyphenEnd) return -1;
      labelStart = true;
      dots++;
    } else if (c === '-') {
      if (labelStart) return -1;
      hyphenEnd = true;
    } else {
      return -1;
    }
  }
  if (labelStart || hyphenEnd || dots < 2) return -1;
  return star;
}

function opensslDnsMatch(host: string, pattern: string): boolean {
  const star = opensslStar(pattern);
  if (star < 0) return host === pattern;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  if (host.length < prefix.length + suffix.length) return false;
  if (!host.startsWith(prefix) || !host.endsWith(suffix)) return false;
  const wild = host.slice(prefix.length, host.length - suffix.length);
  if (prefix === '' && suffix.startsWith('.')) {
    if (wild === '') return false; // a whole-label wildcard matches at least one character
  } else if (host.startsWith('xn--')) {
    return false; // IDNA labels never match partial wildcards
  }
  return wild === '*' || /^[a-z0-9-]*$/.test(wild);
}

/** Whether the DNS host matches one certificate name (literal or wildcard) under the client's rules. */
export function matchesDnsName(host: string, pattern: string, client: ClientProfile): boolean {
  const h = normalizeHost(host).toLowerCase();
  const p = pattern.toLowerCase();
  return client === 'java' ? javaDnsMatch(h, p) : opensslDnsMatch(h, p);
}

/** Check the host against the certificate the way the client's hostname verification does. */
export function checkHostname(host: string, subject: HostnameSubject, client: ClientProfile): HostnameResult {
  const ip = parseIpAddress(host);
  const sanIps = subject.subjectAltNames.filter((n) => n.startsWith('IP:'));
  const sanDns = subject.subjectAltNames.filter((n) => n.startsWith('DNS:'));
  if (ip) {
    // Both clients compare IP literals with IP subjectAltNames only, never with the common name.
    const wanted = client === 'java' ? javaAddress(ip) : ip;
    for (const entry of sanIps) {
      const bytes = parseIpAddress(entry.slice(3));
      if (bytes && sameBytes(client === 'java' ? javaAddress(bytes) : bytes, wanted)) {
        return { matches: true, kind: 'ip', matchedBy: entry, compared: sanIps };
      }
    }
    return { matches: false, kind: 'ip', compared: sanIps };
  }
  // With at least one DNS subjectAltName, only those count; otherwise the most specific CN is used.
  if (sanDns.length > 0) {
    const matchedBy = sanDns.find((entry) => matchesDnsName(host, entry.slice(4), client));
    return { matches: matchedBy !== undefined, kind: 'dns', ...(matchedBy ? { matchedBy } : {}), compared: sanDns };
  }
  if (subject.commonName !== undefined) {
    const cn = `CN=${subject.commonName}`;
    const matches = matchesDnsName(host, subject.commonName, client);
    return { matches, kind: 'dns', ...(matches ? { matchedBy: cn } : {}), compared: [cn] };
  }
  return { matches: false, kind: 'dns', compared: [] };
}

export interface EndpointResult extends HostnameResult {
  /** The name the verdict is about: the one that matched, or the one whose failure the client reports. */
  readonly checked: string;
  /** Java only: the SNI name it tried first and that did not match, when it then fell back to the host. */
  readonly sniTried?: string;
}

/**
 * Endpoint identification with an SNI name that may differ from the host connected to.
 * JSSE (X509TrustManagerImpl.checkIdentity, JDK 17) checks the SNI host name first and, when that
 * fails and it is not the peer host itself, the host it connected to; it reports the host's failure.
 * OpenSSL checks only the name it is told to verify (s_client -verify_hostname), which OpenSSL-based
 * clients set to the name they connect with: here the SNI name when one is given, else the host.
 */
export function checkEndpoint(host: string, servername: string | undefined, subject: HostnameSubject, client: ClientProfile): EndpointResult {
  const sni = servername && servername !== '' ? normalizeHost(servername) : undefined;
  if (client === 'openssl' || !sni) {
    const name = sni ?? host;
    return { ...checkHostname(name, subject, client), checked: name };
  }
  const bySni = checkHostname(sni, subject, client);
  if (bySni.matches || sni.toLowerCase() === normalizeHost(host).toLowerCase()) return { ...bySni, checked: sni };
  return { ...checkHostname(host, subject, client), checked: host, sniTried: sni };
}
