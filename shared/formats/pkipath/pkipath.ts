// PkiPath files (.pkipath): a certification path as one DER SEQUENCE OF Certificate, the encoding Java's
// CertPath.getEncoded("PkiPath") writes and CertificateFactory.generateCertPath(in, "PkiPath") reads.
// The file lists the path from the trust anchor's side: each certificate issues the next one, so the target
// (leaf) comes last. Java's CertPath reverses that, leaf first, and so do the entries here; each certificate
// is one trustedCertificate entry, alias derived from its subject, as for other alias-less files.
import { CorruptInputError, TruncatedInputError } from '../../errors';
import type { DecodedStore, StoreCodec } from '../codec';
import { contentRange, readDerHeader } from '../der-sniff';
import { certificateEntries } from '../entries/certificate-entries';

/** The certificates of a PkiPath in file order (anchor side first), each as its exact bytes. */
export function pkiPathCertificates(bytes: Uint8Array): Uint8Array[] {
  const outer = contentRange(bytes, 0);
  if (!outer || bytes[0] !== 0x30) throw new TruncatedInputError('the PkiPath data ends early; the file is truncated');
  const ders: Uint8Array[] = [];
  for (let at = outer[0]; at < outer[1]; ) {
    const h = readDerHeader(bytes, at);
    if (!h || h.tag !== 0x30 || at + h.headerLength + h.length > outer[1]) {
      throw new CorruptInputError(`certificate ${ders.length + 1} of this PkiPath is not a complete DER SEQUENCE; the file is damaged`);
    }
    ders.push(bytes.subarray(at, at + h.headerLength + h.length));
    at += h.headerLength + h.length;
  }
  return ders;
}

export const pkiPathCodec: StoreCodec = {
  format: 'PKIPATH',
  decode(input): DecodedStore {
    const bytes = input.slice();
    const ders = pkiPathCertificates(bytes).reverse();
    return {
      format: 'PKIPATH',
      integrity: 'none',
      entries: certificateEntries(ders),
      properties: [
        { label: 'Format', value: 'PkiPath certification path (DER SEQUENCE OF Certificate)' },
        { label: 'Certificates', value: String(ders.length) },
        { label: 'Order', value: 'Leaf first, as Java’s CertPath lists it (the file stores the anchor’s end first)' },
      ],
    };
  },
};
