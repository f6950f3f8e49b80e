// The explorer table's row model: one row per store entry with the text it shows, the filter that
// matches alias / subject / issuer / fingerprint prefix, the expiry filter, and the column sort.
import type { EntryType, ListedEntry, StoreListing } from '../../../shared/model/keystore';
import { expiryState } from '../../../shared/x509/expiry-window';
import { commonName, keyLabel } from '../ui/format';

export type ColumnId =
  | 'type'
  | 'alias'
  | 'subject'
  | 'issuer'
  | 'expires'
  | 'key'
  | 'sha256'
  // KeyStore Explorer's optional columns
  | 'created'
  | 'validFrom'
  | 'serial'
  | 'authorityKeyId'
  | 'subjectKeyId'
  | 'subjectOrganization'
  | 'issuerOrganization'
  | 'sha1'
  | 'curve';

export interface SortOrder {
  readonly column: ColumnId;
  readonly direction: 'ascending' | 'descending';
}

export interface EntryRow {
  /** The entry's index in the store: what entryDetails takes, stable across sorting and filtering. */
  readonly index: number;
  readonly entry: ListedEntry;
  readonly alias: string;
  readonly type: EntryType;
  readonly subjectName: string;
  readonly issuerName: string;
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: string | null;
  readonly notAfter: string | null;
  readonly key: string;
  readonly sha256: string;
  readonly sha1: string;
  readonly created: string | null;
  readonly serial: string;
  readonly authorityKeyId: string;
  readonly subjectKeyId: string;
  readonly subjectOrganization: string;
  readonly issuerOrganization: string;
  readonly curve: string;
  /** Lowercased alias, subject and issuer, joined, for substring filtering. */
  readonly haystack: string;
  readonly untrustedByJava: boolean;
}

export function buildRows(view: StoreListing): EntryRow[] {
  return view.entries.map((entry, index) => {
    const leaf = entry.leaf;
    const subject = leaf?.subject ?? '';
    const issuer = leaf?.issuer ?? '';
    const key = leaf ? keyLabel(leaf) : (entry.keyAlgorithm ?? '');
    return {
      index,
      entry,
      alias: entry.alias,
      type: entry.type,
      subjectName: commonName(subject),
      issuerName: commonName(issuer),
      subject,
      issuer,
      notBefore: leaf?.notBefore ?? null,
      notAfter: leaf?.notAfter ?? null,
      key,
      sha256: leaf?.sha256.toLowerCase() ?? '',
      sha1: leaf?.sha1.toLowerCase() ?? '',
      created: entry.created,
      serial: leaf?.serialNumber ?? '',
      authorityKeyId: leaf?.authorityKeyId ?? '',
      subjectKeyId: leaf?.subjectKeyId ?? '',
      subjectOrganization: leaf?.subjectOrganization ?? '',
      issuerOrganization: leaf?.issuerOrganization ?? '',
      curve: leaf?.curve ?? '',
      haystack: `${entry.alias}\n${subject}\n${issuer}`.toLowerCase(),
      untrustedByJava: entry.javaTrusted === false,
    };
  });
}

/** Case-insensitive substring on alias/subject/issuer; hex (colons and spaces ignored) as a fingerprint prefix. */
export function filterRows(rows: readonly EntryRow[], query: string): readonly EntryRow[] {
  const text = query.trim().toLowerCase();
  if (!text) return rows;
  const hex = text.replace(/[\s:]/g, '');
  const fingerprint = /^[0-9a-f]{2,}$/.test(hex) ? hex : null;
  return rows.filter(
    (row) =>
      row.haystack.includes(text) ||
      (fingerprint !== null && (row.sha256.startsWith(fingerprint) || row.sha1.startsWith(fingerprint))),
  );
}

/** The store header's filter: only the entries whose certificate expires within the window, or has expired. */
export type ExpiryFilter = 'expiring' | 'expired' | null;

export function filterByExpiry(rows: readonly EntryRow[], filter: ExpiryFilter, days: number, now: number): readonly EntryRow[] {
  if (!filter) return rows;
  return rows.filter((row) => expiryState(row.notAfter, days, now) === filter);
}

const TYPE_ORDER: Record<EntryType, number> = { privateKey: 0, secretKey: 1, trustedCertificate: 2 };
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The value a column sorts by; '' means an empty cell, which sorts last in both directions. */
function sortKey(row: EntryRow, column: ColumnId): string {
  switch (column) {
    case 'type':
      return String(TYPE_ORDER[row.type]);
    case 'alias':
      return row.alias;
    case 'subject':
      return row.subjectName;
    case 'issuer':
      return row.issuerName;
    case 'expires':
      return row.notAfter ? new Date(row.notAfter).toISOString() : '';
    case 'key':
      return row.key;
    case 'sha256':
      return row.sha256;
    case 'created':
      return row.created ? new Date(row.created).toISOString() : '';
    case 'validFrom':
      return row.notBefore ? new Date(row.notBefore).toISOString() : '';
    case 'serial':
      // Numeric order: shorter hex is the smaller number (no leading zero bytes).
      return row.serial ? `${row.serial.length.toString().padStart(4, '0')}${row.serial}` : '';
    case 'authorityKeyId':
      return row.authorityKeyId;
    case 'subjectKeyId':
      return row.subjectKeyId;
    case 'subjectOrganization':
      return row.subjectOrganization;
    case 'issuerOrganization':
      return row.issuerOrganization;
    case 'sha1':
      return row.sha1;
    case 'curve':
      return row.curve;
  }
}

/** Columns sorted by their bytes (dates as ISO text, hex), not as words. */
const PLAIN_SORT: ReadonlySet<ColumnId> = new Set(['type', 'expires', 'sha256', 'created', 'validFrom', 'serial', 'authorityKeyId', 'subjectKeyId', 'sha1']);

/** What a store's table is sorted by until the person clicks a header: the alias, as keytool -list and KSE do. */
export const DEFAULT_SORT: SortOrder = { column: 'alias', direction: 'ascending' };

export function sortRows(rows: readonly EntryRow[], order: SortOrder | null): readonly EntryRow[] {
  if (!order) return rows;
  const sign = order.direction === 'ascending' ? 1 : -1;
  const plain = PLAIN_SORT.has(order.column);
  const keyed = rows.map((row) => ({ row, key: sortKey(row, order.column) }));
  keyed.sort((a, b) => {
    if (!a.key || !b.key) {
      if (a.key !== b.key) return a.key ? -1 : 1;
    } else if (a.key !== b.key) {
      const primary = plain ? (a.key < b.key ? -1 : 1) : collator.compare(a.key, b.key);
      if (primary) return sign * primary;
    }
    return collator.compare(a.row.alias, b.row.alias) || a.row.index - b.row.index;
  });
  return keyed.map((k) => k.row);
}

/** Clicking a header: sort by it ascending, then descending, then back to the store's own order. */
export function nextSort(current: SortOrder | null, column: ColumnId): SortOrder | null {
  if (current?.column !== column) return { column, direction: 'ascending' };
  if (current.direction === 'ascending') return { column, direction: 'descending' };
  return null;
}
