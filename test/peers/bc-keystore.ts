// Bouncy Castle as a peer: BcKeyStoreList.java run on Debian's libbcprov-java lists BKS / UBER / BCFKS stores
// the way KeyStore.getInstance(TYPE, "BC") loads them, and checks that each private key still decrypts
// and signs for its certificate. One JVM for every store of a call.
import { fileURLToPath } from 'node:url';
import { QUICK_JVM } from './java-client';
import { runAsync } from './run-async';

export const BCPROV_JAR = '/usr/share/java/bcprov.jar';
const SOURCE = fileURLToPath(new URL('./BcKeyStoreList.java', import.meta.url));

export type BcStoreType = 'BKS' | 'UBER' | 'BCFKS';

export interface BcEntry {
  readonly alias: string;
  /** As keytool names it: PrivateKeyEntry, SecretKeyEntry, trustedCertEntry. */
  readonly type: string;
  readonly created: number;
  /** Uppercase colon hex, chain leaf first. */
  readonly sha256: readonly string[];
  /** Key entries: "private EC usable", "secret AES 128", "unrecoverable: …". */
  readonly key?: string;
}

export interface BcStore {
  readonly storetype: BcStoreType;
  readonly entries?: readonly BcEntry[];
  /** Set when Bouncy Castle refused to load the store. */
  readonly error?: string;
}

/** file -> what Bouncy Castle lists in it, entries in alias order. */
export async function bcList(password: string, stores: readonly { readonly type: BcStoreType; readonly file: string }[]): Promise<Record<string, BcStore>> {
  const args = [...QUICK_JVM, '-cp', BCPROV_JAR, SOURCE, password, ...stores.flatMap((s) => [s.type, s.file])];
  const result = await runAsync('java', args, '', 120_000);
  if (result.status !== 0) throw new Error(`BcKeyStoreList exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, BcStore>;
}
