// OCSP (RFC 6960): the request TrustLens sends, and what a response says once it is verified. A response
// counts only when (as OpenSSL's OCSP_basic_verify and JDK 17's OCSPResponse.verify require):
// - it is signed by the certificate's issuer, or by a responder certificate it carries that the issuer
//   signed and that has the id-kp-OCSPSigning EKU (§4.2.2.2: a "delegated" responder);
// - one of its SingleResponses is for this certificate's CertID (serial, issuer name hash, issuer key hash);
// - its times are sane: thisUpdate not in the future and nextUpdate (when given) not past, both with the
//   five minutes of leeway `openssl ocsp` allows by default (-validity_period 300);
// - the nonce, when one was sent and the response has one, is the one sent. A response without a nonce is
//   accepted, as `openssl ocsp` does (it warns "WARNING: no nonce in response") and as JSSE does for a
//   staple, which carries none: responders that pre-sign their answers (most CAs) never echo one.
// The CertID uses SHA-1, which every responder answers (RFC 5019 §2.1.1; `openssl ocsp` sends it too).
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier, BasicOCSPResponse, CertID, Extension, OCSPRequest, OCSPResponse, Request, TBSRequest } from 'pkijs';
import type { CryptoProvider } from '../../../shared/crypto-provider';
import { certifies } from '../../../shared/chain/shape';
import { parseCertificate, type ParsedCertificate } from '../../../shared/x509/certificate';
import { toHex } from '../../../shared/x509/hex';
import { bitsOf, CRL_REASONS, LEEWAY_MS, type StatusAnswer } from './answer';

const ID_PKIX_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const ID_PKIX_OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2';
const ID_KP_OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';
const SHA1 = '1.3.14.3.2.26';
const HASHES: Record<string, 'sha1' | 'sha256' | 'sha384' | 'sha512'> = {
  [SHA1]: 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const RESPONSE_STATUS = ['successful', 'malformedRequest', 'internalError', 'tryLater', '(4)', 'sigRequired', 'unauthorized'];

function buffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** The issuer's public key, the BIT STRING's bits: what issuerKeyHash hashes. */
function issuerKeyBits(issuer: ParsedCertificate): Uint8Array {
  return new Uint8Array(issuer.asn.tbsCertificate.subjectPublicKeyInfo.subjectPublicKey);
}

function serialBytes(cert: ParsedCertificate): Uint8Array {
  return new Uint8Array(cert.asn.tbsCertificate.serialNumber);
}

/** The DER OCSPRequest for `cert`, with `nonce` as the nonce extension (an OCTET STRING in extnValue, RFC 8954). */
export function ocspRequest(cert: ParsedCertificate, issuer: ParsedCertificate, nonce: Uint8Array, crypto: CryptoProvider): Uint8Array {
  const certId = new CertID({
    hashAlgorithm: new AlgorithmIdentifier({ algorithmId: SHA1, algorithmParams: new asn1js.Null() }),
    issuerNameHash: new asn1js.OctetString({ valueHex: buffer(crypto.digest('sha1', cert.issuerDer)) }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: buffer(crypto.digest('sha1', issuerKeyBits(issuer))) }),
    serialNumber: new asn1js.Integer({ valueHex: buffer(serialBytes(cert)) }),
  });
  const nonceValue = new asn1js.OctetString({ valueHex: buffer(nonce) }).toBER(false);
  const request = new OCSPRequest({
    tbsRequest: new TBSRequest({
      requestList: [new Request({ reqCert: certId })],
      requestExtensions: [new Extension({ extnID: ID_PKIX_OCSP_NONCE, critical: false, extnValue: nonceValue })],
    }),
  });
  return new Uint8Array(request.toSchema(true).toBER(false));
}

/** The nonce extension's value bytes as sent (to compare with the response's). */
export function nonceExtensionValue(nonce: Uint8Array): Uint8Array {
  return new Uint8Array(new asn1js.OctetString({ valueHex: buffer(nonce) }).toBER(false));
}

function sameBytes(a: ArrayBuffer | Uint8Array, b: Uint8Array): boolean {
  const x = a instanceof Uint8Array ? a : new Uint8Array(a);
  return x.length === b.length && x.every((v, i) => v === b[i]);
}

/** Whether `signer`'s key made the response's signature. */
function signedBy(basic: BasicOCSPResponse, signer: ParsedCertificate, crypto: CryptoProvider): boolean {
  const algorithm = new Uint8Array(basic.signatureAlgorithm.toSchema().toBER(false));
  try {
    return crypto.verify(algorithm, signer.spkiDer, basic.tbsResponseData.tbsView, bitsOf(basic.signature));
  } catch {
    return false;
  }
}

/** Who signed it: the issuer, an authorized responder it carries, or why neither. */
function responder(basic: BasicOCSPResponse, issuer: ParsedCertificate, crypto: CryptoProvider, now: Date): { ok: true; by: string } | { ok: false; why: string } {
  if (signedBy(basic, issuer, crypto)) return { ok: true, by: 'the issuer' };
  let why = 'it is signed by a key that is neither the issuer’s nor that of a responder certificate the response carries';
  for (const carried of basic.certs ?? []) {
    let cert: ParsedCertificate;
    try {
      cert = parseCertificate(new Uint8Array(carried.toSchema().toBER(false)));
    } catch {
      continue;
    }
    if (!signedBy(basic, cert, crypto)) continue;
    if (!certifies(issuer, cert, crypto)) return { ok: false, why: `its signer, ${cert.subject}, was not issued by the certificate’s issuer` };
    if (!cert.extendedKeyUsage?.includes(ID_KP_OCSP_SIGNING)) return { ok: false, why: `its signer, ${cert.subject}, lacks the OCSP Signing extended key usage a delegated responder needs` };
    if (cert.notAfter.getTime() < now.getTime() || cert.notBefore.getTime() > now.getTime()) return { ok: false, why: `its signer, ${cert.subject}, is not valid now` };
    return { ok: true, by: cert.subject };
  }
  why += ' (a response signed by the wrong key)';
  return { ok: false, why };
}

/** The CRLReason of a revoked status, when the responder gives one. */
function revokedInfo(status: asn1js.Constructed): { revokedAt?: string; reason?: string } {
  const parts = status.valueBlock.value;
  const time = parts[0] as asn1js.GeneralizedTime | undefined;
  const reasonHolder = parts[1] as asn1js.Constructed | undefined;
  const reasonValue = (reasonHolder?.valueBlock.value?.[0] as asn1js.Enumerated | undefined)?.valueBlock.valueDec;
  return {
    ...(time?.toDate ? { revokedAt: time.toDate().toISOString() } : {}),
    ...(reasonValue !== undefined ? { reason: CRL_REASONS[reasonValue] ?? `reason ${reasonValue}` } : {}),
  };
}

export interface OcspContext {
  readonly cert: ParsedCertificate;
  readonly issuer: ParsedCertificate;
  /** The nonce extension value sent (absent for a staple). */
  readonly nonce?: Uint8Array;
  readonly now: Date;
  readonly crypto: CryptoProvider;
}

/** What a DER OCSPResponse says of the certificate, verified; or why it says nothing usable. */
export function readOcspResponse(der: Uint8Array, context: OcspContext): StatusAnswer {
  const { cert, issuer, crypto, now } = context;
  let basic: BasicOCSPResponse;
  try {
    const response = OCSPResponse.fromBER(buffer(der));
    const status = response.responseStatus.valueBlock.valueDec;
    if (status !== 0) return { ok: false, why: `the responder answered ${RESPONSE_STATUS[status] ?? `status ${status}`}` };
    if (!response.responseBytes || response.responseBytes.responseType !== ID_PKIX_OCSP_BASIC) return { ok: false, why: 'the answer is not a basic OCSP response' };
    basic = BasicOCSPResponse.fromBER(buffer(new Uint8Array(response.responseBytes.response.valueBlock.valueHexView)));
  } catch {
    return { ok: false, why: `the answer is not an OCSP response (${der.length} bytes that do not decode)` };
  }
  const signer = responder(basic, issuer, crypto, now);
  if (!signer.ok) return { ok: false, why: `the response does not verify: ${signer.why}` };
  const data = basic.tbsResponseData;
  const serial = toHex(serialBytes(cert)).replace(/^(00)+(?=..)/, '');
  const single = data.responses.find((r) => {
    const hash = HASHES[r.certID.hashAlgorithm.algorithmId];
    if (!hash) return false;
    return (
      toHex(new Uint8Array(r.certID.serialNumber.valueBlock.valueHexView)).replace(/^(00)+(?=..)/, '') === serial &&
      sameBytes(r.certID.issuerNameHash.valueBlock.valueHexView, crypto.digest(hash, cert.issuerDer)) &&
      sameBytes(r.certID.issuerKeyHash.valueBlock.valueHexView, crypto.digest(hash, issuerKeyBits(issuer)))
    );
  });
  if (!single) return { ok: false, why: 'the response is about other certificates (no answer for this serial and issuer)' };
  if (context.nonce) {
    const echoed = data.responseExtensions?.find((e) => e.extnID === ID_PKIX_OCSP_NONCE);
    if (echoed && !sameBytes(echoed.extnValue.valueBlock.valueHexView, context.nonce)) return { ok: false, why: 'its nonce is not the one sent (a replayed response?)' };
  }
  const thisUpdate = single.thisUpdate;
  const nextUpdate = single.nextUpdate;
  const times = { thisUpdate: thisUpdate.toISOString(), ...(nextUpdate ? { nextUpdate: nextUpdate.toISOString() } : {}) };
  if (thisUpdate.getTime() > now.getTime() + LEEWAY_MS) return { ok: false, why: `its thisUpdate (${times.thisUpdate}) is in the future`, ...times };
  if (nextUpdate && nextUpdate.getTime() < now.getTime() - LEEWAY_MS) return { ok: false, why: `it is stale: its nextUpdate (${times.nextUpdate}) has passed`, ...times };
  const status = single.certStatus as asn1js.BaseBlock;
  switch (status.idBlock.tagNumber) {
    case 0:
      return { ok: true, status: 'good', ...times };
    case 1:
      return { ok: true, status: 'revoked', ...revokedInfo(status as asn1js.Constructed), ...times };
    default:
      return { ok: true, status: 'unknown', why: 'the responder does not know this certificate', ...times };
  }
}
