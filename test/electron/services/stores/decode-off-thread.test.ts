// Decoding off the event loop (electron/services/stores/decode-off-thread.ts), with the worker built from
// its source by esbuild as scripts/build.mjs builds it: a keytool-made JKS and an openssl-made PEM bundle
// decode in the worker to what decoding here gives (listing, certificates, the writer's raw bytes); the
// event loop turns while they do (here it cannot: the decode is one synchronous call); a wrong password
// comes back as the question to ask again, with the bytes intact; a damaged file's error names it, with
// the same code as here; the rows cross as the JSON a frame carries and the certificates as views of one
// buffer; a worker that stops or throws gives a line naming the file; a PKCS#12 (asn1-schema instances,
// not cloneable) is decoded here.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeForSession, type DecodeJob } from '../../../../electron/services/stores/decode-off-thread';
import { nodeCrypto } from '../../../../electron/services/crypto/node-crypto';
import { scratchDir } from './import-peers';
import { decodeFrame, encodeFrame } from '../../../../shared/wire';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const dir = scratchDir('trustlens-decode-worker-');
const worker = path.join(dir, 'decode-worker.cjs');
const read = (...parts: string[]) => new Uint8Array(readFileSync(path.join(ROOT, 'test', 'fixtures', ...parts)));

beforeAll(async () => {
  await build({
    entryPoints: [path.join(ROOT, 'electron/services/stores/decode-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: worker,
    tsconfig: path.join(ROOT, 'tsconfig.node.json'),
    logLevel: 'warning',
  });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Decode `job` in the worker (every size), counting the event loop's turns meanwhile. */
async function offThread(job: DecodeJob) {
  let turns = 0;
  let turning = true;
  const turn = () => {
    turns++;
    if (turning) setImmediate(turn);
  };
  setImmediate(turn);
  try {
    const result = await decodeForSession(job, nodeCrypto, { worker, threshold: 0 });
    return { result, turns };
  } finally {
    turning = false;
  }
}

const here = (job: DecodeJob) => decodeForSession(job, nodeCrypto, { worker: null });

describe('decoding a store in a worker thread', () => {
  for (const [label, parts, password] of [
    ['a keytool-made JKS', ['jks', 'keys.jks'], 'changeit'],
    ['a JKS listed without its password', ['jks', 'trust-only.jks'], undefined],
    ['an openssl-made PEM bundle', ['pem', 'chain.pem'], undefined],
  ] as const) {
    it(`gives what decoding here gives: ${label}`, async () => {
      const original = read(...parts);
      const expected = await here({ file: parts.join('/'), bytes: original.slice(), password });
      const { result, turns } = await offThread({ file: parts.join('/'), bytes: original.slice(), password });
      expect(turns).toBeGreaterThan(0);
      if (!('decoded' in result) || !('decoded' in expected)) throw new Error('not decoded');
      expect(result.listing).toEqual(expected.listing);
      expect(result.decoded.entries.map((e) => e.certificates)).toEqual(expected.decoded.entries.map((e) => e.certificates));
      expect(result.decoded.entries.map((e) => e.raw)).toEqual(expected.decoded.entries.map((e) => e.raw));
      expect(result.decoded.raw).toEqual(expected.decoded.raw);
      expect(result.decoded.integrity).toBe(expected.decoded.integrity);
      expect(result.bytes).toEqual(original);
      // The rows cross as a frame's JSON, which an answer carries as it is: the page gets what it got.
      expect(decodeFrame(Buffer.concat(encodeFrame(result.listing)))).toEqual(JSON.parse(JSON.stringify(expected.listing)));
      // Every certificate is a view of the file's buffer or of the one buffer of the rest (no copies each).
      const buffers = new Set(result.decoded.entries.flatMap((e) => e.certificates.map((der) => der.buffer)));
      expect(buffers.size).toBeLessThanOrEqual(2);
    });
  }

  it('a wrong password is a question again, and the bytes come back to ask it with', async () => {
    const original = read('jks', 'keys.jks');
    const bytes = original.slice();
    const { result } = await offThread({ file: 'keys.jks', bytes, password: 'not-it' });
    expect(result).toMatchObject({ needs: 'wrong' });
    // The buffer went to the worker and came back: the caller's old view is empty, the returned one whole.
    expect(bytes.byteLength).toBe(0);
    expect(result.bytes).toEqual(original);
    const again = await offThread({ file: 'keys.jks', bytes: result.bytes, password: 'changeit' });
    expect('decoded' in again.result && again.result.decoded.integrity).toBe('verified');
  });

  it('a damaged file: the error names it, with the code decoding here gives', async () => {
    const cut = read('jks', 'keys.jks').slice(0, 700);
    const there = await offThread({ file: '/stores/cut.jks', bytes: cut.slice(), password: 'changeit' }).catch((error: unknown) => error);
    const local = await here({ file: '/stores/cut.jks', bytes: cut.slice(), password: 'changeit' }).catch((error: unknown) => error);
    expect(there).toBeInstanceOf(Error);
    expect((there as Error).message).toBe((local as Error).message);
    expect((there as Error).message).toContain('cut.jks');
    expect((there as { code?: string }).code).toBe((local as { code?: string }).code);
  });

  it('a PKCS#12 is decoded here: its asn1-schema instances would not survive the clone', async () => {
    const bytes = read('pkcs12', 'keytool-default.p12');
    const { result, turns } = await offThread({ file: 'keytool-default.p12', bytes, password: 'changeit' });
    expect('decoded' in result && result.decoded.format).toBe('PKCS12');
    expect(turns).toBe(0);
    expect(result.bytes).toBe(bytes);
  });

  it('a worker that stops or throws before answering: one line naming the file and what to do', async () => {
    // Real worker threads that end the way a crashed decoder does: exiting, or throwing outside the decode.
    const exits = path.join(dir, 'exits.cjs');
    const throws = path.join(dir, 'throws.cjs');
    writeFileSync(exits, 'process.exit(3);\n');
    writeFileSync(throws, 'throw new Error("broken bundle");\n');
    const job = () => ({ file: '/stores/big.jks', bytes: read('jks', 'keys.jks'), password: 'changeit' });
    const stopped = await decodeForSession(job(), nodeCrypto, { worker: exits, threshold: 0 }).then(() => null, (error: unknown) => error as Error);
    expect(stopped?.message).toBe('/stores/big.jks: the decoder stopped (exit 3) before it finished; nothing was opened. Try again; if it stops again, run `trustlens inspect` on the file with --debug and report what it prints.');
    const failed = await decodeForSession(job(), nodeCrypto, { worker: throws, threshold: 0 }).then(() => null, (error: unknown) => error as Error);
    expect(failed?.message).toMatch(/^\/stores\/big\.jks: decoding it failed \(broken bundle\); nothing was opened\. Try again;[^\n]*$/);
  });
});
