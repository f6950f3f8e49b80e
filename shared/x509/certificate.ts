// Parse a DER certificate once and answer the questions the table, the CLI and the chain code ask.
// Parsing uses @peculiar/asn1-x509 (synchronous, no WebCrypto); fingerprints use the injected hashes.
import { AsnConvert, AsnParser } from '@peculiar/asn1-schema';
import {
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
} from '@peculiar/asn1-x509';
import { ECParameters } from '@peculiar/asn1-ecc';
import { RSAPublicKey } from '@peculiar/asn1-rsa';
import type { CryptoProvider } from '../crypto-provider';
import type { CertificateSummary } from '../model/certificate';
import { CorruptInputError } from '../errors';
import { toHex } from './hex';
import { readDerHeader } from '../formats/der-sniff';
import { CURVES, KEY_ALGORITHMS, SIGNATURE_ALGORITHMS } from './oids';
import { generalNameToString, nameAttribute, nameToString } from './names';

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

const KEY_USAGE_NAMES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

export function parseCertificate(der: Uint8Array): ParsedCertificate {
  let asn: Certificate;
  try {
    asn = AsnParser.parse(der, Certificate);
  } catch (error) {
    throw new CorruptInputError(`not a valid X.509 certificate (${error instanceof Error ? error.message : String(error)})`);
  }
  const tbs = asn.tbsCertificate;
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
  const kuNames = ku ? KEY_USAGE_NAMES.filter((_, i) => (ku.toNumber() & (1 << i)) !== 0) : undefined;
  return {
    der,
    asn,
    subject: nameToString(tbs.subject),
    issuer: nameToString(tbs.issuer),
    subjectDer: bytes(AsnConvert.serialize(tbs.subject)),
    issuerDer: bytes(AsnConvert.serialize(tbs.issuer)),
    tbsDer: rawTbs(der) ?? bytes(AsnConvert.serialize(tbs)),
    spkiDer: bytes(AsnConvert.serialize(tbs.subjectPublicKeyInfo)),
    signatureAlgorithmDer: bytes(AsnConvert.serialize(asn.signatureAlgorithm)),
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

/** The TBSCertificate exactly as encoded in `der` (signatures cover these bytes, not a re-encoding). */
function rawTbs(der: Uint8Array): Uint8Array | undefined {
  const outer = readDerHeader(der, 0);
  if (!outer) return undefined;
  const start = outer.headerLength;
  const inner = readDerHeader(der, start);
  if (!inner || start + inner.headerLength + inner.length > der.length) return undefined;
  return der.subarray(start, start + inner.headerLength + inner.length);
}

export interface KeyInfo {
  readonly algorithm: string;
  readonly size?: number;
  readonly curve?: string;
}

export function keyInfo(cert: ParsedCertificate): KeyInfo {
  const spki = cert.asn.tbsCertificate.subjectPublicKeyInfo;
  const oid = spki.algorithm.algorithm;
  const algorithm = KEY_ALGORITHMS[oid] ?? oid;
  const key = bytes(spki.subjectPublicKey);
  try {
    if (algorithm === 'RSA' || algorithm === 'RSASSA-PSS') {
      const rsa = AsnParser.parse(key, RSAPublicKey);
      const n = bytes(rsa.modulus);
      let i = 0;
      while (i < n.length && n[i] === 0) i++;
      const size = n.length - i === 0 ? 0 : (n.length - i - 1) * 8 + Math.floor(Math.log2(n[i]!)) + 1;
      return { algorithm, size };
    }
    if (algorithm === 'EC' && spki.algorithm.parameters) {
      const params = AsnParser.parse(spki.algorithm.parameters, ECParameters);
      const curveOid = params.namedCurve;
      const curve = curveOid ? CURVES[curveOid] : undefined;
      if (curve) return { algorithm, size: curve.bits, curve: curve.name };
      return { algorithm, curve: curveOid ?? 'explicit parameters' };
    }
    if (algorithm === 'Ed25519') return { algorithm, size: 256 };
    if (algorithm === 'Ed448') return { algorithm, size: 456 };
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
  const oid = cert.asn.signatureAlgorithm.algorithm;
  return SIGNATURE_ALGORITHMS[oid] ?? oid;
}

export function subjectAltNames(cert: ParsedCertificate): string[] {
  const e = cert.asn.tbsCertificate.extensions?.find((x) => x.extnID === id_ce_subjectAltName);
  if (!e) return [];
  try {
    return AsnParser.parse(e.extnValue, SubjectAlternativeName).map(generalNameToString);
  } catch {
    return [];
  }
}

export function commonName(cert: ParsedCertificate): string | undefined {
  return nameAttribute(cert.asn.tbsCertificate.subject, 'CN');
}

export function issuerCommonName(cert: ParsedCertificate): string | undefined {
  return nameAttribute(cert.asn.tbsCertificate.issuer, 'CN');
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

export function summarize(cert: ParsedCertificate, crypto: CryptoProvider): CertificateSummary {
  const key = keyInfo(cert);
  const serial = toHex(bytes(cert.asn.tbsCertificate.serialNumber)).replace(/^(00)+(?=..)/, '');
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: serial,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    sha1: toHex(crypto.digest('sha1', cert.der)),
    sha256: toHex(crypto.digest('sha256', cert.der)),
    keyAlgorithm: key.algorithm,
    ...(key.size !== undefined ? { keySize: key.size } : {}),
    ...(key.curve !== undefined ? { curve: key.curve } : {}),
    signatureAlgorithm: signatureAlgorithmName(cert),
    isCA: cert.basicConstraints?.ca ?? false,
    selfSigned: isSelfIssued(cert),
    subjectAltNames: subjectAltNames(cert),
  };
}

/** Parse and summarize in one step. */
export function summarizeDer(der: Uint8Array, crypto: CryptoProvider): CertificateSummary {
  return summarize(parseCertificate(der), crypto);
}
