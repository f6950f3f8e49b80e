// A trust store / keystore as the UI and the CLI see it. Key material never appears here:
// private and secret keys are described (algorithm, protection), never carried.
import type { CertificateSummary } from './certificate';

export type StoreFormat = 'JKS' | 'JCEKS' | 'PKCS12' | 'PEM' | 'DER' | 'PKCS7' | 'BKS' | 'UBER' | 'BCFKS' | 'PKIPATH';
/** Formats whose private keys TrustLens moves into one another, decrypted and protected again (formats/key-transfer.ts). */
export const MOVES_KEYS: ReadonlySet<StoreFormat> = new Set<StoreFormat>(['JKS', 'JCEKS', 'PKCS12']);
/**
 * Keystores that can be listed without their password (integrity "not-checked") but need it to be written:
 * their digest or MAC covers the entries in the clear.
 */
export function listsWithoutPassword(format: StoreFormat): boolean {
  return format === 'JKS' || format === 'JCEKS' || format === 'BKS';
}

export type EntryType = 'trustedCertificate' | 'privateKey' | 'secretKey';
export type Integrity = 'verified' | 'not-checked' | 'none';

export interface EntryView {
  readonly alias: string;
  readonly type: EntryType;
  readonly created: string | null; // ISO-8601
  /** Key entries: leaf first. Trusted certificates: exactly one. Secret keys: none. */
  readonly certificates: readonly CertificateSummary[];
  /** For key entries: e.g. "RSA", "AES"; undefined when unknown. */
  readonly keyAlgorithm?: string;
  /** PKCS#12 only: false when a certificate bag lacks Java's trusted-key-usage attribute. */
  readonly javaTrusted?: boolean;
  /** Things a person should know about this entry (e.g. "Java will not treat this as trusted"). */
  readonly notes?: readonly string[];
}

export interface StoreProperty {
  readonly label: string;
  readonly value: string;
}

export interface KeystoreView {
  readonly file: string; // path or name it was opened from
  readonly format: StoreFormat;
  readonly integrity: Integrity;
  readonly entries: readonly EntryView[];
  /** Format-specific facts: PKCS#12 encryption/MAC algorithms and iteration counts, etc. */
  readonly properties: readonly StoreProperty[];
  /** True while the store has edits (import, delete, rename) that are not saved to its file yet. */
  readonly dirty?: boolean;
}

/**
 * What the store table shows and filters by of a certificate: the fields of its CertificateSummary that
 * have a column, no more. Details of one entry come from entryDetails when it is selected.
 */
export type ListedCertificate = Pick<
  CertificateSummary,
  'subject' | 'issuer' | 'serialNumber' | 'notBefore' | 'notAfter' | 'sha1' | 'sha256' | 'keyAlgorithm' | 'keySize' | 'curve'
> & {
  /** The optional columns (KeyStore Explorer's): key identifiers as lowercase hex, the names' O attribute. */
  readonly subjectKeyId?: string;
  readonly authorityKeyId?: string;
  readonly subjectOrganization?: string;
  readonly issuerOrganization?: string;
};

/** One row of the store table: an entry without its certificates' full summaries. */
export interface ListedEntry {
  readonly alias: string;
  readonly type: EntryType;
  readonly created: string | null;
  /** The entry's first certificate: a key entry's leaf, a trusted certificate's one. Absent for secret keys. */
  readonly leaf?: ListedCertificate;
  /** Key entries: the SHA-256 of each certificate of the chain after the leaf, in order. */
  readonly chain?: readonly string[];
  readonly keyAlgorithm?: string;
  readonly javaTrusted?: boolean;
  readonly notes?: readonly string[];
}

/**
 * An open store as the app's window sees it (what crosses IPC): the store's facts and one row per entry.
 * The CLI's `inspect --json` prints the full KeystoreView instead.
 */
export interface StoreListing {
  readonly file: string;
  readonly format: StoreFormat;
  readonly integrity: Integrity;
  readonly entries: readonly ListedEntry[];
  readonly properties: readonly StoreProperty[];
  /** True while the store has edits (import, delete, rename) that are not saved to its file yet. */
  readonly dirty?: boolean;
  /** True when there is an edit to take back (a new store that is not saved yet is dirty with none). */
  readonly undoable?: boolean;
}
