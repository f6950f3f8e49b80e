// The certificate as it crosses process boundaries and appears in CLI JSON (see CLI-CONTRACT.md).
// Plain readonly data: ISO strings for dates, lowercase hex without separators for fingerprints.

export type CertificateRole = 'leaf' | 'intermediate' | 'root';

export interface CertificateSummary {
  readonly subject: string; // RFC 4514
  readonly issuer: string;
  readonly serialNumber: string; // lowercase hex
  readonly notBefore: string; // ISO-8601
  readonly notAfter: string;
  readonly sha1: string;
  readonly sha256: string;
  readonly keyAlgorithm: string; // RSA | EC | Ed25519 | Ed448 | DSA | RSASSA-PSS | OID
  readonly keySize?: number;
  readonly curve?: string; // EC only, e.g. P-256
  readonly signatureAlgorithm: string;
  readonly isCA: boolean;
  readonly selfSigned: boolean;
  readonly subjectAltNames: readonly string[]; // "DNS:…", "IP:…", "email:…", "URI:…"
  readonly role?: CertificateRole;
}

/** A certificate with its DER encoding; the DER is what fingerprints and exports are computed from. */
export interface CertificateRecord {
  readonly der: Uint8Array;
  readonly summary: CertificateSummary;
}
