// SafeContents of a PKCS#12 file read into bags: each with its exact original encoding (for the writer),
// its attributes (friendlyName, localKeyId, Java's trusted-key-usage) and, for certificate bags, the
// certificate DER. Key and secret bags stay encrypted: only their encryption algorithm is read.
// Stores can hold thousands of certificates: plain certificate bags are read with a strict DER walk
// (pkcs12/fast-bags.ts), the rest with asn1js bag by bag, never with a typed schema per bag.
import * as asn1js from 'asn1js';
import { AsnConvert, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import { FriendlyName } from '@peculiar/asn1-pkcs9';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { CorruptInputError, TruncatedInputError, TrustLensError } from '../../errors';
import { OID, RawAttribute, parseAsn } from './asn';
import { explicit0, octetString, oid, sequence } from './der-builder';
import { copyOf, isFramed, readFastCertBag, safeBagSpans } from './fast-bags';

export interface Pkcs12Bag {
  /** Position in file order (nested bags included): how entries and the writer refer to a bag. */
  readonly id: number;
  /** The SafeBag exactly as stored. */
  readonly raw: Uint8Array;
  readonly bagId: string;
  readonly friendlyName?: string;
  readonly localKeyId?: Uint8Array;
  /** Carries Oracle's trusted-key-usage attribute (keytool's mark of a trusted certificate entry). */
  readonly javaTrusted: boolean;
  /** certBag holding an X.509 certificate: its DER. */
  readonly certificate?: Uint8Array;
  /** pkcs8ShroudedKeyBag, or a secretBag wrapping one (as Java writes secret keys): how it is encrypted. */
  readonly keyEncryption?: AlgorithmIdentifier;
  /** safeContentsBag: the bags nested in it. */
  readonly nested?: readonly Pkcs12Bag[];
}

/** Hands out bag ids in file order across all content blocks of one file. */
export interface BagCounter {
  next: number;
}

/** An OBJECT IDENTIFIER on its own, for attribute values such as the trusted key usage. */
export class ObjectIdValue {
  value = '';
}
AsnProp({ type: AsnPropTypes.ObjectIdentifier })(ObjectIdValue.prototype, 'value');
AsnType({ type: AsnTypeTypes.Choice })(ObjectIdValue);

const MAX_NESTING = 4;
const MAX_DEPTH = 64;
const BAG_DEPTH = MAX_DEPTH - 1;

type Node = asn1js.AsnType;

const bytesOf = (node: Node) => node.valueBeforeDecodeView;
const children = (node: Node | undefined): Node[] =>
  node instanceof asn1js.Sequence || node instanceof asn1js.Set || node instanceof asn1js.Constructed ? (node.valueBlock.value as Node[]) : [];
const oidOf = (node: Node | undefined) => (node instanceof asn1js.ObjectIdentifier ? node.valueBlock.toString() : undefined);
const isExplicit0 = (node: Node | undefined) => node?.idBlock.tagClass === 3 && node.idBlock.tagNumber === 0 && node.idBlock.isConstructed;
const octets = (node: Node | undefined) => (node instanceof asn1js.OctetString ? new Uint8Array(node.getValue()) : undefined);

/** asn1js.fromBER bounded by the input, with its failures (returned or thrown) as typed errors. */
function parseBer(bytes: Uint8Array, what: string, maxDepth = MAX_DEPTH): Node {
  let parsed: ReturnType<typeof asn1js.fromBER>;
  try {
    parsed = asn1js.fromBER(bytes, { parseEmbedded: false, maxDepth, maxNodes: Math.max(16, bytes.length >> 1), maxContentLength: Math.max(1, bytes.length) });
  } catch (error) {
    // asn1js throws for some malformed values (e.g. a GeneralizedTime that is not a time).
    throw new CorruptInputError(`the PKCS#12 ${what} is malformed (${error instanceof Error ? error.message : String(error)})`);
  }
  if (parsed.offset === -1) {
    const error = parsed.result.error;
    if (/end of input|nd of input/i.test(error)) throw new TruncatedInputError(`the PKCS#12 ${what} ends early; the file is truncated or damaged`);
    throw new CorruptInputError(`the PKCS#12 ${what} is malformed (${error})`);
  }
  return parsed.result;
}

/**
 * The bags of a SafeContents (DER or BER). `what` names the content block for errors. Certificate bags
 * in plain DER take the fast path of pkcs12/fast-bags.ts; every other bag is parsed on its own with
 * asn1js when it is framed DER throughout, and otherwise the SafeContents is parsed whole: the result
 * (bags or error) is the same as parsing it whole.
 */
export function readSafeContents(bytes: Uint8Array, what: string, ids: BagCounter): Pkcs12Bag[] {
  const spans = safeBagSpans(bytes);
  if (!spans) return readSafeContentsWithAsn1js(bytes, what, ids);
  const fast = spans.map((span) => readFastCertBag(bytes, span));
  if (spans.some((span, index) => !fast[index] && !isFramed(bytes, span, BAG_DEPTH))) return readSafeContentsWithAsn1js(bytes, what, ids);
  // The other bags are all framed DER, so asn1js reads each alone as it would read it in the whole.
  // Parse them before reading any, so parse errors come first as when parsing the whole, and with one
  // level less depth: here a bag is the top element, there the SafeContents was.
  const nodes = spans.map((span, index) => (fast[index] ? undefined : parseBer(copyOf(bytes, span), what, BAG_DEPTH)));
  return spans.map((span, index) => {
    const read = fast[index];
    if (!read) return readBagAt(nodes[index]!, what, index, ids, 0);
    const { bagId, friendlyName, localKeyId, javaTrusted, certificate } = read;
    return { id: ids.next++, raw: copyOf(bytes, span), bagId, friendlyName, localKeyId, javaTrusted, certificate };
  });
}

/** readSafeContents with asn1js only: the reference the fast path is tested against. */
export function readSafeContentsWithAsn1js(bytes: Uint8Array, what: string, ids: BagCounter): Pkcs12Bag[] {
  return readBags(parseBer(bytes, what), what, ids, 0);
}

function readBags(safeContents: Node, what: string, ids: BagCounter, depth: number): Pkcs12Bag[] {
  if (!(safeContents instanceof asn1js.Sequence)) throw new CorruptInputError(`the PKCS#12 ${what} is not a SafeContents sequence`);
  return children(safeContents).map((bag, index) => readBagAt(bag, what, index, ids, depth));
}

function readBagAt(bag: Node, what: string, index: number, ids: BagCounter, depth: number): Pkcs12Bag {
  try {
    return readBag(bag, `${what}, bag ${index + 1}`, ids, depth);
  } catch (error) {
    if (error instanceof TrustLensError) throw error;
    throw new CorruptInputError(`the PKCS#12 ${what}, bag ${index + 1} is malformed (${error instanceof Error ? error.message : String(error)})`);
  }
}

function readBag(node: Node, what: string, ids: BagCounter, depth: number): Pkcs12Bag {
  const id = ids.next++;
  const [idNode, explicit, attributeSet, ...extra] = children(node);
  const bagId = oidOf(idNode);
  const value = children(explicit)[0];
  const malformed = () => new CorruptInputError(`the PKCS#12 ${what} is malformed`);
  if (!(node instanceof asn1js.Sequence) || !bagId || !isExplicit0(explicit) || !value || extra.length) throw malformed();
  if (attributeSet && !(attributeSet instanceof asn1js.Set)) throw malformed();

  let friendlyName: string | undefined;
  let localKeyId: Uint8Array | undefined;
  let javaTrusted = false;
  // An attribute's first value counts, and of two localKeyId (or friendlyName) attributes the last, as in JDK 17's
  // loadSafeContents. (OpenSSL 3's PKCS12_parse pairs its one key by public key instead; Bouncy Castle takes the
  // first, and refuses the file when a later one names another key.) pkcs12/fast-bags.ts reads them the same way.
  for (const attribute of children(attributeSet)) {
    const [attrId, values] = children(attribute);
    const first = children(values)[0];
    if (!(attribute instanceof asn1js.Sequence) || !oidOf(attrId) || !(values instanceof asn1js.Set)) throw malformed();
    if (oidOf(attrId) === OID.friendlyName && first instanceof asn1js.BmpString) friendlyName = first.valueBlock.value;
    else if (oidOf(attrId) === OID.localKeyId && first) localKeyId = octets(first);
    else if (oidOf(attrId) === OID.javaTrustedKeyUsage) javaTrusted = true;
  }

  const base = { id, raw: new Uint8Array(bytesOf(node)), bagId, friendlyName, localKeyId, javaTrusted };
  switch (bagId) {
    case OID.certBag: {
      const [certType, certExplicit] = children(value);
      if (!(value instanceof asn1js.Sequence) || !oidOf(certType) || !isExplicit0(certExplicit)) throw malformed();
      if (oidOf(certType) !== OID.x509Certificate) return base;
      const certificate = octets(children(certExplicit)[0]);
      if (!certificate) throw malformed();
      return { ...base, certificate };
    }
    case OID.shroudedKeyBag:
      return { ...base, keyEncryption: encryptionAlgorithm(value, what) };
    case OID.secretBag: {
      // Java: SecretBag { pkcs8ShroudedKeyBag, [0] OCTET STRING { EncryptedPrivateKeyInfo } }.
      const [secretType, secretExplicit] = children(value);
      if (!(value instanceof asn1js.Sequence) || !oidOf(secretType) || !isExplicit0(secretExplicit)) throw malformed();
      if (oidOf(secretType) !== OID.shroudedKeyBag) return base;
      const inner = children(secretExplicit)[0];
      const wrapped = octets(inner);
      return { ...base, keyEncryption: wrapped ? encryptionAlgorithmOf(wrapped, what) : encryptionAlgorithm(inner, what) };
    }
    case OID.safeContentsBag:
      if (depth >= MAX_NESTING) throw new CorruptInputError(`the PKCS#12 ${what}: SafeContents are nested more than ${MAX_NESTING} deep`);
      return { ...base, nested: readBags(value, what, ids, depth + 1) };
    default:
      return base;
  }
}

/** The encryptionAlgorithm of an EncryptedPrivateKeyInfo node (never its encrypted key). */
function encryptionAlgorithm(node: Node | undefined, what: string): AlgorithmIdentifier {
  const [algorithm, data] = children(node);
  if (!(node instanceof asn1js.Sequence) || !(algorithm instanceof asn1js.Sequence) || !(data instanceof asn1js.OctetString)) {
    throw new CorruptInputError(`the PKCS#12 ${what} is not an encrypted private key`);
  }
  return parseAsn(new Uint8Array(bytesOf(algorithm)), AlgorithmIdentifier, `${what} encryption algorithm`);
}

function encryptionAlgorithmOf(der: Uint8Array, what: string): AlgorithmIdentifier {
  return encryptionAlgorithm(parseBer(der, `${what} (secret key)`), what);
}

/** Every bag, nested ones included, in file order. */
export function flattenBags(bags: readonly Pkcs12Bag[]): Pkcs12Bag[] {
  return bags.flatMap((bag) => (bag.nested ? [bag, ...flattenBags(bag.nested)] : [bag]));
}

/** A PKCS12Attribute with one value, encoded. */
export function encodeAttribute(attrId: string, value: ArrayBuffer): ArrayBuffer {
  const attribute = new RawAttribute();
  attribute.attrId = attrId;
  attribute.attrValues = [value];
  return AsnConvert.serialize(attribute);
}

export function friendlyNameAttribute(name: string): ArrayBuffer {
  return encodeAttribute(OID.friendlyName, AsnConvert.serialize(new FriendlyName(name)));
}

let trustedAttribute: Uint8Array | undefined;

/** Java's trusted-key-usage attribute with anyExtendedKeyUsage, as keytool writes for trusted certificates. */
export function javaTrustedAttribute(): Uint8Array {
  if (!trustedAttribute) {
    const value = new ObjectIdValue();
    value.value = OID.anyExtendedKeyUsage;
    trustedAttribute = new Uint8Array(encodeAttribute(OID.javaTrustedKeyUsage, AsnConvert.serialize(value)));
  }
  return trustedAttribute;
}

/** A certBag SafeBag holding the X.509 certificate `der`, with `attributes` (an encoded SET) when given. */
export function certificateBag(der: Uint8Array, attributes?: Uint8Array): Uint8Array {
  const certBag = sequence(oid(OID.x509Certificate), explicit0(octetString(der)));
  return sequence(oid(OID.certBag), explicit0(certBag), ...(attributes ? [attributes] : []));
}
