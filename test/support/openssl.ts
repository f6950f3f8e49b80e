// What OpenSSL says about certificate files: the peer our expectations come from.
import { run } from './peers';

/** SHA-256 fingerprints (lowercase hex, no colons) of every certificate in a PEM file, in order. */
export function opensslPemFingerprints(file: string): string[] {
  const text = run('openssl', ['crl2pkcs7', '-nocrl', '-certfile', file]).stdout;
  const certs = run('openssl', ['pkcs7', '-print_certs'], { input: text }).stdout;
  return splitPem(certs).map((pem) => opensslFingerprint(pem));
}

export function opensslFingerprint(pem: string, algorithm: 'sha256' | 'sha1' = 'sha256'): string {
  const out = run('openssl', ['x509', '-noout', '-fingerprint', `-${algorithm}`], { input: pem }).stdout;
  return out.split('=')[1]!.trim().replace(/:/g, '').toLowerCase();
}

export function splitPem(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/** Certificates of a PKCS#7 file (DER or PEM) as openssl prints them. */
export function opensslPkcs7Fingerprints(file: string, inform: 'DER' | 'PEM'): string[] {
  const out = run('openssl', ['pkcs7', '-inform', inform, '-in', file, '-print_certs']).stdout;
  return splitPem(out).map((pem) => opensslFingerprint(pem));
}
