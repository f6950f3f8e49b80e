// Project a decoded store into the KeystoreView the UI and the CLI show (summaries, no key material).
import type { CryptoProvider } from '../../crypto-provider';
import { TrustLensError, withSource } from '../../errors';
import type { CertificateRole, CertificateSummary } from '../../model/certificate';
import type { EntryView, KeystoreView } from '../../model/keystore';
import { summarizeDer } from '../../x509/certificate';
import type { DecodedEntry, DecodedStore } from '../codec';

export function entryView(entry: DecodedEntry, crypto: CryptoProvider): EntryView {
  return {
    alias: entry.alias,
    type: entry.type,
    created: entry.created ? entry.created.toISOString() : null,
    certificates: entry.type === 'trustedCertificate' ? entry.certificates.map((der) => summarizeDer(der, crypto)) : chainSummaries(entry.certificates, crypto),
    ...(entry.keyAlgorithm !== undefined ? { keyAlgorithm: entry.keyAlgorithm } : {}),
    ...(entry.javaTrusted !== undefined ? { javaTrusted: entry.javaTrusted } : {}),
    ...(entry.notes?.length ? { notes: entry.notes } : {}),
  };
}

/**
 * A key entry's chain (leaf first, as stored) with each certificate's role, as the contract's certificate
 * object has it for certificates that are part of a chain: a self-signed last certificate is the root.
 * A trusted-certificate entry is one certificate on its own, part of no chain, and gets no role.
 */
function chainSummaries(chain: readonly Uint8Array[], crypto: CryptoProvider): CertificateSummary[] {
  return chain.map((der, i) => {
    const summary = summarizeDer(der, crypto);
    const role: CertificateRole = i === 0 ? 'leaf' : i === chain.length - 1 && summary.selfSigned ? 'root' : 'intermediate';
    return { ...summary, role };
  });
}

/**
 * `project(entry)`, its errors naming the file and the entry: a certificate in a keystore that does not
 * parse is only found when the entry is listed, after the file itself opened.
 */
export function projectEntry<E>(file: string, entry: DecodedEntry, index: number, project: (entry: DecodedEntry) => E): E {
  try {
    return project(entry);
  } catch (error) {
    if (error instanceof TrustLensError) throw withSource(error, `${file}: entry ${index + 1} (${JSON.stringify(entry.alias)})`);
    throw error;
  }
}

/** A decoded store's facts with each entry projected by `project`: the full view, or the table's listing. */
export function projectStore<E>(file: string, store: DecodedStore, project: (entry: DecodedEntry) => E) {
  const entries = store.entries.map((entry, index) => projectEntry(file, entry, index, project));
  return { file, format: store.format, integrity: store.integrity, entries, properties: store.properties };
}

export function keystoreView(file: string, store: DecodedStore, crypto: CryptoProvider): KeystoreView {
  return projectStore(file, store, (entry) => entryView(entry, crypto));
}
