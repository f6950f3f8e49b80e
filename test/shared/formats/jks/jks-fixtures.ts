// The keytool-made JKS / JCEKS fixtures and what keytool reported about them (test/fixtures/jks/make.sh
// writes expected.json), plus listings in keytool's terms so decoded stores compare directly.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DecodedStore } from '../../../../shared/formats/codec';
import type { EntryType } from '../../../../shared/model/keystore';
import { colonHex } from '../../../../shared/x509/hex';
import { nodeCrypto } from '../../../support/crypto';

export const FIXTURE_DIR = fileURLToPath(new URL('../../../fixtures/jks/', import.meta.url));

export interface ExpectedEntry {
  readonly alias: string;
  /** As keytool prints it: PrivateKeyEntry, trustedCertEntry, SecretKeyEntry. */
  readonly type: string;
  readonly sha256: readonly string[];
  readonly keyAlgorithms: readonly string[];
}

export interface ExpectedStore {
  readonly storetype: 'JKS' | 'JCEKS';
  readonly entries: readonly ExpectedEntry[];
}

export interface Expected {
  readonly password: string;
  readonly createdBetweenMs: readonly [number, number];
  readonly stores: Readonly<Record<string, ExpectedStore>>;
  /** File name -> SHA-256 as openssl prints it. */
  readonly certificates: Readonly<Record<string, string>>;
}

export const expected = JSON.parse(readFileSync(join(FIXTURE_DIR, 'expected.json'), 'utf8')) as Expected;
export const PASSWORD = expected.password;

export const KEYTOOL_TYPE: Record<EntryType, string> = {
  privateKey: 'PrivateKeyEntry',
  trustedCertificate: 'trustedCertEntry',
  secretKey: 'SecretKeyEntry',
};

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURE_DIR, name)));
}

/** SHA-256 as keytool prints it: uppercase, colon separated. */
export function keytoolFingerprint(der: Uint8Array): string {
  return colonHex(nodeCrypto.digestHex('sha256', der));
}

export type Listing = Map<string, { type: string; sha256: string[] }>;

/** A decoded store as keytool -list -v would describe it. */
export function listingOf(store: DecodedStore): Listing {
  return new Map(store.entries.map((e) => [e.alias, { type: KEYTOOL_TYPE[e.type], sha256: e.certificates.map(keytoolFingerprint) }]));
}

export function expectedListing(store: ExpectedStore): Listing {
  return new Map(store.entries.map((e) => [e.alias, { type: e.type, sha256: [...e.sha256] }]));
}

/** A scratch directory removed by the returned function. */
export function scratchDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'trustlens-jks-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
