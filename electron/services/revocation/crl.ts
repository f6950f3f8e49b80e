// A CRL (RFC 5280 §5), DER or PEM, and what it says of one certificate, once verified as OpenSSL's
// X509_verify_cert does with -crl_check: signed by the certificate's issuer (whose key usage, where it
// has one, includes cRLSign), issued under the same name, and current (nextUpdate not passed: OpenSSL
// allows no leeway for CRLs, nor do we). The entry for the serial gives the revocation date and the
// reasonCode entry extension. Delta CRLs and indirect CRLs (another CRL issuer) are not followed.
import * as asn1js from 'asn1js';
import { CertificateRevocationList } from 'pkijs';
import type { CryptoProvider } from '../../../shared/crypto-provider';
import type { ParsedCertificate } from '../../../shared/x509/certificate';
import { toHex } from '../../../shared/x509/hex';
import { bitsOf, CRL_REASONS, type StatusAnswer } from './answer';

const REASON_CODE = '2.5.29.21';

/** DER, or the base64 of a PEM "X509 CRL" block. */
export function crlDer(body: Uint8Array): Uint8Array | null {
  if (body[0] === 0x30) return body;
  const text = Buffer.from(body).toString('latin1');
  const match = /-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----/.exec(text);
  return match ? new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64')) : null;
}

function buffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export interface CrlContext {
  readonly cert: ParsedCertificate;
  readonly issuer: ParsedCertificate;
  readonly now: Date;
  readonly crypto: CryptoProvider;
}

export function readCrl(body: Uint8Array, { cert, issuer, now, crypto }: CrlContext): StatusAnswer {
  const der = crlDer(body);
  if (!der) return { ok: false, why: `the answer is not a CRL (${body.length} bytes, neither DER nor PEM)` };
  let crl: CertificateRevocationList;
  try {
    crl = CertificateRevocationList.fromBER(buffer(der));
  } catch {
    return { ok: false, why: `the answer is not a CRL (${der.length} bytes that do not decode)` };
  }
  const issuerName = new Uint8Array(crl.issuer.toSchema().toBER(false));
  if (toHex(issuerName) !== toHex(cert.issuerDer)) return { ok: false, why: 'it is the CRL of another issuer (an indirect CRL, which TrustLens does not follow)' };
  if (issuer.keyUsage && !issuer.keyUsage.includes('cRLSign')) return { ok: false, why: 'its issuer’s key usage does not include CRL Sign' };
  const algorithm = new Uint8Array(crl.signature.toSchema().toBER(false));
  let verified: boolean;
  try {
    verified = crypto.verify(algorithm, issuer.spkiDer, crl.tbsView, bitsOf(crl.signatureValue));
  } catch {
    verified = false;
  }
  if (!verified) return { ok: false, why: 'its signature does not verify with the issuer’s key' };
  const thisUpdate = crl.thisUpdate.value;
  const nextUpdate = crl.nextUpdate?.value;
  const times = { thisUpdate: thisUpdate.toISOString(), ...(nextUpdate ? { nextUpdate: nextUpdate.toISOString() } : {}) };
  if (thisUpdate.getTime() > now.getTime()) return { ok: false, why: `its thisUpdate (${times.thisUpdate}) is in the future`, ...times };
  if (nextUpdate && nextUpdate.getTime() < now.getTime()) return { ok: false, why: `it is stale: its nextUpdate (${times.nextUpdate}) has passed`, ...times };
  const serial = toHex(new Uint8Array(cert.asn.tbsCertificate.serialNumber)).replace(/^(00)+(?=..)/, '');
  const entry = crl.revokedCertificates?.find((r) => toHex(new Uint8Array(r.userCertificate.valueBlock.valueHexView)).replace(/^(00)+(?=..)/, '') === serial);
  if (!entry) return { ok: true, status: 'good', ...times };
  const reasonExtension = entry.crlEntryExtensions?.extensions.find((e) => e.extnID === REASON_CODE);
  let reason: string | undefined;
  if (reasonExtension) {
    const parsed = asn1js.fromBER(reasonExtension.extnValue.valueBlock.valueHexView);
    const value = parsed.offset !== -1 ? (parsed.result as asn1js.Enumerated).valueBlock.valueDec : undefined;
    if (value !== undefined) reason = CRL_REASONS[value] ?? `reason ${value}`;
  }
  return { ok: true, status: 'revoked', revokedAt: entry.revocationDate.value.toISOString(), ...(reason ? { reason } : {}), ...times };
}
