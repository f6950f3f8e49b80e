// Parse a DER certificate once and answer the questions the table, the CLI and the chain code ask.
// Fingerprints use the injected hashes. The fields come straight from the DER (certificate-fields.ts,
// some 50 times faster, which is what lets a 10,000-entry store open at once); the full
// @peculiar/asn1-x509 object (`asn`) is parsed only when something reads it, and it is also the
// fallback for every shape the fast reader leaves alone, so both paths give the same answers.
import { AsnConvert, AsnParser } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AuthorityInfoAccessSyntax,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  KeyUsage,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  id_pe_authorityInfoAccess,
} from '@peculiar/asn1-x509';
import { Name } from '@peculiar/asn1-x509';
import { ECParameters } from '@peculiar/asn1-ecc';
import { RSAPublicKey, RsaSaPssParams } from '@peculiar/asn1-rsa';
import type { CryptoProvider } from '../crypto-provider';
import type { CertificateSummary } from '../model/certificate';
import type { ListedCertificate } from '../model/keystore';
import { CorruptInputError, TrustLensError } from '../errors';
import { toHex } from './hex';
import { readDerHeader } from '../formats/der-sniff';
import { CURVES, KEY_ALGORITHMS, SIGNATURE_ALGORITHMS } from './oids';
import { generalNameToString, nameAttribute, nameToString } from './names';
import { isUnreadable, UNREADABLE } from './der-reader';
import {
  KEY_USAGE_NAMES,
  authorityKeyIdHex,
  basicConstraintsOf,
  extendedKeyUsageOf,
  keyIdentifierHex,
  keyInfoOf,
  keyUsageNamesOf,
  magnitudeBits,
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

export interface ParsedCertificate {
  readonly der: Uint8Array;
  readonly asn: Certificate;
  readonly subject: string;
  readonly issuer: string;
  /** DER of the subject / issuer Name, for exact name matching. */
  readonly subjectDer: Uint8Array;
  readonly issuerDer: Uint8Array;
  readonly tbsDer: Uint8Array;
  readonly spkiDer: Uint8Array;
  readonly signatureAlgorithmDer: Uint8Array;
  readonly signature: Uint8Array;
  readonly subjectKeyId?: string; // hex
  readonly authorityKeyId?: string; // hex
  readonly basicConstraints?: { readonly ca: boolean; readonly pathLength?: number };
  readonly keyUsage?: readonly string[];
  readonly extendedKeyUsage?: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
}

function bytes(buffer: ArrayBuffer | ArrayBufferView): Uint8Array {
  return buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** The fast reader's answer, or the asn1-schema path's when the bytes are not in a shape it reads. */
function fastOr<T>(fast: () => T, library: () => T): T {
  try {
    return fast();
  } catch (error) {
    if (isUnreadable(error)) return library();
    throw error;
  }
}

function parseAsn(der: Uint8Array): Certificate {
  try {
    return AsnParser.parse(der, Certificate);
  } catch (error) {
    throw new CorruptInputError(`not a valid X.509 certificate (${error instanceof Error ? error.message : String(error)})`);
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

function view(der: Uint8Array, start: number, end: number): Uint8Array {
  return new Uint8Array(der.buffer, der.byteOffset + start, end - start);
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

function keyUsageNames(ku: KeyUsage): string[] {
  return KEY_USAGE_NAMES.filter((_, i) => (ku.toNumber() & (1 << i)) !== 0);
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

/** The same ParsedCertificate built entirely by @peculiar/asn1-x509 (the fallback, and the reference in tests). */
export function parseWithLibrary(der: Uint8Array): ParsedCertificate {
  const asn = parseAsn(der);
  try {
    return fromAsn(der, asn);
  } catch (error) {
    // asn1-schema reads some damaged fields that it then cannot encode again (a time it cannot convert
    // inside algorithm parameters, say): that certificate is as unreadable as one it refuses outright.
    throw error instanceof TrustLensError ? error : new CorruptInputError(`not a valid X.509 certificate (${error instanceof Error ? error.message : String(error)})`);
  }
}

function fromAsn(der: Uint8Array, asn: Certificate): ParsedCertificate {
  const raw = rawParts(der);
  const tbs = asn.tbsCertificate;
  for (const used of [asn.signatureAlgorithm, tbs.signature, tbs.subjectPublicKeyInfo.algorithm]) checkPssParameters(used);
  const ext = (oid: string) => tbs.extensions?.find((e) => e.extnID === oid);
  const parseExt = <T>(oid: string, type: new () => T): T | undefined => {
    const e = ext(oid);
    if (!e) return undefined;
    try {
      return AsnParser.parse(e.extnValue, type);
    } catch {
      return undefined;
    }
  };
  const ski = parseExt(id_ce_subjectKeyIdentifier, SubjectKeyIdentifier);
  const aki = parseExt(id_ce_authorityKeyIdentifier, AuthorityKeyIdentifier);
  const bc = parseExt(id_ce_basicConstraints, BasicConstraints);
  const ku = parseExt(id_ce_keyUsage, KeyUsage);
  const eku = parseExt(id_ce_extKeyUsage, ExtendedKeyUsage);
  const kuNames = ku ? keyUsageNames(ku) : undefined;
  return {
    der,
    asn,
    subject: nameToString(tbs.subject),
    issuer: nameToString(tbs.issuer),
    subjectDer: raw?.subject ?? bytes(AsnConvert.serialize(tbs.subject)),
    issuerDer: raw?.issuer ?? bytes(AsnConvert.serialize(tbs.issuer)),
    tbsDer: raw?.tbs ?? bytes(AsnConvert.serialize(tbs)),
    spkiDer: raw?.spki ?? bytes(AsnConvert.serialize(tbs.subjectPublicKeyInfo)),
    signatureAlgorithmDer: raw?.signatureAlgorithm ?? bytes(AsnConvert.serialize(asn.signatureAlgorithm)),
    signature: bytes(asn.signatureValue),
    subjectKeyId: ski ? toHex(bytes(ski.buffer)) : undefined,
    authorityKeyId: aki?.keyIdentifier ? toHex(bytes(aki.keyIdentifier.buffer)) : undefined,
    basicConstraints: bc ? { ca: bc.cA, pathLength: bc.pathLenConstraint } : undefined,
    keyUsage: kuNames,
    extendedKeyUsage: eku?.map((oid) => oid),
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
  };
}

const RSASSA_PSS = '1.2.840.113549.1.1.10';

/**
 * RSASSA-PSS parameters that are not RSASSA-PSS-params (RFC 4055), or whose mask generation has no hash:
 * Java refuses such a certificate (and the fast reader hands it here), so it is refused, not read past.
 */
function checkPssParameters(algorithm: AlgorithmIdentifier): void {
  if (algorithm.algorithm !== RSASSA_PSS || !algorithm.parameters) return;
  try {
    const mgf = AsnParser.parse(algorithm.parameters, RsaSaPssParams).maskGenAlgorithm.parameters;
    if (!mgf) throw new Error('MGF1 without its hash');
    AsnParser.parse(mgf, AlgorithmIdentifier);
  } catch (error) {
    throw new CorruptInputError(`not a valid X.509 certificate (its RSASSA-PSS parameters are malformed: ${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Parts of a certificate exactly as encoded in `der` (signatures cover these bytes, not a re-encoding). */
interface RawParts {
  readonly tbs: Uint8Array;
  readonly issuer: Uint8Array;
  readonly subject: Uint8Array;
  readonly spki: Uint8Array;
  readonly signatureAlgorithm: Uint8Array;
}

/**
 * The parts asn1-schema would otherwise encode again, cut from the bytes themselves: re-encoding could
 * differ from what was signed, and fails on some fields asn1-schema reads but cannot write (an odd time
 * inside algorithm parameters), which Java and OpenSSL read. Undefined for BER with indefinite lengths.
 */
function rawParts(der: Uint8Array): RawParts | undefined {
  const elements = (start: number, end: number): Uint8Array[] | undefined => {
    const out: Uint8Array[] = [];
    for (let at = start; at < end; ) {
      const header = readDerHeader(der, at);
      const next = header ? at + header.headerLength + header.length : Infinity;
      if (next > end) return undefined;
      out.push(view(der, at, next));
      at = next;
    }
    return out;
  };
  const inside = (el: Uint8Array) => {
    const offset = el.byteOffset - der.byteOffset;
    const header = readDerHeader(der, offset)!;
    return elements(offset + header.headerLength, offset + el.length);
  };
  const [whole] = elements(0, der.length) ?? [];
  const top = whole && inside(whole);
  const tbs = top?.[0];
  const fields = tbs && inside(tbs);
  if (!top || top.length !== 3 || !fields) return undefined;
  const first = fields[0]?.[0] === 0xa0 ? 1 : 0;
  const [issuer, , subject, spki] = fields.slice(first + 2, first + 6);
  if (!spki) return undefined;
  return { tbs: tbs!, issuer: issuer!, subject: subject!, spki, signatureAlgorithm: top[1]! };
}

export interface KeyInfo {
  readonly algorithm: string;
  readonly size?: number;
  readonly curve?: string;
}

export function keyInfo(cert: ParsedCertificate): KeyInfo {
  return fastOr(
    () => keyInfoOf(cert.spkiDer),
    () => keyInfoWithLibrary(cert),
  );
}

export function keyInfoWithLibrary(cert: ParsedCertificate): KeyInfo {
  const spki = cert.asn.tbsCertificate.subjectPublicKeyInfo;
  const oid = spki.algorithm.algorithm;
  const algorithm = KEY_ALGORITHMS[oid] ?? oid;
  const key = bytes(spki.subjectPublicKey);
  try {
    if (algorithm === 'RSA' || algorithm === 'RSASSA-PSS') {
      const rsa = AsnParser.parse(key, RSAPublicKey);
      return { algorithm, size: magnitudeBits(bytes(rsa.modulus)) };
    }
    if (algorithm === 'EC' && spki.algorithm.parameters) {
      const params = AsnParser.parse(spki.algorithm.parameters, ECParameters);
      const curveOid = params.namedCurve;
      const curve = curveOid ? CURVES[curveOid] : undefined;
      if (curve) return { algorithm, size: curve.bits, curve: curve.name };
      return { algorithm, curve: curveOid ?? 'explicit parameters' };
    }
    if (algorithm === 'Ed25519') return { algorithm, size: 255 }; // as keytool prints them ("255-bit Ed25519 key")
    if (algorithm === 'Ed448') return { algorithm, size: 448 };
    if (algorithm === 'DSA') {
      // p is the first INTEGER of Dss-Parms; its length gives the key size.
      return { algorithm, size: dsaPrimeBits(spki.algorithm.parameters) };
    }
  } catch {
    // fall through: unknown shape, report the algorithm alone
  }
  return { algorithm };
}

function dsaPrimeBits(params: ArrayBuffer | null | undefined): number | undefined {
  if (!params) return undefined;
  const p = new Uint8Array(params);
  // SEQUENCE { INTEGER p, ... }
  let off = 1;
  off += p[off]! & 0x80 ? (p[off]! & 0x7f) + 1 : 1;
  if (p[off] !== 0x02) return undefined;
  off++;
  let len = p[off]!;
  off++;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = (len << 8) | p[off++]!;
  }
  if (p[off] === 0) len--;
  return len * 8;
}

export function signatureAlgorithmName(cert: ParsedCertificate): string {
  return fastOr(
    () => signatureAlgorithmOf(cert.signatureAlgorithmDer),
    () => signatureAlgorithmWithLibrary(cert),
  );
}

export function signatureAlgorithmWithLibrary(cert: ParsedCertificate): string {
  const oid = cert.asn.signatureAlgorithm.algorithm;
  return SIGNATURE_ALGORITHMS[oid] ?? oid;
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

export function subjectAltNamesWithLibrary(cert: ParsedCertificate): string[] {
  const e = cert.asn.tbsCertificate.extensions?.find((x) => x.extnID === id_ce_subjectAltName);
  if (!e) return [];
  try {
    return AsnParser.parse(e.extnValue, SubjectAlternativeName).map(generalNameToString);
  } catch {
    return [];
  }
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
      const { subject, issuer, notBefore, notAfter, sha1, sha256, keyAlgorithm, keySize, curve } = summarize(parseCertificate(der), crypto);
      return { subject, issuer, notBefore, notAfter, sha1, sha256, keyAlgorithm, ...(keySize !== undefined ? { keySize } : {}), ...(curve !== undefined ? { curve } : {}) };
    },
  );
}
