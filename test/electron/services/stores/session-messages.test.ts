// The app's errors about an entry name the store and the entry, as the CLI's do: a JKS (written here as
// the format lays it out, its digest right for "changeit") whose one certificate is 50,000 SEQUENCEs
// deep is refused in one line with the file, the entry's number and alias, and the reason.
import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreSessions } from '../../../../electron/services/stores/sessions';
import { scratchDir } from './import-peers';

const dir = scratchDir('trustlens-session-messages-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `depth` definite-length SEQUENCEs around a NULL. */
function nested(depth: number): Buffer {
  let inner = Buffer.from([0x05, 0x00]);
  for (let i = 0; i < depth; i++) {
    const n = inner.length;
    const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
    inner = Buffer.concat([Buffer.from([0x30, ...length]), inner]);
  }
  return inner;
}

/** A version-2 JKS of one trusted-certificate entry holding `certificate`. */
function jks(alias: string, certificate: Buffer): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt32BE(0xfeedfeed, 0);
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(1, 8);
  const entry = Buffer.alloc(4 + 2 + alias.length + 8 + 2 + 5 + 4);
  let at = entry.writeUInt32BE(2, 0);
  at = entry.writeUInt16BE(alias.length, at);
  at += entry.write(alias, at, 'ascii');
  at = entry.writeBigInt64BE(1_700_000_000_000n, at);
  at = entry.writeUInt16BE(5, at);
  at += entry.write('X.509', at, 'ascii');
  entry.writeUInt32BE(certificate.length, at);
  const body = Buffer.concat([header, entry, certificate]);
  const digest = createHash('sha1').update(Buffer.from('changeit', 'utf16le').swap16()).update('Mighty Aphrodite').update(body).digest();
  return Buffer.concat([body, digest]);
}

describe('errors about an entry of a store being opened', () => {
  it('a certificate nested 50,000 deep: one line naming the file, the entry and the reason', async () => {
    const file = path.join(dir, 'deep.jks');
    writeFileSync(file, jks('deep', nested(50_000)));
    const error: unknown = await new StoreSessions().openPath(file, 'changeit').catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(`${file}: entry 1 ("deep"): not a valid X.509 certificate (Maximum ASN.1 nesting depth exceeded)`);
    expect((error as { code?: string }).code).toBe('CORRUPT_INPUT');
  });

  it('a certificate that is a SEQUENCE of nothing much: the same, with its own reason', async () => {
    const file = path.join(dir, 'shallow.jks');
    writeFileSync(file, jks('shallow', nested(3)));
    const error: unknown = await new StoreSessions().openPath(file).catch((failure: unknown) => failure);
    expect((error as Error).message.startsWith(`${file}: entry 1 ("shallow"): not a valid X.509 certificate (`)).toBe(true);
    expect((error as Error).message).not.toContain('\n');
  });
});
