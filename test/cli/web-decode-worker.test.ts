// `trustlens web` (the built command, as a user runs it) when the worker that decodes a big store runs
// out of memory (electron/services/stores/decode-off-thread.ts): the worker's heap cap is made small
// through the test-only TRUSTLENS_TEST_DECODE_HEAP_MB, and a real JKS of 30,000 copies of an
// openssl-made certificate (its digest right for "changeit") is opened through the API. The answer must
// be one line naming the file and saying what to do, and the server must go on answering: another call,
// and opening a real store afterwards. A store that fits under the cap is opened in the worker, and its
// entries (which cross serialized, read on first use) are there for an entry's details and for an edit.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, FRAME_CONTENT_TYPE } from '../../shared/wire';
import { scratchDir } from '../electron/services/stores/import-peers';
import { CLI } from '../support/cli';

const ROOT = path.resolve(__dirname, '..', '..');
const dir = scratchDir('trustlens-web-worker-');
const HEAP_MB = 24;
let web: { port: number; token: string; child: ChildProcess };

/** The DER of the first certificate of a PEM file. */
function firstDer(file: string): Buffer {
  const base64 = /-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/.exec(readFileSync(file, 'latin1'))![1]!;
  return Buffer.from(base64.replace(/\s+/g, ''), 'base64');
}

/** A JKS (version 2) of `count` trusted-certificate entries, each `der`, aliases c0, c1, …. */
function manyCertificateJks(der: Buffer, count: number): Buffer {
  const parts: Buffer[] = [];
  const header = Buffer.alloc(12);
  header.writeUInt32BE(0xfeedfeed, 0);
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(count, 8);
  parts.push(header);
  for (let i = 0; i < count; i++) {
    const alias = Buffer.from(`c${i}`, 'ascii');
    const entry = Buffer.alloc(4 + 2 + alias.length + 8 + 2 + 5 + 4);
    let at = entry.writeUInt32BE(2, 0);
    at = entry.writeUInt16BE(alias.length, at);
    at += alias.copy(entry, at);
    at = entry.writeBigInt64BE(1_700_000_000_000n, at);
    at = entry.writeUInt16BE(5, at);
    at += entry.write('X.509', at, 'ascii');
    entry.writeUInt32BE(der.length, at);
    parts.push(entry, der);
  }
  const body = Buffer.concat(parts);
  const digest = createHash('sha1').update(Buffer.from('changeit', 'utf16le').swap16()).update('Mighty Aphrodite').update(body).digest();
  return Buffer.concat([body, digest]);
}

function startWeb(): Promise<typeof web> {
  const child = spawn(process.execPath, [CLI, 'web', '--port', '0', '--no-open'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TRUSTLENS_TEST_DECODE_HEAP_MB: String(HEAP_MB) },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]+)/.exec(out);
      if (m) resolve({ port: Number(m[1]), token: m[2]!, child });
    });
    child.on('exit', (code) => reject(new Error(`trustlens web exited ${code}: ${out}`)));
  });
}

/** One API call as the page makes it; the answer's envelope. */
function call(channel: string, args: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const body = Buffer.concat(encodeFrame(args));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: web.port,
        path: `/api/${channel}`,
        method: 'POST',
        headers: { Host: `127.0.0.1:${web.port}`, 'X-TrustLens-Token': web.token, 'Content-Type': FRAME_CONTENT_TYPE, 'Content-Length': body.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(decodeFrame(Buffer.concat(chunks)) as never));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  const der = firstDer(path.join(ROOT, 'test/fixtures/pem/chain.pem'));
  writeFileSync(path.join(dir, 'many.jks'), manyCertificateJks(der, 30_000));
  writeFileSync(path.join(dir, 'fits.jks'), manyCertificateJks(der, 1_400));
  web = await startWeb();
}, 60_000);
afterAll(() => {
  web?.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

describe('trustlens web when decoding a store runs out of memory', () => {
  it('answers one line naming the file and what to do, and keeps serving', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(dir, 'many.jks')));
    expect(bytes.length).toBeGreaterThan(1024 * 1024); // big enough to be decoded in the worker
    const answer = await call('openBytes', { name: 'many.jks', bytes });
    expect(answer.ok).toBe(false);
    const message = answer.error!.message;
    expect(message).toBe(`many.jks: decoding it needs more than ${HEAP_MB} MiB of memory, far more than any real store; nothing was opened. Check that this is the store you meant.`);
    expect(message).not.toContain('\n');
    expect(web.child.exitCode).toBeNull();
    expect(await call('appInfo', {})).toMatchObject({ ok: true });
    const chain = new Uint8Array(readFileSync(path.join(ROOT, 'test/fixtures/pem/chain.pem')));
    expect(await call('openBytes', { name: 'chain.pem', bytes: chain })).toMatchObject({ ok: true, value: { kind: 'opened' } });
  }, 60_000);

  it('a store that fits is opened in the worker, and its entries are there for details and edits', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(dir, 'fits.jks')));
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    const opened = (await call('openBytes', { name: 'fits.jks', bytes, password: 'changeit' })) as { ok: boolean; value: { kind: string; storeId: string; store: { integrity: string; entries: { alias: string }[] } } };
    expect(opened).toMatchObject({ ok: true, value: { kind: 'opened', store: { integrity: 'verified' } } });
    expect(opened.value.store.entries.map((e) => e.alias)).toEqual(Array.from({ length: 1_400 }, (_, i) => `c${i}`));
    const { storeId } = opened.value;
    expect(await call('entryDetails', { storeId, index: 3 })).toMatchObject({ ok: true, value: { alias: 'c3', chain: [{}] } });
    const renamed = (await call('renameEntry', { storeId, index: 0, alias: 'first', password: 'changeit' })) as { ok: boolean; value: { store: { entries: { alias: string }[] } } };
    expect(renamed.ok).toBe(true);
    expect(renamed.value.store.entries).toHaveLength(1_400);
    expect(renamed.value.store.entries[0]!.alias).toBe('first');
  }, 60_000);
});
