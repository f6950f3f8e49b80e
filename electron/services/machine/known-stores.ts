// The CA certificates this machine already has (its JDK's cacerts, the OS CA bundle), for a diagnosis to
// say where a missing root can be had. Read on first need and kept while the files are unchanged: a
// diagnosis that does not lack an issuer never reads them.
import { promises as fs, realpathSync } from 'node:fs';
import type { CryptoProvider } from '../../../shared/crypto-provider';
import type { KnownCertificate } from '../../../shared/chain/known-issuers';
import type { DecodedStore } from '../../../shared/formats/codec';
import type { SystemTrustStore } from '../../../shared/ipc';
import { decodeOrAsk } from '../stores/decode-or-ask';
import { readStoreFile } from '../stores/file-service';
import { findSystemTrustStores } from './system-stores';

interface Cached {
  readonly mtimeMs: number;
  readonly size: number;
  readonly certificates: readonly KnownCertificate[];
}

const cache = new Map<string, Cached>();

function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** A JKS lists without its password; a PKCS#12 cacerts needs the JDK's default one. Null: another password. */
function decodeSystemStore(store: SystemTrustStore, bytes: Uint8Array, crypto: CryptoProvider): DecodedStore | null {
  let outcome = decodeOrAsk(store.path, bytes, undefined, crypto);
  if ('needs' in outcome && store.defaultPassword !== undefined) outcome = decodeOrAsk(store.path, bytes, store.defaultPassword, crypto);
  return 'decoded' in outcome ? outcome.decoded : null;
}

/** The trusted certificates of one store, or none when it cannot be read (it is only a hint). */
async function certificatesOf(store: SystemTrustStore, crypto: CryptoProvider): Promise<readonly KnownCertificate[]> {
  let stat;
  try {
    stat = await fs.stat(store.path);
  } catch {
    return [];
  }
  const cached = cache.get(store.path);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.certificates;
  let certificates: KnownCertificate[] = [];
  try {
    const decoded = decodeSystemStore(store, await readStoreFile(store.path), crypto);
    if (decoded) {
      certificates = decoded.entries.flatMap((entry) =>
        entry.type === 'trustedCertificate' && entry.javaTrusted !== false && entry.certificates[0]
          ? [
              {
                der: entry.certificates[0],
                foundIn: { label: store.label, file: store.path, alias: entry.alias, ...(store.defaultPassword !== undefined ? { password: store.defaultPassword } : {}) },
              },
            ]
          : [],
      );
    }
  } catch {
    certificates = []; // unreadable or damaged: nothing to offer from it
  }
  cache.set(store.path, { mtimeMs: stat.mtimeMs, size: stat.size, certificates });
  return certificates;
}

/** The CA certificates of this machine's trust stores, leaving out `exclude` (the store being diagnosed). */
export async function knownCertificates(crypto: CryptoProvider, exclude: readonly string[] = [], stores: readonly SystemTrustStore[] = findSystemTrustStores()): Promise<KnownCertificate[]> {
  const excluded = new Set(exclude.map(realPath));
  const lists = await Promise.all(stores.filter((store) => !excluded.has(realPath(store.path))).map((store) => certificatesOf(store, crypto)));
  return lists.flat();
}
