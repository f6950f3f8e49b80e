// Read what OpenSSL says about a certificate, so the details tests compare with the peer's own output
// (`openssl x509 -text`, `-fingerprint`, `-serial`, `-dates`, `asn1parse`) instead of hand-typed values.
import { run } from '../../support/peers';

/** Binary output of an OpenSSL pipeline (`x509 -outform DER`, `rand 16`, …), read back as hex to stay binary-safe. */
export function opensslDer(args: readonly string[], input?: string): Uint8Array {
  const hex = run('sh', ['-c', `openssl ${args.join(' ')} | od -An -v -tx1`], input === undefined ? {} : { input }).stdout.replace(/\s+/g, '');
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

export function opensslText(file: string): string {
  return run('openssl', ['x509', '-in', file, '-noout', '-text']).stdout;
}

/** The lines under an extension heading such as "X509v3 Subject Alternative Name:", trimmed, up to the next heading. */
export function extensionLines(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => line.trim().startsWith(heading));
  if (at < 0) throw new Error(`openssl output has no "${heading}"`);
  const indent = lines[at]!.search(/\S/);
  const out: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.trim() === '' || line.search(/\S/) <= indent) break;
    out.push(line.trim());
  }
  return out;
}

/** The uppercase colon-hex fingerprint, as `openssl x509 -fingerprint -<alg>` prints it. */
export function opensslFingerprint(file: string, algorithm: 'sha256' | 'sha1' | 'md5'): string {
  const out = run('openssl', ['x509', '-in', file, '-noout', '-fingerprint', `-${algorithm}`]).stdout;
  const match = /Fingerprint=([0-9A-F:]+)/.exec(out);
  if (!match) throw new Error(`no fingerprint in: ${out}`);
  return match[1]!;
}

/** The serial number as OpenSSL prints it (`serial=ABCD…`), as colon hex. */
export function opensslSerial(file: string): string {
  const out = run('openssl', ['x509', '-in', file, '-noout', '-serial']).stdout;
  const hex = /serial=([0-9A-F]+)/.exec(out)![1]!;
  return (hex.match(/../g) ?? []).join(':');
}

/** notBefore / notAfter as ISO strings, from `-dates -dateopt iso_8601` ("2026-11-27 23:16:40Z"). */
export function opensslDates(file: string): { notBefore: string; notAfter: string } {
  const out = run('openssl', ['x509', '-in', file, '-noout', '-dates', '-dateopt', 'iso_8601']).stdout;
  const read = (name: string) => /=(.*)$/m.exec(out.split('\n').find((l) => l.startsWith(name))!)![1]!.replace(' ', 'T');
  return { notBefore: read('notBefore'), notAfter: read('notAfter') };
}

/** Subject or issuer attributes as [OID, value] pairs in encoding order (`-nameopt sep_multiline,oid,utf8`). */
export function opensslNameAttributes(file: string, which: 'subject' | 'issuer'): [string, string][] {
  const out = run('openssl', ['x509', '-in', file, '-noout', `-${which}`, '-nameopt', 'sep_multiline,oid,utf8']).stdout;
  return out
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => {
      const [oid, ...value] = l.trim().split('=');
      return [oid!, value.join('=')];
    });
}

/** SHA-256 of the SubjectPublicKeyInfo DER, as OpenSSL computes it (hex). */
export function opensslSpkiSha256(file: string): string {
  const pub = run('openssl', ['x509', '-in', file, '-noout', '-pubkey']).stdout;
  const der = run('sh', ['-c', 'openssl pkey -pubin -outform DER | openssl dgst -sha256 -r'], { input: pub }).stdout;
  return der.slice(0, 64);
}

/**
 * The extnValue bytes (hex, uppercase) of an extension, from `openssl asn1parse`; `object` is the OID as
 * asn1parse prints it: its name when OpenSSL knows one ("X509v3 Subject Alternative Name"), else the dotted OID.
 */
export function opensslExtensionValue(file: string, object: string): string {
  const lines = run('openssl', ['asn1parse', '-in', file]).stdout.split('\n');
  const at = lines.findIndex((l) => l.endsWith(`:${object}`));
  if (at < 0) throw new Error(`asn1parse shows no ${object}`);
  for (const line of lines.slice(at + 1, at + 3)) {
    const match = /OCTET STRING\s+\[HEX DUMP\]:([0-9A-F]+)/.exec(line);
    if (match) return match[1]!;
  }
  throw new Error(`asn1parse shows no value for ${object}`);
}

/** An IPv6 address in one canonical form (eight lowercase groups), so OpenSSL's and ours compare. */
export function canonicalIp(address: string): string {
  if (!address.includes(':')) return address;
  const [head, tail] = address.toLowerCase().split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((g) => parseInt(g, 16).toString(16)).join(':');
}

/** "10.0.0.0/255.0.0.0" (OpenSSL's name-constraint form) as "10.0.0.0/8"; IPv6 masks likewise. */
export function maskToPrefix(text: string): string {
  const [address, mask] = text.split('/') as [string, string];
  if (!mask.includes('.') && !mask.includes(':')) return `${canonicalIp(address)}/${mask}`;
  const groups = mask.includes(':') ? canonicalIp(mask).split(':').map((g) => parseInt(g, 16)) : mask.split('.').map(Number);
  const bits = groups.reduce((sum, g) => sum + g.toString(2).split('').filter((b) => b === '1').length, 0);
  return `${canonicalIp(address)}/${bits}`;
}
