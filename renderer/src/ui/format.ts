// Display helpers for the table and the details pane: names, dates, fingerprints and key labels.
// They only reshape what the main process already summarised; nothing here parses certificates.
import type { CertificateSummary } from '../../../shared/model/certificate';
import type { EntryType, StoreFormat } from '../../../shared/model/keystore';

const DAY_MS = 86_400_000;
/** Certificates that expire within this many days are shown in amber. */
export const EXPIRY_WARNING_DAYS = 30;

/** Split an RFC 4514 string at its unescaped separators (',' between RDNs, '+' inside one). */
function splitUnescaped(text: string, separators: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + text[i + 1];
      i++;
    } else if (separators.includes(ch)) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

function unescapeValue(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

/** The most specific CN of an RFC 4514 name, else its first attribute value, else ''. */
export function commonName(dn: string): string {
  if (!dn) return '';
  // The usual case, read without splitting: a leading CN whose value has no escapes or quotes.
  if (dn.startsWith('CN=')) {
    const end = dn.slice(3).search(/[,+\\"]/) + 3;
    if (end < 3 || dn[end] === ',' || dn[end] === '+') {
      const value = dn.slice(3, end < 3 ? dn.length : end);
      if (value && value.trim() === value && value[0] !== '#') return value;
    }
  }
  let first: string | undefined;
  for (const attribute of splitUnescaped(dn, ',+')) {
    const eq = attribute.indexOf('=');
    if (eq < 0) continue;
    const type = attribute.slice(0, eq).trim().toUpperCase();
    const value = unescapeValue(attribute.slice(eq + 1).trim());
    if (type === 'CN' || type === '2.5.4.3') return value;
    first ??= value;
  }
  return first ?? dn;
}

/** "ab12…" (lowercase hex) -> "AB:12:…", the form keytool and openssl print. */
export function colonHex(hex: string): string {
  return (hex.toUpperCase().match(/.{1,2}/g) ?? []).join(':');
}

/** The first bytes of a fingerprint in colon form, for a narrow column. */
export function shortFingerprint(hex: string, bytes = 4): string {
  if (!hex) return '';
  return `${colonHex(hex.slice(0, bytes * 2))}…`;
}

/** "2027-03-05" in the person's own time zone. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "2027-03-05 14:02" for the details pane. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatDate(iso)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function span(ms: number): string {
  const days = Math.round(Math.abs(ms) / DAY_MS);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (days < 60) return plural(days, 'day');
  const months = Math.round(days / 30.44);
  if (months < 24) return plural(months, 'month');
  return plural(Math.round(days / 365.25), 'year');
}

export type ExpiryStatus = 'expired' | 'soon' | 'ok' | 'notYetValid';

export interface Expiry {
  readonly status: ExpiryStatus;
  /** "expired 3 days ago", "expires in 12 days", "expires today". */
  readonly relative: string;
}

export function expiry(notBefore: string, notAfter: string, now = Date.now()): Expiry {
  const end = new Date(notAfter).getTime();
  const start = new Date(notBefore).getTime();
  const left = end - now;
  let relative: string;
  if (Math.abs(left) < DAY_MS / 2) relative = left < 0 ? 'expired today' : 'expires today';
  else relative = left < 0 ? `expired ${span(left)} ago` : `expires in ${span(left)}`;
  if (left < 0) return { status: 'expired', relative };
  if (start > now) return { status: 'notYetValid', relative: `not valid for another ${span(start - now)}; ${relative}` };
  if (left < EXPIRY_WARNING_DAYS * DAY_MS) return { status: 'soon', relative };
  return { status: 'ok', relative };
}

/** "RSA 2048", "EC P-256", "Ed25519". */
export function keyLabel(summary: Pick<CertificateSummary, 'keyAlgorithm' | 'keySize' | 'curve'>): string {
  const algorithm = summary.keyAlgorithm;
  if (algorithm === 'EC') return summary.curve ? `EC ${summary.curve}` : summary.keySize ? `EC ${summary.keySize}` : 'EC';
  if (summary.keySize && !/^Ed/.test(algorithm)) return `${algorithm} ${summary.keySize}`;
  return algorithm;
}

/** The order entry kinds are counted in: what a trust store is for first. */
export const ENTRY_TYPE_ORDER: readonly EntryType[] = ['trustedCertificate', 'privateKey', 'secretKey'];

export const ENTRY_TYPE_LABELS: Record<EntryType, string> = {
  trustedCertificate: 'Trusted certificate',
  privateKey: 'Private key',
  secretKey: 'Secret key',
};

const ENTRY_TYPE_PLURALS: Record<EntryType, [string, string]> = {
  trustedCertificate: ['trusted certificate', 'trusted certificates'],
  privateKey: ['private key', 'private keys'],
  secretKey: ['secret key', 'secret keys'],
};

export function countLabel(type: EntryType, count: number): string {
  const [one, many] = ENTRY_TYPE_PLURALS[type];
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

export const FORMAT_LABELS: Record<StoreFormat, string> = {
  JKS: 'JKS',
  JCEKS: 'JCEKS',
  PKCS12: 'PKCS#12',
  PEM: 'PEM',
  DER: 'DER',
  PKCS7: 'PKCS#7',
  BKS: 'BKS',
  UBER: 'UBER',
  BCFKS: 'BCFKS',
  PKIPATH: 'PkiPath',
};

/** The last path segment, for either separator (the store may come from Windows or POSIX). */
export function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] || file;
}

/** The folder part of a path, shortened with the home folder as "~". */
export function folderName(file: string): string {
  const base = baseName(file);
  const folder = file.slice(0, Math.max(0, file.length - base.length - 1));
  return folder.replace(/^\/(home\/[^/]+|Users\/[^/]+|root)(?=\/|$)/, '~');
}
