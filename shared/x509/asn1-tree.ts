// The ASN.1 tree of a DER certificate, for the details pane's ASN.1 view and `trustlens inspect --asn1`
// (KeyStore Explorer's ASN.1 button, `openssl asn1parse -i`). asn1js parses the structure; this projects it
// into plain elements with offsets, lengths, tags, names of the OIDs and decoded values. Offsets, header
// and content lengths equal what `openssl asn1parse` prints (tested against it). OCTET and BIT STRINGs that
// hold DER (extension values, public keys) are opened too and marked `encapsulated`, which openssl leaves
// as a hex dump. The work is bounded: depth and element count are capped for hostile input.
import * as asn1js from 'asn1js';
import { CorruptInputError } from '../errors';
import type { Asn1Element } from '../model/asn1';
import { toHex } from './hex';
import { ACCESS_METHODS, ATTRIBUTE_LABELS, EXTENDED_KEY_USAGE_DESCRIPTIONS, EXTENSION_NAMES, HASH_ALGORITHMS, KEY_ALGORITHMS, SIGNATURE_ALGORITHMS, CERTIFICATE_POLICIES } from './oids';

const MAX_DEPTH = 32;
const MAX_ELEMENTS = 20_000;
/** Longer contents are shown as their first bytes in hex, then the count. */
const HEX_SHOWN = 64;

const UNIVERSAL_TAGS: Record<number, string> = {
  1: 'BOOLEAN',
  2: 'INTEGER',
  3: 'BIT STRING',
  4: 'OCTET STRING',
  5: 'NULL',
  6: 'OBJECT IDENTIFIER',
  10: 'ENUMERATED',
  12: 'UTF8String',
  16: 'SEQUENCE',
  17: 'SET',
  18: 'NumericString',
  19: 'PrintableString',
  20: 'T61String',
  22: 'IA5String',
  23: 'UTCTime',
  24: 'GeneralizedTime',
  26: 'VisibleString',
  28: 'UniversalString',
  30: 'BMPString',
};

function oidName(oid: string): string | undefined {
  return (
    EXTENSION_NAMES[oid] ??
    SIGNATURE_ALGORITHMS[oid] ??
    KEY_ALGORITHMS[oid] ??
    ATTRIBUTE_LABELS[oid] ??
    EXTENDED_KEY_USAGE_DESCRIPTIONS[oid]?.name ??
    ACCESS_METHODS[oid] ??
    HASH_ALGORITHMS[oid] ??
    CERTIFICATE_POLICIES[oid]
  );
}

function tagName(block: asn1js.AsnType): string {
  const { tagClass, tagNumber } = block.idBlock;
  if (tagClass === 1) return UNIVERSAL_TAGS[tagNumber] ?? `UNIVERSAL ${tagNumber}`;
  if (tagClass === 2) return `[APPLICATION ${tagNumber}]`;
  if (tagClass === 3) return `[${tagNumber}]`;
  return `[PRIVATE ${tagNumber}]`;
}

function hexOf(bytes: Uint8Array): string {
  const shown = toHex(bytes.subarray(0, HEX_SHOWN)).toUpperCase();
  return bytes.length > HEX_SHOWN ? `${shown}… (${bytes.length} bytes)` : shown;
}

function text(bytes: Uint8Array, encoding: 'utf-8' | 'latin1' | 'utf-16be'): string {
  return new TextDecoder(encoding === 'latin1' ? 'windows-1252' : encoding, { fatal: false }).decode(bytes);
}

function primitiveValue(block: asn1js.AsnType, content: Uint8Array): string | undefined {
  if (block.idBlock.tagClass !== 1) return content.length ? hexOf(content) : undefined;
  switch (block.idBlock.tagNumber) {
    case 1:
      return content[0] ? 'true' : 'false';
    case 2:
    case 10: {
      // Small integers in decimal (versions, path lengths), serials and moduli in hex, as openssl does.
      if (content.length <= 4) return String(Number(BigInt.asIntN(content.length * 8, BigInt(`0x${toHex(content) || '0'}`))));
      return hexOf(content);
    }
    case 3: {
      if (content.length === 0) return undefined;
      const unused = content[0]!;
      return `${hexOf(content.subarray(1))}${unused ? ` (${unused} unused bits)` : ''}`;
    }
    case 5:
      return undefined;
    case 6: {
      const oid = (block as asn1js.ObjectIdentifier).valueBlock.toString();
      const name = oidName(oid);
      return name ? `${oid} (${name})` : oid;
    }
    case 12:
      return text(content, 'utf-8');
    case 30:
      return text(content, 'utf-16be');
    case 18:
    case 19:
    case 20:
    case 22:
    case 23:
    case 24:
    case 26:
      return text(content, 'latin1');
    default:
      return content.length ? hexOf(content) : undefined;
  }
}

interface Walk {
  count: number;
}

/** DER inside an OCTET STRING or BIT STRING: parsed only when it is exactly one element with nothing after. */
function encapsulated(content: Uint8Array, contentOffset: number, depth: number, walk: Walk): Asn1Element | undefined {
  if (content.length < 2 || depth >= MAX_DEPTH) return undefined;
  const parsed = asn1js.fromBER(content);
  if (parsed.offset !== content.length || parsed.result.error) return undefined;
  return element(parsed.result, contentOffset, depth, walk, true);
}

/** `offset`: where the element starts in the certificate (children follow their parent's header in turn). */
function element(block: asn1js.AsnType, offset: number, depth: number, walk: Walk, inside = false): Asn1Element {
  if (++walk.count > MAX_ELEMENTS) throw new CorruptInputError(`the certificate has more than ${MAX_ELEMENTS} ASN.1 elements`);
  const whole = block.valueBeforeDecodeView;
  const headerLength = block.idBlock.blockLength + block.lenBlock.blockLength;
  const length = block.lenBlock.isIndefiniteForm ? whole.length - headerLength - 2 : block.lenBlock.length;
  const constructed = block.idBlock.isConstructed;
  const common = { offset, depth, headerLength, length, constructed, tag: tagName(block), ...(inside ? { encapsulated: true } : {}) };
  if (constructed) {
    const parts = (block.valueBlock as unknown as { value?: asn1js.AsnType[] }).value ?? [];
    if (depth >= MAX_DEPTH) return { ...common, value: `${parts.length} elements (deeper than ${MAX_DEPTH} levels: not shown)` };
    let at = offset + headerLength;
    const children = parts.map((child) => {
      const node = element(child, at, depth + 1, walk, inside);
      at += child.blockLength;
      return node;
    });
    return { ...common, children };
  }
  const content = whole.subarray(headerLength, headerLength + length);
  const value = primitiveValue(block, content);
  const universal = block.idBlock.tagClass === 1;
  const holder = universal && block.idBlock.tagNumber === 4 ? 0 : universal && block.idBlock.tagNumber === 3 && content[0] === 0 ? 1 : -1;
  const inner = holder >= 0 ? encapsulated(content.subarray(holder), offset + headerLength + holder, depth + 1, walk) : undefined;
  return { ...common, ...(value !== undefined && !inner ? { value } : {}), ...(inner ? { children: [inner] } : {}) };
}

/** The ASN.1 tree of `der` (one element: the certificate); throws CorruptInputError when it does not parse. */
export function asn1Tree(der: Uint8Array): Asn1Element {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || parsed.result.error) throw new CorruptInputError(`not valid ASN.1 (${parsed.result.error || 'unreadable'})`);
  return element(parsed.result, 0, 0, { count: 0 });
}

/** Every element of the tree in document order (for text output and tests). */
export function flattenAsn1(root: Asn1Element): Asn1Element[] {
  const out: Asn1Element[] = [];
  const visit = (node: Asn1Element) => {
    out.push(node);
    for (const child of node.children ?? []) visit(child);
  };
  visit(root);
  return out;
}
