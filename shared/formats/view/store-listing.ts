// Project a decoded store into the StoreListing the app's window shows: one row per entry with the
// fields the table has columns for. Full summaries and details are made for one entry when it is asked for.
import type { CryptoProvider } from '../../crypto-provider';
import type { ListedEntry, StoreListing } from '../../model/keystore';
import { listDer } from '../../x509/certificate';
import type { DecodedEntry, DecodedStore } from '../codec';
import { projectStore } from './store-view';

export function listEntry(entry: DecodedEntry, crypto: CryptoProvider): ListedEntry {
  const listed: { -readonly [K in keyof ListedEntry]: ListedEntry[K] } = {
    alias: entry.alias,
    type: entry.type,
    created: entry.created ? entry.created.toISOString() : null,
  };
  const certificates = entry.certificates;
  if (certificates.length > 0) listed.leaf = listDer(certificates[0]!, crypto);
  if (certificates.length > 1) listed.chain = certificates.slice(1).map((der) => crypto.digestHex('sha256', der));
  if (entry.keyAlgorithm !== undefined) listed.keyAlgorithm = entry.keyAlgorithm;
  if (entry.javaTrusted !== undefined) listed.javaTrusted = entry.javaTrusted;
  if (entry.notes?.length) listed.notes = entry.notes;
  return listed;
}

export function storeListing(file: string, store: DecodedStore, crypto: CryptoProvider): StoreListing {
  return projectStore(file, store, (entry) => listEntry(entry, crypto));
}
