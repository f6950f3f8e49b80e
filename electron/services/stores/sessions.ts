// Open stores of this process (the Electron main process, or the browser-mode server): their bytes,
// decoded form and password stay here; callers get ids and the StoreListing (one row per entry), and
// full summaries or details of certificates only when they ask for them.
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import type { CryptoProvider } from '../../../shared/crypto-provider';
import { TrustLensError, UsageError, withSource } from '../../../shared/errors';
import type { DecodedStore } from '../../../shared/formats/codec';
import { decodeOrAsk } from './decode-or-ask';
import { decodeForSession } from './decode-off-thread';
import { storeListing } from '../../../shared/formats/view/store-listing';
import type { OpenResult } from '../../../shared/ipc';
import type { CertificateAsn1 } from '../../../shared/model/asn1';
import type { EntryDetails } from '../../../shared/model/details';
import type { CertificateSummary } from '../../../shared/model/certificate';
import type { StoreListing } from '../../../shared/model/keystore';
import { describeCertificate } from '../../../shared/x509/describe';
import { parseCertificate, summarizeDer } from '../../../shared/x509/certificate';
import { asn1Tree } from '../../../shared/x509/asn1-tree';
import { nodeCrypto } from '../crypto/node-crypto';
import { readStoreFile } from './file-service';
import { resolveStorePath } from './store-path';
import { removeStaleTempFiles } from './temp-files';

export interface OpenStore {
  readonly id: string;
  /** What the person sees as the store's name: its path, or the dropped file's name. */
  readonly file: string;
  /** The path on disk when it was opened from one (writes go there). */
  readonly path: string | null;
  readonly bytes: Uint8Array;
  readonly password: string | undefined;
  readonly decoded: DecodedStore;
  /** The rows the window lists: the store's compact index (the certificates stay DER in `decoded`). */
  readonly listing: StoreListing;
}

interface Pending {
  readonly file: string;
  readonly path: string | null;
  readonly bytes: Uint8Array;
}

export class StoreSessions {
  private readonly stores = new Map<string, OpenStore>();
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly crypto: CryptoProvider = nodeCrypto) {}

  async openPath(file: string, password?: string): Promise<OpenResult> {
    const resolved = path.resolve(file);
    const bytes = await readStoreFile(resolved);
    await removeLeftovers(resolved);
    return this.open({ file: resolved, path: resolved, bytes }, password);
  }

  /** A dropped or uploaded file; a big one is decoded off the event loop (decode-off-thread.ts). */
  openBytes(name: string, bytes: Uint8Array, password?: string): Promise<OpenResult> {
    return this.open({ file: name, path: null, bytes }, password);
  }

  /** A store made here (an empty new one): small, decoded at once. */
  openNew(name: string, bytes: Uint8Array, password: string): OpenResult {
    const outcome = decodeOrAsk(name, bytes, password, this.crypto);
    if ('needs' in outcome) throw new UsageError(`The new store ${name} could not be opened with its own password.`);
    return this.add({ file: name, path: null, bytes }, password, { decoded: outcome.decoded, listing: storeListing(name, outcome.decoded, this.crypto) });
  }

  unlock(pendingId: string, password: string): Promise<OpenResult> {
    const pending = this.pending.get(pendingId);
    if (!pending) throw new UsageError('That file is no longer waiting for a password; open it again.');
    this.pending.delete(pendingId);
    return this.open(pending, password);
  }

  close(storeId: string): void {
    this.stores.delete(storeId);
    this.pending.delete(storeId);
  }

  get(storeId: string): OpenStore {
    const store = this.stores.get(storeId);
    if (!store) throw new UsageError('That store is not open any more; open it again.');
    return store;
  }

  /**
   * Replace an open store's contents after a successful save or an edit (same id); `location` when it was
   * saved to another file (Save As), which it then stands for.
   */
  replace(storeId: string, bytes: Uint8Array, decoded: DecodedStore, password: string | undefined, location?: { file: string; path: string }): OpenStore {
    const old = this.get(storeId);
    const file = location?.file ?? old.file;
    const store: OpenStore = { ...old, ...location, bytes, decoded, password, listing: storeListing(file, decoded, this.crypto) };
    this.stores.set(storeId, store);
    return store;
  }

  /** Every open store, in the order opened. */
  all(): OpenStore[] {
    return [...this.stores.values()];
  }

  details(storeId: string, index: number): EntryDetails {
    const store = this.get(storeId);
    const entry = store.decoded.entries[index];
    const row = store.listing.entries[index];
    if (!entry || !row) throw new UsageError(`There is no entry number ${index + 1} in ${store.file}.`);
    const chain = namingEntry(store.file, index, entry.alias, () => entry.certificates.map((der) => describeCertificate(parseCertificate(der), this.crypto)));
    const first = row.leaf;
    const issuedBy: string[] = [];
    const issued: string[] = [];
    if (first) {
      for (const other of store.listing.entries) {
        const cert = other.leaf;
        if (!cert || other === row) continue;
        if (cert.subject === first.issuer && cert.sha256 !== first.sha256) issuedBy.push(other.alias);
        if (cert.issuer === first.subject && cert.sha256 !== first.sha256) issued.push(other.alias);
      }
    }
    return { alias: entry.alias, chain, issuedBy, issued };
  }

  /** Every certificate of the store, entry by entry (a key entry's chain leaf first), fully summarized. */
  /** The ASN.1 tree of the entry's certificate at `position` of its chain (0: its own). */
  asn1(storeId: string, index: number, position: number): CertificateAsn1 {
    const store = this.get(storeId);
    const der = store.decoded.entries[index]?.certificates[position];
    if (!der) throw new UsageError(`There is no certificate number ${position + 1} in entry ${index + 1} of ${store.file}.`);
    // A copy: the entry's bytes are a view into the whole store, which must not cross with it.
    return { tree: namingEntry(store.file, index, store.decoded.entries[index]!.alias, () => asn1Tree(der)), der: der.slice() };
  }

  certificates(storeId: string): CertificateSummary[] {
    return this.get(storeId).decoded.entries.flatMap((entry) => entry.certificates.map((der) => summarizeDer(der, this.crypto)));
  }

  private async open(source: Pending, password: string | undefined): Promise<OpenResult> {
    const outcome = await decodeForSession({ file: source.file, bytes: source.bytes, password }, this.crypto);
    // The same bytes; a new view of them when they went to the decoding worker and came back.
    const kept: Pending = { ...source, bytes: outcome.bytes };
    if ('needs' in outcome) {
      const pendingId = randomUUID();
      this.pending.set(pendingId, kept);
      return { kind: 'needsPassword', pendingId, file: source.file, reason: outcome.needs, message: outcome.message };
    }
    return this.add(kept, password, outcome);
  }

  private add(source: Pending, password: string | undefined, outcome: { decoded: DecodedStore; listing: StoreListing }): OpenResult {
    const id = randomUUID();
    const store: OpenStore = { id, file: source.file, path: source.path, bytes: source.bytes, password, decoded: outcome.decoded, listing: outcome.listing };
    this.stores.set(id, store);
    return { kind: 'opened', storeId: id, store: store.listing };
  }
}

/** Run `work` on an entry's certificates; an error it throws names the store and the entry, as the CLI's do. */
function namingEntry<T>(file: string, index: number, alias: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof TrustLensError) throw withSource(error, `${file}: entry ${index + 1} (${JSON.stringify(alias)})`);
    throw error;
  }
}

/** Temporary files that killed writes of this store left beside it (temp-files.ts); never fails the open. */
async function removeLeftovers(file: string): Promise<void> {
  try {
    await removeStaleTempFiles((await resolveStorePath(file)).target);
  } catch {
    /* a folder we may not list: nothing to clean */
  }
}
