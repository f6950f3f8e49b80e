// What `trustlens convert STORE --out FILE` does (registered in convert.ts): Save As from the command line.
// The same conversion and atomic writer the app's Save As uses; the new file takes STORE's mode (and its
// owner and group where we may set them), so a 0644 truststore converted for a service stays readable.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { convertStore } from '../../electron/services/stores/conversion';
import { writeStore } from '../../electron/services/stores/import-service';
import { nodeCrypto } from '../../electron/services/crypto/node-crypto';
import { UsageError } from '../../shared/errors';
import { formatFromFileName, isWritableFormat, type WritableFormat } from '../../shared/formats/store-writer';
import { printJson, style } from '../human';
import { openStoreFile } from '../open-store';
import type { PasswordFlags } from '../options';
import { printNotes } from './export-action';

export interface ConvertFlags extends PasswordFlags {
  out: string;
  format?: string;
  outPassword?: string;
  replace?: boolean;
  json?: boolean;
}

const FORMATS: Record<string, WritableFormat> = { jks: 'JKS', jceks: 'JCEKS', pkcs12: 'PKCS12', pem: 'PEM', bks: 'BKS', uber: 'UBER', bcfks: 'BCFKS' };

export async function runConvert(file: string, options: ConvertFlags): Promise<void> {
  const out = path.resolve(options.out);
  if (out === path.resolve(file)) throw new UsageError(`--out is ${file} itself; give another file (to edit a store in place, use trustlens import).`);
  if (existsSync(out) && !options.replace) throw new UsageError(`${options.out} exists; add --replace to replace it (the original is kept as a backup), or choose another --out.`);
  const opened = await openStoreFile(file, options);
  const own = isWritableFormat(opened.decoded.format) ? opened.decoded.format : 'PEM';
  const format = options.format ? FORMATS[options.format]! : (formatFromFileName(out) ?? own);
  const password = format === 'PEM' ? undefined : (options.outPassword ?? opened.password);
  const converted = convertStore(opened.decoded, opened.bytes, opened.password, format, password, nodeCrypto);
  const written = await writeStore(out, converted.bytes, { before: converted.decoded, edits: {}, password }, { modeFrom: path.resolve(file) }, nodeCrypto);
  const omitted = converted.omitted.map((o) => ({ alias: o.alias, type: o.type, reason: o.reason }));
  if (options.json) {
    printJson({ file, out: written.file, format, entries: converted.decoded.entries.length, backup: written.backup, omitted, notes: written.notes });
    return;
  }
  process.stdout.write(`Wrote ${style.bold(written.file)} (${format}, ${converted.decoded.entries.length} entr${converted.decoded.entries.length === 1 ? 'y' : 'ies'})${written.backup ? `; the original is kept as ${written.backup}` : ''}.\n`);
  printNotes([...written.notes, ...omitted.map((o) => `${o.alias} (${o.type}) was left out: ${o.reason}.`)]);
}
