// The browser-mode wire format: bytes travel as {"$bytes": base64}. encodeWire/decodeWire walk the value
// instead of using a JSON replacer/reviver (for speed); the text and the values must be what the
// replacer/reviver form gave, which is written out here as the reference.
import { describe, expect, test } from 'vitest';
import { decodeWire, encodeWire } from '../../shared/wire';

function referenceEncode(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { $bytes: Buffer.from(v).toString('base64') } : v));
}

function referenceDecode(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const tagged = (v as Record<string, unknown>).$bytes;
      if (keys.length === 1 && typeof tagged === 'string') return new Uint8Array(Buffer.from(tagged, 'base64'));
    }
    return v;
  });
}

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);

const values: [string, unknown][] = [
  ['plain data', { a: 1, b: 'two', c: [true, null, 3.5], d: { e: [] } }],
  ['bytes at the top', bytes(5)],
  ['bytes in objects and arrays', { name: 'x.jks', bytes: bytes(20_000), list: [bytes(0), { deep: [bytes(3)] }] }],
  ['a Date and undefined', { when: new Date(Date.UTC(2026, 0, 2)), gone: undefined, list: [undefined, 1] }],
  ['a Node Buffer keeps its own JSON form', { buffer: Buffer.from([1, 2, 3]) }],
  ['a look-alike with a second key stays an object', { $bytes: 'AAEC', other: 1 }],
  ['a tag that is not a string stays', { $bytes: 5 }],
  ['strings that look like tags', ['$bytes', '{"$bytes":"AA=="}']],
];

describe('wire encoding', () => {
  test.each(values)('%s: same text as the replacer form, and back', (_label, value) => {
    const text = encodeWire(value);
    expect(text).toBe(referenceEncode(value));
    expect(decodeWire(text)).toEqual(referenceDecode(text));
  });

  test('bytes come back as Uint8Array with the same contents', () => {
    const sent = { file: bytes(100_001) };
    const back = decodeWire(encodeWire(sent)) as { file: Uint8Array };
    expect(back.file).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(back.file).equals(Buffer.from(sent.file))).toBe(true);
  });

  test('values without bytes are not copied, and are not changed', () => {
    const value = { entries: [{ alias: 'a' }] };
    const before = JSON.stringify(value);
    encodeWire(value);
    expect(JSON.stringify(value)).toBe(before);
  });

  test('a cycle is refused as JSON.stringify refuses it', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => encodeWire(cyclic)).toThrow(TypeError);
  });
});
