// Writing BKS: byte-identical round trips, and edited stores read back by Bouncy Castle itself with every
// old entry intact, the private key still decrypting and signing for its certificate, the secret key too.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { UsageError, WrongPasswordError } from '../../../../shared/errors';
import { createEmptyBks, decodeBks, encodeBks } from '../../../../shared/formats/bks/bks';
import type { BksEntryRaw } from '../../../../shared/formats/bks/bks';
import { nodeCrypto as crypto } from '../../../support/crypto';
import { bcList, type BcStore } from '../../../peers/bc-keystore';
import { scratchDir } from '../jks/jks-fixtures';
import { BKS_PASSWORD, bcListing, bksExpected, bksFixture, decodedListing } from './bks-fixtures';

const scratch = scratchDir();
afterAll(() => scratch.remove());
const extra = bksFixture('extra-1.der');
const extraSha = bksExpected.certificates['extra-1.der'];

function edited(file: string) {
  const store = decodeBks(bksFixture(file), { password: BKS_PASSWORD, crypto });
  const bytes = encodeBks(
    store,
    { remove: ['other-root'], rename: [{ from: 'server', to: 'Server-Renamed' }], add: [{ alias: 'Extra Root', der: extra }] },
    BKS_PASSWORD,
    crypto,
  );
  return { store, bytes };
}

const written = new Map<string, Uint8Array>();
let bc: Record<string, BcStore>;

beforeAll(async () => {
  for (const file of ['keys-v2.bks', 'keys-v1.bks']) written.set(`edited-${file}`, edited(file).bytes);
  const empty = decodeBks(createEmptyBks(BKS_PASSWORD, crypto), { password: BKS_PASSWORD, crypto });
  written.set('new.bks', encodeBks(empty, { add: [{ alias: 'extra', der: extra }] }, BKS_PASSWORD, crypto));
  for (const [name, bytes] of written) writeFileSync(join(scratch.dir, name), bytes);
  bc = await bcList(BKS_PASSWORD, [...written.keys()].map((name) => ({ type: 'BKS' as const, file: join(scratch.dir, name) })));
}, 120_000);

describe.each(['keys-v2.bks', 'keys-v1.bks', 'trust-only.bks'])('%s', (file) => {
  test('decode -> encode with no edits gives the same bytes, with or without the password at decode', () => {
    const original = bksFixture(file);
    expect(encodeBks(decodeBks(original, { password: BKS_PASSWORD, crypto }), {}, BKS_PASSWORD, crypto)).toEqual(original);
    expect(encodeBks(decodeBks(original, { password: undefined, crypto }), {}, BKS_PASSWORD, crypto)).toEqual(original);
  });
});

describe.each(['keys-v2.bks', 'keys-v1.bks'])('%s edited (remove, rename a key entry, add a certificate)', (file) => {
  test('Bouncy Castle lists exactly the edited entries, and the keys still decrypt', () => {
    const got = bc[join(scratch.dir, `edited-${file}`)]!;
    expect(got.error).toBeUndefined();
    const want = bcListing(bksExpected.stores[file]!.entries!);
    want['Server-Renamed'] = want['server']!;
    delete want['server'];
    delete want['other-root'];
    want['Extra Root'] = { type: 'trustedCertEntry', sha256: [extraSha] };
    expect(bcListing(got.entries!)).toEqual(want);
    const keys = Object.fromEntries(got.entries!.map((e) => [e.alias, e.key]));
    expect(keys['Server-Renamed']).toBe('private EC usable');
    expect(keys['session-aes']).toBe('secret AES 128');
  });

  test('untouched entries are the very bytes that were read; the renamed one differs only in its alias', () => {
    const { store, bytes } = edited(file);
    const reread = decodeBks(bytes, { password: BKS_PASSWORD, crypto });
    expect(decodedListing(reread)['Extra Root']).toEqual({ type: 'trustedCertEntry', sha256: [extraSha] });
    const before = new Map(store.entries.map((e) => [e.alias, (e.raw as BksEntryRaw).bytes]));
    for (const entry of reread.entries) {
      const raw = (entry.raw as BksEntryRaw).bytes;
      if (entry.alias === 'Server-Renamed') {
        const old = before.get('server')!;
        expect(raw.subarray(3 + 'Server-Renamed'.length)).toEqual(old.subarray(3 + 'server'.length));
      } else if (entry.alias !== 'Extra Root') {
        expect(raw).toEqual(before.get(entry.alias));
      }
    }
  });
});

test('a new empty BKS store with a certificate added is read by Bouncy Castle', () => {
  const got = bc[join(scratch.dir, 'new.bks')]!;
  expect(got.error).toBeUndefined();
  expect(bcListing(got.entries!)).toEqual({ extra: { type: 'trustedCertEntry', sha256: [extraSha] } });
});

test('a wrong password writes nothing; an alias in use or unknown is refused', () => {
  const store = decodeBks(bksFixture('keys-v2.bks'), { password: undefined, crypto });
  expect(() => encodeBks(store, { add: [{ alias: 'x', der: extra }] }, 'not-it', crypto)).toThrow(WrongPasswordError);
  expect(() => encodeBks(store, { add: [{ alias: 'ROOT-CA', der: extra }] }, BKS_PASSWORD, crypto)).toThrow(UsageError);
  expect(() => encodeBks(store, { remove: ['missing'] }, BKS_PASSWORD, crypto)).toThrow(UsageError);
  expect(() => encodeBks(store, { rename: [{ from: 'server', to: ' ' }] }, BKS_PASSWORD, crypto)).toThrow(UsageError);
});
