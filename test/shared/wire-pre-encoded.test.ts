// Pre-encoded JSON in frames (shared/wire.ts withPreEncoded, frameJson): the decoding worker sends a big
// listing's rows as the JSON a frame carries, and encodeFrame writes those bytes as they are. The frame
// must decode to what the plain value gives; the bytes must be copied, not parsed and encoded again; a
// string that looks like the stand-in must come through as itself; everything else reading the value
// (the text form, a structured clone as Electron's IPC makes) gets the parsed rows.
import { describe, expect, test } from 'vitest';
import { decodeFrame, decodeWire, encodeFrame, encodeWire, frameJson, withPreEncoded } from '../../shared/wire';

const joined = (parts: Uint8Array[]) => Buffer.concat(parts.map((part) => Buffer.from(part.buffer, part.byteOffset, part.byteLength)));
const rows = Array.from({ length: 300 }, (_, i) => ({ alias: `entry ${i} ünï`, type: 'trustedCertificate', created: null, leaf: { sha256: i.toString(16).padStart(64, '0') } }));

describe('a property whose frame JSON is made already', () => {
  test('the frame decodes to what the plain value gives, with bytes beside it in their place', () => {
    const file = Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff);
    const listing = withPreEncoded({ file: 'big.pem', format: 'PEM' }, 'entries', frameJson(rows));
    const plain = { file: 'big.pem', format: 'PEM', entries: rows };
    const value = (store: unknown) => ({ ok: true, value: { kind: 'opened', store, also: [store], bytes: file } });
    const back = decodeFrame(joined(encodeFrame(value(listing))));
    expect(back).toEqual(decodeFrame(joined(encodeFrame(value(plain)))));
    expect((back as { value: { bytes: Uint8Array } }).value.bytes).toEqual(file);
  });

  test('its bytes are copied into the frame, not parsed (JSON that would not parse goes in as it is)', () => {
    const notParsed = new TextEncoder().encode('[1,2');
    const holder = withPreEncoded({ a: 1 }, 'rows', notParsed);
    const frame = joined(encodeFrame({ holder }));
    expect(frame.subarray(8).toString('utf8')).toBe('{"holder":{"a":1,"rows":[1,2}}');
    expect(() => holder.rows).toThrow(SyntaxError);
  });

  test('a string that reads like the stand-in is sent as itself', () => {
    const lookalike = `\u0000tl-pre-${'0'.repeat(32)}-0`;
    const value = { name: lookalike, store: withPreEncoded({ other: lookalike }, 'entries', frameJson(rows.slice(0, 2))) };
    expect(decodeFrame(joined(encodeFrame(value)))).toEqual({ name: lookalike, store: { other: lookalike, entries: rows.slice(0, 2) } });
  });

  test('everything else reads the parsed rows: the property, the text form, a structured clone', () => {
    const listing = withPreEncoded({ file: 'x' }, 'entries', frameJson(rows));
    expect(listing.entries).toEqual(rows);
    expect(listing.entries).toBe(listing.entries);
    expect(decodeWire(encodeWire(listing))).toEqual({ file: 'x', entries: rows });
    expect(structuredClone(listing)).toEqual({ file: 'x', entries: rows });
    expect({ ...listing, dirty: true }).toEqual({ file: 'x', entries: rows, dirty: true });
  });

  test('frameJson escapes keys as frames do and refuses bytes, which a frame carries outside its JSON', () => {
    const tricky = [{ $blob: 1, $$blob: 2 }];
    const holder = withPreEncoded({}, 'list', frameJson(tricky));
    expect(decodeFrame(joined(encodeFrame(holder)))).toEqual({ list: tricky });
    expect(() => frameJson({ der: new Uint8Array(3) })).toThrow(/holds bytes/);
  });
});
