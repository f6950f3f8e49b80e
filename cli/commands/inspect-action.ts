// What `trustlens inspect FILE` does (registered in inspect.ts, loaded when the command runs).
// Large stores (10,000 entries) are projected a few hundred entries at a time, straight into output
// bytes, so the summaries die young instead of living as one big object graph until the end (that was
// most of the garbage collector's work). The JSON is the document JSON.stringify(keystoreView(…), null, 2) gives.
import { entryView, projectEntry } from '../../shared/formats/view/store-view';
import type { DecodedStore } from '../../shared/formats/codec';
import { nodeCrypto } from '../../electron/services/crypto/node-crypto';
import type { EntryView } from '../../shared/model/keystore';
import { certificateBlock, commonNameOf, expiry, style, table } from '../human';
import { openStoreFile } from '../open-store';
import { parseExpiringDays, reportExpiring } from './inspect-expiring';
import type { PasswordFlags } from '../options';

/** The flags of `inspect`. */
export interface InspectFlags extends PasswordFlags {
  json?: boolean;
  verbose?: boolean;
  /** `--expiring DAYS`: only the entries expiring within DAYS (or expired); exit 1 when there are any. */
  expiring?: string;
  /** --revocation: each entry's certificate checked with its CA. */
  revocation?: boolean;
  download?: boolean;
}

const TYPE_LABEL = { trustedCertificate: 'trusted cert', privateKey: 'private key', secretKey: 'secret key' } as const;

/** Entries per JSON.stringify call: small enough that their summaries never outlive a young-generation GC. */
const BATCH = 256;

/**
 * The KeystoreView as JSON text, exactly JSON.stringify(keystoreView(…), null, 2) plus a newline, in
 * chunks of bytes (kept off the JavaScript heap). Entries are projected a batch at a time; nothing is
 * written until all of it is ready, so an error still leaves stdout empty.
 */
export function keystoreViewJson(file: string, store: DecodedStore): Buffer[] {
  const skeleton = JSON.stringify({ file, format: store.format, integrity: store.integrity, entries: [], properties: store.properties }, null, 2);
  const count = store.entries.length;
  if (count === 0) return [Buffer.from(`${skeleton}\n`)];
  // "entries" is a top-level key: two spaces in, the only line that reads exactly like this.
  const slot = '\n  "entries": [],\n';
  const at = skeleton.indexOf(slot);
  const chunks = [Buffer.from(`${skeleton.slice(0, at)}\n  "entries": [\n`)];
  // Inside {"entries": [...]} the entries are indented exactly as in the whole document.
  const head = '{\n  "entries": [\n';
  const tail = '\n  ]\n}';
  for (let start = 0; start < count; start += BATCH) {
    const entries = store.entries.slice(start, start + BATCH).map((entry, i) => projectEntry(file, entry, start + i, (e) => entryView(e, nodeCrypto)));
    const text = JSON.stringify({ entries }, null, 2);
    chunks.push(Buffer.from(`${text.slice(head.length, text.length - tail.length)}${start + BATCH < count ? ',\n' : '\n'}`));
  }
  chunks.push(Buffer.from(`  ],\n${skeleton.slice(at + slot.length)}\n`));
  return chunks;
}

function integrityText(integrity: DecodedStore['integrity']): string {
  return { verified: style.green('verified'), 'not-checked': style.yellow('not checked (no password given)'), none: 'none (format has none)' }[integrity];
}

function printVerbose(entries: readonly EntryView[]): void {
  for (const entry of entries) {
    process.stdout.write(`${style.bold(entry.alias)}  ${style.dim(TYPE_LABEL[entry.type])}${entry.keyAlgorithm ? style.dim(` (${entry.keyAlgorithm})`) : ''}\n`);
    for (const note of entry.notes ?? []) process.stdout.write(`  ${style.yellow('!')} ${note}\n`);
    entry.certificates.forEach((cert, i) => {
      if (entry.certificates.length > 1) process.stdout.write(`  ${style.dim(`[${i + 1}]`)}\n`);
      process.stdout.write(`${certificateBlock(cert, '    ')}\n`);
    });
    process.stdout.write('\n');
  }
}

function printHuman(file: string, store: DecodedStore, verbose: boolean): void {
  const count = store.entries.length;
  process.stdout.write(`${style.bold(file)}\n${store.format}, ${count} entr${count === 1 ? 'y' : 'ies'}, integrity ${integrityText(store.integrity)}\n`);
  // PEM blocks that are not certificates or keys (a request, a public key, a CRL) are not entries: say so.
  for (const property of store.properties) {
    if (property.label === 'Ignored blocks') process.stdout.write(`${style.yellow('!')} skipped ${property.value} (not a certificate)\n`);
  }
  process.stdout.write('\n');
  if (verbose) {
    printVerbose(store.entries.map((entry, i) => projectEntry(file, entry, i, (e) => entryView(e, nodeCrypto))));
    return;
  }
  const rows = store.entries.map((decoded, i) => {
    const entry = projectEntry(file, decoded, i, (e) => entryView(e, nodeCrypto));
    const cert = entry.certificates[0];
    return [
      entry.alias,
      TYPE_LABEL[entry.type],
      cert ? commonNameOf(cert.subject) : entry.keyAlgorithm ?? '',
      cert ? expiry(cert) : '',
      cert ? cert.sha256.slice(0, 16) + '…' : '',
    ];
  });
  process.stdout.write(`${table(rows, ['ALIAS', 'TYPE', 'SUBJECT', 'EXPIRES', 'SHA-256'])}\n`);
}

/** What `trustlens inspect FILE` does, loaded only when that command runs. */
export async function runInspect(file: string, options: InspectFlags): Promise<void> {
  // Bad usage is told before a password is asked for.
  const days = options.expiring === undefined ? null : parseExpiringDays(options.expiring);
  const opened = await openStoreFile(file, options);
  if (days !== null) {
    reportExpiring(file, opened.decoded, days, options.json === true);
    return;
  }
  if (options.revocation) {
    const { inspectRevocation } = await import('./inspect-revocation');
    await inspectRevocation(file, opened.decoded, { json: options.json === true, download: options.download !== false, keystoreViewJson });
    return;
  }
  if (options.json) for (const chunk of keystoreViewJson(file, opened.decoded)) process.stdout.write(chunk);
  else printHuman(file, opened.decoded, options.verbose === true);
}
