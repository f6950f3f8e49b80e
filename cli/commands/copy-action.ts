// What `trustlens copy SOURCE STORE` does (registered in copy.ts, loaded when it runs): the entries of
// SOURCE chosen with --alias (all by default) go into STORE as the app's paste puts them there
// (copy-service.ts): trusted certificates into any store, key entries as is into a store of their own
// format, and private keys between JKS, JCEKS and PKCS#12 decrypted (with --key-password, else SOURCE's
// password) and protected with STORE's password. STORE is written like every import: under its lock,
// re-read and merged when another writer changed it meanwhile, atomically, verified, with the original
// kept as a backup.
import * as path from 'node:path';
import { copiedList, describeCopy, movedKeys, planCopy, type CopyPlan } from '../../electron/services/stores/copy-service';
import { FileChangedError, writeEdits } from '../../electron/services/stores/import-service';
import { withStoreLock } from '../../electron/services/stores/store-lock';
import { nodeCrypto } from '../../electron/services/crypto/node-crypto';
import { FileError, UsageError } from '../../shared/errors';
import { createEmptyStore } from '../../shared/formats/store-writer';
import { EXIT } from '../exit';
import { printJson, style, table } from '../human';
import { openOtherStore } from '../open-store';
import type { PasswordFlags } from '../options';
import { printNotes } from './export-action';
import { currentBytes, FORMAT_NAMES, openTargetStore, READ_ONLY_HINT, reopen, sameBytes, type TargetStore } from './import-action';

export interface CopyFlags extends PasswordFlags {
  alias?: string[];
  fromPassword?: string;
  keyPassword?: string;
  create?: boolean;
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

const TYPE_LABELS = { trustedCertificate: 'trusted certificate', privateKey: 'private key', secretKey: 'secret key' } as const;

/** The positions in SOURCE of the entries --alias names (compared ignoring case, as Java does); all when none is named. */
function chosenIndexes(source: { readonly file: string; readonly decoded: { readonly entries: readonly { readonly alias: string }[] } }, aliases: readonly string[]): number[] {
  const entries = source.decoded.entries;
  if (aliases.length === 0) return entries.map((_, i) => i);
  return aliases.map((alias) => {
    const exact = entries.findIndex((e) => e.alias === alias);
    const index = exact >= 0 ? exact : entries.findIndex((e) => e.alias.toLowerCase() === alias.toLowerCase());
    if (index < 0) throw new UsageError(`${source.file} has no entry "${alias}"; \`trustlens inspect ${source.file}\` lists its aliases.`);
    return index;
  });
}

function printPlan(source: string, store: TargetStore, plan: CopyPlan, outcome: { backup: string | null; dryRun: boolean }): void {
  const copied = copiedList(plan);
  const line = describeCopy({ copied, skipped: [] }, path.basename(source), store.file);
  process.stdout.write(`${outcome.dryRun ? line.replace(/^Copied/, 'Would copy') : line.replace(store.file, style.bold(store.file))}\n`);
  if (copied.length) {
    const rows = copied.map((c) => [c.alias, TYPE_LABELS[c.type], c.from === c.alias ? '' : `from "${c.from}"`]);
    process.stdout.write(`${table(rows, ['ALIAS', 'TYPE', ''])}\n`);
  }
  if (plan.skipped.length) {
    process.stdout.write(`Skipped ${plan.skipped.length}:\n`);
    for (const skip of plan.skipped) process.stdout.write(`  ${skip.alias}: ${skip.reason}\n`);
  }
  if (outcome.backup) process.stdout.write(`The original is kept as ${outcome.backup}\n`);
}

export async function runCopy(sourceFile: string, file: string, options: CopyFlags): Promise<void> {
  const source = await openOtherStore(sourceFile, options.fromPassword !== undefined ? { password: options.fromPassword } : {}, '--from-password');
  const indexes = chosenIndexes(source, options.alias ?? []);
  if (indexes.length === 0) throw new UsageError(`${sourceFile} has no entries to copy.`);
  let store = await openTargetStore(file, options);
  const plan = (target: TargetStore) => planCopy(source, { file: target.file, decoded: target.decoded, password: target.password }, indexes, nodeCrypto);
  let copy = plan(store);
  // Keys are opened before anything is written (a dry run checks their passwords too).
  const keysFor = (target: TargetStore, move: CopyPlan['move']) => movedKeys(move, source, { file: target.file, decoded: target.decoded, password: target.password }, options.keyPassword, nodeCrypto);
  let keys = keysFor(store, copy.move);
  const count = (p: CopyPlan) => p.copy.length + p.move.length;
  let backup: string | null = null;
  let notes: readonly string[] = [];
  if (count(copy) > 0 && !options.dryRun) {
    await withStoreLock(file, async () => {
      const now = await currentBytes(file);
      if (now === null && store.bytes !== null) throw new FileError('FILE_ERROR', `${file} changed on disk while copying; nothing written (it was deleted or moved).`);
      if (now !== null && !sameBytes(now, store.bytes)) {
        store = reopen(store, now, 'copying');
        copy = plan(store);
        if (count(copy) === 0) return;
        keys = keysFor(store, copy.move);
      }
      const base = { bytes: store.bytes ?? createEmptyStore(store.format, store.password, nodeCrypto), decoded: store.decoded, password: store.password };
      try {
        const written = await writeEdits(file, base, { copy: copy.copy, addKey: keys }, { baseline: store.bytes, backup: store.bytes !== null, replaceReadOnly: options.force === true, readOnlyHint: READ_ONLY_HINT }, nodeCrypto);
        backup = written.backup;
        notes = written.notes;
      } catch (error) {
        if (error instanceof FileChangedError) throw new FileError('FILE_ERROR', `${file} changed on disk while copying; nothing written. Run the copy again.`);
        throw error;
      }
    });
  }
  const outcome = { backup, dryRun: options.dryRun === true };
  // Entries that cannot go (not those already there) fail the command when they were named, or when nothing went.
  const refused = copy.skipped.filter((s) => !s.reason.startsWith('already present'));
  if (refused.length > 0 && ((options.alias?.length ?? 0) > 0 || count(copy) === 0)) process.exitCode = EXIT.usage;
  if (options.json) {
    printJson({
      source: path.resolve(sourceFile),
      store: path.resolve(store.file),
      format: store.format,
      dryRun: outcome.dryRun,
      copied: copiedList(copy),
      skipped: copy.skipped,
      backup,
      notes: [...copy.notes, ...notes],
    });
    return;
  }
  printPlan(sourceFile, store, copy, outcome);
  printNotes([...copy.notes, ...notes]);
  if (count(copy) === 0) process.stdout.write(`The ${FORMAT_NAMES[store.format]} store ${store.file} was not changed.\n`);
}
