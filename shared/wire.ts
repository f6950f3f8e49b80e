// Browser mode's wire formats: how values with bytes in them cross between the page and `trustlens web`.
//
// Calls and their answers (POST /api/<channel>, both ways) travel as a frame, so a dropped keystore or an
// exported file crosses as its own bytes rather than as base64 inside JSON (a third larger, and encoded
// and decoded on each side):
//
//   offset 0     4 bytes   magic: "TLW1" in ASCII
//          4     4 bytes   N: the length in bytes of the JSON part, unsigned, big-endian
//          8     N bytes   the JSON part (UTF-8): the value, each Uint8Array in it replaced by
//                          {"$blob":[offset,length]}, the offset counting from the start of the binary section
//          8+N   the rest  the binary section: the blobs, one after the other
//
// An object whose own key is "$blob" is always such a reference: a key of the value itself spelled "$blob"
// (or "$$blob", "$$$blob", …) is sent with one more "$" and loses it on arrival. decodeFrame is strict:
// anything that is not exactly such a frame is refused with a MalformedFrameError (the server answers 400).
// The bytes it gives back are Uint8Array views of the frame (never copies, never Node Buffers).
//
// Events (the WebSocket) carry no bytes and stay text: encodeWire/decodeWire, JSON in which a Uint8Array
// travels as {"$bytes": "<base64>"}.
//
// Both swap the bytes in and out by a walk of the value, not by a JSON.stringify replacer or a JSON.parse
// reviver: those are called once per value, which for a 10,000-entry store view was most of the cost of
// sending it. The text is the same either way.

export const FRAME_CONTENT_TYPE = 'application/vnd.trustlens.frame';

const BYTES_TAG = '$bytes';
const BLOB_TAG = '$blob';
const MAGIC = [0x54, 0x4c, 0x57, 0x31]; // "TLW1"
const HEADER_LENGTH = 8;
const DOLLAR = 0x24;
/** Keys of the value itself that would read as a reference ("$blob") or as an escaped key ("$$blob"…). */
const BLOB_LIKE_KEY = /^\$+blob$/;
const ESCAPED_KEY = /^\$\$+blob$/;

/** A frame that decodeFrame refuses: the message says what is wrong with it. */
export class MalformedFrameError extends Error {
  constructor(reason: string) {
    super(`Not a TrustLens frame: ${reason}.`);
    this.name = 'MalformedFrameError';
  }
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // `apply` takes the typed array as it is; spreading it would iterate it, several times slower.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

const isPlainContainer = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

interface Tagging {
  /** The stand-in for one Uint8Array in the JSON. */
  readonly tag: (bytes: Uint8Array) => unknown;
  /** Whether keys spelled like the tag get one more "$" (the frame); the text form sends keys as they are. */
  readonly escapeKeys: boolean;
  /** The stand-in for a property whose JSON is already made (the frame only; see withPreEncoded). */
  readonly splice?: (json: Uint8Array) => unknown;
}

/** On an object made by withPreEncoded: which of its properties has its JSON made already, and that JSON. */
const PRE_ENCODED = Symbol('trustlens.preEncoded');
interface PreEncoded {
  readonly key: string;
  readonly json: Uint8Array;
}

/**
 * `record` with `key` added as a property whose frame JSON (UTF-8, as frameJson makes it) is `json`,
 * made elsewhere (the decoding worker makes a 20,000-row listing's): encodeFrame writes those bytes as
 * they are, without parsing or encoding anything; everything else (a structured clone for Electron's
 * IPC, the text form, the code that reads it) gets the value by reading the property, which parses
 * `json` on first use and keeps the result. The value must not change afterwards.
 */
export function withPreEncoded<T extends object, K extends string>(record: T, key: K, json: Uint8Array): T & { readonly [P in K]: unknown } {
  let parsed: { value: unknown } | null = null;
  Object.defineProperty(record, key, {
    enumerable: true,
    get: () => (parsed ??= { value: JSON.parse(utf8Decoder.decode(json)) as unknown }).value,
  });
  Object.defineProperty(record, PRE_ENCODED, { value: { key, json } satisfies PreEncoded });
  return record as T & { readonly [P in K]: unknown };
}

/** `value`'s JSON as a frame carries it (UTF-8), for withPreEncoded; a value with bytes in it has none. */
export function frameJson(value: unknown): Uint8Array {
  const tag = (): never => {
    throw new TypeError('frameJson: the value holds bytes, which a frame carries outside its JSON');
  };
  return utf8Encoder.encode(JSON.stringify(withTaggedBytes(value, '', new Set(), { tag, escapeKeys: true })) ?? 'null');
}

const isBlobLikeKey = (name: string): boolean => name.charCodeAt(0) === DOLLAR && BLOB_LIKE_KEY.test(name);

/**
 * `value` with every Uint8Array replaced by `tagging.tag` of it, as JSON.stringify would meet them (toJSON
 * first, so a Date becomes its string and a Node Buffer its {type, data} form, as before). Containers
 * without bytes are returned as they are, not copied. `ancestors` catches cycles, which JSON.stringify
 * then reports as it always did.
 */
function withTaggedBytes(value: unknown, key: string | number, ancestors: Set<object>, tagging: Tagging): unknown {
  let current = value;
  if (isPlainContainer(current) && typeof (current as { toJSON?: unknown }).toJSON === 'function') {
    current = (current as { toJSON: (key: string) => unknown }).toJSON(String(key));
  }
  if (current instanceof Uint8Array) return tagging.tag(current);
  if (!isPlainContainer(current) || ancestors.has(current)) return current;
  ancestors.add(current);
  let copy: unknown = null;
  // Plain loops, and no call for a primitive (most values): a 10,000-entry listing is 150,000 of them.
  if (Array.isArray(current)) {
    const list = current as unknown[];
    for (let index = 0; index < list.length; index++) {
      const item = list[index];
      if (!isPlainContainer(item)) continue;
      const replaced = withTaggedBytes(item, index, ancestors, tagging);
      if (replaced !== item) ((copy ??= list.slice()) as unknown[])[index] = replaced;
    }
  } else {
    const record = current;
    const made = tagging.splice ? ((record as { [PRE_ENCODED]?: PreEncoded })[PRE_ENCODED] ?? null) : null;
    let escape = false;
    for (const name of Object.keys(record)) {
      if (tagging.escapeKeys && isBlobLikeKey(name)) escape = true;
      if (made?.key === name) {
        // Not read: reading it would parse what is only to be copied.
        copy ??= Object.fromEntries(Object.keys(record).filter((other) => other !== name).map((other) => [other, record[other]]));
        (copy as Record<string, unknown>)[name] = tagging.splice!(made.json);
        continue;
      }
      const item = record[name];
      if (!isPlainContainer(item)) continue;
      const replaced = withTaggedBytes(item, name, ancestors, tagging);
      if (replaced !== item) ((copy ??= { ...record }) as Record<string, unknown>)[name] = replaced;
    }
    if (escape) {
      // Object.fromEntries defines its keys, so even a "__proto__" key stays a key.
      copy = Object.fromEntries(Object.entries((copy ?? record) as Record<string, unknown>).map(([name, item]) => [isBlobLikeKey(name) ? `$${name}` : name, item]));
    }
  }
  ancestors.delete(current);
  return copy ?? current;
}

export function encodeWire(value: unknown): string {
  return JSON.stringify(withTaggedBytes(value, '', new Set(), { tag: (bytes) => ({ [BYTES_TAG]: toBase64(bytes) }), escapeKeys: false }));
}

/** Parsed JSON with every {"$bytes": "…"} object (that key alone, a string) turned back into bytes, in place. */
function untagBytes(value: unknown): unknown {
  if (!isPlainContainer(value)) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = untagBytes(value[i]);
      if (item !== value[i]) value[i] = item;
    }
    return value;
  }
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === BYTES_TAG && typeof value[BYTES_TAG] === 'string') return fromBase64(value[BYTES_TAG]);
  for (const key of keys) {
    const item = untagBytes(value[key]);
    if (item !== value[key]) value[key] = item;
  }
  return value;
}

export function decodeWire(text: string): unknown {
  return untagBytes(JSON.parse(text));
}

/**
 * `value` as a frame, in parts to be sent one after the other: the header, the JSON part, then each blob
 * as the caller gave it (not copied; empty ones left out). A browser makes a Blob of the parts, Node
 * writes them one by one. The same Uint8Array twice is sent once. A value JSON has no form for
 * (undefined, at the top) is sent as null.
 */
export function encodeFrame(value: unknown): Uint8Array[] {
  const blobs: Uint8Array[] = [];
  const references = new Map<Uint8Array, unknown>();
  let binaryLength = 0;
  const tag = (bytes: Uint8Array): unknown => {
    let reference = references.get(bytes);
    if (reference === undefined) {
      reference = { [BLOB_TAG]: [binaryLength, bytes.length] };
      references.set(bytes, reference);
      if (bytes.length > 0) blobs.push(bytes);
      binaryLength += bytes.length;
    }
    return reference;
  };
  // Pre-encoded JSON goes in as a string no value holds: a NUL, then a random nonce (JSON writes the NUL
  // as the six characters \u0000); the text is then cut where the JSON of those strings stands.
  const made: Uint8Array[] = [];
  let nonce = '';
  const splice = (json: Uint8Array): unknown => {
    nonce ||= `tl-pre-${[...crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, '0')).join('')}-`;
    made.push(json);
    return `\u0000${nonce}${made.length - 1}`;
  };
  const text = JSON.stringify(withTaggedBytes(value, '', new Set(), { tag, escapeKeys: true, splice })) ?? 'null';
  const json = made.length === 0 ? [utf8Encoder.encode(text)] : splicedJson(text, `"\\u0000${nonce}`, made);
  const jsonLength = json.reduce((sum, part) => sum + part.length, 0);
  if (jsonLength > 0xffffffff) throw new RangeError(`The JSON part of a frame is limited to 4 GiB; this one is ${jsonLength} bytes.`);
  const header = new Uint8Array(HEADER_LENGTH);
  header.set(MAGIC);
  new DataView(header.buffer).setUint32(4, jsonLength, false);
  return [header, ...json, ...blobs];
}

/** `text` with each `"<marker><n>"` in it replaced by the bytes `made[n]`: the JSON part, in pieces. */
function splicedJson(text: string, marker: string, made: readonly Uint8Array[]): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let from = 0;
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, from)) {
    const end = text.indexOf('"', at + marker.length);
    parts.push(utf8Encoder.encode(text.slice(from, at)), made[Number(text.slice(at + marker.length, end))]!);
    from = end + 1;
  }
  parts.push(utf8Encoder.encode(text.slice(from)));
  return parts;
}

/** `bytes` as a plain Uint8Array over the same memory: a Node Buffer's subarray would be a Buffer again. */
function plainView(bytes: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The bytes a {"$blob": [offset, length]} refers to, or an error if it is not exactly that. */
function resolveReference(record: Record<string, unknown>, binary: Uint8Array): Uint8Array {
  const range = record[BLOB_TAG];
  if (Object.keys(record).length !== 1) throw new MalformedFrameError(`an object with a "${BLOB_TAG}" key has other keys too`);
  if (!Array.isArray(range) || range.length !== 2) throw new MalformedFrameError(`a "${BLOB_TAG}" is not an [offset, length] pair`);
  const [offset, length] = range as unknown[];
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || (offset as number) < 0 || (length as number) < 0) {
    throw new MalformedFrameError(`a "${BLOB_TAG}" has an offset or length that is not a whole number of bytes`);
  }
  const start = offset as number;
  const end = start + (length as number);
  if (end > binary.length) throw new MalformedFrameError(`a "${BLOB_TAG}" [${start}, ${end - start}] runs past the ${binary.length}-byte binary section`);
  return binary.subarray(start, end);
}

/** Parsed JSON with every reference turned into its bytes and every escaped key given back, in place. */
function resolveBlobs(value: unknown, binary: Uint8Array): unknown {
  if (!isPlainContainer(value)) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const current: unknown = value[i];
      if (!isPlainContainer(current)) continue;
      const item = resolveBlobs(current, binary);
      if (item !== current) value[i] = item;
    }
    return value;
  }
  if (Object.hasOwn(value, BLOB_TAG)) return resolveReference(value, binary);
  let escaped = false;
  for (const key of Object.keys(value)) {
    if (key.charCodeAt(0) === DOLLAR && ESCAPED_KEY.test(key)) escaped = true;
    const current = value[key];
    if (!isPlainContainer(current)) continue;
    const item = resolveBlobs(current, binary);
    if (item !== current) value[key] = item;
  }
  if (!escaped) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [ESCAPED_KEY.test(key) ? key.slice(1) : key, item]));
}

/** The value a frame carries; its bytes are views of `bytes`, which must therefore stay as they are. */
export function decodeFrame(bytes: Uint8Array): unknown {
  const frame = plainView(bytes);
  if (frame.length < HEADER_LENGTH) throw new MalformedFrameError(`it is ${frame.length} bytes long, shorter than the ${HEADER_LENGTH}-byte header`);
  if (MAGIC.some((byte, i) => frame[i] !== byte)) throw new MalformedFrameError('it does not start with "TLW1"');
  const jsonLength = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(4, false);
  if (jsonLength > frame.length - HEADER_LENGTH) {
    throw new MalformedFrameError(`its JSON part of ${jsonLength} bytes runs past its end (${frame.length - HEADER_LENGTH} bytes follow the header)`);
  }
  let text: string;
  try {
    text = utf8Decoder.decode(frame.subarray(HEADER_LENGTH, HEADER_LENGTH + jsonLength));
  } catch {
    throw new MalformedFrameError('its JSON part is not UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new MalformedFrameError(`its JSON part is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  // Without "blob" in the text (and no \u escape that could spell it) there is no reference or escaped key
  // to resolve: a store listing of 10,000 rows, say, is used as parsed.
  if (!text.includes('blob') && !text.includes('\\u')) return parsed;
  return resolveBlobs(parsed, frame.subarray(HEADER_LENGTH + jsonLength));
}
