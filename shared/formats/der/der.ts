// A single DER certificate (.der, .cer, .crt written by Windows or `openssl x509 -outform der`).
//
// The layout (RFC 5280 §4.1): Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue },
// with nothing before it. Only the first element is taken, as `openssl x509 -inform der` and Java's
// CertificateFactory do; a length that runs past the end of the file is a truncated certificate.
import { CorruptInputError } from '../../errors';
import type { DecodedStore, StoreCodec } from '../codec';
import { certificateEntries } from '../entries/certificate-entries';
import { firstElement } from '../der-sniff';

export const derCodec: StoreCodec = {
  format: 'DER',
  decode(bytes): DecodedStore {
    const der = firstElement(bytes);
    if (!der) throw new CorruptInputError('not a DER certificate: its length runs past the end of the file');
    return {
      format: 'DER',
      integrity: 'none',
      entries: certificateEntries([der]),
      properties: [{ label: 'Format', value: 'DER-encoded X.509 certificate' }],
    };
  },
};
