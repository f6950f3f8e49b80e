// How a decoded store crosses from the decoding worker (decode-worker.ts) to the main process without
// stopping the main process's event loop: its facts (format, integrity, properties) as they are, and the
// rest (the entries, the writer's raw data) serialized by V8 in the worker, with every Uint8Array in it
// written as a reference (which buffer, offset, length) to one of the buffers that are transferred with
// it (the file's, and one holding every other byte string: packBytes). The main process deserializes the
// rest only when something reads `entries` or `raw` (an entry's details, an edit, a save), not when the
// store is opened: for 20,000 entries that is 20,000 objects and as many views, about 100 ms of the loop
// on a busy machine, which opening then does not pay.
import { DefaultDeserializer, DefaultSerializer } from 'node:v8';
import type { DecodedStore } from '../../../shared/formats/codec';

/** The decoded store as the worker sends it. */
export interface TransferredStore {
  readonly facts: Pick<DecodedStore, 'format' | 'integrity' | 'properties'>;
  /** Which of `entries` and `raw` the store has (a PEM bundle has no `raw`). */
  readonly keys: readonly ('entries' | 'raw')[];
  readonly rest: Uint8Array;
}

const REFERENCE = 0;
const COPY = 1;

class ReferencingSerializer extends DefaultSerializer {
  constructor(private readonly buffers: readonly ArrayBuffer[]) {
    super();
  }

  _writeHostObject(object: object): void {
    const at = object instanceof Uint8Array ? this.buffers.indexOf(object.buffer as ArrayBuffer) : -1;
    if (at < 0) {
      // Another kind of typed array (none of our codecs makes one): its bytes, as Node writes them.
      this.writeUint32(COPY);
      (DefaultSerializer.prototype as unknown as { _writeHostObject(o: object): void })._writeHostObject.call(this, object);
      return;
    }
    const view = object as Uint8Array;
    this.writeUint32(REFERENCE);
    this.writeUint32(at);
    this.writeDouble(view.byteOffset);
    this.writeDouble(view.byteLength);
  }
}

class ReferencingDeserializer extends DefaultDeserializer {
  constructor(
    bytes: Uint8Array,
    private readonly buffers: readonly ArrayBuffer[],
  ) {
    super(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  _readHostObject(): unknown {
    if (this.readUint32() === COPY) return (DefaultDeserializer.prototype as unknown as { _readHostObject(): unknown })._readHostObject.call(this);
    const buffer = this.buffers[this.readUint32()]!;
    const offset = this.readDouble();
    return new Uint8Array(buffer, offset, this.readDouble());
  }
}

/**
 * In the worker: `store` for the trip; every Uint8Array in it must be a view of one of `buffers` (the
 * others would be copied into the serialization), which go with it, in that order, transferred.
 */
export function storeForTransfer(store: DecodedStore, buffers: readonly ArrayBuffer[]): TransferredStore {
  const { format, integrity, properties, ...rest } = store;
  const serializer = new ReferencingSerializer(buffers);
  serializer.writeHeader();
  serializer.writeValue(rest);
  // A copy of its own (Node may hand out a pooled buffer, which cannot be transferred).
  return { facts: { format, integrity, properties }, keys: Object.keys(rest) as ('entries' | 'raw')[], rest: new Uint8Array(serializer.releaseBuffer()) };
}

/** In the main process: the store, whose `entries` and `raw` are deserialized on first use. */
export function storeFromTransfer(transferred: TransferredStore, buffers: readonly ArrayBuffer[]): DecodedStore {
  let rest: Record<string, unknown> | null = null;
  const read = (): Record<string, unknown> => {
    if (rest) return rest;
    const deserializer = new ReferencingDeserializer(transferred.rest, buffers);
    deserializer.readHeader();
    return (rest = deserializer.readValue() as Record<string, unknown>);
  };
  const store = { ...transferred.facts };
  for (const key of transferred.keys) Object.defineProperty(store, key, { enumerable: true, get: () => read()[key] });
  return store as DecodedStore;
}
