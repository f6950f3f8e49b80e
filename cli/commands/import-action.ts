// What `trustlens import STORE --from SOURCE` does (registered in import.ts, loaded when it runs): add a
// server's or a file's CA certificates to a JKS, JCEKS, PKCS#12 or PEM trust store as trusted-certificate entries. Skips what the store already trusts, keeps
// every other entry byte for byte, replaces the file atomically and keeps the original as a backup.
import * as path from 'node:path';
import { parseRoles, type SourceCertificate } from '../../electron/services/stores/certificate-sources';
import { readStoreFile } from '../../electron/services/stores/file-service';
import { FileChangedError, importEdits, planImport, writeEdits, type ImportPlan } from '../../electron/services/stores/import-service';
import { withStoreLock } from '../../electron/services/stores/store-lock';
import { resolveStorePath } from '../../electron/services/stores/store-path';
import { nodeCrypto } from '../../electron/services/crypto/node-crypto';
import { decodeOrAsk } from '../../electron/services/stores/decode-or-ask';
import { FileError, PasswordRequiredError, TrustLensError, UsageError, WrongPasswordError } from '../../shared/errors';
import type { DecodedStore } from '../../shared/formats/codec';
import { pkcs12NeedsPasswordToWrite } from '../../shared/formats/pkcs12/writer';
import { createEmptyStore, decodeWritten, formatFromFileName, isWritableFormat, type WritableFormat } from '../../shared/formats/store-writer';
import { listsWithoutPassword } from '../../shared/model/keystore';
import { colonHex } from '../../shared/x509/hex';
import { commonNameOf, printJson, style, table } from '../human';
import { openStoreFile } from '../open-store';
import type { PasswordFlags } from '../options';
import { givenPassword, promptPassword } from '../password';
import { chooseCertificates, isTargetArgument, loadCertificateSource, printNotes, roleLabel, type SourceFlags } from './export-action';

export interface ImportFlags extends SourceFlags, PasswordFlags {
  from: string;
  fromPassword?: string;
  certs: string;
  alias?: string;
  create?: boolean;
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

export interface TargetStore {
  readonly file: string;
  readonly format: WritableFormat;
  /** null for a store that does not exist yet (--create). */
  readonly bytes: Uint8Array | null;
  readonly decoded: DecodedStore;
  readonly password: string | undefined;
}

export const FORMAT_NAMES: Record<WritableFormat, string> = { JKS: 'JKS', JCEKS: 'JCEKS', PKCS12: 'PKCS#12', PEM: 'PEM bundle', BKS: 'BKS', UBER: 'UBER', BCFKS: 'BCFKS' };

/**
 * A store that opened without a password but needs one to be written: a JKS, JCEKS or BKS (listed without
 * it; writing recomputes the digest), or a PKCS#12 whose password is empty (its MAC matched the empty
 * password, so it opened, but rewriting it should not quietly assume that). Ask for it, and check it.
 */
async function passwordForWriting(file: string, bytes: Uint8Array, format: WritableFormat): Promise<string> {
  const failure =
    format === 'PKCS12'
      ? `${file} is protected by an empty password; to add to it, give that empty password with --password "".`
      : `${file} is a ${format} keystore: writing it needs its password; pass it with --password, --password-env VAR or --password-file FILE.`;
  const password = await promptPassword(`Password for ${path.basename(file)}: `, failure);
  const outcome = decodeOrAsk(file, bytes, password, nodeCrypto);
  if ('needs' in outcome) throw new WrongPasswordError(`${file}: wrong password, or the file is damaged; nothing was changed. Check the password and try again.`);
  return password;
}

/** The store a command writes to (import, copy): opened, or made in memory with --create, with the password writing needs. */
export async function openTargetStore(file: string, options: PasswordFlags & { create?: boolean }): Promise<TargetStore> {
  const resolved = await resolveStorePath(file);
  if (!resolved.stat) {
    // A dangling link: --create makes the file it points to, and the link then works.
    const where = resolved.links.length ? `${file} is a symbolic link to ${resolved.target}, which does not exist` : `${file} does not exist`;
    if (!options.create) throw new UsageError(`${where}; check the path, or add --create to make a new trust store there.`);
    const format = formatFromFileName(file) ?? formatFromFileName(resolved.target);
    if (!format) throw new UsageError(`cannot tell which kind of store to create from the name ${path.basename(file)}; end it in .jks, .jceks, .p12, .pfx or .pem.`);
    let password = givenPassword(options);
    if (password === undefined && format !== 'PEM') {
      password = await promptPassword(`Password for the new ${FORMAT_NAMES[format]} store: `, `a new ${FORMAT_NAMES[format]} store needs a password; pass it with --password, --password-env VAR or --password-file FILE.`);
    }
    const bytes = createEmptyStore(format, password, nodeCrypto);
    return { file, format, bytes: null, decoded: decodeWritten(format, bytes, password, nodeCrypto), password };
  }
  const opened = await openStoreFile(file, options);
  const format = opened.decoded.format;
  if (!isWritableFormat(format)) {
    throw new UsageError(`${file} is a ${format === 'PKCS7' ? 'PKCS#7' : format} file, which TrustLens does not add to; import into a JKS, JCEKS, PKCS#12, BKS, UBER, BCFKS or PEM store.`);
  }
  let password = opened.password;
  if (password === undefined && (listsWithoutPassword(format) || (format === 'PKCS12' && pkcs12NeedsPasswordToWrite(opened.decoded)))) {
    password = await passwordForWriting(file, opened.bytes, format);
  }
  return { file, format, bytes: opened.bytes, decoded: opened.decoded, password };
}

function printPlan(store: TargetStore, plan: ImportPlan, outcome: { backup: string | null; dryRun: boolean }): void {
  const name = style.bold(store.file);
  if (plan.add.length === 0) {
    process.stdout.write(`Nothing to add: ${name} already trusts ${plan.skipped.length === 1 ? 'this certificate' : 'these certificates'}; the file was not changed.\n`);
  } else {
    const verb = outcome.dryRun ? 'Would add' : 'Added';
    process.stdout.write(`${verb} ${plan.add.length} certificate${plan.add.length === 1 ? '' : 's'} to ${name} (${FORMAT_NAMES[store.format]}):\n`);
    const rows = plan.add.map(({ alias, certificate }) => [alias, roleLabel(certificate.summary.role), commonNameOf(certificate.summary.subject), colonHex(certificate.summary.sha256)]);
    process.stdout.write(`${table(rows, ['ALIAS', 'ROLE', 'SUBJECT', 'SHA-256'])}\n`);
  }
  if (plan.skipped.length) {
    process.stdout.write(`Skipped ${plan.skipped.length}:\n`);
    for (const skip of plan.skipped) process.stdout.write(`  ${commonNameOf(skip.certificate.summary.subject)}: ${skip.message}\n`);
  }
  if (outcome.backup) process.stdout.write(`The original is kept as ${outcome.backup}\n`);
  printNotes(plan.notes);
}

function planJson(store: TargetStore, plan: ImportPlan, outcome: { backup: string | null; dryRun: boolean; created: boolean }, sourceLabel: string, notes: readonly string[]) {
  return {
    store: path.resolve(store.file),
    format: store.format,
    source: sourceLabel,
    dryRun: outcome.dryRun,
    created: outcome.created,
    added: plan.add.map(({ alias, certificate }) => ({ alias, subject: certificate.summary.subject, role: certificate.summary.role, sha256: certificate.summary.sha256 })),
    skipped: plan.skipped.map((s) => ({ alias: s.existingAlias, subject: s.certificate.summary.subject, role: s.certificate.summary.role, sha256: s.certificate.summary.sha256, reason: s.message })),
    backup: outcome.backup,
    notes: [...notes, ...plan.notes],
  };
}

/** SOURCE's certificates; a keystore SOURCE takes its password from --from-password (the prompt says so). */
async function loadSource(options: ImportFlags) {
  const sourcePassword = options.fromPassword !== undefined ? { password: options.fromPassword } : {};
  try {
    return await loadCertificateSource(options.from, options, sourcePassword);
  } catch (error) {
    if (error instanceof TrustLensError && error.code === 'PASSWORD_REQUIRED' && !isTargetArgument(options.from)) {
      throw new PasswordRequiredError(`${options.from} needs a password to be read; pass it with --from-password.`);
    }
    throw error;
  }
}

export const READ_ONLY_HINT = 'Make it writable first, or pass --force to replace it anyway (its mode is kept).';

/** The store's bytes now (null when it does not exist); read under the lock. */
export async function currentBytes(file: string): Promise<Uint8Array | null> {
  return (await resolveStorePath(file)).stat ? readStoreFile(file) : null;
}

export function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  return a === null || b === null ? a === b : Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

/**
 * The store as another writer left it while this import fetched its source: decoded again with the same
 * password, so the import adds to it (merges) instead of writing back what it read before.
 */
export function reopen(store: TargetStore, bytes: Uint8Array, doing = 'importing'): TargetStore {
  const changed = (why: string) => new FileError('FILE_ERROR', `${store.file} changed on disk while ${doing}; nothing written (${why}). Run the command again.`);
  const outcome = decodeOrAsk(store.file, bytes, store.password, nodeCrypto);
  if ('needs' in outcome) throw changed('it no longer opens with this password');
  if (outcome.decoded.format !== store.format) throw changed(`it is now a ${outcome.decoded.format} file`);
  return { ...store, bytes, decoded: outcome.decoded };
}

export async function runImport(file: string, options: ImportFlags): Promise<void> {
  const roles = parseRoles(options.certs);
  // The store and its password first: a wrong password should fail before any network traffic.
  let store = await openTargetStore(file, options);
  const source = await loadSource(options);
  const certificates: readonly SourceCertificate[] = chooseCertificates(source, roles);
  let plan = planImport(store.decoded, certificates, { alias: options.alias }, nodeCrypto);
  let backup: string | null = null;
  let writeNotes: readonly string[] = [];
  const createdAtOpen = store.bytes === null;
  if (plan.add.length > 0 && !options.dryRun) {
    // Read, plan and write under the store's lock: a second import waits for the first, then adds to
    // what the first wrote (re-read here) instead of writing back the store it read before.
    await withStoreLock(file, async () => {
      const now = await currentBytes(file);
      if (now === null && store.bytes !== null) throw new FileError('FILE_ERROR', `${file} changed on disk while importing; nothing written (it was deleted or moved).`);
      if (now !== null && !sameBytes(now, store.bytes)) {
        store = reopen(store, now);
        plan = planImport(store.decoded, certificates, { alias: options.alias }, nodeCrypto);
        if (plan.add.length === 0) return;
      }
      const base = { bytes: store.bytes ?? createEmptyStore(store.format, store.password, nodeCrypto), decoded: store.decoded, password: store.password };
      try {
        const written = await writeEdits(
          file,
          base,
          importEdits(plan),
          { baseline: store.bytes, backup: store.bytes !== null, replaceReadOnly: options.force === true, readOnlyHint: READ_ONLY_HINT },
          nodeCrypto,
        );
        backup = written.backup;
        writeNotes = written.notes;
      } catch (error) {
        // Another program (keytool) wrote the file between the re-read and the replace.
        if (error instanceof FileChangedError) throw new FileError('FILE_ERROR', `${file} changed on disk while importing; nothing written. Run the import again.`);
        throw error;
      }
    });
  }
  const created = createdAtOpen && store.bytes === null;
  const outcome = { backup, dryRun: options.dryRun === true, created: created && !options.dryRun };
  if (options.json) printJson(planJson(store, plan, outcome, source.label, [...source.notes, ...writeNotes]));
  else {
    printPlan(store, plan, outcome);
    printNotes([...source.notes, ...writeNotes]);
  }
}
