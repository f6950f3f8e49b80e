// Seeded, bounded mutation fuzzing of the JKS / JCEKS reader and writer: thousands of damaged copies of
// the keytool fixtures (bit flips, truncation, huge length fields, inserted and deleted bytes). The only
// acceptable outcomes are success or a typed TrustLensError with a one-line message.
import { expect, test } from 'vitest';
import { TrustLensError } from '../../../../shared/errors';
import { decodeJks, encodeJks } from '../../../../shared/formats/jks/jks';
import type { JksEntryRaw } from '../../../../shared/formats/jks/jks';
import { nodeCrypto } from '../../../support/crypto';
import { seededRandom } from '../../../support/mutations';
import { PASSWORD, fixture } from './jks-fixtures';

const crypto = nodeCrypto;

const HUGE = [0x7fffffff, 0xffffffff, 0x80000000, 0x0000ffff, 0x00010000, 0];

interface Field {
  readonly offset: number;
  readonly size: 2 | 4 | 8;
}

/** Where the fixture's numeric fields are (version, count, tags, lengths, counts, timestamps), walked per the layout. */
function fieldsOf(source: Uint8Array): Field[] {
  const view = new DataView(source.buffer, source.byteOffset, source.byteLength);
  const fields: Field[] = [
    { offset: 4, size: 4 },
    { offset: 8, size: 4 },
  ];
  let start = 12;
  for (const entry of decodeJks(source, { crypto }).entries) {
    const raw = (entry.raw as JksEntryRaw).bytes;
    const tag = view.getUint32(start);
    fields.push({ offset: start, size: 4 }, { offset: start + 4, size: 2 });
    let p = start + 6 + view.getUint16(start + 4);
    fields.push({ offset: p, size: 8 });
    p += 8;
    const certificates = (count: number) => {
      for (let i = 0; i < count; i++) {
        fields.push({ offset: p, size: 2 });
        p += 2 + view.getUint16(p);
        fields.push({ offset: p, size: 4 });
        p += 4 + view.getUint32(p);
      }
    };
    if (tag === 1) {
      fields.push({ offset: p, size: 4 });
      p += 4 + view.getUint32(p);
      fields.push({ offset: p, size: 4 });
      p += 4;
      certificates(view.getUint32(p - 4));
    } else if (tag === 2) {
      certificates(1);
    }
    start += raw.length;
  }
  return fields;
}

function setField(bytes: Uint8Array, field: Field, value: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (field.size === 2) view.setUint16(field.offset, value & 0xffff);
  else if (field.size === 4) view.setUint32(field.offset, value >>> 0);
  else view.setBigUint64(field.offset, BigInt(value >>> 0) << 32n);
}

function mutate(source: Uint8Array, fields: readonly Field[], next: () => number): { bytes: Uint8Array; how: string } {
  const pick = (n: number) => Math.floor(next() * n);
  const bytes = source.slice();
  const kind = pick(6);
  if (kind === 0) {
    const flips = 1 + pick(4);
    for (let i = 0; i < flips; i++) bytes[pick(bytes.length)]! ^= 1 << pick(8);
    return { bytes, how: `flip ${flips} bits` };
  }
  if (kind === 1) {
    const length = pick(bytes.length);
    return { bytes: bytes.subarray(0, length), how: `truncate to ${length}` };
  }
  if (kind === 2) {
    const offset = pick(bytes.length - 3);
    const value = HUGE[pick(HUGE.length)]!;
    new DataView(bytes.buffer).setUint32(offset, value);
    return { bytes, how: `u32 0x${value.toString(16)} at ${offset}` };
  }
  if (kind === 3) {
    // A real length, count or tag field: huge, zero, or off by one.
    const field = fields[pick(fields.length)]!;
    const view = new DataView(bytes.buffer);
    const current = field.size === 2 ? view.getUint16(field.offset) : view.getUint32(field.offset);
    const value = pick(2) ? HUGE[pick(HUGE.length)]! : current + (pick(2) ? 1 : -1);
    setField(bytes, field, value);
    return { bytes, how: `field at ${field.offset} (${field.size} bytes) set to ${value}` };
  }
  if (kind === 4) {
    const offset = pick(bytes.length);
    const count = 1 + pick(16);
    const out = new Uint8Array(bytes.length + count);
    out.set(bytes.subarray(0, offset));
    for (let i = 0; i < count; i++) out[offset + i] = pick(256);
    out.set(bytes.subarray(offset), offset + count);
    return { bytes: out, how: `insert ${count} at ${offset}` };
  }
  const offset = pick(bytes.length);
  const count = 1 + pick(16);
  return { bytes: Uint8Array.from([...bytes.subarray(0, offset), ...bytes.subarray(offset + count)]), how: `delete ${count} at ${offset}` };
}

/** Run one step; anything but success or a one-line TrustLensError is a finding. */
function outcome(step: () => unknown): string | undefined {
  try {
    step();
    return undefined;
  } catch (error) {
    if (error instanceof TrustLensError && !/[\r\n]/.test(error.message)) return undefined;
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

test.each([
  ['trust-only.jks', 2000],
  ['secrets.jceks', 600],
  ['keys.jks', 400],
])('%s: %i mutated copies give success or a typed error', (file, copies) => {
  const source = fixture(file);
  const fields = fieldsOf(source);
  const next = seededRandom(0x5eed + file.length);
  const findings: string[] = [];
  let decoded = 0;
  for (let i = 0; i < copies; i++) {
    const { bytes, how } = mutate(source, fields, next);
    const finding =
      outcome(() => {
        const store = decodeJks(bytes, { crypto });
        decoded++;
        // What decodes must re-encode: the same bytes, or a refusal (the digest no longer matches).
        const encoded = encodeJks(store, {}, PASSWORD, crypto);
        expect(Buffer.from(encoded).equals(Buffer.from(bytes.subarray(0, encoded.length)))).toBe(true);
      }) ?? outcome(() => decodeJks(bytes, { password: PASSWORD, crypto }));
    if (finding) findings.push(`copy ${i} (${how}): ${finding}`);
  }
  expect(findings).toEqual([]);
  // The mutations must not all be rejected up front, or the entry parsers would go untested.
  expect(decoded).toBeGreaterThan(copies / 10);
});
