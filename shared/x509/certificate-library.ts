// The @peculiar/asn1-x509 path of certificate.ts: a ParsedCertificate and its fields built entirely by
// asn1-schema. It reads every shape the fast DER reader hands over (BER, odd names, DSA, explicit curves…)
// and is the reference the fast path is tested against.
import { AsnConvert, AsnParser } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
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
import { RSAPublicKey, RsaSaPssParams } from '@peculiar/asn1-rsa';
import { CorruptInputError, TrustLensError } from '../errors';
import { readDerHeader } from '../formats/der-sniff';
import { KEY_USAGE_NAMES, magnitudeBits } from './certificate-fields';
import { view } from './der-reader';
import { toHex } from './hex';
import { generalNameToString, nameToString } from './names';
import { CURVES, KEY_ALGORITHMS, SIGNATURE_ALGORITHMS } from './oids';
import type { KeyInfo, ParsedCertificate } from './types';

export function bytes(buffer: ArrayBuffer | ArrayBufferView): Uint8Array {
  return buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export function parseAsn(der: Uint8Array): Certificate {
  try {
    return AsnParser.parse(der, Certificate);
  } catch (error) {
    throw new CorruptInputError(`not a valid X.509 certificate (${error instanceof Error ? error.message : String(error)})`);
  }
}

export function keyUsageNames(ku: KeyUsage): string[] {
  return KEY_USAGE_NAMES.filter((_, i) => (ku.toNumber() & (1 << i)) !== 0);
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

export function signatureAlgorithmWithLibrary(cert: ParsedCertificate): string {
  const oid = cert.asn.signatureAlgorithm.algorithm;
  return SIGNATURE_ALGORITHMS[oid] ?? oid;
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
