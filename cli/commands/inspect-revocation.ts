// `trustlens inspect FILE --revocation`: each entry's certificate with what its CA says of it (the same
// check as the app's "Check revocation"), a few at a time. JSON: the inspect document with `revocation` on
// each entry that has a certificate; for people, one line per entry.
import type { DecodedStore } from '../../shared/formats/codec';
import type { RevocationCheck } from '../../shared/model/revocation';
import { entryRevocation } from '../../electron/services/revocation/entry-revocation';
import { mapLimit } from '../../electron/services/diagnosis/map-limit';
import { commonNameOf, printJson, style } from '../human';
import { certificateSubject } from '../../shared/x509/certificate';

const AT_ONCE = 8;

function statusText(check: RevocationCheck): string {
  const by = check.source ? ` (${check.source}${check.url ? ` ${check.url}` : ''})` : '';
  if (check.status === 'good') return `${style.green('good')}${by}`;
  if (check.status === 'revoked') return `${style.red('REVOKED')}${check.revokedAt ? ` on ${check.revokedAt.slice(0, 10)}` : ''}${check.reason ? `, ${check.reason}` : ''}${by}`;
  if (check.status === 'unknown') return `${style.yellow('unknown')}${by}`;
  return style.dim(`not checked: ${check.why ?? 'no answer'}`);
}

export async function inspectRevocation(file: string, store: DecodedStore, options: { json: boolean; download: boolean; keystoreViewJson: (file: string, store: DecodedStore) => Buffer[] }): Promise<void> {
  const checks = await mapLimit(store.entries, AT_ONCE, async (entry, i) => (entry.certificates[0] ? entryRevocation(store, i, 0, { download: options.download }) : null));
  if (options.json) {
    const view = JSON.parse(Buffer.concat(options.keystoreViewJson(file, store)).toString('utf8')) as { entries: Record<string, unknown>[] };
    printJson({ ...view, entries: view.entries.map((entry, i) => (checks[i] ? { ...entry, revocation: checks[i] } : entry)) });
  } else {
    process.stdout.write(`${style.bold(file)}: revocation of ${store.entries.length} entr${store.entries.length === 1 ? 'y' : 'ies'}\n\n`);
    store.entries.forEach((entry, i) => {
      const der = entry.certificates[0];
      process.stdout.write(`${entry.alias}  ${der ? `${commonNameOf(certificateSubject(der))}  ${statusText(checks[i]!)}` : style.dim('no certificate')}\n`);
    });
  }
  // Exit 1 when anything is revoked, as `inspect --expiring` does for what expires.
  if (checks.some((c) => c?.status === 'revoked')) process.exitCode = 1;
}
