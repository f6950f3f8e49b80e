// What an OCSP response or a CRL says about one certificate, before it becomes a RevocationCheck.
import type * as asn1js from 'asn1js';

/** Clock leeway for thisUpdate/nextUpdate: OpenSSL's default -validity_period (300 s) for OCSP. */
export const LEEWAY_MS = 5 * 60_000;

/** RFC 5280 §5.3.1 CRLReason, by value (7 is unused). */
export const CRL_REASONS: Record<number, string> = {
  0: 'unspecified',
  1: 'keyCompromise',
  2: 'cACompromise',
  3: 'affiliationChanged',
  4: 'superseded',
  5: 'cessationOfOperation',
  6: 'certificateHold',
  8: 'removeFromCRL',
  9: 'privilegeWithdrawn',
  10: 'aACompromise',
};

export type StatusAnswer =
  | { readonly ok: true; readonly status: 'good' | 'revoked' | 'unknown'; readonly revokedAt?: string; readonly reason?: string; readonly thisUpdate?: string; readonly nextUpdate?: string; readonly why?: string }
  | { readonly ok: false; readonly why: string; readonly thisUpdate?: string; readonly nextUpdate?: string };

/** A BIT STRING's bits (signatures have no unused bits). */
export function bitsOf(bits: asn1js.BitString): Uint8Array {
  return new Uint8Array(bits.valueBlock.valueHexView);
}
