// PEM files of any size and mix: certificates, TRUSTED CERTIFICATE (OpenSSL's aux-trust form),
// PKCS#7 blocks, private keys (listed, never shown), text before and between blocks, CRLF.
import { CorruptInputError, TrustLensError } from '../errors';
import type { DecodedEntry, DecodedStore, StoreCodec } from './codec';
import { pemBlocks } from '../x509/pem';
import { certificateEntries } from './certificate-entries';
import { firstElement } from './der-sniff';
import { pkcs7Certificates } from './pkcs7';

const KEY_LABELS: Record<string, string> = {
  'PRIVATE KEY': 'PKCS#8 private key',
  'ENCRYPTED PRIVATE KEY': 'encrypted PKCS#8 private key',
  'RSA PRIVATE KEY': 'PKCS#1 RSA private key',
  'EC PRIVATE KEY': 'SEC 1 EC private key',
  'DSA PRIVATE KEY': 'DSA private key',
};

const KEY_ALGORITHMS: Record<string, string> = { 'RSA PRIVATE KEY': 'RSA', 'EC PRIVATE KEY': 'EC', 'DSA PRIVATE KEY': 'DSA' };

/** Text-sniffing: a PEM file is text holding at least one "-----BEGIN " line. */
export function looksLikePem(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, Math.min(bytes.length, 1 << 20));
  for (const b of head.subarray(0, 512)) {
    if (b === 0) return false;
  }
  return latin1(head).includes('-----BEGIN ');
}

const ascii = new TextDecoder('utf-8');

function latin1(bytes: Uint8Array): string {
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

export const pemCodec: StoreCodec = {
  format: 'PEM',
  decode(bytes): DecodedStore {
    const blocks = pemBlocks(latin1(bytes));
    if (blocks.length === 0) throw new CorruptInputError('no PEM block could be read (expected "-----BEGIN CERTIFICATE-----")');
    const certificates: Uint8Array[] = [];
    const keys: DecodedEntry[] = [];
    const ignored = new Map<string, number>();
    for (const block of blocks) {
      if (block.label === 'CERTIFICATE' || block.label === 'X509 CERTIFICATE') {
        certificates.push(block.der);
      } else if (block.label === 'TRUSTED CERTIFICATE') {
        const cert = firstElement(block.der);
        if (!cert) throw new CorruptInputError('a TRUSTED CERTIFICATE block is malformed');
        certificates.push(cert);
      } else if (block.label === 'PKCS7' || block.label === 'CMS') {
        certificates.push(...pkcs7Certificates(block.der));
      } else if (block.label in KEY_LABELS) {
        keys.push({
          alias: `private-key-${keys.length + 1}`,
          type: 'privateKey',
          created: null,
          certificates: [],
          keyAlgorithm: KEY_ALGORITHMS[block.label],
          notes: [`A ${KEY_LABELS[block.label]}; TrustLens never shows key material.`],
        });
      } else {
        ignored.set(block.label, (ignored.get(block.label) ?? 0) + 1);
      }
    }
    let entries: DecodedEntry[];
    try {
      entries = certificateEntries(certificates);
    } catch (error) {
      if (error instanceof TrustLensError) throw new CorruptInputError(`a CERTIFICATE block is not a valid certificate`);
      throw error;
    }
    const properties = [
      { label: 'Format', value: 'PEM' },
      { label: 'Certificates', value: String(certificates.length) },
    ];
    if (keys.length) properties.push({ label: 'Private keys', value: `${keys.length} (never shown)` });
    for (const [label, count] of ignored) properties.push({ label: 'Ignored blocks', value: `${count} × ${label}` });
    return { format: 'PEM', integrity: 'none', entries: [...entries, ...keys], properties };
  },
};
