// `trustlens inspect` and `import` on Bouncy Castle's BKS, UBER and BCFKS stores made by Bouncy Castle: inspect
// lists what Bouncy Castle lists (BKS with the password: integrity verified; without: listed, not checked; UBER
// and BCFKS need it); import adds certificates that Bouncy Castle then reads beside every old entry, keys still
// decrypting; a wrong or missing password changes nothing.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bcList } from '../peers/bc-keystore';
import { trustlens } from '../support/cli';
import { copyFixture, scratchDir } from '../electron/services/stores/import-peers';
import { bcListing, bksExpected, BKS_DIR, BKS_PASSWORD } from '../shared/formats/bks/bks-fixtures';

const KEYTOOL_TYPES: Record<string, string> = { privateKey: 'PrivateKeyEntry', trustedCertificate: 'trustedCertEntry', secretKey: 'SecretKeyEntry' };
const colon = (hex: string) => hex.toUpperCase().replace(/(..)(?!$)/g, '$1:');

interface InspectEntry {
  alias: string;
  type: string;
  certificates: { sha256: string }[];
}

function listed(entries: InspectEntry[]) {
  return Object.fromEntries(entries.map((e) => [e.alias, { type: KEYTOOL_TYPES[e.type], sha256: e.certificates.map((c) => colon(c.sha256)) }]));
}

describe.each(['keys-v2.bks', 'keys-v1.bks'])('inspect %s', (name) => {
  const file = path.join(BKS_DIR, name);
  const want = bcListing(bksExpected.stores[name]!.entries!);

  it('with the password: format BKS, integrity verified, the entries Bouncy Castle lists', async () => {
    const r = await trustlens(['inspect', file, '--json', '--password', BKS_PASSWORD]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect([doc.format, doc.integrity]).toEqual(['BKS', 'verified']);
    expect(listed(doc.entries)).toEqual(want);
  });

  it('without one: listed, integrity not-checked; a wrong one: exit 3', async () => {
    const r = await trustlens(['inspect', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.integrity).toBe('not-checked');
    expect(listed(doc.entries)).toEqual(want);
    const wrong = await trustlens(['inspect', file, '--password', 'not-it']);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/wrong password/i);
  });
});

describe('import into a BKS store', () => {
  const dir = scratchDir('trustlens-cli-bks-');
  const chain = path.join(BKS_DIR, 'chain.pem');

  it('adds the chain; Bouncy Castle reads every old entry and the new ones, the keys still decrypting', async () => {
    const store = copyFixture('bks/keys-v2.bks', dir, 'trust.bks');
    const r = await trustlens(['import', store, '--from', chain, '--certs', 'all', '--password', BKS_PASSWORD, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.format).toBe('BKS');
    expect(doc.added.map((a: { sha256: string }) => colon(a.sha256))).toEqual(bksExpected.certificates['chain.pem']);
    expect(readFileSync(doc.backup)).toEqual(readFileSync(path.join(BKS_DIR, 'keys-v2.bks')));

    const bc = (await bcList(BKS_PASSWORD, [{ type: 'BKS', file: store }]))[store]!;
    expect(bc.error).toBeUndefined();
    const want = bcListing(bksExpected.stores['keys-v2.bks']!.entries!);
    for (const added of doc.added as { alias: string; sha256: string }[]) want[added.alias] = { type: 'trustedCertEntry', sha256: [colon(added.sha256)] };
    expect(bcListing(bc.entries!)).toEqual(want);
    const keys = Object.fromEntries(bc.entries!.map((e) => [e.alias, e.key]));
    expect([keys['server'], keys['session-aes']]).toEqual(['private EC usable', 'secret AES 128']);
  });

  it('a wrong password, or none and no terminal: exit 3, the file unchanged', async () => {
    const store = copyFixture('bks/keys-v2.bks', dir, 'locked.bks');
    const before = readFileSync(store);
    const wrong = await trustlens(['import', store, '--from', chain, '--certs', 'all', '--password', 'not-it']);
    expect(wrong.code).toBe(3);
    const none = await trustlens(['import', store, '--from', chain, '--certs', 'all']);
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/BKS keystore: writing it needs its password/);
    expect(readFileSync(store)).toEqual(before);
  });
});

describe.each([
  ['keys.uber', 'UBER'],
  ['keys.bcfks', 'BCFKS'],
] as const)('%s (encrypted as a whole)', (name, format) => {
  const file = path.join(BKS_DIR, name);

  it('inspect lists it with the password; without one it needs it (exit 3)', async () => {
    const r = await trustlens(['inspect', file, '--json', '--password', BKS_PASSWORD]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect([doc.format, doc.integrity]).toEqual([format, 'verified']);
    expect(listed(doc.entries)).toEqual(bcListing(bksExpected.stores[name]!.entries!));
    const none = await trustlens(['inspect', file]);
    expect(none.code).toBe(3);
  });

  it('import adds a certificate that Bouncy Castle then reads beside the old entries', async () => {
    const dir = scratchDir('trustlens-cli-bc-');
    const store = copyFixture(`bks/${name}`, dir);
    const r = await trustlens(['import', store, '--from', path.join(BKS_DIR, 'extra-1.der'), '--alias', 'extra', '--password', BKS_PASSWORD]);
    expect(r.code, r.stderr).toBe(0);
    const bc = (await bcList(BKS_PASSWORD, [{ type: format, file: store }]))[store]!;
    const want = { ...bcListing(bksExpected.stores[name]!.entries!), extra: { type: 'trustedCertEntry', sha256: [bksExpected.certificates['extra-1.der']] } };
    expect(bcListing(bc.entries!)).toEqual(want);
    expect(bc.entries!.find((e) => e.alias === 'server')?.key).toBe('private EC usable');
  });
});
