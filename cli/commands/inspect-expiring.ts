// `trustlens inspect FILE --expiring DAYS`: the entries whose certificate (a key entry's leaf, a trusted
// certificate's one) expires within DAYS, and those already expired, soonest first. Exit 1 when there is
// any, as `diagnose` does when the client would not trust the server, so a cron job or CI step can alert.
// The rule is the store header's ("3 certificates expire within 30 days"): shared/x509/expiry-window.ts.
import type { DecodedStore } from '../../shared/formats/codec';
import { entryView, projectEntry } from '../../shared/formats/view/store-view';
import { UsageError } from '../../shared/errors';
import type { EntryView } from '../../shared/model/keystore';
import { expiryState } from '../../shared/x509/expiry-window';
import { nodeCrypto } from '../../electron/services/crypto/node-crypto';
import { EXIT } from '../exit';
import { commonNameOf, daysLeft, expiry, style, table } from '../human';

/** DAYS as given on the command line: a whole number of days, 0 to 100 years. */
export function parseExpiringDays(text: string): number {
  const days = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(days) || days > 36_500) {
    throw new UsageError(`--expiring takes a whole number of days (0 to 36500), not "${text}".`);
  }
  return days;
}

interface ExpiringEntry {
  readonly entry: EntryView;
  readonly notAfter: string;
  readonly expired: boolean;
  /** Whole days from now to notAfter, rounded down (negative once expired). */
  readonly daysLeft: number;
}

export function expiringEntries(file: string, store: DecodedStore, days: number, now: number): ExpiringEntry[] {
  const found: ExpiringEntry[] = [];
  store.entries.forEach((decoded, i) => {
    if (decoded.certificates.length === 0) return;
    const entry = projectEntry(file, decoded, i, (e) => entryView(e, nodeCrypto));
    const notAfter = entry.certificates[0]!.notAfter;
    const state = expiryState(notAfter, days, now);
    if (state !== 'expired' && state !== 'expiring') return;
    found.push({ entry, notAfter, expired: state === 'expired', daysLeft: daysLeft(notAfter, new Date(now)) });
  });
  return found.sort((a, b) => Date.parse(a.notAfter) - Date.parse(b.notAfter) || a.entry.alias.localeCompare(b.entry.alias));
}

function printHuman(file: string, found: readonly ExpiringEntry[], days: number): void {
  const expired = found.filter((f) => f.expired).length;
  const soon = found.length - expired;
  const within = `within ${days} day${days === 1 ? '' : 's'}`;
  const parts = [`${soon} ${soon === 1 ? 'entry expires' : 'entries expire'} ${within}`, ...(expired ? [`${expired} expired`] : [])];
  process.stdout.write(`${style.bold(file)}\n${found.length === 0 ? `No entry expires ${within}.` : `${parts.join(', ')}.`}\n`);
  if (found.length === 0) return;
  const rows = found.map(({ entry }) => {
    const cert = entry.certificates[0]!;
    return [entry.alias, commonNameOf(cert.subject), expiry(cert), cert.sha256.slice(0, 16) + '…'];
  });
  process.stdout.write(`\n${table(rows, ['ALIAS', 'SUBJECT', 'EXPIRES', 'SHA-256'])}\n`);
}

/** Print the expiring entries (the inspect document's shape, `entries` narrowed, plus `expiring`) and set the exit code. */
export function reportExpiring(file: string, store: DecodedStore, days: number, json: boolean, now = Date.now()): void {
  const found = expiringEntries(file, store, days, now);
  if (json) {
    const document = {
      file,
      format: store.format,
      integrity: store.integrity,
      expiring: { days, now: new Date(now).toISOString(), count: found.filter((f) => !f.expired).length, expired: found.filter((f) => f.expired).length },
      entries: found.map(({ entry, notAfter, expired, daysLeft }) => ({ ...entry, notAfter, expired, daysLeft })),
    };
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    printHuman(file, found, days);
  }
  process.exitCode = found.length > 0 ? EXIT.untrusted : EXIT.ok;
}
