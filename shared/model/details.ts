// The details pane as data: a pure projection of a certificate into labelled rows and sections
// (shared/x509/describe.ts builds it); React only renders it.
import type { CertificateSummary } from './certificate';

export interface DetailRow {
  readonly label: string;
  readonly value: string;
  /** Rendered in a monospace font with a copy button (fingerprints, serials, PEM). */
  readonly copyable?: boolean;
  readonly mono?: boolean;
  /** A validity-style emphasis: 'bad' (expired), 'warn' (expires within 30 days). */
  readonly tone?: 'ok' | 'warn' | 'bad';
  readonly children?: readonly DetailRow[];
}

export interface DetailSection {
  readonly title: string;
  readonly rows: readonly DetailRow[];
}

export interface CertificateDetails {
  readonly summary: CertificateSummary;
  readonly sections: readonly DetailSection[];
  readonly pem: string;
}

export interface EntryDetails {
  readonly alias: string;
  /** Leaf first, as stored. */
  readonly chain: readonly CertificateDetails[];
  /** Other entries of the same store that issued this one, or that it issued. */
  readonly issuedBy: readonly string[];
  readonly issued: readonly string[];
}
