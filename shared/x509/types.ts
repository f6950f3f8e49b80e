// The parsed form of a certificate that the x509 readers produce and the chain code consumes. Its own
// module so that the fast reader (certificate-fields.ts), the library path (certificate-library.ts) and
// certificate.ts, which picks between them, all import it from below instead of from each other.
import type { Certificate } from '@peculiar/asn1-x509';

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

export interface KeyInfo {
  readonly algorithm: string;
  readonly size?: number;
  readonly curve?: string;
}
