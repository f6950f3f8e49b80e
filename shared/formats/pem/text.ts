// Bytes to PEM text, and telling a PEM certificate bundle from a PEM-armoured PKCS#7 by its labels. Its
// own module because both pem/pem-bundle.ts and pkcs7/pkcs7.ts need the text, and each imports the other's codec.

/** Text-sniffing: a PEM file is text holding at least one "-----BEGIN " line. */
export function looksLikePem(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, Math.min(bytes.length, 1 << 20));
  for (const b of head.subarray(0, 512)) {
    if (b === 0) return false;
  }
  return pemText(head).includes('-----BEGIN ');
}

const PKCS7_LABELS = new Set(['PKCS7', 'CMS']);
const BEGIN_LABEL = /-----BEGIN ([^\r\n]{0,64}?)-----/g;

/**
 * Whether PEM bytes hold only PKCS#7 blocks ("BEGIN PKCS7", as `openssl crl2pkcs7` writes): such a file
 * is a PKCS#7 bundle in PEM armour, not a bundle of certificates. Only the first label is looked at for
 * other files, so a large certificate bundle is not read twice.
 */
export function isPemPkcs7(bytes: Uint8Array): boolean {
  const first = new RegExp(BEGIN_LABEL.source).exec(pemText(bytes.subarray(0, Math.min(bytes.length, 1 << 20))));
  if (!first || !PKCS7_LABELS.has(first[1]!)) return false;
  for (const match of pemText(bytes).matchAll(BEGIN_LABEL)) {
    if (!PKCS7_LABELS.has(match[1]!)) return false;
  }
  return true;
}

const ascii = new TextDecoder('utf-8');

/** PEM bytes as text: one character per byte, so that offsets and labels do not depend on the encoding of notes. */
export function pemText(bytes: Uint8Array): string {
  // Plain ASCII (nearly every PEM file) decodes natively; otherwise one character per byte. Both give
  // the same text; `apply` takes a typed array as it is, where spreading it would iterate (5× slower).
  // The UTF-8 decoding is all ASCII exactly when it has one character per byte and no U+FFFD: a valid
  // multi-byte sequence makes it shorter, an invalid byte becomes U+FFFD.
  const decoded = ascii.decode(bytes);
  if (decoded.length === bytes.length && !decoded.includes('\uFFFD')) return decoded;
  let out = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) out += String.fromCharCode.apply(null, bytes.subarray(i, i + chunk) as unknown as number[]);
  return out;
}
