// Project a decoded store into the KeystoreView the UI and the CLI show (summaries, no key material).
import type { CryptoProvider } from '../crypto-provider';
import type { EntryView, KeystoreView } from '../model/keystore';
import { summarizeDer } from '../x509/certificate';
import type { DecodedEntry, DecodedStore } from './codec';

export function entryView(entry: DecodedEntry, crypto: CryptoProvider): EntryView {
  return {
    alias: entry.alias,
    type: entry.type,
    created: entry.created ? entry.created.toISOString() : null,
    certificates: entry.certificates.map((der) => summarizeDer(der, crypto)),
    ...(entry.keyAlgorithm !== undefined ? { keyAlgorithm: entry.keyAlgorithm } : {}),
    ...(entry.javaTrusted !== undefined ? { javaTrusted: entry.javaTrusted } : {}),
    ...(entry.notes?.length ? { notes: entry.notes } : {}),
  };
}

/** A decoded store's facts with each entry projected by `project`: the full view, or the table's listing. */
export function projectStore<E>(file: string, store: DecodedStore, project: (entry: DecodedEntry) => E) {
  return { file, format: store.format, integrity: store.integrity, entries: store.entries.map(project), properties: store.properties };
}

export function keystoreView(file: string, store: DecodedStore, crypto: CryptoProvider): KeystoreView {
  return projectStore(file, store, (entry) => entryView(entry, crypto));
}
