// The CertificateSummary of a DER certificate in one pass over its bytes, for opening large stores:
// no ParsedCertificate, no asn1-schema objects. It must equal summarize(parseCertificate(der)) field for
// field and key for key (the CLI's JSON is compared byte for byte); it throws UNREADABLE wherever the
// fast reader would need asn1-schema, and summarizeDer then takes the general path.
import type { CryptoProvider } from '../crypto-provider';
import type { CertificateSummary } from '../model/certificate';
import type { ListedCertificate } from '../model/keystore';
import {
  authorityKeyIdHex,
  basicConstraintsOf,
  keyIdentifierHex,
  keyInfoOf,
  nameAttributeText,
  nameText,
  readCertificateLayout,
  serialHex,
  signatureAlgorithmOf,
  subjectAltNamesOf,
} from './certificate-fields';

function sameBytes(der: Uint8Array, a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  if (a.end - a.start !== b.end - b.start) return false;
  for (let i = 0; i < a.end - a.start; i++) if (der[a.start + i] !== der[b.start + i]) return false;
  return true;
}

export function summaryFromDer(der: Uint8Array, crypto: CryptoProvider): CertificateSummary {
  const layout = readCertificateLayout(der);
  const subject = nameText(der, layout.subject);
  const issuer = nameText(der, layout.issuer);
  const key = keyInfoOf(der, layout.spki);
  const signatureAlgorithm = signatureAlgorithmOf(der, layout.signatureAlgorithm);
  const basicConstraints = layout.basicConstraints ? basicConstraintsOf(der, layout.basicConstraints) : undefined;
  const subjectAltNames = layout.subjectAltName ? subjectAltNamesOf(der, layout.subjectAltName) : [];
  // isSelfIssued: same subject and issuer (bytes, else text), and key identifiers that agree when both are there.
  let selfSigned = sameBytes(der, layout.subject, layout.issuer) || subject === issuer;
  if (selfSigned && layout.subjectKeyIdentifier && layout.authorityKeyIdentifier) {
    const subjectKeyId = keyIdentifierHex(der, layout.subjectKeyIdentifier);
    const authorityKeyId = authorityKeyIdHex(der, layout.authorityKeyIdentifier);
    if (authorityKeyId && subjectKeyId && subjectKeyId !== authorityKeyId) selfSigned = false;
  }
  return {
    subject,
    issuer,
    serialNumber: serialHex(der, layout.serial),
    notBefore: layout.notBefore.toISOString(),
    notAfter: layout.notAfter.toISOString(),
    sha1: crypto.digestHex('sha1', der),
    sha256: crypto.digestHex('sha256', der),
    keyAlgorithm: key.algorithm,
    ...(key.size !== undefined ? { keySize: key.size } : {}),
    ...(key.curve !== undefined ? { curve: key.curve } : {}),
    signatureAlgorithm,
    isCA: basicConstraints?.ca ?? false,
    selfSigned,
    subjectAltNames,
  };
}

/** The fields the store table lists, read the same way (and equal to the summary's); throws UNREADABLE likewise. */
export function listedFromDer(der: Uint8Array, crypto: CryptoProvider): ListedCertificate {
  const layout = readCertificateLayout(der);
  const key = keyInfoOf(der, layout.spki);
  const subject = nameText(der, layout.subject);
  // Roots name themselves: the issuer's text is the subject's when the bytes are the same.
  const issuer = sameBytes(der, layout.subject, layout.issuer) ? subject : nameText(der, layout.issuer);
  const listed: { -readonly [K in keyof ListedCertificate]: ListedCertificate[K] } = {
    subject,
    issuer,
    serialNumber: serialHex(der, layout.serial),
    notBefore: layout.notBefore.toISOString(),
    notAfter: layout.notAfter.toISOString(),
    sha1: crypto.digestHex('sha1', der),
    sha256: crypto.digestHex('sha256', der),
    keyAlgorithm: key.algorithm,
  };
  if (key.size !== undefined) listed.keySize = key.size;
  if (key.curve !== undefined) listed.curve = key.curve;
  const subjectKeyId = layout.subjectKeyIdentifier ? keyIdentifierHex(der, layout.subjectKeyIdentifier) : undefined;
  const authorityKeyId = layout.authorityKeyIdentifier ? authorityKeyIdHex(der, layout.authorityKeyIdentifier) : undefined;
  const subjectOrganization = nameAttributeText(der, 'O', layout.subject);
  const issuerOrganization = nameAttributeText(der, 'O', layout.issuer);
  if (subjectKeyId) listed.subjectKeyId = subjectKeyId;
  if (authorityKeyId) listed.authorityKeyId = authorityKeyId;
  if (subjectOrganization !== undefined) listed.subjectOrganization = subjectOrganization;
  if (issuerOrganization !== undefined) listed.issuerOrganization = issuerOrganization;
  return listed;
}
