// JSON for the browser-mode transport that keeps bytes as bytes: a Uint8Array travels as
// {"$bytes": "<base64>"} and comes back out as a Uint8Array on the other side.
// The bytes are swapped in and out by a walk of the value, not by a JSON.stringify replacer or a
// JSON.parse reviver: those are called once per value, which for a 10,000-entry store view was most of
// the cost of sending it. The text is the same either way.

const TAG = '$bytes';

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

/**
 * `value` with every Uint8Array replaced by its tagged form, as JSON.stringify would meet them (toJSON
 * first, so a Date becomes its string and a Node Buffer its {type, data} form, as before). Containers
 * without bytes are returned as they are, not copied. `ancestors` catches cycles, which JSON.stringify
 * then reports as it always did.
 */
function withTaggedBytes(value: unknown, key: string, ancestors: Set<object>): unknown {
  let current = value;
  if (isPlainContainer(current) && typeof (current as { toJSON?: unknown }).toJSON === 'function') {
    current = (current as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  if (current instanceof Uint8Array) return { [TAG]: toBase64(current) };
  if (!isPlainContainer(current) || ancestors.has(current)) return current;
  ancestors.add(current);
  let copy: unknown = null;
  if (Array.isArray(current)) {
    const list = current as unknown[];
    list.forEach((item, index) => {
      const replaced = withTaggedBytes(item, String(index), ancestors);
      if (replaced !== item) ((copy ??= list.slice()) as unknown[])[index] = replaced;
    });
  } else {
    const record = current;
    for (const [name, item] of Object.entries(record)) {
      const replaced = withTaggedBytes(item, name, ancestors);
      if (replaced !== item) ((copy ??= { ...record }) as Record<string, unknown>)[name] = replaced;
    }
  }
  ancestors.delete(current);
  return copy ?? current;
}

export function encodeWire(value: unknown): string {
  return JSON.stringify(withTaggedBytes(value, '', new Set()));
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
  if (keys.length === 1 && keys[0] === TAG && typeof value[TAG] === 'string') return fromBase64(value[TAG]);
  for (const key of keys) {
    const item = untagBytes(value[key]);
    if (item !== value[key]) value[key] = item;
  }
  return value;
}

export function decodeWire(text: string): unknown {
  return untagBytes(JSON.parse(text));
}
