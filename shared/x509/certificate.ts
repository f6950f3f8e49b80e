// Parse a DER certificate once and answer the questions the table, the CLI and the chain code ask.
// Fingerprints use the injected hashes. The fields come straight from the DER (certificate-fields.ts,
// some 50 times faster, which is what lets a 10,000-entry store open at once); the full
// @peculiar/asn1-x509 object (`asn`) is parsed only when something reads it, and it is also the
// fallback for every shape the fast reader leaves alone, so both paths give the same answers.
import { AsnParser } from '@peculiar/asn1-schema';
import {
  AuthorityInfoAccessSyntax,
  AuthorityKeyIdentifier,
  BasicConstraints,
  ExtendedKeyUsage,
  KeyUsage,
  SubjectKeyIdentifier,
  id_pe_authorityInfoAccess,
} from '@peculiar/asn1-x509';
import { Name } from '@peculiar/asn1-x509';
import type { Certificate } from '@peculiar/asn1-x509';
import type { CryptoProvider } from '../crypto-provider';
import type { CertificateSummary } from '../model/certificate';
import type { ListedCertificate } from '../model/keystore';
import { CorruptInputError } from '../errors';
import { toHex } from './hex';
import { nameAttribute, nameToString } from './names';
import { isUnreadable, UNREADABLE, view } from './der-reader';
import {
  authorityKeyIdHex,
  basicConstraintsOf,
  extendedKeyUsageOf,
  keyIdentifierHex,
  keyInfoOf,
  keyUsageNamesOf,
  nameAttributeText,
  nameText,
  readCertificateLayout,
  serialHex,
  signatureAlgorithmOf,
  subjectAltNamesOf,
} from './certificate-fields';
import type { CertificateLayout } from './certificate-fields';
import type { Element } from './der-reader';
import { listedFromDer, summaryFromDer } from './fast-summary';
import {
  bytes,
  keyInfoWithLibrary,
  keyUsageNames,
  parseAsn,
  parseWithLibrary,
  signatureAlgorithmWithLibrary,
  subjectAltNamesWithLibrary,
} from './certificate-library';
import type { KeyInfo, ParsedCertificate } from './types';

export type { KeyInfo, ParsedCertificate };
export { keyInfoWithLibrary, parseWithLibrary, signatureAlgorithmWithLibrary, subjectAltNamesWithLibrary };

/** The fast reader's answer, or the asn1-schema path's when the bytes are not in a shape it reads. */
function fastOr<T>(fast: () => T, library: () => T): T {
  try {
    return fast();
  } catch (error) {
    if (isUnreadable(error)) return library();
    throw error;
  }
}

/** An extension's decoded value: the fast decoder, else asn1-schema's (undefined when that fails too). */
function decodeExtension<T, A>(
  der: Uint8Array,
  ext: Element | undefined,
  fast: (der: Uint8Array, ext: Element) => T,
  type: new () => A,
  convert: (asn: A) => T,
): T | undefined {
  if (!ext) return undefined;
  return fastOr<T | undefined>(
    () => fast(der, ext),
    () => {
      try {
        return convert(AsnParser.parse(view(der, ext.body, ext.end), type));
      } catch {
        return undefined;
      }
    },
  );
}

/** A Name's text: the fast reader's, else asn1-schema's; a Name neither can read fails the fast path. */
/** A DER Name (as TLS lists CAs) in RFC 4514 form; throws CorruptInputError when it does not read. */
export function distinguishedName(der: Uint8Array): string {
  try {
    return nameOf(der);
  } catch (error) {
    if (isUnreadable(error)) throw new CorruptInputError('not a valid X.501 name');
    throw error;
  }
}

function nameOf(der: Uint8Array): string {
  return fastOr(
    () => nameText(der),
    () => {
      try {
        return nameToString(AsnParser.parse(der, Name));
      } catch {
        throw UNREADABLE;
      }
    },
  );
}

function parseFast(der: Uint8Array): ParsedCertificate {
  const layout: CertificateLayout = readCertificateLayout(der);
  const subjectDer = view(der, layout.subject.start, layout.subject.end);
  const issuerDer = view(der, layout.issuer.start, layout.issuer.end);
  let asn: Certificate | undefined;
  const fields = {
    der,
    subject: nameOf(subjectDer),
    issuer: nameOf(issuerDer),
    subjectDer,
    issuerDer,
    tbsDer: view(der, layout.tbs.start, layout.tbs.end),
    spkiDer: view(der, layout.spki.start, layout.spki.end),
    signatureAlgorithmDer: view(der, layout.signatureAlgorithm.start, layout.signatureAlgorithm.end),
    signature: view(der, layout.signature.body + 1, layout.signature.end),
    subjectKeyId: decodeExtension(der, layout.subjectKeyIdentifier, keyIdentifierHex, SubjectKeyIdentifier, (ski) => toHex(bytes(ski.buffer))),
    authorityKeyId: decodeExtension(der, layout.authorityKeyIdentifier, authorityKeyIdHex, AuthorityKeyIdentifier, (aki) =>
      aki.keyIdentifier ? toHex(bytes(aki.keyIdentifier.buffer)) : undefined,
    ),
    basicConstraints: decodeExtension(der, layout.basicConstraints, basicConstraintsOf, BasicConstraints, (bc) => ({
      ca: bc.cA,
      pathLength: bc.pathLenConstraint,
    })),
    keyUsage: decodeExtension(der, layout.keyUsage, keyUsageNamesOf, KeyUsage, keyUsageNames),
    extendedKeyUsage: decodeExtension(der, layout.extKeyUsage, extendedKeyUsageOf, ExtendedKeyUsage, (eku) => eku.map((oid) => oid)),
    notBefore: layout.notBefore,
    notAfter: layout.notAfter,
  };
  // The asn1-schema object is built on first use only (the details pane, a few chain checks).
  return Object.defineProperty(fields, 'asn', { enumerable: true, get: () => (asn ??= parseAsn(der)) }) as ParsedCertificate;
}

/**
 * parseCertificate(der).subject without the rest: for deriving aliases from thousands of certificates.
 * It fails exactly where parseCertificate fails (the same structure and both names are read).
 */
export function certificateSubject(der: Uint8Array): string {
  return fastOr(
    () => {
      const layout = readCertificateLayout(der);
      nameOf(view(der, layout.issuer.start, layout.issuer.end));
      return nameOf(view(der, layout.subject.start, layout.subject.end));
    },
    () => parseWithLibrary(der).subject,
  );
}

export function parseCertificate(der: Uint8Array): ParsedCertificate {
  return fastOr(
    () => parseFast(der),
    () => parseWithLibrary(der),
  );
}

export function keyInfo(cert: ParsedCertificate): KeyInfo {
  return fastOr(
    () => keyInfoOf(cert.spkiDer),
    () => keyInfoWithLibrary(cert),
  );
}

export function signatureAlgorithmName(cert: ParsedCertificate): string {
  return fastOr(
    () => signatureAlgorithmOf(cert.signatureAlgorithmDer),
    () => signatureAlgorithmWithLibrary(cert),
  );
}

export function subjectAltNames(cert: ParsedCertificate): string[] {
  return fastOr(
    () => {
      const san = readCertificateLayout(cert.der).subjectAltName;
      return san ? subjectAltNamesOf(cert.der, san) : [];
    },
    () => subjectAltNamesWithLibrary(cert),
  );
}

const CA_ISSUERS = '1.3.6.1.5.5.7.48.2';

/**
 * Where the issuer's certificate can be fetched: the CA Issuers URLs of the Authority Information Access
 * extension (RFC 5280 §4.2.2.1), as browsers use them to complete a chain a server sends incomplete.
 */
export function caIssuerUrls(cert: ParsedCertificate): string[] {
  const e = cert.asn.tbsCertificate.extensions?.find((x) => x.extnID === id_pe_authorityInfoAccess);
  if (!e) return [];
  try {
    return AsnParser.parse(e.extnValue, AuthorityInfoAccessSyntax)
      .filter((d) => d.accessMethod === CA_ISSUERS && d.accessLocation.uniformResourceIdentifier)
      .map((d) => d.accessLocation.uniformResourceIdentifier!);
  } catch {
    return [];
  }
}

export function commonName(cert: ParsedCertificate): string | undefined {
  return fastOr(
    () => nameAttributeText(cert.subjectDer, 'CN'),
    () => nameAttribute(cert.asn.tbsCertificate.subject, 'CN'),
  );
}

export function issuerCommonName(cert: ParsedCertificate): string | undefined {
  return fastOr(
    () => nameAttributeText(cert.issuerDer, 'CN'),
    () => nameAttribute(cert.asn.tbsCertificate.issuer, 'CN'),
  );
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export { equalBytes };

/** Self-issued (subject equals issuer) and, where key identifiers are present, they agree. */
export function isSelfIssued(cert: ParsedCertificate): boolean {
  if (!equalBytes(cert.subjectDer, cert.issuerDer) && cert.subject !== cert.issuer) return false;
  if (cert.subjectKeyId && cert.authorityKeyId && cert.subjectKeyId !== cert.authorityKeyId) return false;
  return true;
}

function serialNumber(cert: ParsedCertificate): string {
  return fastOr(
    () => serialHex(cert.der, readCertificateLayout(cert.der).serial),
    () => toHex(bytes(cert.asn.tbsCertificate.serialNumber)).replace(/^(00)+(?=..)/, ''),
  );
}

export function summarize(cert: ParsedCertificate, crypto: CryptoProvider): CertificateSummary {
  const key = keyInfo(cert);
  const serial = serialNumber(cert);
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: serial,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    sha1: crypto.digestHex('sha1', cert.der),
    sha256: crypto.digestHex('sha256', cert.der),
    keyAlgorithm: key.algorithm,
    ...(key.size !== undefined ? { keySize: key.size } : {}),
    ...(key.curve !== undefined ? { curve: key.curve } : {}),
    signatureAlgorithm: signatureAlgorithmName(cert),
    isCA: cert.basicConstraints?.ca ?? false,
    selfSigned: isSelfIssued(cert),
    subjectAltNames: subjectAltNames(cert),
  };
}

/** Parse and summarize in one step (one pass over the bytes where the fast reader can). */
export function summarizeDer(der: Uint8Array, crypto: CryptoProvider): CertificateSummary {
  return fastOr(
    () => summaryFromDer(der, crypto),
    () => summarize(parseCertificate(der), crypto),
  );
}

/** What the store table lists of a certificate: the fast reader's fields, or the summary's when it cannot read them. */
export function listDer(der: Uint8Array, crypto: CryptoProvider): ListedCertificate {
  return fastOr(
    () => listedFromDer(der, crypto),
    () => {
      const cert = parseCertificate(der);
      const { subject, issuer, serialNumber, notBefore, notAfter, sha1, sha256, keyAlgorithm, keySize, curve } = summarize(cert, crypto);
      const subjectOrganization = nameAttribute(cert.asn.tbsCertificate.subject, 'O');
      const issuerOrganization = nameAttribute(cert.asn.tbsCertificate.issuer, 'O');
      return {
        ...{ subject, issuer, serialNumber, notBefore, notAfter, sha1, sha256, keyAlgorithm },
        ...(keySize !== undefined ? { keySize } : {}),
        ...(curve !== undefined ? { curve } : {}),
        ...(cert.subjectKeyId ? { subjectKeyId: cert.subjectKeyId } : {}),
        ...(cert.authorityKeyId ? { authorityKeyId: cert.authorityKeyId } : {}),
        ...(subjectOrganization !== undefined ? { subjectOrganization } : {}),
        ...(issuerOrganization !== undefined ? { issuerOrganization } : {}),
      };
    },
  );
}
