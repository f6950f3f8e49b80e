// `trustlens inspect --json` on every keystore fixture gives the aliases, entry types and fingerprints
// that keytool reports for the same file (JKS and JCEKS listed live; PKCS#12 from the `keytool -list -v`
// output the fixture script saved when it made each store).
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trustlens } from '../support/cli';
import { keytoolList, parseKeytoolList } from '../support/peers';

const fixtures = path.resolve(__dirname, '../fixtures');
const KEYTOOL_TYPES: Record<string, string> = { PrivateKeyEntry: 'privateKey', trustedCertEntry: 'trustedCertificate', SecretKeyEntry: 'secretKey' };

interface Listed {
  alias: string;
  type: string;
  sha256: string[];
}

function fromKeytool(listing: Map<string, { type: string; sha256: string[] }>): Listed[] {
  return [...listing].map(([alias, e]) => ({ alias: alias.toLowerCase(), type: KEYTOOL_TYPES[e.type] ?? e.type, sha256: e.sha256.map((f) => f.replace(/:/g, '').toLowerCase()) })).sort((a, b) => a.alias.localeCompare(b.alias));
}

async function fromTrustlens(file: string): Promise<{ format: string; integrity: string; entries: Listed[] }> {
  const r = await trustlens(['inspect', file, '--json', '--password', 'changeit']);
  expect(r.code, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout);
  const entries = doc.entries
    // keytool does not load PKCS#12 certificates without Java's trusted-key-usage attribute; we list them, marked.
    .filter((e: { javaTrusted?: boolean }) => e.javaTrusted !== false)
    .map((e: { alias: string; type: string; certificates: { sha256: string }[] }) => ({ alias: e.alias.toLowerCase(), type: e.type, sha256: e.certificates.map((c) => c.sha256) }))
    .sort((a: Listed, b: Listed) => a.alias.localeCompare(b.alias));
  return { format: doc.format, integrity: doc.integrity, entries };
}

describe('inspect agrees with keytool', () => {
  it.each([
    ['jks/keys.jks', 'JKS'],
    ['jks/trust-only.jks', 'JKS'],
    ['jks/secrets.jceks', 'JCEKS'],
  ])('%s', async (name, format) => {
    const file = path.join(fixtures, name);
    const ours = await fromTrustlens(file);
    expect(ours.format).toBe(format);
    expect(ours.integrity).toBe('verified');
    expect(ours.entries).toEqual(fromKeytool(keytoolList(file, 'changeit', format)));
  });

  const p12 = ['keytool-default', 'keytool-legacy', 'keytool-passwordless', 'openssl-default', 'openssl-legacy', 'openssl-3des', 'openssl-sha512-mac', 'openssl-passwordless', 'openssl-certs-only'];
  // Not here: openssl-unencrypted and openssl-nomac-unencrypted hold a plain (unshrouded) keyBag, which
  // keytool skips ("0 entries"); TrustLens lists the key, as OpenSSL does (pkcs12.test.ts covers them).
  it.each(p12)('pkcs12/%s.p12', async (name) => {
    const listing = path.join(fixtures, 'pkcs12', `${name}.keytool.txt`);
    expect(existsSync(listing)).toBe(true);
    const ours = await fromTrustlens(path.join(fixtures, 'pkcs12', `${name}.p12`));
    expect(ours.format).toBe('PKCS12');
    expect(ours.entries).toEqual(fromKeytool(parseKeytoolList(readFileSync(listing, 'utf8'))));
  });
});

describe('inspect --json gives the certificates of a key entry\'s chain their role', () => {
  it.each([
    // openssl -export -certfile chain.pem: the leaf, its intermediate and the root.
    ['pkcs12/openssl-default.p12', { leaf: ['leaf', 'intermediate', 'root'] }],
    // keytool: each key pair's certificate signed by root-ca, chain of two.
    ['jks/keys.jks', { 'server-ec': ['leaf', 'root'], 'server-rsa': ['leaf', 'root'] }],
  ])('%s', async (name, expected: Record<string, string[]>) => {
    const r = await trustlens(['inspect', path.join(fixtures, name), '--json', '--password', 'changeit']);
    expect(r.code, r.stderr).toBe(0);
    const entries: { alias: string; type: string; certificates: { role?: string; selfSigned: boolean }[] }[] = JSON.parse(r.stdout).entries;
    const keyEntries = entries.filter((e) => e.type === 'privateKey');
    expect(Object.fromEntries(keyEntries.map((e) => [e.alias, e.certificates.map((c) => c.role)]))).toEqual(expected);
    // The root is the self-signed certificate that ends the chain.
    for (const entry of keyEntries) expect(entry.certificates.at(-1)!.selfSigned).toBe(true);
    // A trusted certificate stands alone, in no chain: no role.
    for (const entry of entries.filter((e) => e.type === 'trustedCertificate')) expect(entry.certificates[0]!.role).toBeUndefined();
  });
});
