// The names a certificate holds and the name constraints it imposes (RFC 5280 §4.2.1.10), in the forms the
// chain checks compare: IP addresses and masks as bytes (asn1-x509's GeneralName renders them as text with
// a prefix length, which loses a mask that is not a prefix), directory names as canonical RDNs.
// Schemas are declared by calling asn1-schema's decorators as functions (see formats/pkcs12/asn.ts).
import { AsnArray, AsnParser, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import { Name, id_ce_nameConstraints, id_ce_subjectAltName } from '@peculiar/asn1-x509';
import { toHex } from './hex';
import { nameToString } from './names';
import type { ParsedCertificate } from './types';

type PropOptions = Parameters<typeof AsnProp>[0];

function fields<T>(type: new () => T, options: { [K in keyof T]?: PropOptions }): void {
  for (const [name, option] of Object.entries(options)) AsnProp(option as PropOptions)(type.prototype as object, name);
}

/** GeneralName with iPAddress as its octets. */
class RawGeneralName {
  otherName?: ArrayBuffer;
  rfc822Name?: string;
  dNSName?: string;
  x400Address?: ArrayBuffer;
  directoryName?: Name;
  ediPartyName?: ArrayBuffer;
  uniformResourceIdentifier?: string;
  iPAddress?: ArrayBuffer;
  registeredID?: string;
}
AsnType({ type: AsnTypeTypes.Choice })(RawGeneralName);
fields(RawGeneralName, {
  otherName: { type: AsnPropTypes.Any, context: 0, implicit: true },
  rfc822Name: { type: AsnPropTypes.IA5String, context: 1, implicit: true },
  dNSName: { type: AsnPropTypes.IA5String, context: 2, implicit: true },
  x400Address: { type: AsnPropTypes.Any, context: 3, implicit: true },
  directoryName: { type: Name, context: 4, implicit: false },
  ediPartyName: { type: AsnPropTypes.Any, context: 5, implicit: true },
  uniformResourceIdentifier: { type: AsnPropTypes.IA5String, context: 6, implicit: true },
  iPAddress: { type: AsnPropTypes.OctetString, context: 7, implicit: true },
  registeredID: { type: AsnPropTypes.ObjectIdentifier, context: 8, implicit: true },
});

class RawGeneralNames extends AsnArray<RawGeneralName> {
  constructor(items?: RawGeneralName[]) {
    super(items);
    Object.setPrototypeOf(this, RawGeneralNames.prototype);
  }
}
AsnType({ type: AsnTypeTypes.Sequence, itemType: RawGeneralName })(RawGeneralNames);

class RawGeneralSubtree {
  base = new RawGeneralName();
  minimum = 0;
  maximum?: number;
}
fields(RawGeneralSubtree, {
  base: { type: RawGeneralName },
  minimum: { type: AsnPropTypes.Integer, context: 0, defaultValue: 0, implicit: true },
  maximum: { type: AsnPropTypes.Integer, context: 1, optional: true, implicit: true },
});

class RawGeneralSubtrees extends AsnArray<RawGeneralSubtree> {
  constructor(items?: RawGeneralSubtree[]) {
    super(items);
    Object.setPrototypeOf(this, RawGeneralSubtrees.prototype);
  }
}
AsnType({ type: AsnTypeTypes.Sequence, itemType: RawGeneralSubtree })(RawGeneralSubtrees);

class RawNameConstraints {
  permittedSubtrees?: RawGeneralSubtree[];
  excludedSubtrees?: RawGeneralSubtree[];
}
fields(RawNameConstraints, {
  permittedSubtrees: { type: RawGeneralSubtrees, context: 0, optional: true, implicit: true },
  excludedSubtrees: { type: RawGeneralSubtrees, context: 1, optional: true, implicit: true },
});

/** One name in the form name constraints compare it. `text` is how a person reads it ("DNS:a.example"). */
export type GeneralNameForm =
  | { readonly kind: 'dns'; readonly name: string; readonly text: string }
  | { readonly kind: 'email'; readonly name: string; readonly text: string }
  | { readonly kind: 'uri'; readonly name: string; readonly text: string }
  /** An address (4 or 16 bytes) in a certificate, address and mask (8 or 32 bytes) in a constraint. */
  | { readonly kind: 'ip'; readonly bytes: Uint8Array; readonly text: string }
  /** RDNs most general first, each canonical: "oid=value" pairs, value trimmed, spaces collapsed, lowercase. */
  | { readonly kind: 'dirname'; readonly rdns: readonly string[]; readonly text: string }
  | { readonly kind: 'other'; readonly text: string };

export interface GeneralSubtree {
  readonly base: GeneralNameForm;
  readonly minimum: number;
  readonly maximum?: number;
}

export interface NameConstraints {
  readonly permitted: readonly GeneralSubtree[];
  readonly excluded: readonly GeneralSubtree[];
}

function canonicalValue(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A Name as canonical RDNs, most general first (the order of the DER), as X500Name and OpenSSL compare them. */
export function canonicalRdns(name: Name): string[] {
  return name.map((rdn) =>
    rdn
      .map((atv) => {
        const value = atv.value.anyValue ? toHex(new Uint8Array(atv.value.anyValue)) : canonicalValue(atv.value.toString());
        return `${atv.type}=${value}`;
      })
      .sort()
      .join('+'),
  );
}

function ipText(bytes: Uint8Array): string {
  const half = bytes.length === 8 || bytes.length === 32 ? bytes.length / 2 : bytes.length;
  const part = (b: Uint8Array) => (b.length === 4 ? [...b].join('.') : [...Array(b.length / 2).keys()].map((i) => ((b[2 * i]! << 8) | b[2 * i + 1]!).toString(16)).join(':'));
  const address = part(bytes.subarray(0, half));
  return half === bytes.length ? address : `${address}/${part(bytes.subarray(half))}`;
}

function form(gn: RawGeneralName): GeneralNameForm {
  if (gn.dNSName !== undefined) return { kind: 'dns', name: gn.dNSName, text: `DNS:${gn.dNSName}` };
  if (gn.rfc822Name !== undefined) return { kind: 'email', name: gn.rfc822Name, text: `email:${gn.rfc822Name}` };
  if (gn.uniformResourceIdentifier !== undefined) return { kind: 'uri', name: gn.uniformResourceIdentifier, text: `URI:${gn.uniformResourceIdentifier}` };
  if (gn.iPAddress !== undefined) {
    const bytes = new Uint8Array(gn.iPAddress);
    return { kind: 'ip', bytes, text: `IP:${ipText(bytes)}` };
  }
  if (gn.directoryName !== undefined) return { kind: 'dirname', rdns: canonicalRdns(gn.directoryName), text: `DirName:${nameToString(gn.directoryName)}` };
  return { kind: 'other', text: gn.registeredID !== undefined ? `RID:${gn.registeredID}` : gn.otherName ? 'othername' : 'other name' };
}

function extensionValue(cert: ParsedCertificate, oid: string): ArrayBuffer | undefined {
  return cert.asn.tbsCertificate.extensions?.find((e) => e.extnID === oid)?.extnValue.buffer;
}

/** The Name Constraints of a CA certificate; undefined when it has none (or they do not read). */
export function nameConstraintsOf(cert: ParsedCertificate): NameConstraints | undefined {
  const value = extensionValue(cert, id_ce_nameConstraints);
  if (!value) return undefined;
  try {
    const nc = AsnParser.parse(value, RawNameConstraints);
    const subtrees = (list: readonly RawGeneralSubtree[] | undefined): GeneralSubtree[] =>
      (list ?? []).map((s) => ({ base: form(s.base), minimum: s.minimum, ...(s.maximum !== undefined ? { maximum: s.maximum } : {}) }));
    return { permitted: subtrees(nc.permittedSubtrees), excluded: subtrees(nc.excludedSubtrees) };
  } catch {
    return undefined;
  }
}

/** The subjectAltName entries, or undefined when the certificate has no subjectAltName extension. */
export function subjectAltNameForms(cert: ParsedCertificate): GeneralNameForm[] | undefined {
  const value = extensionValue(cert, id_ce_subjectAltName);
  if (!value) return undefined;
  try {
    return AsnParser.parse(value, RawGeneralNames).map(form);
  } catch {
    return [];
  }
}

const EMAIL_ADDRESS = '1.2.840.113549.1.9.1';
const COMMON_NAME = '2.5.4.3';

/** The subject's name forms: its RDNs, its emailAddress and commonName values (most general first). */
export function subjectNameForms(cert: ParsedCertificate): { dirname: GeneralNameForm & { kind: 'dirname' }; emails: string[]; commonNames: string[] } {
  const subject = cert.asn.tbsCertificate.subject;
  const values = (oid: string) => subject.flatMap((rdn) => rdn.filter((atv) => atv.type === oid).map((atv) => atv.value.toString()));
  return {
    dirname: { kind: 'dirname', rdns: canonicalRdns(subject), text: `DirName:${cert.subject}` },
    emails: values(EMAIL_ADDRESS),
    commonNames: values(COMMON_NAME),
  };
}
