// Name constraints (RFC 5280 §4.2.1.10) on a certification path, as each client applies them: every
// certificate below a CA with a nameConstraints extension must have its names inside the permitted
// subtrees of each type the CA constrains and outside its excluded subtrees.
//
// Where the clients differ (JDK 17.0.15's sun.security.x509.NameConstraintsExtension and
// provider.certpath.ConstraintsChecker; OpenSSL 3.0's crypto/x509/v3_ncons.c and check_name_constraints,
// each checked against the real client in test/chain/hard-chains.test.ts):
// - The trust anchor's own constraints: JSSE makes its anchors with `new TrustAnchor(cert, null)`, so
//   they carry none and the anchor certificate's extension is never read; OpenSSL applies them.
// - The subject's emailAddress: OpenSSL always checks it as an email name; Java only when the
//   certificate has no subjectAltName extension at all.
// - The common name: Java takes the most specific CN of every certificate it checks, as an IP address
//   when it is an IP literal and the SANs hold none, else as a DNS name when it is a valid one and the
//   SANs hold none; OpenSSL only the leaf's CNs, only without a DNS SAN, and only those that look like a
//   host name with at least two labels ("localhost" is never checked).
// - A subtree with a minimum or maximum: Java fails every certificate checked against it; OpenSSL fails
//   only when a name of that type is checked.
// - Email local parts: Java compares them ignoring case, OpenSSL exactly.
// - A wildcard SAN is compared as the string it is by both (Debian's 17.0.21 sources match it against
//   excluded DNS subtrees as a pattern; the JDK 17.0.15 and JDK 25 on this machine do not).
// Self-issued CA certificates are not checked against the constraints above them (both clients).
import type { ClientProfile } from '../model/probe';
import { isSelfIssued } from '../x509/certificate';
import { nameConstraintsOf, subjectAltNameForms, subjectNameForms, type GeneralNameForm, type GeneralSubtree, type NameConstraints } from '../x509/name-constraints';
import { parseIpAddress } from './hostname';
import type { ChainCertificate } from './path-builder';

export interface NameViolation {
  /** Index on the path of the certificate whose name is outside the constraints. */
  readonly index: number;
  /** Index of the CA whose nameConstraints it violates. */
  readonly constrainedBy: number;
  readonly reason: 'permitted' | 'excluded' | 'min-max';
  /** The name that violates them ('' for min-max under Java, which refuses before looking at names). */
  readonly name: string;
  /** The permitted subtrees of the name's type, or the excluded subtree it falls in. */
  readonly subtrees: readonly string[];
}

function dnsMatches(base: string, name: string, client: ClientProfile): boolean {
  const b = base.toLowerCase();
  const n = name.toLowerCase();
  if (b === '' || n === b) return true;
  if (client === 'java') {
    // DNSName.constrains: the name narrows the constraint when it ends with it and exactly one of
    // "a dot before it in the name" and "the constraint starts with a dot" holds.
    if (!n.endsWith(b)) return false;
    return (n.charAt(n.length - b.length - 1) === '.') !== b.startsWith('.');
  }
  // nc_dns: components may be added on the left, after a dot (or where the base starts with one).
  if (n.length <= b.length || !n.endsWith(b)) return false;
  return b.startsWith('.') || n.charAt(n.length - b.length - 1) === '.';
}

function emailMatches(base: string, name: string, client: ClientProfile): boolean {
  if (client === 'java') {
    const b = base.toLowerCase();
    const n = name.toLowerCase();
    if (n === b) return true;
    if (!n.endsWith(b) || b.includes('@')) return false;
    return b.startsWith('.') || n.charAt(n.length - b.length - 1) === '@';
  }
  // nc_email: a leading dot is a domain suffix; "local@host" matches exactly (local part by case);
  // "host" matches the whole host part.
  const at = name.lastIndexOf('@');
  if (at < 0) return false;
  const baseAt = base.lastIndexOf('@');
  if (baseAt < 0 && base.startsWith('.')) return name.length > base.length && name.slice(-base.length).toLowerCase() === base.toLowerCase();
  if (baseAt > 0 && base.slice(0, baseAt) !== name.slice(0, at)) return false;
  return base.slice(baseAt + 1).toLowerCase() === name.slice(at + 1).toLowerCase();
}

function uriHost(uri: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(uri);
  return match?.[1] || undefined;
}

function uriMatches(base: string, name: string): boolean {
  const host = uriHost(name)?.toLowerCase();
  if (!host) return false;
  const b = base.toLowerCase();
  return b.startsWith('.') ? host.endsWith(b) : host === b;
}

function ipMatches(base: Uint8Array, address: Uint8Array, client: ClientProfile): boolean {
  if (base.length === address.length) return client === 'java' && base.every((v, i) => v === address[i]);
  if (base.length !== address.length * 2) return false;
  const mask = base.subarray(address.length);
  return address.every((v, i) => (v & mask[i]!) === (client === 'java' ? base[i] : base[i]! & mask[i]!));
}

function dirnameMatches(base: readonly string[], name: readonly string[]): boolean {
  return name.length >= base.length && base.every((rdn, i) => name[i] === rdn);
}

function matches(base: GeneralNameForm, name: GeneralNameForm, client: ClientProfile): boolean {
  switch (base.kind) {
    case 'dns':
      return name.kind === 'dns' && dnsMatches(base.name, name.name, client);
    case 'email':
      return name.kind === 'email' && emailMatches(base.name, name.name, client);
    case 'uri':
      return name.kind === 'uri' && uriMatches(base.name, name.name);
    case 'ip':
      return name.kind === 'ip' && ipMatches(base.bytes, name.bytes, client);
    case 'dirname':
      return name.kind === 'dirname' && dirnameMatches(base.rdns, name.rdns);
    case 'other':
      return false;
  }
}

/** JSSE's DNSName syntax, which a CN must pass (with '*' read as a letter) to be checked as a DNS name. */
function javaDnsName(name: string): boolean {
  if (name === '' || name.length > 253 || name.includes(' ') || name.startsWith('.') || name.endsWith('.')) return false;
  return name.split('.').every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(label));
}

/** OpenSSL's cn2dnsid: a CN counts as a host name when it has two or more labels of [A-Za-z0-9_-]. */
function opensslDnsId(cn: string): boolean {
  let dns = false;
  for (let i = 0; i < cn.length; i++) {
    const c = cn[i]!;
    if (/[A-Za-z0-9_]/.test(c)) continue;
    if (i > 0 && i < cn.length - 1) {
      if (c === '-') continue;
      if (c === '.' && cn[i + 1] !== '.' && cn[i - 1] !== '-' && cn[i + 1] !== '-') {
        dns = true;
        continue;
      }
    }
    return false;
  }
  return dns;
}

const email = (name: string): GeneralNameForm => ({ kind: 'email', name, text: `email:${name}` });
const dns = (name: string): GeneralNameForm => ({ kind: 'dns', name, text: `DNS:${name}` });

/** The names of `cert` that the client checks against constraints (the leaf is index 0). */
function namesToCheck(cert: ChainCertificate, isLeaf: boolean, client: ClientProfile): GeneralNameForm[] {
  const subject = subjectNameForms(cert.parsed);
  const sans = subjectAltNameForms(cert.parsed);
  const names: GeneralNameForm[] = subject.dirname.rdns.length > 0 ? [subject.dirname] : [];
  if (client === 'java') {
    const alt = sans ?? subject.emails.map(email);
    names.push(...alt);
    const cn = subject.commonNames[subject.commonNames.length - 1];
    if (cn !== undefined) {
      const ip = parseIpAddress(cn);
      if (ip && !cn.startsWith('[')) {
        if (!alt.some((n) => n.kind === 'ip')) names.push({ kind: 'ip', bytes: ip, text: `CN=${cn} (read as an IP address)` });
      } else if (javaDnsName(cn.replaceAll('*', 'z')) && !alt.some((n) => n.kind === 'dns')) {
        names.push({ ...dns(cn), text: `CN=${cn} (read as a DNS name)` });
      }
    }
    return names;
  }
  names.push(...subject.emails.map((e) => ({ ...email(e), text: `emailAddress=${e}` })), ...(sans ?? []));
  if (isLeaf && !(sans ?? []).some((n) => n.kind === 'dns')) {
    for (const cn of subject.commonNames) if (opensslDnsId(cn)) names.push({ ...dns(cn), text: `CN=${cn} (read as a DNS name)` });
  }
  return names;
}

const hasMinMax = (s: GeneralSubtree) => s.minimum !== 0 || s.maximum !== undefined;

/** The first way `names` break `nc` under the client's rules, if any. */
function violation(nc: NameConstraints, names: readonly GeneralNameForm[], client: ClientProfile): Omit<NameViolation, 'index' | 'constrainedBy'> | undefined {
  if (client === 'java' && [...nc.permitted, ...nc.excluded].some(hasMinMax)) return { reason: 'min-max', name: '', subtrees: [] };
  for (const name of names) {
    const sameType = (s: GeneralSubtree) => s.base.kind === name.kind;
    const permitted = nc.permitted.filter(sameType);
    const excluded = nc.excluded.filter(sameType);
    const limited = [...permitted, ...excluded].find(hasMinMax);
    if (limited) return { reason: 'min-max', name: name.text, subtrees: [limited.base.text] };
    if (permitted.length > 0 && !permitted.some((s) => matches(s.base, name, client))) {
      return { reason: 'permitted', name: name.text, subtrees: permitted.map((s) => s.base.text) };
    }
    const hit = excluded.find((s) => matches(s.base, name, client));
    if (hit) return { reason: 'excluded', name: name.text, subtrees: [hit.base.text] };
  }
  return undefined;
}

/**
 * Every name-constraint violation on the path, nearest the anchor first. `anchorIndex`: the trust
 * anchor (or the root that would be one once imported), whose own constraints Java ignores; -1 if none.
 */
export function nameConstraintViolations(path: readonly ChainCertificate[], client: ClientProfile, anchorIndex: number): NameViolation[] {
  const out: NameViolation[] = [];
  for (let j = path.length - 1; j >= 1; j--) {
    if (client === 'java' && j === anchorIndex) continue;
    const nc = nameConstraintsOf(path[j]!.parsed);
    if (!nc) continue;
    for (let i = j - 1; i >= 0; i--) {
      const cert = path[i]!;
      if (i !== 0 && isSelfIssued(cert.parsed)) continue;
      const found = violation(nc, namesToCheck(cert, i === 0, client), client);
      if (found) out.push({ ...found, index: i, constrainedBy: j });
    }
  }
  return out;
}
