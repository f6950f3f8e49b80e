// The Bouncy Castle-made keystores (test/fixtures/bks/make.sh) and what Bouncy Castle listed in them
// (expected.json, written by test/peers/BcKeyStoreList.java), in terms a decoded store compares with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DecodedStore } from '../../../../shared/formats/codec';
import type { BcEntry, BcStore } from '../../../peers/bc-keystore';
import { KEYTOOL_TYPE, keytoolFingerprint } from '../jks/jks-fixtures';

export const BKS_DIR = fileURLToPath(new URL('../../../fixtures/bks/', import.meta.url));

export interface BksExpected {
  readonly password: string;
  readonly certificates: { readonly 'extra-1.der': string; readonly 'chain.pem': readonly string[] };
  readonly stores: Readonly<Record<string, BcStore>>;
}

export const bksExpected = JSON.parse(readFileSync(join(BKS_DIR, 'expected.json'), 'utf8')) as BksExpected;
export const BKS_PASSWORD = bksExpected.password;

export function bksFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(BKS_DIR, name)));
}

export type BcListing = Record<string, { type: string; sha256: readonly string[] }>;

/** Bouncy Castle's listing without the parts we do not compare (creation time, key checks). */
export function bcListing(entries: readonly BcEntry[]): BcListing {
  return Object.fromEntries(entries.map((e) => [e.alias, { type: e.type, sha256: e.sha256 }]));
}

/** A decoded store as Bouncy Castle's listing would show it. */
export function decodedListing(store: DecodedStore): BcListing {
  return Object.fromEntries(store.entries.map((e) => [e.alias, { type: KEYTOOL_TYPE[e.type], sha256: e.certificates.map(keytoolFingerprint) }]));
}
