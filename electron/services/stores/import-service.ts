// Import certificates into a store as trusted-certificate entries: plan (which certificates are new, under
// which aliases, which the store already trusts), apply (new bytes from the format's writer, re-read and
// checked), and write the file safely (refused when it changed on disk since it was read; atomic, verified,
// permissions kept, the original kept as a backup). Private and secret keys are never decrypted.
import { promises as fs } from 'node:fs';
import type { CryptoProvider } from '../../../shared/crypto-provider';
import { FileError } from '../../../shared/errors';
import { deriveAlias } from '../../../shared/formats/entries/alias';
import type { DecodedStore } from '../../../shared/formats/codec';
import { checkEdited, decodeWritten, encodeStore, storedAlias, type StoreEdits, type WritableFormat } from '../../../shared/formats/store-writer';
import { equalBytes } from '../../../shared/x509/certificate';
import type { SourceCertificate } from './certificate-sources';
import { writeFileAtomic } from './file-service';
import { withStoreLock } from './store-lock';
import { nodeCrypto } from '../crypto/node-crypto';
import type { SavedLinks } from '../../../shared/ipc';

export interface PlannedImport {
  readonly alias: string;
  readonly certificate: SourceCertificate;
}

export interface SkippedImport {
  readonly certificate: SourceCertificate;
  /** The alias of the entry that already holds it (null when the source repeats a certificate). */
  readonly existingAlias: string | null;
  readonly message: string;
}

export interface ImportPlan {
  readonly add: readonly PlannedImport[];
  readonly skipped: readonly SkippedImport[];
  readonly notes: readonly string[];
}

/**
 * What the store already trusts, SHA-256 -> alias: trusted-certificate entries and each key entry's own
 * certificate (what Java's trust manager takes from a key store). A CA that only appears further down a
 * key entry's chain is not trusted by Java, so importing it still adds it.
 */
export function trustedCertificates(store: DecodedStore, crypto: CryptoProvider = nodeCrypto): Map<string, string> {
  const trusted = new Map<string, string>();
  for (const entry of store.entries) {
    const der = entry.certificates[0];
    if (!der || entry.type === 'secretKey') continue;
    const hash = crypto.digestHex('sha256', der);
    if (!trusted.has(hash)) trusted.set(hash, entry.alias);
  }
  return trusted;
}

/**
 * Which of `certificates` to add and under which aliases. Aliases come from each subject (or `alias`:
 * NAME, then NAME-2, …), never collide with the store's (compared ignoring case, as Java does), and are
 * lowercase for JKS/JCEKS as keytool writes them. A PEM bundle has no aliases: the ones shown are those
 * its reader will derive.
 */
export function planImport(
  store: DecodedStore,
  certificates: readonly SourceCertificate[],
  options: { alias?: string } = {},
  crypto: CryptoProvider = nodeCrypto,
): ImportPlan {
  const trusted = trustedCertificates(store, crypto);
  const taken = new Set(store.entries.map((e) => e.alias.toLowerCase()));
  const preferred = options.alias?.trim() || undefined;
  const notes: string[] = [];
  if (preferred && store.format === 'PEM') notes.push(`A PEM bundle has no aliases, so "${preferred}" is not stored; its entries are named from their subjects.`);
  const add: PlannedImport[] = [];
  const skipped: SkippedImport[] = [];
  const planned = new Set<string>();
  for (const certificate of certificates) {
    const hash = certificate.summary.sha256;
    const existing = trusted.get(hash);
    if (existing !== undefined) {
      skipped.push({ certificate, existingAlias: existing, message: `already present as alias "${existing}"` });
      continue;
    }
    if (planned.has(hash)) {
      skipped.push({ certificate, existingAlias: null, message: 'listed twice in the source' });
      continue;
    }
    planned.add(hash);
    const alias = deriveAlias(certificate.summary, taken, store.format === 'PEM' ? undefined : preferred);
    add.push({ alias: storedAlias(store.format, alias), certificate });
  }
  return { add, skipped, notes };
}

export function importEdits(plan: Pick<ImportPlan, 'add'>): StoreEdits {
  return { add: plan.add.map(({ alias, certificate }) => ({ alias, der: certificate.der })) };
}

export interface EditedStore {
  readonly bytes: Uint8Array;
  readonly decoded: DecodedStore;
}

/**
 * `store` (decoded from `bytes`) with `edits` applied: new bytes from the format's writer, read back
 * with the same password and checked to hold the old entries plus the new ones. Nothing touches disk.
 */
export function applyEdits(
  store: DecodedStore,
  bytes: Uint8Array,
  edits: StoreEdits,
  password: string | undefined,
  crypto: CryptoProvider = nodeCrypto,
): EditedStore {
  const written = encodeStore(store, bytes, edits, password, crypto);
  const decoded = decodeWritten(store.format as WritableFormat, written, password, crypto);
  checkEdited(store, decoded, edits, crypto);
  return { bytes: written, decoded };
}

/** The file changed on disk since it was read; the person decides whether to overwrite it. */
export class FileChangedError extends FileError {
  constructor(message: string) {
    super('FILE_ERROR', message);
  }
}

/** Why `file` is no longer what was read (`baseline`, at `expectedMtimeMs`), or null when it is. */
export async function diskChange(file: string, baseline: Uint8Array, expectedMtimeMs?: number): Promise<string | null> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    return `${file} was deleted or moved since it was opened`;
  }
  if (expectedMtimeMs !== undefined && Math.abs(stat.mtimeMs - expectedMtimeMs) > 1) return `${file} was modified on disk since it was opened`;
  if (stat.size !== baseline.length) return `${file} was changed on disk since it was opened`;
  const now = await fs.readFile(file);
  return equalBytes(new Uint8Array(now.buffer, now.byteOffset, now.byteLength), baseline) ? null : `${file} was changed on disk since it was opened`;
}

export interface WriteStoreOptions {
  /** The bytes the edits were made on; when given, the write is refused if the file no longer holds them. */
  readonly baseline?: Uint8Array | null;
  readonly expectedMtimeMs?: number;
  /** Write even though the file changed on disk. */
  readonly force?: boolean;
  /** Keep the original as a backup (default true). */
  readonly backup?: boolean;
  /** Replace a read-only store (its mode is kept); refused otherwise. */
  readonly replaceReadOnly?: boolean;
  /** What to do about a read-only store, in the caller's words (`--force`, or the app's). */
  readonly readOnlyHint?: string;
  /** For a file that does not exist yet: the file whose mode (and owner, where permitted) it takes (Save As). */
  readonly modeFrom?: string;
}

export interface WrittenStore {
  readonly file: string;
  /** The file written (`file` with its symbolic links followed). */
  readonly target: string;
  readonly backup: string | null;
  readonly mtimeMs: number;
  /** How links and other names were kept, for the person. */
  readonly notes: readonly string[];
  readonly links: SavedLinks;
}

/**
 * Write `bytes` to `file` atomically. The temporary file is re-read, decoded with `password`, and must
 * hold `before` with `edits` applied (for a save of earlier edits: `before` is the edited store and
 * `edits` is empty). Refused with FileChangedError when the file changed since `baseline` was read.
 */
export async function writeStore(
  file: string,
  bytes: Uint8Array,
  check: { readonly before: DecodedStore; readonly edits: StoreEdits; readonly password: string | undefined },
  options: WriteStoreOptions = {},
  crypto: CryptoProvider = nodeCrypto,
): Promise<WrittenStore> {
  // Compared and replaced under the store's lock, so no other TrustLens writes between the two.
  return withStoreLock(file, async () => {
    if (options.baseline && !options.force) {
      const change = await diskChange(file, options.baseline, options.expectedMtimeMs);
      if (change) throw new FileChangedError(`${change}; nothing was written. Open it again to see the changes, or save anyway to overwrite them.`);
    }
    const format = check.before.format as WritableFormat;
    const result = await writeFileAtomic(
      file,
      bytes,
      (written) => {
        if (!equalBytes(written, bytes)) throw new FileError('FILE_ERROR', `${file} could not be written intact (the bytes read back differ); the original is unchanged.`);
        checkEdited(check.before, decodeWritten(format, written, check.password, crypto), check.edits, crypto);
      },
      { backup: options.backup, replaceReadOnly: options.replaceReadOnly, readOnlyHint: options.readOnlyHint, modeFrom: options.modeFrom },
    );
    const { mtimeMs } = await fs.stat(file);
    return { file: result.file, target: result.target, backup: result.backup, mtimeMs, notes: result.notes, links: result.links };
  });
}

/**
 * Apply `edits` to a store read from `file` (or an empty one being created) and write the result there:
 * encoded once, then checked on the bytes re-read from disk before they replace the original.
 */
export async function writeEdits(
  file: string,
  store: { readonly bytes: Uint8Array; readonly decoded: DecodedStore; readonly password: string | undefined },
  edits: StoreEdits,
  options: WriteStoreOptions = {},
  crypto: CryptoProvider = nodeCrypto,
): Promise<WrittenStore> {
  const bytes = encodeStore(store.decoded, store.bytes, edits, store.password, crypto);
  return writeStore(file, bytes, { before: store.decoded, edits, password: store.password }, options, crypto);
}
