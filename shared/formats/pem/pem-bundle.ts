// PEM files of any size and mix: certificates, TRUSTED CERTIFICATE (OpenSSL's aux-trust form),
// PKCS#7 blocks, private keys (listed, never shown), text before and between blocks, CRLF.
//
// The format (RFC 7468): "-----BEGIN LABEL-----", the DER in base64 (64 characters a line by convention;
// readers take any line length), "-----END LABEL-----"; anything outside the blocks is explanatory text.
// Labels read here: CERTIFICATE, X509 CERTIFICATE, TRUSTED CERTIFICATE (a certificate followed by
// OpenSSL's X509_AUX trust settings, which only OpenSSL reads; the certificate alone is taken), PKCS7 and
// CMS (a certs-only bundle, pkcs7/pkcs7.ts), and key labels, which are listed and never decoded.
// A PEM bundle has no aliases: each certificate is one trusted entry whose alias comes from its subject.
// What the peers do differently: OpenSSL (`-CAfile`) trusts every CERTIFICATE block of a bundle; Java reads
// a bundle through CertificateFactory.generateCertificates (keytool -importcert takes the first certificate
// unless the file is a certificate reply) and has no store type for it.
import { CorruptInputError, TrustLensError, UnsupportedFormatError } from '../../errors';
import type { DecodedEntry, DecodedStore, StoreCodec } from '../codec';
import { pemBlocks } from '../../x509/pem';
import { certificateEntries } from '../entries/certificate-entries';
import { checkEntryCount } from '../limits';
import { firstElement } from '../der-sniff';
import { pemText } from './text';
import { pkcs7Certificates } from '../pkcs7/pkcs7';

const KEY_LABELS: Record<string, string> = {
  'PRIVATE KEY': 'PKCS#8 private key',
  'ENCRYPTED PRIVATE KEY': 'encrypted PKCS#8 private key',
  'RSA PRIVATE KEY': 'PKCS#1 RSA private key',
  'EC PRIVATE KEY': 'SEC 1 EC private key',
  'DSA PRIVATE KEY': 'DSA private key',
};

const KEY_ALGORITHMS: Record<string, string> = { 'RSA PRIVATE KEY': 'RSA', 'EC PRIVATE KEY': 'EC', 'DSA PRIVATE KEY': 'DSA' };

export const pemCodec: StoreCodec = {
  format: 'PEM',
  decode(bytes): DecodedStore {
    const blocks = pemBlocks(pemText(bytes));
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
    // Only blocks of other kinds (a certificate request, a public key, a CRL): opening that as an empty
    // store would look like success, and a script would go on with nothing. Say what the file holds.
    if ([...ignored.values()].reduce((sum, count) => sum + count, 0) === blocks.length) {
      throw new UnsupportedFormatError(
        `this PEM holds no certificates, only ${blockList(ignored)}; TrustLens reads certificates, PKCS#7 bundles and keystores, so give a certificate file instead`,
      );
    }
    checkEntryCount('PEM file', certificates.length + keys.length);
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

/** "one CERTIFICATE REQUEST block", "2 PUBLIC KEY blocks and one X509 CRL block". */
function blockList(counts: ReadonlyMap<string, number>): string {
  const parts = [...counts].map(([label, count]) => (count === 1 ? `one ${label} block` : `${count} ${label} blocks`));
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0]!;
}
