// The fields of a certificate that the table, the CLI and the chain code read, taken straight from its
// DER with der-reader.ts: offsets into the original bytes, few objects. Every function here gives exactly
// what the @peculiar/asn1-schema path in certificate.ts gives for the same bytes, or throws UNREADABLE
// for shapes it leaves to that path (BER, BMPString names, unknown name attributes, unusual extensions…).
import type { KeyInfo } from './types';
import { checkTree, children, element, expectTag, latin1Text, oidText, single, timeValue, UNREADABLE, utf8Text, view } from './der-reader';
import type { Element } from './der-reader';
import { toHex } from './hex';
import { escapeValue } from './names';
import { ATTRIBUTE_NAMES, CURVES, KEY_ALGORITHMS, SIGNATURE_ALGORITHMS } from './oids';

export const KEY_USAGE_NAMES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

/** Where a certificate's parts are, checked against the Certificate grammar; names and extensions undecoded. */
export interface CertificateLayout {
  readonly tbs: Element;
  readonly signatureAlgorithm: Element;
  /** The signature BIT STRING (no unused bits). */
  readonly signature: Element;
  readonly version: number;
  readonly serial: Element;
  readonly issuer: Element;
  readonly subject: Element;
  readonly spki: Element;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The OCTET STRING of the first extension of each kind read here. */
  readonly subjectKeyIdentifier?: Element;
  readonly keyUsage?: Element;
  readonly subjectAltName?: Element;
  readonly basicConstraints?: Element;
  readonly authorityKeyIdentifier?: Element;
  readonly extKeyUsage?: Element;
}

type ExtensionName = 'subjectKeyIdentifier' | 'keyUsage' | 'subjectAltName' | 'basicConstraints' | 'authorityKeyIdentifier' | 'extKeyUsage';

/** id-ce (2.5.29) extensions by their last arc: the OID's contents are 55 1D <arc>. */
const ID_CE: Record<number, ExtensionName> = {
  0x0e: 'subjectKeyIdentifier',
  0x0f: 'keyUsage',
  0x11: 'subjectAltName',
  0x13: 'basicConstraints',
  0x23: 'authorityKeyIdentifier',
  0x25: 'extKeyUsage',
};

/** id-RSASSA-PSS, 1.2.840.113549.1.1.10, as the contents of its OBJECT IDENTIFIER. */
const RSASSA_PSS = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];

function isOid(der: Uint8Array, el: Element, contents: readonly number[]): boolean {
  return el.end - el.body === contents.length && contents.every((byte, i) => der[el.body + i] === byte);
}

/** AlgorithmIdentifier: its OID element and, when present, its parameters element. */
function algorithm(der: Uint8Array, el: Element): { oid: Element; parameters: Element | undefined } {
  const parts = children(der, expectTag(el, 0x30));
  if (parts.length < 1 || parts.length > 2) throw UNREADABLE;
  oidText(der, parts[0]!); // checks it is a readable OID
  if (parts[1] && isOid(der, parts[0]!, RSASSA_PSS)) checkPssParameters(der, parts[1]);
  return { oid: parts[0]!, parameters: parts[1] };
}

/**
 * RSASSA-PSS-params (RFC 4055): hash [0], mask generation [1] (MGF1 and its hash), salt length [2] and
 * trailer field [3], each optional, in that order. Java refuses a certificate whose PSS parameters have
 * any other shape, so the fast reader hands those over instead of reading past them.
 */
function checkPssParameters(der: Uint8Array, params: Element): void {
  let last = -1;
  for (const field of children(der, expectTag(params, 0x30))) {
    const n = field.tag - 0xa0;
    if (n < 0 || n > 3 || n <= last) throw UNREADABLE;
    last = n;
    const inner = single(der, field.body, field.end);
    if (n === 0) algorithm(der, inner);
    else if (n === 1) {
      const mgf = algorithm(der, inner).parameters;
      if (!mgf) throw UNREADABLE;
      algorithm(der, mgf);
    } else expectTag(inner, 0x02);
  }
}

function bitStringWithoutUnusedBits(der: Uint8Array, el: Element): Element {
  expectTag(el, 0x03);
  if (el.end === el.body || der[el.body] !== 0) throw UNREADABLE;
  return el;
}

function readExtensions(der: Uint8Array, extensions: Element, into: Partial<Record<ExtensionName, Element>>): void {
  for (const ext of children(der, expectTag(extensions, 0x30))) {
    const parts = children(der, expectTag(ext, 0x30));
    if (parts.length < 2 || parts.length > 3) throw UNREADABLE;
    const [id, critical] = parts;
    if (parts.length === 3 && (critical!.tag !== 0x01 || critical!.end - critical!.body !== 1)) throw UNREADABLE;
    const value = expectTag(parts[parts.length - 1]!, 0x04);
    if (id!.tag !== 0x06 || id!.end === id!.body || der[id!.end - 1]! & 0x80) throw UNREADABLE;
    const name = id!.end - id!.body === 3 && der[id!.body] === 0x55 && der[id!.body + 1] === 0x1d ? ID_CE[der[id!.body + 2]!] : undefined;
    if (name && !into[name]) into[name] = value;
  }
}

export function readCertificateLayout(der: Uint8Array): CertificateLayout {
  const whole = expectTag(single(der), 0x30);
  checkTree(der, whole);
  const top = children(der, whole);
  if (top.length !== 3) throw UNREADABLE;
  const [tbs, signatureAlgorithm, signature] = top as [Element, Element, Element];
  const items = children(der, expectTag(tbs, 0x30));
  let i = 0;
  let version = 0;
  if (items[0]?.tag === 0xa0) {
    const inner = expectTag(single(der, items[0].body, items[0].end), 0x02);
    if (inner.end - inner.body !== 1 || der[inner.body]! > 2) throw UNREADABLE;
    version = der[inner.body]!;
    i = 1;
  }
  if (items.length < i + 6) throw UNREADABLE;
  const serial = expectTag(items[i]!, 0x02);
  if (serial.end === serial.body) throw UNREADABLE;
  algorithm(der, items[i + 1]!);
  const issuer = expectTag(items[i + 2]!, 0x30);
  const times = children(der, expectTag(items[i + 3]!, 0x30));
  const subject = expectTag(items[i + 4]!, 0x30);
  const spki = expectTag(items[i + 5]!, 0x30);
  if (times.length !== 2) throw UNREADABLE;
  const spkiParts = children(der, spki);
  if (spkiParts.length !== 2) throw UNREADABLE;
  algorithm(der, spkiParts[0]!);
  const key = expectTag(spkiParts[1]!, 0x03);
  if (key.end === key.body || der[key.body]! > 7) throw UNREADABLE;
  algorithm(der, signatureAlgorithm);
  const extensions: Partial<Record<ExtensionName, Element>> = {};
  let last = 0;
  for (const optional of items.slice(i + 6)) {
    // issuerUniqueID [1], subjectUniqueID [2], extensions [3], each at most once and in that order
    const order = optional.tag === 0x81 ? 1 : optional.tag === 0x82 ? 2 : optional.tag === 0xa3 ? 3 : 0;
    if (order <= last) throw UNREADABLE;
    last = order;
    if (order === 3) readExtensions(der, single(der, optional.body, optional.end), extensions);
  }
  return {
    tbs,
    signatureAlgorithm,
    signature: bitStringWithoutUnusedBits(der, signature),
    version,
    serial,
    issuer,
    subject,
    spki,
    notBefore: timeValue(der, times[0]!),
    notAfter: timeValue(der, times[1]!),
    ...extensions,
  };
}

// --- Extensions: `ext` is the extension's OCTET STRING; its contents hold the value -------------

function extensionValue(der: Uint8Array, ext: Element, tag: number): Element {
  return expectTag(single(der, ext.body, ext.end), tag);
}

/** SubjectKeyIdentifier's hex. */
export function keyIdentifierHex(der: Uint8Array, ext: Element): string {
  const value = extensionValue(der, ext, 0x04);
  return toHex(view(der, value.body, value.end));
}

/** AuthorityKeyIdentifier's keyIdentifier as hex. */
export function authorityKeyIdHex(der: Uint8Array, ext: Element): string | undefined {
  const parts = children(der, extensionValue(der, ext, 0x30));
  // [0] keyIdentifier, [1] authorityCertIssuer, [2] authorityCertSerialNumber: each at most once, in that
  // order, issuer and serial together (older CAs such as Go Daddy's write all three). The issuer's names
  // must be GeneralNames this reader knows; anything else is left to asn1-schema, which checks it.
  let at = 0;
  const keyId = parts[at]?.tag === 0x80 ? parts[at++] : undefined;
  const issuer = parts[at]?.tag === 0xa1 ? parts[at++] : undefined;
  const serial = parts[at]?.tag === 0x82 ? parts[at++] : undefined;
  if (at !== parts.length || !issuer !== !serial) throw UNREADABLE;
  if (issuer && children(der, issuer).some((name) => !KNOWN_GENERAL_NAME_TAGS.has(name.tag))) throw UNREADABLE;
  if (serial && serial.end === serial.body) throw UNREADABLE;
  return keyId ? toHex(view(der, keyId.body, keyId.end)) : undefined;
}

/** GeneralName choices by tag (x400Address and ediPartyName are left to asn1-schema). */
const KNOWN_GENERAL_NAME_TAGS = new Set([0xa0, 0x81, 0x82, 0xa4, 0x86, 0x87, 0x88]);

export function basicConstraintsOf(der: Uint8Array, ext: Element): { ca: boolean; pathLength?: number } {
  const parts = children(der, extensionValue(der, ext, 0x30));
  let ca = false;
  let pathLength: number | undefined;
  let i = 0;
  if (parts[0]?.tag === 0x01) {
    const flag = parts[0];
    if (flag.end - flag.body !== 1 || (der[flag.body] !== 0 && der[flag.body] !== 0xff)) throw UNREADABLE;
    ca = der[flag.body] === 0xff;
    i = 1;
  }
  if (parts[i]) {
    const limit = expectTag(parts[i]!, 0x02);
    if (limit.end - limit.body !== 1 || der[limit.body]! > 0x7f) throw UNREADABLE;
    pathLength = der[limit.body];
    i++;
  }
  if (i !== parts.length) throw UNREADABLE;
  return { ca, pathLength };
}

/** The usages set in a KeyUsage BIT STRING, by name. */
export function keyUsageNamesOf(der: Uint8Array, ext: Element): string[] {
  const bits = extensionValue(der, ext, 0x03);
  const length = bits.end - bits.body;
  const unused = der[bits.body];
  if (unused === undefined || length === 0 || unused > 7 || length > 5) throw UNREADABLE;
  // Bit n of the BIT STRING (counted from the first byte's top bit) is usage n, as BitString.toNumber reads it.
  const count = (length - 1) * 8 - unused;
  return KEY_USAGE_NAMES.filter((_, n) => n < count && (der[bits.body + 1 + (n >> 3)]! & (0x80 >> (n & 7))) !== 0);
}

export function extendedKeyUsageOf(der: Uint8Array, ext: Element): string[] {
  return children(der, extensionValue(der, ext, 0x30)).map((oid) => oidText(der, oid));
}

const GENERAL_NAME_PREFIX: Record<number, string> = { 0x81: 'email:', 0x82: 'DNS:', 0x86: 'URI:' };

/** "DNS:…", "IP:…" (IPv4), "email:…", "URI:…" of subjectAltName; other name forms are left to asn1-schema. */
export function subjectAltNamesOf(der: Uint8Array, ext: Element): string[] {
  return children(der, extensionValue(der, ext, 0x30)).map((name) => {
    const prefix = GENERAL_NAME_PREFIX[name.tag];
    if (prefix) return prefix + latin1Text(der, name);
    if (name.tag === 0x87 && name.end - name.body === 4) return `IP:${der[name.body]}.${der[name.body + 1]}.${der[name.body + 2]}.${der[name.body + 3]}`;
    if (name.tag === 0xa4) return `DirName:${nameText(der, single(der, name.body, name.end))}`; // [4] EXPLICIT Name
    throw UNREADABLE;
  });
}

// --- Names -------------------------------------------------------------------------------------

/** Attribute short names by the OID's content bytes (as a latin1 key); 2.5.4.x ones by their last arc. */
const ATTRIBUTES_2_5_4: Record<number, string> = {};
const ATTRIBUTES_BY_KEY = new Map<string, string>();
for (const [oid, short] of Object.entries(ATTRIBUTE_NAMES)) {
  const arcs = oid.split('.').map(Number);
  if (arcs.length === 4 && arcs[0] === 2 && arcs[1] === 5 && arcs[2] === 4 && arcs[3]! < 128) ATTRIBUTES_2_5_4[arcs[3]!] = short;
  const bytes = [arcs[0]! * 40 + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const group = [arc & 0x7f];
    for (let rest = Math.floor(arc / 128); rest > 0; rest = Math.floor(rest / 128)) group.unshift((rest & 0x7f) | 0x80);
    bytes.push(...group);
  }
  ATTRIBUTES_BY_KEY.set(String.fromCharCode(...bytes), short);
}

function attributeShortName(der: Uint8Array, oid: Element): string | undefined {
  if (oid.tag !== 0x06) throw UNREADABLE;
  const length = oid.end - oid.body;
  if (length === 3 && der[oid.body] === 0x55 && der[oid.body + 1] === 0x04) return ATTRIBUTES_2_5_4[der[oid.body + 2]!];
  return length > 0 && length < 16 ? ATTRIBUTES_BY_KEY.get(latin1Text(der, oid)) : undefined;
}

/** The text of an attribute value, for the string types asn1-schema decodes to text. */
function attributeText(der: Uint8Array, value: Element): string {
  if (value.tag === 0x13 || value.tag === 0x16 || value.tag === 0x14) return latin1Text(der, value);
  if (value.tag === 0x0c) return utf8Text(der, value);
  throw UNREADABLE; // BMPString, UniversalString, other types: asn1-schema's own rendering
}

/** Calls `each(shortName, text)` for every attribute, RDN by RDN, most general first. */
function forEachAttribute(der: Uint8Array, name: Element, each: (short: string | undefined, text: string, rdn: number, first: boolean) => void): void {
  let rdnIndex = 0;
  for (let at = expectTag(name, 0x30).body; at < name.end; rdnIndex++) {
    const rdn = expectTag(element(der, at, name.end), 0x31);
    if (rdn.end === rdn.body) throw UNREADABLE;
    for (let inner = rdn.body; inner < rdn.end; ) {
      const atv = expectTag(element(der, inner, rdn.end), 0x30);
      const type = element(der, atv.body, atv.end);
      const value = element(der, type.end, atv.end);
      if (value.end !== atv.end) throw UNREADABLE;
      each(attributeShortName(der, type), attributeText(der, value), rdnIndex, inner === rdn.body);
      inner = atv.end;
    }
    at = rdn.end;
  }
}

const NEEDS_ESCAPE = /[\\,+"<>;=]|^[# ]| $/;

/** RFC 4514 text of a Name, as nameToString renders the parsed Name. `name` defaults to all of `der`. */
export function nameText(der: Uint8Array, name: Element = single(der)): string {
  let text = '';
  let rdnText = '';
  let current = -1;
  forEachAttribute(der, name, (short, value, rdn, first) => {
    if (!short) throw UNREADABLE; // unknown attributes print their value's DER re-encoded: asn1-schema's job
    const part = `${short}=${NEEDS_ESCAPE.test(value) ? escapeValue(value) : value}`;
    if (rdn !== current) {
      if (current >= 0) text = text ? `${rdnText},${text}` : rdnText;
      current = rdn;
      rdnText = part;
    } else {
      rdnText += first ? part : `+${part}`;
    }
  });
  if (current >= 0) text = text ? `${rdnText},${text}` : rdnText;
  return text;
}

/** The first attribute of the given short type, most specific first (as nameAttribute does). */
export function nameAttributeText(der: Uint8Array, short: string, name: Element = single(der)): string | undefined {
  let found: string | undefined;
  let foundRdn = -1;
  forEachAttribute(der, name, (type, value, rdn) => {
    // Later RDNs are more specific; within one RDN the first match counts.
    if (type === short && rdn !== foundRdn) {
      found = value;
      foundRdn = rdn;
    }
  });
  return found;
}

// --- Keys, algorithms, serial number -----------------------------------------------------------

/** Bits of a big-endian unsigned magnitude (leading zero bytes skipped), as keyInfo counts RSA moduli. */
export function magnitudeBits(n: Uint8Array): number {
  let i = 0;
  while (i < n.length && n[i] === 0) i++;
  return n.length - i === 0 ? 0 : (n.length - i - 1) * 8 + Math.floor(Math.log2(n[i]!)) + 1;
}

/** keyInfo from a SubjectPublicKeyInfo, for RSA, RSASSA-PSS, named-curve EC, EdDSA and key types without a size. */
export function keyInfoOf(der: Uint8Array, spki: Element = single(der)): KeyInfo {
  const parts = children(der, expectTag(spki, 0x30));
  if (parts.length !== 2) throw UNREADABLE;
  const { oid, parameters } = algorithm(der, parts[0]!);
  const key = bitStringWithoutUnusedBits(der, parts[1]!);
  const oidString = oidText(der, oid);
  const name = KEY_ALGORITHMS[oidString] ?? oidString;
  if (name === 'RSA' || name === 'RSASSA-PSS') {
    const numbers = children(der, expectTag(single(der, key.body + 1, key.end), 0x30));
    const [modulus, exponent] = numbers;
    if (numbers.length !== 2 || modulus!.tag !== 0x02 || exponent!.tag !== 0x02) throw UNREADABLE;
    if (modulus!.end === modulus!.body || exponent!.end === exponent!.body) throw UNREADABLE;
    return { algorithm: name, size: magnitudeBits(view(der, modulus!.body, modulus!.end)) };
  }
  if (name === 'EC' && parameters) {
    const curveOid = oidText(der, parameters); // a named curve; explicit parameters are asn1-schema's
    const curve = CURVES[curveOid];
    return curve ? { algorithm: name, size: curve.bits, curve: curve.name } : { algorithm: name, curve: curveOid };
  }
  if (name === 'Ed25519') return { algorithm: name, size: 255 }; // keytool's sizes: the curve's, not the key encoding's
  if (name === 'Ed448') return { algorithm: name, size: 448 };
  if (name === 'DSA') throw UNREADABLE;
  return { algorithm: name };
}

/** The name of the signature algorithm in an AlgorithmIdentifier. */
export function signatureAlgorithmOf(der: Uint8Array, algorithmId: Element = single(der)): string {
  const oid = oidText(der, algorithm(der, algorithmId).oid);
  return SIGNATURE_ALGORITHMS[oid] ?? oid;
}

/** The serial number's hex, leading zero bytes dropped (as summarize shows it). */
export function serialHex(der: Uint8Array, serial: Element): string {
  return toHex(view(der, serial.body, serial.end)).replace(/^(00)+(?=..)/, '');
}
