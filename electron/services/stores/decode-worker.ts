// The worker that decodes a big store off the server's event loop (decode-off-thread.ts starts it): it
// is handed the file's buffer (transferred, not copied), decodes it and builds the listing, and hands
// the buffer back with plain data (Dates, plain objects, Uint8Arrays that are views into that buffer, so
// they cross without a copy either); an error goes back as { name, code, message }.
import { parentPort, workerData } from 'node:worker_threads';
import { TrustLensError } from '../../../shared/errors';
import { storeListing } from '../../../shared/formats/view/store-listing';
import { nodeCrypto } from '../crypto/node-crypto';
import { decodeOrAsk } from './decode-or-ask';
import type { DecodeReply, WorkerJob } from './decode-off-thread';

const job = workerData as WorkerJob;
const bytes = new Uint8Array(job.buffer, job.offset, job.length);
let reply: DecodeReply;
try {
  const outcome = decodeOrAsk(job.file, bytes, job.password, nodeCrypto);
  reply = 'needs' in outcome ? { buffer: job.buffer, outcome } : { buffer: job.buffer, outcome: { ...outcome, listing: storeListing(job.file, outcome.decoded, nodeCrypto) } };
} catch (error) {
  reply =
    error instanceof TrustLensError
      ? { buffer: job.buffer, error: { name: error.name, code: error.code, message: error.message } }
      : { buffer: job.buffer, error: { name: 'Error', code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
}
parentPort?.postMessage(reply, [job.buffer]);
