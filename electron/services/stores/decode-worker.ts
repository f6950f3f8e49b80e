// The worker that decodes a big store off the server's event loop (decode-off-thread.ts starts it): it
// is handed the file's buffer (transferred, not copied), decodes it and builds the listing, and hands
// back what the main process keeps so that taking it costs the event loop as little as can be:
// - the file's buffer, and one more buffer holding every other byte string of the decoded store (a PEM
//   bundle's DER certificates, say), both transferred: the Uint8Arrays of the decoded store are views of
//   those two, and its entries cross serialized, to be read on the main process when first needed
//   (decoded-transfer.ts);
// - the listing's rows as the JSON a frame carries (shared/wire.ts frameJson), in one transferred buffer:
//   `trustlens web` sends it to the page as it is, and the main process parses it only if it needs the
//   rows itself (an entry's details). A structured clone of 20,000 rows and encoding them again stopped
//   the server's loop for a third of a second.
// An error goes back as { name, code, message }.
import { parentPort, workerData } from 'node:worker_threads';
import { TrustLensError } from '../../../shared/errors';
import { storeListing } from '../../../shared/formats/view/store-listing';
import { frameJson } from '../../../shared/wire';
import { nodeCrypto } from '../crypto/node-crypto';
import { decodeOrAsk } from './decode-or-ask';
import { storeForTransfer } from './decoded-transfer';
import type { DecodeReply, WorkerJob } from './decode-off-thread';

const job = workerData as WorkerJob;
const bytes = new Uint8Array(job.buffer, job.offset, job.length);

/**
 * Every Uint8Array in `value` that is not a view of the file's buffer, copied into one new buffer and
 * replaced (in place: the worker made all of it) by a view of that copy; returns the new buffer.
 */
function packBytes(value: unknown): ArrayBuffer {
  const found: Array<{ holder: Record<string | number, unknown>; key: string | number; bytes: Uint8Array }> = [];
  const seen = new Set<object>();
  const walk = (holder: Record<string | number, unknown>, key: string | number): void => {
    const item = holder[key];
    if (item instanceof Uint8Array) {
      if (item.buffer !== job.buffer) found.push({ holder, key, bytes: item });
      return;
    }
    if (typeof item !== 'object' || item === null || item instanceof Date || seen.has(item)) return;
    seen.add(item);
    const record = item as Record<string | number, unknown>;
    if (Array.isArray(item)) for (let i = 0; i < item.length; i++) walk(record, i);
    else for (const name of Object.keys(record)) walk(record, name);
  };
  walk({ value }, 'value');
  const packed = new ArrayBuffer(found.reduce((sum, { bytes }) => sum + bytes.length, 0));
  let at = 0;
  for (const { holder, key, bytes } of found) {
    const view = new Uint8Array(packed, at, bytes.length);
    view.set(bytes);
    holder[key] = view;
    at += bytes.length;
  }
  return packed;
}

function decode(): { reply: DecodeReply; transfer: ArrayBuffer[] } {
  const outcome = decodeOrAsk(job.file, bytes, job.password, nodeCrypto);
  if ('needs' in outcome) return { reply: { buffer: job.buffer, outcome }, transfer: [job.buffer] };
  const { entries, ...facts } = storeListing(job.file, outcome.decoded, nodeCrypto);
  const entriesJson = frameJson(entries);
  const packed = packBytes(outcome.decoded);
  const decoded = storeForTransfer(outcome.decoded, [job.buffer, packed]);
  return {
    reply: { buffer: job.buffer, packed, outcome: { decoded, listing: { facts, entriesJson } } },
    transfer: [job.buffer, packed, entriesJson.buffer as ArrayBuffer, decoded.rest.buffer as ArrayBuffer],
  };
}

let answer: { reply: DecodeReply; transfer: ArrayBuffer[] };
try {
  answer = decode();
} catch (error) {
  const reported =
    error instanceof TrustLensError
      ? { name: error.name, code: error.code, message: error.message }
      : { name: 'Error', code: 'INTERNAL' as const, message: error instanceof Error ? error.message : String(error) };
  answer = { reply: { buffer: job.buffer, error: reported }, transfer: [job.buffer] };
}
parentPort?.postMessage(answer.reply, answer.transfer);
