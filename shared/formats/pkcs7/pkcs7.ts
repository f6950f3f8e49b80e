// PKCS#7 / CMS certificate bundles (.p7b, .p7c), DER or PEM ("BEGIN PKCS7" / "BEGIN CMS").
// Only the SignedData certificates field is read; each certificate is taken as its exact original
// bytes (asn1js keeps them), so fingerprints match what openssl prints even for odd encodings.
//
// The layout (RFC 2315 §9.1, RFC 5652 §5): ContentInfo { contentType signedData (1.2.840.113549.1.7.2),
// [0] SignedData { version, digestAlgorithms SET, encapContentInfo (type data, no content),
// [0] IMPLICIT certificates SET OF Certificate, [1] crls OPTIONAL, signerInfos SET } }. A bundle is the
// "degenerate" certs-only form: no content and no signers. `certificates` is a SET, which DER would sort,
// but `openssl crl2pkcs7 -nocrl` and Windows keep the order they were given, and so do Java's
// CertificateFactory and this reader: the file's order is the order shown.
import * as asn1js from 'asn1js';
import { CorruptInputError, TruncatedInputError } from '../../errors';
import type { DecodedStore, StoreCodec } from '../codec';
import { pemBlocks } from '../../x509/pem';
import { certificateEntries } from '../entries/certificate-entries';
import { sniffDer } from '../der-sniff';
import { pemText } from '../pem/text';

const SIGNED_DATA = '1.2.840.113549.1.7.2';

/** The certificates of a PKCS#7 SignedData, as DER, in the order stored. */
export function pkcs7Certificates(der: Uint8Array): Uint8Array[] {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1) {
    throw parsed.result.error.includes('nd of input')
      ? new TruncatedInputError('the PKCS#7 data ends early; the file is truncated')
      : new CorruptInputError(`not valid PKCS#7 data (${parsed.result.error})`);
  }
  const contentInfo = parsed.result;
  if (!(contentInfo instanceof asn1js.Sequence)) throw new CorruptInputError('not a PKCS#7 ContentInfo');
  const [type, explicit] = contentInfo.valueBlock.value;
  if (!(type instanceof asn1js.ObjectIdentifier) || type.valueBlock.toString() !== SIGNED_DATA) {
    throw new CorruptInputError('this PKCS#7 file holds no certificates (it is not SignedData)');
  }
  const signedData = explicit instanceof asn1js.Constructed ? explicit.valueBlock.value[0] : undefined;
  if (!(signedData instanceof asn1js.Sequence)) throw new CorruptInputError('the PKCS#7 SignedData is malformed');
  const certificates = signedData.valueBlock.value.find(
    (el) => el.idBlock.tagClass === 3 && el.idBlock.tagNumber === 0,
  );
  if (!certificates || !(certificates instanceof asn1js.Constructed)) return [];
  return certificates.valueBlock.value
    .filter((el) => el instanceof asn1js.Sequence)
    .map((el) => new Uint8Array(el.valueBeforeDecodeView));
}

/** The certificates of every PKCS#7 block of a PEM-armoured bundle, in the order stored. */
function pemPkcs7Certificates(bytes: Uint8Array): Uint8Array[] {
  return pemBlocks(pemText(bytes))
    .filter((block) => block.label === 'PKCS7' || block.label === 'CMS')
    .flatMap((block) => pkcs7Certificates(block.der));
}

export const pkcs7Codec: StoreCodec = {
  format: 'PKCS7',
  decode(bytes): DecodedStore {
    // Told apart as index.ts detects them: a DER ContentInfo, else PEM armour (whose notes may start with "0").
    const armoured = sniffDer(bytes) !== 'pkcs7';
    const ders = armoured ? pemPkcs7Certificates(bytes) : pkcs7Certificates(bytes);
    return {
      format: 'PKCS7',
      integrity: 'none',
      entries: certificateEntries(ders),
      properties: [
        { label: 'Format', value: `PKCS#7 certificate bundle (${armoured ? 'PEM' : 'DER'})` },
        { label: 'Certificates', value: String(ders.length) },
      ],
    };
  },
};
