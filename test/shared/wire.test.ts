// The browser-mode wire formats. Text (events): bytes travel as {"$bytes": base64}; encodeWire/decodeWire
// walk the value instead of using a JSON replacer/reviver (for speed), and the text and the values must be
// what the replacer/reviver form gave, which is written out here as the reference. Frames (calls and
// answers): JSON with {"$blob": [offset, length]} references, then the bytes as they are; decodeFrame
// gives views of the frame and refuses anything malformed.
import { describe, expect, test } from 'vitest';
import { decodeFrame, decodeWire, encodeFrame, encodeWire, MalformedFrameError } from '../../shared/wire';

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

/** The parts of encodeFrame as one buffer, as the other side receives them. */
const joined = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** A frame written by hand: the header, `json` as the JSON part, then `binary`. */
function handFrame(json: string, binary: Uint8Array = new Uint8Array(0), magic = 'TLW1'): Uint8Array {
  const text = Buffer.from(json, 'utf8');
  const header = Buffer.alloc(8);
  header.write(magic, 0, 'latin1');
  header.writeUInt32BE(text.length, 4);
  return new Uint8Array(Buffer.concat([header, text, binary]));
}

/** The JSON part of a frame, as text. */
const jsonPart = (frame: Uint8Array) => Buffer.from(frame.subarray(8, 8 + Buffer.from(frame).readUInt32BE(4))).toString('utf8');

describe('frame encoding', () => {
  const backing = bytes(1_000);
  const offsetView = backing.subarray(123, 456); // byteOffset 123 into a larger buffer
  const value = {
    name: 'Zertifikatsspeicher – größer.jks ✓ 证书 🔐',
    bytes: bytes(8_192),
    nothing: new Uint8Array(0),
    view: offsetView,
    when: new Date(Date.UTC(2026, 4, 6, 7, 8, 9)),
    list: [bytes(1), new Uint8Array(0), { deep: [offsetView.subarray(10, 20), 'ünïcødé'] }, null, true, 1.5],
    nested: { empty: {}, none: [] as unknown[], gone: undefined },
  };

  test('nested values with several byte arrays come back equal, dates as their ISO strings', () => {
    const back = decodeFrame(joined(encodeFrame(value)));
    expect(back).toEqual({
      ...value,
      when: '2026-05-06T07:08:09.000Z',
      nested: { empty: {}, none: [] },
    });
    const typed = back as typeof value;
    for (const b of [typed.bytes, typed.nothing, typed.view, typed.list[0], typed.list[1]]) expect(Object.getPrototypeOf(b)).toBe(Uint8Array.prototype);
    expect(Buffer.from(typed.view).equals(Buffer.from(backing.subarray(123, 456)))).toBe(true);
    expect(Buffer.from((typed.list[2] as { deep: Uint8Array[] }).deep[0]!).equals(Buffer.from(backing.subarray(133, 143)))).toBe(true);
    expect(typed.nothing.length).toBe(0);
  });

  test('decoding gives views of the frame, not copies, and plain Uint8Arrays even from a Node Buffer', () => {
    const frame = Buffer.concat(encodeFrame({ file: bytes(64) }));
    const back = decodeFrame(frame) as { file: Uint8Array };
    expect(Object.getPrototypeOf(back.file)).toBe(Uint8Array.prototype);
    expect(back.file.buffer).toBe(frame.buffer);
    frame[frame.length - 1] = 0xee;
    expect(back.file[63]).toBe(0xee);
  });

  test('the parts are the header, the JSON and the caller\'s own byte arrays (not copied; empty ones left out)', () => {
    const file = bytes(10_000);
    const parts = encodeFrame({ file, empty: new Uint8Array(0), again: file });
    expect(parts).toHaveLength(3);
    expect(Buffer.from(parts[0]!).subarray(0, 4).toString('latin1')).toBe('TLW1');
    expect(Buffer.from(parts[0]!).readUInt32BE(4)).toBe(parts[1]!.length);
    expect(parts[2]).toBe(file);
    // The same array twice is sent once, and both places refer to it.
    expect(JSON.parse(Buffer.from(parts[1]!).toString('utf8'))).toEqual({ file: { $blob: [0, 10_000] }, empty: { $blob: [10_000, 0] }, again: { $blob: [0, 10_000] } });
  });

  test('the JSON part never holds the bytes, as base64 or otherwise', () => {
    const file = bytes(30_000);
    const frame = joined(encodeFrame({ name: 'x.jks', file, list: [file.subarray(5, 500)] }));
    const json = jsonPart(frame);
    expect(json.length).toBeLessThan(200);
    expect(json).not.toContain('$bytes');
    expect(json).not.toContain(Buffer.from(file.subarray(0, 48)).toString('base64'));
    expect(json).not.toContain(Buffer.from(file.subarray(5, 53)).toString('base64'));
    expect(frame.length).toBe(8 + Buffer.byteLength(json) + 30_000 + 495);
  });

  test('keys of the value that read like a reference are kept apart from references, and come back as they were', () => {
    const tricky = { $blob: [0, 4], $$blob: 'two', $$$blob: { $blob: 1 }, blob: 3, $bytes: 'AAEC', list: [{ $blob: [0, 1], also: bytes(4) }] };
    const frame = joined(encodeFrame(tricky));
    expect(decodeFrame(frame)).toEqual(tricky);
    // Keys that are not escaped are not renamed.
    expect(decodeFrame(handFrame('{"$x":1,"$blobs":2,"blob$":3}'))).toEqual({ $x: 1, $blobs: 2, blob$: 3 });
  });

  test('toJSON, undefined and cycles as in the text form', () => {
    expect(decodeFrame(joined(encodeFrame({ buffer: Buffer.from([1, 2, 3]) })))).toEqual({ buffer: { type: 'Buffer', data: [1, 2, 3] } });
    expect(decodeFrame(joined(encodeFrame([undefined, 1])))).toEqual([null, 1]);
    expect(decodeFrame(joined(encodeFrame(undefined)))).toBeNull();
    expect(decodeFrame(joined(encodeFrame(bytes(3))))).toEqual(bytes(3));
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => encodeFrame(cyclic)).toThrow(TypeError);
  });

  test('a "__proto__" key stays a key', () => {
    const back = decodeFrame(handFrame('{"__proto__":{"polluted":true},"$$blob":1,"b":{"$blob":[0,2]}}', bytes(2))) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(['__proto__', '$blob', 'b']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  const good = joined(encodeFrame({ name: 'a', file: bytes(16) }));
  const malformed: [string, Uint8Array, RegExp][] = [
    ['an empty body', new Uint8Array(0), /shorter than the 8-byte header/],
    ['a cut header', good.subarray(0, 7), /shorter than the 8-byte header/],
    ['bad magic', handFrame('{}', undefined, 'TLW2'), /does not start with "TLW1"/],
    ['JSON text instead of a frame', new Uint8Array(Buffer.from('{"name":"a","bytes":{"$bytes":"AAEC"}}')), /does not start with "TLW1"/],
    ['a JSON part cut short', good.subarray(0, 12), /JSON part of \d+ bytes runs past its end/],
    ['a JSON length past the end', (() => { const f = handFrame('{}'); Buffer.from(f.buffer).writeUInt32BE(0xffffffff, 4); return f; })(), /runs past its end/],
    ['the binary section cut short', good.subarray(0, good.length - 1), /runs past the 15-byte binary section/],
    ['an empty JSON part', handFrame(''), /not JSON/],
    ['a JSON part that is not JSON', handFrame('{"a":'), /not JSON/],
    ['a JSON part that is not UTF-8', handFrame('"\xff"').map((b, i, all) => (i === all.length - 2 ? 0xff : b)), /not UTF-8/],
    ['a blob past the binary section', handFrame('{"f":{"$blob":[2,3]}}', bytes(4)), /runs past the 4-byte binary section/],
    ['a blob with a negative offset', handFrame('{"f":{"$blob":[-1,2]}}', bytes(4)), /whole number/],
    ['a blob with a fractional length', handFrame('{"f":{"$blob":[0,1.5]}}', bytes(4)), /whole number/],
    ['a blob with a huge length', handFrame('{"f":{"$blob":[0,1e300]}}', bytes(4)), /whole number/],
    ['a blob with string numbers', handFrame('{"f":{"$blob":["0","2"]}}', bytes(4)), /whole number/],
    ['a blob that is not a pair', handFrame('{"f":{"$blob":[0,1,2]}}', bytes(4)), /not an \[offset, length\] pair/],
    ['a blob that is a number', handFrame('{"f":{"$blob":3}}', bytes(4)), /not an \[offset, length\] pair/],
    ['a blob that is null', handFrame('[{"$blob":null}]', bytes(4)), /not an \[offset, length\] pair/],
    ['a blob with company', handFrame('{"f":{"$blob":[0,1],"name":"x"}}', bytes(4)), /has other keys too/],
    ['a blob at the top, out of range', handFrame('{"$blob":[0,1]}'), /runs past the 0-byte binary section/],
  ];

  test.each(malformed)('refuses %s', (_label, frame, reason) => {
    expect(() => decodeFrame(frame)).toThrow(MalformedFrameError);
    expect(() => decodeFrame(frame)).toThrow(reason);
  });

  test('a blob may end exactly at the end of the frame, or be empty at its end', () => {
    expect(decodeFrame(handFrame('[{"$blob":[0,4]},{"$blob":[4,0]}]', bytes(4)))).toEqual([bytes(4), new Uint8Array(0)]);
  });
});
