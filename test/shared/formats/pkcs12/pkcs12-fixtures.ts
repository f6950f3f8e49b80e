// The PKCS#12 fixtures (test/fixtures/pkcs12/make.sh) and what keytool and OpenSSL said about them when
// they were written (NAME.keytool.txt, NAME.openssl.txt), parsed into comparable shapes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EntryType } from '../../../../shared/model/keystore';
import { fromBase64 } from '../../../../shared/x509/pem';
import { opensslFingerprint } from '../../../support/openssl';

export const FIXTURE_DIR = fileURLToPath(new URL('../../../fixtures/pkcs12/', import.meta.url));

export interface Pkcs12Fixture {
  readonly name: string;
  /** What to decode with: undefined for the stores that open without a password. */
  readonly password: string | undefined;
  /** The password OpenSSL and keytool are given. */
  readonly peerPassword: string;
  /** OpenSSL 3 needs -legacy to read RC2. */
  readonly legacy: boolean;
  /** keytool -list -v output was saved (keytool cannot open an empty-password store). */
  readonly keytool: boolean;
}

const fixture = (name: string, password: string | undefined, options: Partial<Pkcs12Fixture> = {}): Pkcs12Fixture => ({
  name,
  password,
  peerPassword: password ?? '',
  legacy: false,
  keytool: true,
  ...options,
});

export const FIXTURES: readonly Pkcs12Fixture[] = [
  fixture('keytool-default.p12', 'changeit'),
  fixture('keytool-legacy.p12', 'changeit', { legacy: true }),
  fixture('keytool-passwordless.p12', undefined, { peerPassword: 'changeit' }),
  fixture('openssl-default.p12', 'changeit'),
  fixture('openssl-legacy.p12', 'changeit', { legacy: true }),
  fixture('openssl-3des.p12', 'changeit'),
  fixture('openssl-empty-password.p12', undefined, { keytool: false }),
  fixture('openssl-sha512-mac.p12', 'changeit'),
  fixture('openssl-unencrypted.p12', 'changeit'),
  fixture('openssl-nomac-unencrypted.p12', undefined),
  fixture('openssl-certs-only.p12', 'changeit'),
  fixture('openssl-passwordless.p12', undefined),
];

export const fixturePath = (name: string): string => join(FIXTURE_DIR, name);
export const fixtureBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(fixturePath(name)));
const saved = (fixtureName: string, peer: 'keytool' | 'openssl') => readFileSync(fixturePath(fixtureName.replace(/\.p12$/, `.${peer}.txt`)), 'utf8');

export const KEYTOOL_TYPE: Record<EntryType, string> = {
  privateKey: 'PrivateKeyEntry',
  trustedCertificate: 'trustedCertEntry',
  secretKey: 'SecretKeyEntry',
};

export interface KeytoolEntry {
  type: string;
  /** "Creation date" as keytool prints it, e.g. "Nov 27, 2026". */
  created?: string;
  /** Chain fingerprints, leaf first, lowercase hex without colons. */
  sha256: string[];
}

/** `keytool -list -v` output: alias (keytool lowercases PKCS#12 aliases) -> type and fingerprints. */
export function parseKeytoolList(text: string): Map<string, KeytoolEntry> {
  const entries = new Map<string, KeytoolEntry>();
  let current: KeytoolEntry | undefined;
  for (const line of text.split('\n')) {
    const alias = /^Alias name: (.*)$/.exec(line);
    if (alias) entries.set(alias[1]!, (current = { type: '', sha256: [] }));
    const type = /^Entry type: (.*)$/.exec(line);
    if (type && current) current.type = type[1]!;
    const created = /^Creation date: (.*)$/.exec(line);
    if (created && current) current.created = created[1]!;
    const fingerprint = /^\s*SHA256: ([0-9A-F:]+)$/.exec(line);
    if (fingerprint && current) current.sha256.push(fingerprint[1]!.replace(/:/g, '').toLowerCase());
  }
  return entries;
}

export const savedKeytoolList = (name: string): Map<string, KeytoolEntry> => parseKeytoolList(saved(name, 'keytool'));

export interface OpensslBag {
  readonly friendlyName?: string;
  readonly localKeyId?: string;
  readonly javaTrusted: boolean;
  readonly subject: string;
  readonly issuer: string;
  readonly pem: string;
}

export interface OpensslInfo {
  /** e.g. { hash: 'sha256', iterations: 2048 }, null when OpenSSL warned that the MAC is absent. */
  readonly mac: { readonly hash: string; readonly iterations: number } | null;
  /** "PKCS7 Encrypted data: …" lines, one per encrypted content block. */
  readonly certEncryption: readonly string[];
  /** "Shrouded Keybag: …" lines; "none" for a plain key bag (OpenSSL does not describe secret bags). */
  readonly keyEncryption: readonly string[];
  readonly blocks: number;
  readonly certificates: readonly OpensslBag[];
}

/** `openssl pkcs12 -info -nokeys` output (stdout and stderr together). */
export function parseOpensslInfo(text: string): OpensslInfo {
  const lines = text.split('\n');
  const mac = /^MAC: (\w+), Iteration (\d+)/m.exec(text);
  const certificates: OpensslBag[] = [];
  let attributes: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('Bag Attributes')) attributes = {};
    const attribute = /^ {4}([^:]+): (.*?)\s*$/.exec(line);
    if (attribute) attributes[attribute[1]!] = attribute[2]!;
    if (line === '-----BEGIN CERTIFICATE-----') {
      const end = lines.indexOf('-----END CERTIFICATE-----', i);
      const subject = lines.slice(0, i).reverse().find((l) => l.startsWith('subject='))!;
      const issuer = lines.slice(0, i).reverse().find((l) => l.startsWith('issuer='))!;
      certificates.push({
        friendlyName: attributes.friendlyName,
        localKeyId: attributes.localKeyID,
        javaTrusted: '2.16.840.1.113894.746875.1.1' in attributes,
        subject: subject.slice('subject='.length),
        issuer: issuer.slice('issuer='.length),
        pem: lines.slice(i, end + 1).join('\n'),
      });
      i = end;
    }
  }
  const matches = (re: RegExp) => lines.map((l) => re.exec(l)?.[1]).filter((m): m is string => m !== undefined);
  // OpenSSL 3.0 ends a secret bag's "Bag Value: " without a newline, so the next block's line may follow it.
  return {
    mac: mac ? { hash: mac[1]!, iterations: Number(mac[2]) } : null,
    certEncryption: matches(/^(?:Bag Value: )?PKCS7 Encrypted data: (.*)$/),
    keyEncryption: [...matches(/^Shrouded Keybag: (.*)$/), ...matches(/^(Key bag)$/).map(() => 'none')],
    blocks: matches(/^(?:Bag Value: )?(PKCS7 (?:Data|Encrypted data))/).length,
    certificates,
  };
}

export const savedOpensslInfo = (name: string): OpensslInfo => parseOpensslInfo(saved(name, 'openssl'));

/** SHA-256 of a PEM certificate as `openssl x509 -fingerprint` prints it (lowercase, no colons). */
export const fingerprint = (pem: string): string => opensslFingerprint(pem);

export function pemToDer(pem: string): Uint8Array {
  return fromBase64(pem.replace(/-----[^-]+-----|\s/g, ''));
}

/** OpenSSL's names for the PKCS#12 PBE schemes say "SHA1And" where RFC 7292 says "SHAAnd". */
export function opensslSchemeToOurs(line: string): string {
  const pbes2 = /^PBES2, PBKDF2, ([\w-]+), Iteration (\d+), PRF hmacWith(\w+)$/.exec(line);
  if (pbes2) return `PBES2 (PBKDF2-HMAC-${pbes2[3]}, ${pbes2[1]}), ${pbes2[2]} iterations`;
  const pkcs12 = /^(pbeWithSHA1And[\w-]+), Iteration (\d+)$/.exec(line);
  if (pkcs12) return `${pkcs12[1]!.replace('SHA1And', 'SHAAnd')}, ${pkcs12[2]} iterations`;
  return line;
}
