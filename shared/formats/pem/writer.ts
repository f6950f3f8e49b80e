// PEM text for certificates, and edits to an existing PEM bundle that keep every byte they do not touch:
// new certificates are appended (each after a "# subject" comment line, in the file's own line endings),
// removed blocks are cut out with their comment line, and all other text stays exactly as it was.
import { CorruptInputError, UsageError } from '../../errors';
import { parseCertificate } from '../../x509/certificate';
import { scanPem, toPem, type PemBlock } from '../../x509/pem';
import { pkcs7Certificates } from '../pkcs7/pkcs7';

/** Labels the PEM codec lists as one certificate entry each, in block order. */
const CERTIFICATE_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']);
/** Labels that hold several certificates (PKCS#7 bundles). */
const BUNDLE_LABELS = new Set(['PKCS7', 'CMS']);
/** Private key labels, listed by the codec after the certificates. */
const KEY_LABELS = new Set(['PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'DSA PRIVATE KEY']);

export function latin1Text(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/** A comment line naming the certificate, so people reading the bundle see what each block is. */
function commentLine(der: Uint8Array): string {
  try {
    // Latin-1 only: the bundle is bytes, and a comment must not change how the blocks decode.
    return `# ${parseCertificate(der).subject.replace(/[^\x20-\x7e]/g, '?')}\n`;
  } catch {
    throw new CorruptInputError('a certificate to write is not a valid X.509 certificate; nothing was written');
  }
}

/** One certificate as PEM ("-----BEGIN CERTIFICATE-----", base64 in 64-character lines, "\n" endings). */
export function certificatePem(der: Uint8Array): string {
  return toPem(der, 'CERTIFICATE');
}

/** Several certificates as one PEM bundle, each block after a "# subject" comment line. */
export function pemBundle(ders: readonly Uint8Array[]): string {
  return ders.map((der) => commentLine(der) + certificatePem(der)).join('');
}

/** Where one entry of a PEM file (as pemCodec lists them) lives in the text. */
interface EntrySpan {
  readonly block: PemBlock;
  /** The entry is one of several certificates of a PKCS#7 block: it cannot be cut out alone. */
  readonly shared: boolean;
}

/** The block of each entry, in the order pemCodec lists entries: certificates first, then private keys. */
function entrySpans(blocks: readonly PemBlock[]): EntrySpan[] {
  const certificates: EntrySpan[] = [];
  const keys: EntrySpan[] = [];
  for (const block of blocks) {
    if (CERTIFICATE_LABELS.has(block.label)) certificates.push({ block, shared: false });
    else if (BUNDLE_LABELS.has(block.label)) {
      const count = pkcs7Certificates(block.der).length;
      for (let i = 0; i < count; i++) certificates.push({ block, shared: count > 1 });
    } else if (KEY_LABELS.has(block.label)) keys.push({ block, shared: false });
  }
  return [...certificates, ...keys];
}

/** Extend a block's range over its line break and a "# …" comment line right before it. */
function cutRange(text: string, block: PemBlock): [number, number] {
  let start = block.start;
  let end = block.end;
  if (text.startsWith('\r\n', end)) end += 2;
  else if (text[end] === '\n') end += 1;
  const lineStart = (at: number) => text.lastIndexOf('\n', at - 1) + 1;
  if (start > 0 && text[start - 1] === '\n') {
    const previous = lineStart(start - 1);
    if (text.startsWith('# ', previous)) start = previous;
  }
  return [start, end];
}

export interface PemBundleEdits {
  /** Indexes of entries (as pemCodec lists them) to remove. */
  readonly removeIndexes?: readonly number[];
  /** Certificates (DER) to append. */
  readonly add?: readonly Uint8Array[];
}

/**
 * New bytes for a PEM bundle: the listed entries' blocks cut out, the new certificates appended, every
 * other byte as it was.
 */
export function editPemBundle(original: Uint8Array, edits: PemBundleEdits): Uint8Array {
  let text = latin1Text(original);
  const removals = [...new Set(edits.removeIndexes ?? [])].sort((a, b) => b - a);
  if (removals.length) {
    const spans = entrySpans(scanPem(text).blocks);
    const ranges = removals.map((index) => {
      const span = spans[index];
      if (!span) throw new UsageError(`There is no entry number ${index + 1} in this PEM file.`);
      if (span.shared) {
        throw new UsageError('This certificate is one of several in a PKCS#7 block of the PEM file; it cannot be removed on its own. Edit the file or save it as a new bundle.');
      }
      return cutRange(text, span.block);
    });
    for (const [start, end] of ranges.sort((a, b) => b[0] - a[0])) text = text.slice(0, start) + text.slice(end);
  }
  const added = edits.add ?? [];
  if (added.length) {
    const crlf = text.includes('\r\n');
    let tail = pemBundle(added);
    if (crlf) tail = tail.replace(/\n/g, '\r\n');
    if (text.length > 0 && !text.endsWith('\n')) text += crlf ? '\r\n' : '\n';
    text += tail;
  }
  return latin1Bytes(text);
}
