// PEM text (RFC 7468): writing one block, and finding every block in a text that may carry notes
// before, between and after them, CRLF line ends or stray indentation. Base64 is coded here because
// shared/ has neither Buffer nor a DOM atob, and because we want to reject garbage, not skip it silently.
import { CorruptInputError, TruncatedInputError } from '../errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + '=';
  }
  return out;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c;

/**
 * Decode base64, ignoring whitespace anywhere. Padding is optional but, when present, only at the end.
 * Throws CorruptInputError naming the first offending character.
 */
export function fromBase64(text: string): Uint8Array {
  // The platform's decoder first (native, and a PEM bundle of 10,000 certificates is 10 MB of base64): it
  // accepts only what the reader below accepts, and decodes it the same; what it refuses goes to the
  // reader below, which says what is wrong.
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return decodeBase64(text);
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function decodeBase64(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let length = 0;
  let i = 0;
  // Whole groups of four alphabet characters (PEM lines are 64 of them), decoded at once; anything
  // else (whitespace inside a group, padding, a bad character) goes to the careful loop below from there.
  for (;;) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (i + 4 > text.length) break;
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = text.charCodeAt(i + 2);
    const c3 = text.charCodeAt(i + 3);
    if ((c0 | c1 | c2 | c3) >= 128) break;
    const a = DECODE[c0]!;
    const b = DECODE[c1]!;
    const c = DECODE[c2]!;
    const d = DECODE[c3]!;
    if ((a | b | c | d) < 0) break;
    out[length++] = (a << 2) | (b >> 4);
    out[length++] = ((b & 15) << 4) | (c >> 2);
    out[length++] = ((c & 3) << 6) | d;
    i += 4;
  }
  let buffer = 0;
  let bits = 0;
  let digits = 0;
  let padding = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    if (c === 0x3d /* = */) {
      padding++;
      continue;
    }
    const value = c < 128 ? DECODE[c]! : -1;
    if (value < 0) throw new CorruptInputError(`invalid base64: unexpected character ${JSON.stringify(text[i])} at offset ${i}`);
    if (padding) throw new CorruptInputError(`invalid base64: data after '=' padding at offset ${i}`);
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    digits++;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (buffer >> bits) & 0xff;
    }
  }
  if (digits % 4 === 1) throw new CorruptInputError('invalid base64: the data ends in the middle of a byte (truncated?)');
  if (padding > 2 || (padding && (digits + padding) % 4 !== 0)) throw new CorruptInputError('invalid base64: wrong amount of "=" padding');
  return out.slice(0, length);
}

/** One PEM block; `der` holds the decoded body, `start`/`end` the character offsets of the block in the text. */
export interface PemBlock {
  readonly label: string;
  readonly der: Uint8Array;
  readonly start: number;
  readonly end: number;
  /** RFC 1421 headers (e.g. Proc-Type, DEK-Info of a legacy encrypted key), when the block has any. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A block that was found but could not be read, with the reason in words. */
export interface SkippedPemBlock {
  readonly label: string;
  readonly start: number;
  readonly end: number;
  readonly reason: string;
}

export interface PemScan {
  readonly blocks: readonly PemBlock[];
  readonly skipped: readonly SkippedPemBlock[];
}

/** PEM for DER bytes: a BEGIN line, base64 in lines of 64 characters, an END line, each ending in "\n". */
export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const body = toBase64(der);
  let out = `-----BEGIN ${label}-----\n`;
  for (let i = 0; i < body.length; i += 64) out += body.slice(i, i + 64) + '\n';
  return out + `-----END ${label}-----\n`;
}

const BEGIN = '-----BEGIN ';
const END = '-----END ';
const DASHES = '-----';
const MAX_LABEL = 64;

function lineEnd(text: string, from: number): number {
  const n = text.indexOf('\n', from);
  return n < 0 ? text.length : n;
}

/** The label of a "-----BEGIN X-----" / "-----END X-----" marker starting at `at`, or undefined. */
function markerLabel(text: string, at: number, prefix: string): { label: string; after: number } | undefined {
  const from = at + prefix.length;
  const close = text.indexOf(DASHES, from);
  if (close < 0 || close - from > MAX_LABEL) return undefined;
  const label = text.slice(from, close); // the pattern below also keeps the marker on one line
  if (!/^[\x21-\x2c\x2e-\x7e]+(?:[ -][\x21-\x2c\x2e-\x7e]+)*$/.test(label) && label !== '') return undefined;
  return { label, after: close + DASHES.length };
}

/** Split RFC 1421 headers ("Name: value" lines up to the first blank line) from the base64 body. */
function splitHeaders(body: string): { headers?: Record<string, string>; base64: string } {
  // Nearly every block has no headers: its first line with text in it has no ':'.
  let start = 0;
  while (start < body.length && isSpace(body.charCodeAt(start))) start++;
  const colon = body.indexOf(':', start);
  if (colon < 0 || body.lastIndexOf('\n', colon) >= start) return { base64: body };
  const lines = body.split(/\r?\n/);
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0 || !/^[A-Za-z][A-Za-z0-9-]*:/.test(lines[first]!.trim())) return { base64: body };
  const headers: Record<string, string> = {};
  let i = first;
  let last = '';
  for (; i < lines.length && lines[i]!.trim() !== ''; i++) {
    const line = lines[i]!;
    if (/^[ \t]/.test(line) && last) {
      headers[last] += line.trim(); // folded continuation line
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0) break;
    last = line.slice(0, colon).trim();
    headers[last] = line.slice(colon + 1).trim();
  }
  return { headers, base64: lines.slice(i).join('\n') };
}

/**
 * Find every PEM block in `text`, in order. Text outside blocks is ignored; a block that cannot be read
 * (bad base64, no END line, mismatched END label, empty body) is reported in `skipped` with the reason.
 * Runs in time linear in the text and allocates no more than the text's size.
 */
export function scanPem(text: string): PemScan {
  const blocks: PemBlock[] = [];
  const skipped: SkippedPemBlock[] = [];
  // The next END marker at or after an offset; remembered so that many BEGINs without an END stay linear.
  let cachedEnd = -2;
  const findEnd = (from: number): number => {
    if (cachedEnd === -1 || cachedEnd >= from) return cachedEnd;
    cachedEnd = text.indexOf(END, from);
    return cachedEnd;
  };
  let at = text.indexOf(BEGIN);
  while (at >= 0) {
    const begin = markerLabel(text, at, BEGIN);
    if (!begin) {
      at = text.indexOf(BEGIN, at + BEGIN.length);
      continue;
    }
    const endAt = findEnd(begin.after);
    const nextBegin = text.indexOf(BEGIN, begin.after);
    if (endAt < 0 || (nextBegin >= 0 && nextBegin < endAt)) {
      const stop = nextBegin >= 0 ? nextBegin : text.length;
      skipped.push({ label: begin.label, start: at, end: stop, reason: `the ${begin.label} block has no END line (the text is truncated or a line was lost)` });
      at = nextBegin;
      continue;
    }
    const end = markerLabel(text, endAt, END);
    const blockEnd = end ? end.after : lineEnd(text, endAt);
    const next = text.indexOf(BEGIN, blockEnd);
    if (!end || end.label !== begin.label) {
      const found = end ? `"${end.label}"` : 'a malformed END line';
      skipped.push({ label: begin.label, start: at, end: blockEnd, reason: `the ${begin.label} block ends with ${found} instead of "-----END ${begin.label}-----"` });
      at = next;
      continue;
    }
    const { headers, base64 } = splitHeaders(text.slice(begin.after, endAt));
    try {
      const der = fromBase64(base64);
      if (der.length === 0) throw new CorruptInputError('the block is empty');
      blocks.push({ label: begin.label, der, start: at, end: blockEnd, ...(headers ? { headers } : {}) });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      skipped.push({ label: begin.label, start: at, end: blockEnd, reason: `the ${begin.label} block is not valid PEM: ${why}` });
    }
    at = next;
  }
  return { blocks, skipped };
}

/**
 * Every PEM block in `text`, in order, tolerant of text around and between them, CRLF and whitespace.
 * A block that cannot be read is an error (CorruptInputError, or TruncatedInputError when the END line
 * is missing) that says which block and why; use scanPem to skip such blocks instead.
 */
export function pemBlocks(text: string): PemBlock[] {
  const { blocks, skipped } = scanPem(text);
  const bad = skipped[0];
  if (bad) {
    const line = lineNumber(text, bad.start);
    const message = `PEM ${bad.label} block at line ${line}: ${bad.reason}.`;
    throw bad.reason.includes('no END line') ? new TruncatedInputError(message) : new CorruptInputError(message);
  }
  return [...blocks];
}

function lineNumber(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
