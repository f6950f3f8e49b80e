// The contract every extension decoder meets, and the small helpers they share. A decoder turns the
// extension's value (the DER inside extnValue) into a one-line summary and detail rows; it may throw on
// malformed input, and the registry then shows "could not decode" with the hex for that one extension.
import type { DetailRow } from '../../model/details';
import { colonHex, toHex } from '../hex';

export interface DecodedExtension {
  /** One line for the extension's own row, e.g. "CA: true, path length 0". */
  readonly summary: string;
  readonly rows: readonly DetailRow[];
}

export interface ExtensionDecoder {
  readonly oid: string;
  readonly name: string;
  decode(value: Uint8Array): DecodedExtension;
}

export function bytesOf(buffer: ArrayBuffer | ArrayBufferView): Uint8Array {
  return buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** "AB:CD:…" for key identifiers, serials and unknown values. */
export function colonHexOf(buffer: ArrayBuffer | ArrayBufferView): string {
  return colonHex(toHex(bytesOf(buffer)));
}

/** A positive INTEGER (a serial number) as colon hex without DER's leading zero byte, as OpenSSL prints it. */
export function serialColonHex(buffer: ArrayBuffer | ArrayBufferView): string {
  const bytes = bytesOf(buffer);
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return colonHex(toHex(bytes.subarray(start)));
}

export function row(label: string, value: string, extra: Omit<DetailRow, 'label' | 'value'> = {}): DetailRow {
  return { label, value, ...extra };
}

/** A value people copy (URLs, identifiers): monospace with a copy button. */
export function copyRow(label: string, value: string, children?: readonly DetailRow[]): DetailRow {
  return { label, value, copyable: true, mono: true, ...(children && children.length ? { children } : {}) };
}

/** Is bit `index` (0 = the first, most significant bit) of a BIT STRING's bytes set? */
export function bitSet(bits: Uint8Array, index: number): boolean {
  const octet = bits[index >> 3];
  return octet !== undefined && ((octet >> (7 - (index & 7))) & 1) === 1;
}

/** A small non-negative INTEGER (path lengths, skip counts) as decimal; huge ones as hex. */
export function integerText(buffer: ArrayBuffer | ArrayBufferView): string {
  const bytes = bytesOf(buffer);
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  if (bytes.length - start > 6 || (bytes[0] ?? 0) & 0x80) return `0x${toHex(bytes)}`;
  let n = 0;
  for (let i = start; i < bytes.length; i++) n = n * 256 + bytes[i]!;
  return String(n);
}

/** Summaries stay one line: list the first few values and count the rest. */
export function listSummary(values: readonly string[], max = 4): string {
  if (values.length === 0) return 'none';
  if (values.length <= max) return values.join(', ');
  return `${values.slice(0, max).join(', ')} and ${values.length - max} more`;
}
