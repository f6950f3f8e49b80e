// Whether a certificate has been revoked, as one check found it (an OCSP staple, an OCSP responder, a CRL):
// plain data that crosses processes. The check itself is electron/services/revocation; the verdict per client
// (whether that client looks at all, and what it does when no answer comes) is shared/chain/revocation.ts.

/** good / revoked; unknown: the responder does not know the certificate; unchecked: no answer could be had (why says why). */
export type RevocationStatus = 'good' | 'revoked' | 'unknown' | 'unchecked';

/** staple: the OCSP response the server sent in the handshake; ocsp: the responder its AIA names; crl: its CRL Distribution Point. */
export type RevocationSource = 'staple' | 'ocsp' | 'crl';

/** One source tried for one certificate, and what it said. */
export interface RevocationAttempt {
  readonly source: RevocationSource;
  readonly url?: string;
  readonly status: RevocationStatus;
  readonly why?: string;
}

export interface RevocationCheck {
  readonly status: RevocationStatus;
  /** The source that gave `status`; absent when none answered. */
  readonly source?: RevocationSource;
  /** The responder or CRL asked (absent for a staple). */
  readonly url?: string;
  /** ISO-8601, for `revoked`. */
  readonly revokedAt?: string;
  /** The CRL reason (RFC 5280 §5.3.1), e.g. keyCompromise; absent when the response gives none. */
  readonly reason?: string;
  /** ISO-8601: the response's or CRL's thisUpdate / nextUpdate. */
  readonly thisUpdate?: string;
  readonly nextUpdate?: string;
  /** Why the status is unknown or unchecked (unreachable responder, bad signature, stale response, …). */
  readonly why?: string;
  /** Every source tried, in order (the staple first, then OCSP, then the CRL). */
  readonly attempts?: readonly RevocationAttempt[];
}
