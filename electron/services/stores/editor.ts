// Editing open stores from the UI: import planned certificates, delete and rename entries, undo the last
// edit, create new stores, save (refusing when the file changed on disk) and save as another file or
// format. Every edit is written to bytes by the format's writer and read back at once, so the session
// always holds a store that will save exactly as shown; it stays `dirty` until saved. Certificates a
// plan proposes are staged here, so applying names them by SHA-256 and no bytes come from the renderer.
import * as path from 'node:path';
import type { CryptoProvider } from '../../../shared/crypto-provider';
import { PasswordRequiredError, UsageError, WrongPasswordError } from '../../../shared/errors';
import type { DecodedStore } from '../../../shared/formats/codec';
import { createEmptyStore, isWritableFormat, storedAlias, type StoreEdits, type WritableFormat } from '../../../shared/formats/store-writer';
import { copiedList, describeCopy, movedKeys, planCopy } from './copy-service';
import type { AppliedImport, CopyOutcome, ImportPlanView, OpenedStore, SaveAsResult, SavedLinks, SaveResult, StoreEditResult } from '../../../shared/ipc';
import type { CertificateRole } from '../../../shared/model/certificate';
import { listsWithoutPassword, type StoreListing } from '../../../shared/model/keystore';
import { chooseCertificates, type CertificateSource, type SourceCertificate } from './certificate-sources';
import { applyEdits, FileChangedError, planImport, trustedCertificates, writeStore, type EditedStore } from './import-service';
import { convertStore } from './conversion';
import { nodeCrypto } from '../crypto/node-crypto';
import type { StoreSessions } from './sessions';
import { decodeOrAsk } from './decode-or-ask';

interface Snapshot {
  readonly bytes: Uint8Array;
  readonly decoded: DecodedStore;
  readonly password: string | undefined;
  readonly dirty: boolean;
}

interface EditState {
  /** The file's bytes when it was opened or last saved; null when the store has no file yet. */
  baseline: Uint8Array | null;
  baselineMtimeMs?: number;
  dirty: boolean;
  previous: Snapshot | null;
  /** Certificates proposed by planImport, by SHA-256. */
  readonly staged: Map<string, SourceCertificate>;
}

/** Planned certificates kept per store; more than this and the oldest are dropped. */
const MAX_STAGED = 10_000;

/** The app's words after "read-only; nothing written." (the command line offers --force instead). */
const APP_READ_ONLY_HINT = 'Make it writable first, or use Save As to write a copy elsewhere.';

const EXTENSIONS: Record<WritableFormat, string> = { JKS: 'jks', JCEKS: 'jceks', PKCS12: 'p12', PEM: 'pem', BKS: 'bks', UBER: 'uber', BCFKS: 'bcfks' };

export interface SaveHost {
  /** Electron: ask where to save (null when cancelled). Browser mode has none: the bytes are downloaded. */
  readonly showSaveDialog?: (suggestedName: string) => Promise<string | null>;
}

export class StoreEditor {
  private readonly states = new Map<string, EditState>();

  constructor(
    private readonly sessions: StoreSessions,
    private readonly crypto: CryptoProvider = nodeCrypto,
  ) {}

  private state(storeId: string): EditState {
    let state = this.states.get(storeId);
    if (!state) {
      const store = this.sessions.get(storeId);
      state = { baseline: store.path ? store.bytes : null, dirty: false, previous: null, staged: new Map() };
      this.states.set(storeId, state);
    }
    return state;
  }

  view(storeId: string): StoreListing {
    const listing = this.sessions.get(storeId).listing;
    const state = this.states.get(storeId);
    if (!state?.dirty && !state?.previous) return listing;
    return { ...listing, ...(state.dirty ? { dirty: true } : {}), ...(state.previous ? { undoable: true } : {}) };
  }

  forget(storeId: string): void {
    this.states.delete(storeId);
  }

  /** Which certificates of `source` an import would add and skip; stages them for applyImport. */
  plan(storeId: string, source: CertificateSource, roles: ReadonlySet<CertificateRole>, alias?: string): ImportPlanView {
    const store = this.sessions.get(storeId);
    const state = this.state(storeId);
    const plan = planImport(store.decoded, chooseCertificates(source, roles), { alias }, this.crypto);
    for (const { certificate } of plan.add) {
      state.staged.delete(certificate.summary.sha256);
      state.staged.set(certificate.summary.sha256, certificate);
    }
    while (state.staged.size > MAX_STAGED) state.staged.delete(state.staged.keys().next().value!);
    return {
      storeId,
      add: plan.add.map(({ alias: proposed, certificate }) => ({ sha256: certificate.summary.sha256, alias: proposed, certificate: certificate.summary })),
      skipped: plan.skipped.map((s) => ({ sha256: s.certificate.summary.sha256, certificate: s.certificate.summary, existingAlias: s.existingAlias, reason: s.message })),
      notes: [...source.notes, ...plan.notes],
    };
  }

  /** A password for writing a store that was opened without one (JKS/JCEKS/BKS list without it). */
  private unlock(storeId: string, password: string | undefined): void {
    const store = this.sessions.get(storeId);
    if (store.password !== undefined || password === undefined) return;
    const outcome = decodeOrAsk(store.file, store.bytes, password, this.crypto);
    if ('needs' in outcome) {
      throw outcome.needs === 'wrong' ? new WrongPasswordError(`${outcome.message} Nothing was changed.`) : new PasswordRequiredError(outcome.message);
    }
    this.sessions.replace(storeId, store.bytes, outcome.decoded, password);
  }

  private edit(storeId: string, edits: StoreEdits, password: string | undefined): StoreListing {
    this.unlock(storeId, password);
    const store = this.sessions.get(storeId);
    const state = this.state(storeId);
    if (listsWithoutPassword(store.decoded.format) && store.password === undefined) {
      throw new PasswordRequiredError(`Changing ${path.basename(store.file)} needs its password: enter the store password.`);
    }
    const edited = applyEdits(store.decoded, store.bytes, edits, store.password, this.crypto);
    state.previous = { bytes: store.bytes, decoded: store.decoded, password: store.password, dirty: state.dirty };
    this.sessions.replace(storeId, edited.bytes, edited.decoded, store.password);
    state.dirty = true;
    return this.view(storeId);
  }

  applyImport(storeId: string, items: readonly { sha256: string; alias: string }[], password?: string): AppliedImport {
    const store = this.sessions.get(storeId);
    const state = this.state(storeId);
    const trusted = trustedCertificates(store.decoded, this.crypto);
    const unique = [...new Map(items.map((item) => [item.sha256, item])).values()];
    const add = unique.map(({ sha256, alias }) => {
      const certificate = state.staged.get(sha256);
      if (!certificate) throw new UsageError('A certificate to add is no longer known here; plan the import again.');
      const existing = trusted.get(sha256);
      if (existing !== undefined) throw new UsageError(`${certificate.summary.subject} is already in this store as "${existing}".`);
      return { alias: storedAlias(store.decoded.format, alias), der: certificate.der };
    });
    const view = this.edit(storeId, { add }, password);
    const decoded = this.sessions.get(storeId).decoded;
    const added = unique.map(({ sha256 }) => {
      const entry = decoded.entries.find((e) => e.type === 'trustedCertificate' && e.certificates[0] && this.crypto.digestHex('sha256', e.certificates[0]) === sha256);
      return { alias: entry?.alias ?? '', sha256 };
    });
    return { store: view, added };
  }

  private aliasAt(storeId: string, index: number): string {
    const entry = this.sessions.get(storeId).decoded.entries[index];
    if (!entry) throw new UsageError(`There is no entry number ${index + 1} in this store.`);
    return entry.alias;
  }

  deleteEntries(storeId: string, indexes: readonly number[], password?: string): StoreEditResult {
    const aliases = [...new Set(indexes)].map((index) => this.aliasAt(storeId, index));
    return { store: this.edit(storeId, { remove: aliases }, password) };
  }

  /**
   * Copy entries of the open store `fromId` into `storeId` (copy-service.ts); `password` is the target's,
   * `keyPassword` opens the source's private keys where they move into another format.
   */
  copyEntries(storeId: string, fromId: string, indexes: readonly number[], password?: string, keyPassword?: string): CopyOutcome {
    if (storeId === fromId) throw new UsageError('These entries are already in this store; paste them into another open store.');
    this.unlock(storeId, password);
    const from = this.sessions.get(fromId);
    const to = this.sessions.get(storeId);
    const plan = planCopy(from, to, indexes, this.crypto);
    const addKey = movedKeys(plan.move, from, to, keyPassword, this.crypto);
    const store = plan.copy.length || addKey.length ? this.edit(storeId, { copy: plan.copy, addKey }, password) : this.view(storeId);
    const copied = copiedList(plan);
    const message = describeCopy({ copied, skipped: plan.skipped }, path.basename(from.file), path.basename(to.file));
    return { store, copied, skipped: plan.skipped, notes: plan.notes, message };
  }

  renameEntry(storeId: string, index: number, alias: string, password?: string): StoreEditResult {
    const store = this.sessions.get(storeId);
    const from = this.aliasAt(storeId, index);
    const to = storedAlias(store.decoded.format, alias.trim());
    if (to === from) return { store: this.view(storeId) };
    const taken = store.decoded.entries.find((e, i) => i !== index && e.alias.toLowerCase() === to.toLowerCase());
    if (taken) throw new UsageError(`An entry named "${taken.alias}" already exists in this store; choose another alias.`);
    return { store: this.edit(storeId, { rename: [{ from, to }] }, password) };
  }

  undo(storeId: string): StoreEditResult {
    const state = this.state(storeId);
    const previous = state.previous;
    if (!previous) throw new UsageError('There is nothing to undo.');
    this.sessions.replace(storeId, previous.bytes, previous.decoded, previous.password);
    state.dirty = previous.dirty;
    state.previous = null;
    return { store: this.view(storeId) };
  }

  /** A new, empty store in memory, never saved (dirty until it is). */
  create(format: 'JKS' | 'JCEKS' | 'PKCS12', password: string): OpenedStore {
    const bytes = createEmptyStore(format, password, this.crypto);
    const result = this.sessions.openNew(`Untitled.${EXTENSIONS[format]}`, bytes, password);
    if (result.kind !== 'opened') throw new UsageError('The new store could not be opened with its own password.');
    const state = this.state(result.storeId);
    state.dirty = true;
    return { kind: 'opened', storeId: result.storeId, store: this.view(result.storeId) };
  }

  /** Write the store to its file (or, for one that has none, where the person chooses / as a download). */
  async save(storeId: string, options: { expectedMtime?: number; force?: boolean }, host: SaveHost): Promise<SaveResult> {
    const store = this.sessions.get(storeId);
    const state = this.state(storeId);
    if (!isWritableFormat(store.decoded.format)) {
      throw new UsageError(`A ${store.decoded.format} file cannot be saved in place; use Save As to write it as PEM, JKS or PKCS#12.`);
    }
    if (!store.path) {
      if (!host.showSaveDialog) {
        state.dirty = false;
        return { kind: 'download', name: path.basename(store.file), bytes: store.bytes, store: this.view(storeId) };
      }
      const file = await host.showSaveDialog(path.basename(store.file));
      if (file === null) return { kind: 'cancelled' };
      const written = await this.writeTo(storeId, { bytes: store.bytes, decoded: store.decoded }, store.password, file);
      return { kind: 'saved', ...written, store: this.view(storeId) };
    }
    if (!state.dirty) return { kind: 'saved', file: store.path, backup: null, mtimeMs: state.baselineMtimeMs ?? 0, store: this.view(storeId), links: { through: null, names: 1 } };
    try {
      const written = await writeStore(
        store.path,
        store.bytes,
        { before: store.decoded, edits: {}, password: store.password },
        { baseline: state.baseline, expectedMtimeMs: options.expectedMtime, force: options.force, readOnlyHint: APP_READ_ONLY_HINT },
        this.crypto,
      );
      this.saved(state, store.bytes, written.mtimeMs);
      return { kind: 'saved', file: written.file, backup: written.backup, mtimeMs: written.mtimeMs, store: this.view(storeId), links: written.links };
    } catch (error) {
      if (error instanceof FileChangedError) return { kind: 'changedOnDisk', message: error.message };
      throw error;
    }
  }

  /**
   * Write the store to another file, as `format` (default its own) with `password` (default its own).
   * Without a path: Electron asks where; browser mode gets the bytes to download.
   */
  async saveAs(
    storeId: string,
    options: { path?: string; format?: WritableFormat; password?: string },
    host: SaveHost,
  ): Promise<SaveAsResult> {
    const store = this.sessions.get(storeId);
    const format = options.format ?? (isWritableFormat(store.decoded.format) ? store.decoded.format : 'PEM');
    const password = format === 'PEM' ? undefined : (options.password ?? store.password);
    const converted = convertStore(store.decoded, store.bytes, store.password, format, password, this.crypto);
    const stem = path.basename(store.file).replace(/\.[^.]+$/, '') || 'Untitled';
    const name = `${stem}.${EXTENSIONS[format]}`;
    let file = options.path;
    if (file === undefined) {
      if (!host.showSaveDialog) return { kind: 'download', name, bytes: converted.bytes, omitted: converted.omitted };
      const chosen = await host.showSaveDialog(name);
      if (chosen === null) return { kind: 'cancelled' };
      file = chosen;
    }
    const written = await this.writeTo(storeId, converted, password, file);
    return { kind: 'saved', storeId, ...written, store: this.view(storeId), omitted: converted.omitted };
  }

  /** Write `edited` to `file` (not the store's own), and let the session stand for that file from now on. */
  private async writeTo(
    storeId: string,
    edited: EditedStore,
    password: string | undefined,
    file: string,
  ): Promise<{ file: string; backup: string | null; mtimeMs: number; links: SavedLinks }> {
    const target = path.resolve(file);
    // A new file takes the mode (and owner, where permitted) of the file the store was opened from.
    const modeFrom = this.sessions.get(storeId).path;
    const options = { readOnlyHint: APP_READ_ONLY_HINT, ...(modeFrom ? { modeFrom } : {}) };
    const written = await writeStore(target, edited.bytes, { before: edited.decoded, edits: {}, password }, options, this.crypto);
    this.sessions.replace(storeId, edited.bytes, edited.decoded, password, { file: target, path: target });
    const state = this.state(storeId);
    this.saved(state, edited.bytes, written.mtimeMs);
    state.previous = null;
    return { file: written.file, backup: written.backup, mtimeMs: written.mtimeMs, links: written.links };
  }

  private saved(state: EditState, bytes: Uint8Array, mtimeMs: number): void {
    state.baseline = bytes;
    state.baselineMtimeMs = mtimeMs;
    state.dirty = false;
    if (state.previous) state.previous = { ...state.previous, dirty: true };
  }
}
