// PKCS#7 certificate bundles (.p7b) as `openssl crl2pkcs7 -nocrl` writes them: a "degenerate" SignedData
// with no content, no signers and the certificates in the order given, each kept as its exact bytes.
// PEM armour uses "-----BEGIN PKCS7-----", the label OpenSSL and Java read (OpenSSL rejects "CMS").
import { ContentInfo, DigestAlgorithmIdentifiers, EncapsulatedContentInfo, SignerInfos, id_data, id_signedData } from '@peculiar/asn1-cms';
import { AsnArray, AsnConvert, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import { CorruptInputError } from '../../errors';
import { parseCertificate } from '../../x509/certificate';
import { toPem } from '../../x509/pem';

/** SET OF ANY: certificates as their original encodings, in the order given (not re-encoded, not sorted). */
@AsnType({ type: AsnTypeTypes.Set, itemType: AsnPropTypes.Any })
class RawCertificateSet extends AsnArray<ArrayBuffer> {
  constructor(items?: ArrayBuffer[]) {
    super(items);
    Object.setPrototypeOf(this, RawCertificateSet.prototype);
  }
}

/** SignedData (RFC 5652 §5.1) with the certificates field carried verbatim. */
class CertificatesOnlySignedData {
  @AsnProp({ type: AsnPropTypes.Integer })
  version = 1;
  @AsnProp({ type: DigestAlgorithmIdentifiers })
  digestAlgorithms = new DigestAlgorithmIdentifiers();
  @AsnProp({ type: EncapsulatedContentInfo })
  encapContentInfo = new EncapsulatedContentInfo({ eContentType: id_data });
  @AsnProp({ type: RawCertificateSet, context: 0, implicit: true })
  certificates = new RawCertificateSet();
  @AsnProp({ type: SignerInfos })
  signerInfos = new SignerInfos();
}

function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

/** DER of a ContentInfo holding a degenerate SignedData with these certificates (DER, in order). */
export function encodePkcs7(ders: readonly Uint8Array[]): Uint8Array {
  for (const [i, der] of ders.entries()) {
    try {
      parseCertificate(der);
    } catch {
      throw new CorruptInputError(`certificate ${i + 1} to bundle is not a valid X.509 certificate; nothing was written`);
    }
  }
  const signedData = new CertificatesOnlySignedData();
  signedData.certificates = new RawCertificateSet(ders.map(arrayBuffer));
  const contentInfo = new ContentInfo({ contentType: id_signedData, content: AsnConvert.serialize(signedData) });
  return new Uint8Array(AsnConvert.serialize(contentInfo));
}

/** The same bundle as PEM text ("-----BEGIN PKCS7-----"). */
export function encodePkcs7Pem(ders: readonly Uint8Array[]): string {
  return toPem(encodePkcs7(ders), 'PKCS7');
}
