// Fast path for reading the SafeContents of large PKCS#12 stores (keytool writes one certificate bag per
// trusted certificate, so 10,000-entry stores are common): the SafeContents is split into its bags, and
// certificate bags in their plain shape are read with the strict DER walker of der-reader.ts instead of
// building an asn1js object graph for the whole content. Anything else (BER, indefinite lengths, other
// bag types, attribute values of other types) is left to the asn1js path in pkcs12/bags.ts, so no input
// is read differently: whatever this accepts, asn1js reads to the same values.
import { children, contents, element, oidText, view } from '../../x509/der-reader';
import type { Element } from '../../x509/der-reader';
import { OID } from './asn';

/** A certificate bag's fields, as pkcs12/bags.ts reads them (without its id and raw bytes). */
export interface FastCertBag {
  readonly bagId: string;
  readonly friendlyName?: string;
  readonly localKeyId?: Uint8Array;
  readonly javaTrusted: boolean;
  readonly certificate: Uint8Array;
}

const SEQUENCE = 0x30;
const SET = 0x31;
const OCTET_STRING = 0x04;
const OBJECT_IDENTIFIER = 0x06;
const BMP_STRING = 0x1e;
const EXPLICIT_0 = 0xa0;

/** Runs `read`, turning any failure of the strict walk into null. */
function attempt<T>(read: () => T | null): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** The SafeBags of a SafeContents that is one plain DER SEQUENCE filling `bytes`; null otherwise. */
export function safeBagSpans(bytes: Uint8Array): Element[] | null {
  return attempt(() => {
    const safeContents = element(bytes, 0, bytes.length);
    if (safeContents.tag !== SEQUENCE || safeContents.end !== bytes.length) return null;
    return children(bytes, safeContents);
  });
}

/**
 * Whether `el` is definite-length DER with low tag numbers all the way down, its constructed elements
 * exactly filled by their children, within `depth` levels. asn1js reads such an element on its own as
 * it reads it inside the whole SafeContents (it does not hold a malformed child to its parent's length).
 */
export function isFramed(bytes: Uint8Array, el: Element, depth: number): boolean {
  if ((el.tag & 0x20) === 0) return true;
  if (depth <= 0) return false;
  return attempt(() => children(bytes, el).every((child) => isFramed(bytes, child, depth - 1))) ?? false;
}

/** A copy of part of `bytes` (a plain Uint8Array of its own, so the whole content is not kept alive). */
export function copyOf(bytes: Uint8Array, el: Element): Uint8Array {
  return new Uint8Array(view(bytes, el.start, el.end));
}

/** The only element of a constructed element with `tag`; throws when it has another tag or count. */
function onlyChild(bytes: Uint8Array, parent: Element, tag: number): Element {
  const inner = children(bytes, parent);
  if (inner.length !== 1 || inner[0]!.tag !== tag) throw new RangeError('not the plain shape');
  return inner[0]!;
}

function bmpText(bytes: Uint8Array, el: Element): string {
  let out = '';
  for (let i = el.body; i < el.end; i += 2) out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
  return out;
}

/** An attribute value this walk can vouch asn1js reads identically; throws for any other. */
function checkValue(bytes: Uint8Array, value: Element): void {
  if (value.tag === OBJECT_IDENTIFIER) oidText(bytes, value);
  else if (value.tag === BMP_STRING && (value.end - value.body) % 2 === 0) return;
  else if (value.tag !== OCTET_STRING) throw new RangeError('an attribute value of another type');
}

/**
 * SafeBag { certBag, [0] { CertBag { x509Certificate, [0] { OCTET STRING } } }, SET OF attribute OPTIONAL }
 * in plain DER, read like pkcs12/bags.ts reads it; null for a bag of any other type or shape.
 */
export function readFastCertBag(bytes: Uint8Array, bag: Element): FastCertBag | null {
  return attempt(() => {
    if (bag.tag !== SEQUENCE) return null;
    const parts = children(bytes, bag);
    const [bagIdNode, explicit, attributeSet] = parts;
    if (parts.length < 2 || parts.length > 3 || bagIdNode!.tag !== OBJECT_IDENTIFIER || explicit!.tag !== EXPLICIT_0) return null;
    if (oidText(bytes, bagIdNode!) !== OID.certBag) return null;
    const certBag = onlyChild(bytes, explicit!, SEQUENCE);
    const certParts = children(bytes, certBag);
    if (certParts.length !== 2 || certParts[0]!.tag !== OBJECT_IDENTIFIER || certParts[1]!.tag !== EXPLICIT_0) return null;
    if (oidText(bytes, certParts[0]!) !== OID.x509Certificate) return null;
    const der = onlyChild(bytes, certParts[1]!, OCTET_STRING);

    let friendlyName: string | undefined;
    let localKeyId: Uint8Array | undefined;
    let javaTrusted = false;
    if (attributeSet) {
      if (attributeSet.tag !== SET) return null;
      for (const attribute of children(bytes, attributeSet)) {
        if (attribute.tag !== SEQUENCE) return null;
        const fields = children(bytes, attribute);
        if (fields.length !== 2 || fields[0]!.tag !== OBJECT_IDENTIFIER || fields[1]!.tag !== SET) return null;
        const attrId = oidText(bytes, fields[0]!);
        const values = children(bytes, fields[1]!);
        for (const value of values) checkValue(bytes, value);
        const first = values[0];
        if (attrId === OID.friendlyName && first?.tag === BMP_STRING) friendlyName = bmpText(bytes, first);
        else if (attrId === OID.localKeyId && first) localKeyId = first.tag === OCTET_STRING ? new Uint8Array(contents(bytes, first)) : undefined;
        else if (attrId === OID.javaTrustedKeyUsage) javaTrusted = true;
      }
    }
    return { bagId: OID.certBag, friendlyName, localKeyId, javaTrusted, certificate: new Uint8Array(contents(bytes, der)) };
  });
}
