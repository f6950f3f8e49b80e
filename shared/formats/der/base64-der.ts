// A DER file sent as bare base64 text, without PEM armour (what a certificate looks like pasted out of a
// web page, an XML signature or a Windows "Base-64 encoded X.509" export whose header lines were lost).
// Recognised when the text is nothing but base64 and whitespace and decodes to DER: its first character
// is then "M" (base64 of the 0x30 SEQUENCE tag).
import { fromBase64 } from '../../x509/pem';

/** Larger text is not a certificate or a certificate bundle that anyone pastes. */
const MAX_TEXT = 64 * 1024 * 1024;

function isBase64Char(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f || c === 0x3d;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** The DER bytes of base64 text without armour, or null when `bytes` is not such text. */
export function unarmouredBase64(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < 8 || bytes.length > MAX_TEXT) return null;
  let first = -1;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (isSpace(c)) continue;
    if (!isBase64Char(c)) return null;
    if (first < 0) first = c;
  }
  if (first !== 0x4d) return null; // "M"
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  try {
    const der = fromBase64(text);
    return der[0] === 0x30 ? der : null;
  } catch {
    return null;
  }
}
