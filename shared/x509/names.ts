// Distinguished names and general names as text: RFC 4514 (most specific first, as keytool and
// `openssl -nameopt RFC2253` print them) and the "DNS:…"/"IP:…" forms of subjectAltName.
import { AsnConvert } from '@peculiar/asn1-schema';
import type { GeneralName, Name } from '@peculiar/asn1-x509';
import { ATTRIBUTE_NAMES } from './oids';
import { toHex } from './hex';

export function escapeValue(value: string): string {
  let out = value.replace(/([\\,+"<>;=])/g, '\\$1');
  if (out.startsWith('#') || out.startsWith(' ')) out = '\\' + out;
  if (out.endsWith(' ') && !out.endsWith('\\ ')) out = out.slice(0, -1) + '\\ ';
  return out;
}

export function nameToString(name: Name): string {
  const rdns: string[] = [];
  for (const rdn of name) {
    const parts: string[] = [];
    for (const atv of rdn) {
      const short = ATTRIBUTE_NAMES[atv.type];
      const text = atv.value.toString();
      if (short && text !== undefined) parts.push(`${short}=${escapeValue(text)}`);
      else parts.push(`${atv.type}=#${toHex(new Uint8Array(AsnConvert.serialize(atv.value)))}`);
    }
    rdns.push(parts.join('+'));
  }
  return rdns.reverse().join(',');
}

/** The first attribute of the given short type (e.g. CN), most specific first. */
export function nameAttribute(name: Name, short: string): string | undefined {
  for (let i = name.length - 1; i >= 0; i--) {
    for (const atv of name[i]!) {
      if (ATTRIBUTE_NAMES[atv.type] === short) return atv.value.toString();
    }
  }
  return undefined;
}

export function generalNameToString(gn: GeneralName): string {
  if (gn.dNSName !== undefined) return `DNS:${gn.dNSName}`;
  if (gn.iPAddress !== undefined) return `IP:${gn.iPAddress}`; // asn1-x509 renders the address (and mask) as text
  if (gn.rfc822Name !== undefined) return `email:${gn.rfc822Name}`;
  if (gn.uniformResourceIdentifier !== undefined) return `URI:${gn.uniformResourceIdentifier}`;
  if (gn.directoryName !== undefined) return `DirName:${nameToString(gn.directoryName)}`;
  if (gn.registeredID !== undefined) return `RID:${gn.registeredID}`;
  if (gn.otherName !== undefined) return `othername:${gn.otherName.typeId}`;
  return 'unknown';
}
