// ASN.1 shapes of PKCS#12 (RFC 7292) and its password-based encryption (RFC 8018) that the
// @peculiar/asn1-* packages do not model, or model without keeping the original bytes. Elements a
// writer must preserve are read as ANY (their exact encoding); everything is parsed with resource
// limits scaled to the input, so hostile lengths and counts fail fast with a typed error.
// Schemas are declared by calling asn1-schema's decorators as functions, not with decorator syntax:
// the bundler (esbuild with the root tsconfig) would compile `@` to standard decorators, which
// asn1-schema does not understand.
import { AsnArray, AsnParser, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes, OctetString } from '@peculiar/asn1-schema';
import type { IAsnConvertible } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { EncryptedContentInfo } from '@peculiar/asn1-cms';
import { CorruptInputError, TruncatedInputError, UnsupportedFormatError } from '../../errors';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  envelopedData: '1.2.840.113549.1.7.3',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  crlBag: '1.2.840.113549.1.12.10.1.4',
  secretBag: '1.2.840.113549.1.12.10.1.5',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  /** Oracle's trusted-key-usage attribute: keytool marks trusted certificate entries with it. */
  javaTrustedKeyUsage: '2.16.840.1.113894.746875.1.1',
  anyExtendedKeyUsage: '2.5.29.37.0',
} as const;

type PropOptions = Parameters<typeof AsnProp>[0];

/** Declare the ASN.1 fields of `type`, in order (what `@AsnProp` on each field would do). */
function fields<T>(type: new () => T, options: { [K in keyof T]?: PropOptions }): void {
  for (const [name, option] of Object.entries(options)) AsnProp(option as PropOptions)(type.prototype as object, name);
}

/** SEQUENCE OF ANY: each element as its exact original encoding (AuthenticatedSafe, SafeContents). */
export class RawSequence extends AsnArray<ArrayBuffer> {
  constructor(items?: ArrayBuffer[]) {
    super(items);
    Object.setPrototypeOf(this, RawSequence.prototype);
  }
}
AsnType({ type: AsnTypeTypes.Sequence, itemType: AsnPropTypes.Any })(RawSequence);

/** SafeBag with its value and each attribute kept as original bytes. */
export class RawSafeBag {
  bagId = '';
  bagValue: ArrayBuffer = new ArrayBuffer(0);
  bagAttributes?: ArrayBuffer[];
}
fields(RawSafeBag, {
  bagId: { type: AsnPropTypes.ObjectIdentifier },
  bagValue: { type: AsnPropTypes.Any, context: 0 },
  bagAttributes: { type: AsnPropTypes.Any, repeated: 'set', optional: true },
});

/** PKCS12Attribute ::= SEQUENCE { attrId OID, attrValues SET OF ANY } */
export class RawAttribute {
  attrId = '';
  attrValues: ArrayBuffer[] = [];
}
fields(RawAttribute, {
  attrId: { type: AsnPropTypes.ObjectIdentifier },
  attrValues: { type: AsnPropTypes.Any, repeated: 'set' },
});

/** CertBag / SecretBag share the shape { typeId OID, [0] EXPLICIT ANY }. */
export class TypedValue {
  typeId = '';
  value: ArrayBuffer = new ArrayBuffer(0);
}
fields(TypedValue, {
  typeId: { type: AsnPropTypes.ObjectIdentifier },
  value: { type: AsnPropTypes.Any, context: 0 },
});

/** An OCTET STRING, primitive or (BER, as older Windows wrote) constructed from pieces. */
export class BerOctetString extends OctetString {
  override fromASN(asn: Parameters<IAsnConvertible['fromASN']>[0]): this {
    const value = (asn as { getValue?: () => ArrayBuffer }).getValue;
    if (asn.idBlock.tagClass !== 1 || asn.idBlock.tagNumber !== 4 || typeof value !== 'function') {
      throw new TypeError('expected an OCTET STRING');
    }
    this.buffer = value.call(asn);
    return this;
  }
}

/** EncryptedData ::= SEQUENCE { version, EncryptedContentInfo, [1] unprotectedAttrs OPTIONAL } */
export class EncryptedData {
  version = 0;
  encryptedContentInfo = new EncryptedContentInfo();
}
fields(EncryptedData, {
  version: { type: AsnPropTypes.Integer },
  encryptedContentInfo: { type: EncryptedContentInfo },
});

/** pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER } */
export class Pkcs12PbeParams {
  salt = new OctetString();
  iterations: number | string = 0;
}
fields(Pkcs12PbeParams, {
  salt: { type: OctetString },
  iterations: { type: AsnPropTypes.Integer },
});

/** PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme AlgorithmIdentifier } */
export class Pbes2Params {
  keyDerivationFunc = new AlgorithmIdentifier();
  encryptionScheme = new AlgorithmIdentifier();
}
fields(Pbes2Params, {
  keyDerivationFunc: { type: AlgorithmIdentifier },
  encryptionScheme: { type: AlgorithmIdentifier },
});

/** PBKDF2-params (the "specified" salt only; otherSource is unused in practice). */
export class Pbkdf2Params {
  salt = new OctetString();
  iterationCount: number | string = 0;
  keyLength?: number | string;
  prf?: AlgorithmIdentifier;
}
fields(Pbkdf2Params, {
  salt: { type: OctetString },
  iterationCount: { type: AsnPropTypes.Integer },
  keyLength: { type: AsnPropTypes.Integer, optional: true },
  prf: { type: AlgorithmIdentifier, optional: true },
});

/** RC2-CBC-Parameter ::= SEQUENCE { rc2ParameterVersion INTEGER OPTIONAL, iv OCTET STRING } */
export class Rc2CbcParams {
  version?: number | string;
  iv = new OctetString();
}
fields(Rc2CbcParams, {
  version: { type: AsnPropTypes.Integer, optional: true },
  iv: { type: OctetString },
});

export function toBytes(buffer: ArrayBuffer | ArrayBufferView): Uint8Array {
  return buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/**
 * Parse `bytes` as `type`, bounded by the input: no element may claim more than the input holds and the
 * node count cannot exceed what the bytes can encode. `what` names the structure in the error.
 */
export function parseAsn<T>(bytes: Uint8Array, type: new () => T, what: string): T {
  const claimed = claimedLength(bytes);
  if (claimed !== null && claimed > bytes.length) {
    // The outer element says how long it is: a file cut short says so, not "content length exceeded".
    throw new TruncatedInputError(`the PKCS#12 ${what} is truncated or damaged (${bytes.length.toLocaleString('en-US')} bytes, expected at least ${claimed.toLocaleString('en-US')})`);
  }
  try {
    return AsnParser.parse(bytes, type, {
      berOptions: {
        maxDepth: 64,
        maxNodes: Math.max(16, bytes.length >> 1),
        maxContentLength: Math.max(1, bytes.length),
        parseEmbedded: false,
      },
    }) as T;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/end of input|nd of input/i.test(message)) {
      throw new TruncatedInputError(`the PKCS#12 ${what} ends early; the file is truncated or damaged`);
    }
    throw new CorruptInputError(`the PKCS#12 ${what} is malformed (${message.split('\n')[0]})`);
  }
}

/** How many bytes the first element's header says it takes (header included), or null when it gives no length. */
function claimedLength(bytes: Uint8Array): number | null {
  if (bytes.length < 2 || (bytes[0]! & 0x1f) === 0x1f) return null;
  const first = bytes[1]!;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 6 || bytes.length < 2 + count) return null; // indefinite (BER) or beyond any file
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + bytes[2 + i]!;
  return 2 + count + length;
}

/** The contents of an OCTET STRING given as its full encoding (e.g. a [0] EXPLICIT ANY). */
export function readOctets(raw: ArrayBuffer | Uint8Array, what: string): Uint8Array {
  return toBytes(parseAsn(toBytes(raw), BerOctetString, what).buffer);
}

/**
 * An INTEGER field as a bounded positive count (asn1-schema gives big ones as decimal strings), at most
 * `max`; `peer` says who else refuses more (added to the error).
 */
export function readCount(value: number | string | undefined, what: string, max: number, peer?: string): number {
  const n = typeof value === 'string' ? Number(value) : (value ?? NaN);
  // A positive count beyond 2^53 (9223372036854775807, say) is too large, not "not a number".
  if (n > max) {
    throw new UnsupportedFormatError(`the PKCS#12 ${what} (${String(value)}) is too large: TrustLens accepts at most ${max.toLocaleString('en-US')}${peer ? `, ${peer}` : ''}`);
  }
  if (!Number.isSafeInteger(n) || n < 1) throw new CorruptInputError(`the PKCS#12 ${what} (${String(value)}) is not a positive number`);
  return n;
}
