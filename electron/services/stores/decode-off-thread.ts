// Decoding a store for a session (the window's sessions in Electron and in `trustlens web`): a big file
// of a format whose decoded form is plain data (PEM, DER, JKS) is decoded in a worker thread, so that
// the process's event loop keeps answering other requests meanwhile (a 20,000-certificate bundle takes
// about half a second to decode and list); the worker's heap is capped, so a hostile file ends in a
// clean error, not in the server's death. The file's buffer is transferred to the worker and back (a
// 238 MB file copied each way would itself stop the loop for a good part of a second); while the
// worker has it, the caller's view of it is empty, so the caller uses the bytes this returns. Other
// formats (PKCS#12 keeps asn1-schema class instances in `raw`, which a structured clone cannot carry)
// and small files are decoded here, as is everything when the worker's file is not beside this bundle
// (tests that run the sources). The CLI never comes here: a command has no other request to answer.
// What comes back is shaped so that taking it costs the loop next to nothing (decode-worker.ts): the
// listing's rows as a frame's JSON, kept unparsed until read (shared/wire.ts withPreEncoded), and the
// decoded entries serialized over transferred buffers, deserialized when first read (decoded-transfer.ts).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CryptoProvider } from '../../../shared/crypto-provider';
import { CorruptInputError, TrustLensError, type ErrorCode } from '../../../shared/errors';
import { detectFormat } from '../../../shared/formats';
import type { DecodedStore } from '../../../shared/formats/codec';
import { storeListing } from '../../../shared/formats/view/store-listing';
import type { StoreListing } from '../../../shared/model/keystore';
import { withPreEncoded } from '../../../shared/wire';
import { decodeOrAsk } from './decode-or-ask';
import { storeFromTransfer, type TransferredStore } from './decoded-transfer';

export interface DecodeJob {
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly password: string | undefined;
}
/** What the worker gets: the whole buffer under the bytes (transferred) and where they are in it. */
export interface WorkerJob {
  readonly file: string;
  readonly buffer: ArrayBuffer;
  readonly offset: number;
  readonly length: number;
  readonly password: string | undefined;
}
type Needs = { readonly needs: 'required' | 'wrong'; readonly message: string };
type Decoded = { readonly decoded: DecodedStore; readonly listing: StoreListing };
/** The listing as the worker sends it: its facts, and its rows as a frame's JSON (decode-worker.ts). */
export interface WorkerListing {
  readonly facts: Omit<StoreListing, 'entries'>;
  readonly entriesJson: Uint8Array;
}
export type DecodeReply =
  | { readonly buffer: ArrayBuffer; readonly outcome: Needs }
  | { readonly buffer: ArrayBuffer; readonly packed: ArrayBuffer; readonly outcome: { readonly decoded: TransferredStore; readonly listing: WorkerListing } }
  | { readonly buffer: ArrayBuffer; readonly error: { readonly name: string; readonly code: ErrorCode; readonly message: string } };

/** The outcome, and the store's bytes (the same bytes; a new view when they went to the worker). */
export type SessionDecode = (Needs | Decoded) & { readonly bytes: Uint8Array };

/** Below this a worker's start (tens of milliseconds) costs more than decoding here. */
export const WORKER_THRESHOLD = 1024 * 1024;
const OFF_THREAD_FORMATS = new Set(['PEM', 'DER', 'JKS']);
/** The worker's old-space cap: far above any real store's listing, low enough to keep the process alive. */
const WORKER_HEAP_MB = 1536;
/** For tests only: a smaller cap, so that a test can make the worker run out of memory (MiB, 16 to 1536). */
const HEAP_ENV = 'TRUSTLENS_TEST_DECODE_HEAP_MB';

function workerHeapMb(): number {
  const asked = Number(process.env[HEAP_ENV]);
  return Number.isInteger(asked) && asked >= 16 && asked < WORKER_HEAP_MB ? asked : WORKER_HEAP_MB;
}
const WORKER_FILE = 'decode-worker.cjs';

function workerFile(): string | null {
  const file = path.join(__dirname, WORKER_FILE);
  return existsSync(file) ? file : null;
}

export interface DecodeOptions {
  /** The worker's script (default: decode-worker.cjs beside this bundle); null: decode here. */
  readonly worker?: string | null;
  readonly threshold?: number;
  /** The worker's old-space cap in MiB (default: 1536, or TRUSTLENS_TEST_DECODE_HEAP_MB when set). */
  readonly heapMb?: number;
}

export async function decodeForSession(job: DecodeJob, crypto: CryptoProvider, options: DecodeOptions = {}): Promise<SessionDecode> {
  const file = options.worker !== undefined ? options.worker : workerFile();
  const format = job.bytes.length >= (options.threshold ?? WORKER_THRESHOLD) ? detectFormat(job.bytes) : null;
  if (!file || !format || !OFF_THREAD_FORMATS.has(format) || job.bytes.buffer instanceof SharedArrayBuffer) return decodeHere(job, crypto);
  // Taken now: once the buffer is transferred, the caller's view says 0 for both.
  const { byteOffset: offset, byteLength: length } = job.bytes;
  let running: Promise<DecodeReply>;
  try {
    running = runWorker(file, { file: job.file, buffer: job.bytes.buffer, offset, length, password: job.password }, options.heapMb ?? workerHeapMb());
  } catch (error) {
    // A buffer Node will not hand over (its pool's, marked untransferable): DataCloneError, nothing moved.
    if (error instanceof Error && error.name === 'DataCloneError') return decodeHere(job, crypto);
    throw error;
  }
  const reply = await running;
  if ('error' in reply) throw rebuildError(reply.error);
  const bytes = new Uint8Array(reply.buffer, offset, length);
  if (!('packed' in reply)) return { ...reply.outcome, bytes };
  const { facts, entriesJson } = reply.outcome.listing;
  // The rows stay JSON until something here reads them; `trustlens web` sends that JSON as it is.
  const listing = withPreEncoded({ ...facts }, 'entries', entriesJson) as StoreListing;
  return { decoded: storeFromTransfer(reply.outcome.decoded, [reply.buffer, reply.packed]), listing, bytes };
}

function decodeHere(job: DecodeJob, crypto: CryptoProvider): SessionDecode {
  const outcome = decodeOrAsk(job.file, job.bytes, job.password, crypto);
  return 'needs' in outcome ? { ...outcome, bytes: job.bytes } : { ...outcome, listing: storeListing(job.file, outcome.decoded, crypto), bytes: job.bytes };
}

function runWorker(file: string, job: WorkerJob, heapMb: number): Promise<DecodeReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: job, transferList: [job.buffer], resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    worker.once('message', (reply: DecodeReply) => {
      settled = true;
      resolve(reply);
      void worker.terminate();
    });
    // Each a line that names the file and says what to do; the process, and its other requests, go on.
    worker.once('error', (error: Error & { code?: string }) =>
      fail(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new CorruptInputError(`${job.file}: decoding it needs more than ${heapMb} MiB of memory, far more than any real store; nothing was opened. Check that this is the store you meant.`)
          : new TrustLensError('INTERNAL', `${job.file}: decoding it failed (${error.message}); nothing was opened. Try again; if it fails again, run \`trustlens inspect\` on the file with --debug and report what it prints.`),
      ),
    );
    worker.once('exit', (code) =>
      fail(new TrustLensError('INTERNAL', `${job.file}: the decoder stopped (exit ${code}) before it finished; nothing was opened. Try again; if it stops again, run \`trustlens inspect\` on the file with --debug and report what it prints.`)),
    );
  });
}

/** The error the worker threw, as the same kind (its code drives the CLI's exit status and the UI). */
function rebuildError(error: { name: string; code: ErrorCode; message: string }): Error {
  if (error.code === 'INTERNAL') return new Error(error.message);
  const rebuilt = new TrustLensError(error.code, error.message);
  rebuilt.name = error.name;
  return rebuilt;
}
