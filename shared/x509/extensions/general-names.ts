// GeneralName (RFC 5280 4.2.1.6) as a labelled row: "DNS", "IP", "email", "URI", "DirName", …
// Shared by alternative names, access locations, CRL distribution points and name constraints.
import { AsnParser } from '@peculiar/asn1-schema';
import { DirectoryString, type GeneralName } from '@peculiar/asn1-x509';
import type { DetailRow } from '../../model/details';
import { nameToString } from '../names';
import { copyRow, colonHexOf } from './decoder';

const OTHER_NAMES: Record<string, string> = {
  '1.3.6.1.4.1.311.20.2.3': 'UPN', // Microsoft user principal name
  '1.3.6.1.5.5.7.8.7': 'SRV', // RFC 4985 service name
  '1.3.6.1.5.5.7.8.9': 'SmtpUTF8Mailbox', // RFC 8398
};

export interface GeneralNameParts {
  /** The prefix OpenSSL uses: DNS, IP, email, URI, DirName, RID, othername, EdiPartyName, X400Name. */
  readonly kind: string;
  readonly value: string;
}

function otherNameValue(typeId: string, value: ArrayBuffer): string {
  const label = OTHER_NAMES[typeId] ?? typeId;
  try {
    // Most other names (UPN, SRV, SmtpUTF8Mailbox) carry a string; show it when it is one.
    return `${label}:${AsnParser.parse(value, DirectoryString).toString()}`;
  } catch {
    return `${label}:${colonHexOf(value)}`;
  }
}

export function generalNameParts(gn: GeneralName): GeneralNameParts {
  if (gn.dNSName !== undefined) return { kind: 'DNS', value: gn.dNSName };
  if (gn.iPAddress !== undefined) return { kind: 'IP', value: gn.iPAddress }; // rendered (with mask) by asn1-x509
  if (gn.rfc822Name !== undefined) return { kind: 'email', value: gn.rfc822Name };
  if (gn.uniformResourceIdentifier !== undefined) return { kind: 'URI', value: gn.uniformResourceIdentifier };
  if (gn.directoryName !== undefined) return { kind: 'DirName', value: nameToString(gn.directoryName) };
  if (gn.registeredID !== undefined) return { kind: 'RID', value: gn.registeredID };
  if (gn.otherName !== undefined) return { kind: 'othername', value: otherNameValue(gn.otherName.typeId, gn.otherName.value) };
  if (gn.ediPartyName !== undefined) return { kind: 'EdiPartyName', value: gn.ediPartyName.partyName.toString() };
  if (gn.x400Address !== undefined) return { kind: 'X400Name', value: colonHexOf(gn.x400Address) };
  throw new Error('a GeneralName of no known kind');
}

export function generalNameText(gn: GeneralName): string {
  const { kind, value } = generalNameParts(gn);
  return `${kind}:${value}`;
}

export function generalNameRow(gn: GeneralName, children?: readonly DetailRow[]): DetailRow {
  const { kind, value } = generalNameParts(gn);
  return copyRow(kind, value, children);
}
