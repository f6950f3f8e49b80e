// A JKS with two entries under one alias (keytool never writes one; other tools have): both are listed, the
// earlier one with a note that Java keeps only the later, and keytool itself agrees on which one that is.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { decodeJks } from '../../../../shared/formats/jks/jks';
import type { JksEntryRaw } from '../../../../shared/formats/jks/jks';
import { integrityDigest } from '../../../../shared/formats/jks/layout';
import { ByteWriter } from '../../../../shared/formats/jks/bytes';
import { nodeCrypto as crypto } from '../../../support/crypto';
import { keytoolList } from '../../../support/peers';
import { PASSWORD, fixture, keytoolFingerprint, scratchDir } from './jks-fixtures';

const scratch = scratchDir();
afterAll(() => scratch.remove());

test('two entries named root-ca: the first is marked, and keytool lists the second', () => {
  const store = decodeJks(fixture('trust-only.jks'), { password: PASSWORD, crypto });
  const raw = (alias: string) => (store.entries.find((e) => e.alias === alias)!.raw as JksEntryRaw).bytes;
  // The legacy-root entry renamed to root-ca by rewriting its alias field, then both root-ca entries.
  const legacy = raw('legacy-root');
  const aliasEnd = 6 + ((legacy[4]! << 8) | legacy[5]!);
  const second = new ByteWriter().bytes(legacy.subarray(0, 4)).utf('root-ca', 'alias').bytes(legacy.subarray(aliasEnd)).toBytes();
  const body = new ByteWriter().u32(0xfeedfeed).u32(2).u32(2).bytes(raw('root-ca')).bytes(second).toBytes();
  const file = new ByteWriter().bytes(body).bytes(integrityDigest(PASSWORD, body, crypto)).toBytes();
  const path = join(scratch.dir, 'duplicates.jks');
  writeFileSync(path, file);

  const decoded = decodeJks(file, { password: PASSWORD, crypto });
  expect(decoded.entries.map((e) => e.alias)).toEqual(['root-ca', 'root-ca']);
  expect(decoded.entries[0]!.notes?.join(' ')).toMatch(/Java loads only that later one/);
  expect(decoded.entries[1]!.notes).toBeUndefined();
  const kept = keytoolList(path, PASSWORD, 'JKS');
  expect([...kept.keys()]).toEqual(['root-ca']);
  expect(kept.get('root-ca')!.sha256).toEqual([keytoolFingerprint(decoded.entries[1]!.certificates[0]!)]);
});
