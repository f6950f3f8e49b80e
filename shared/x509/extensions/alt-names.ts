// Subject and Issuer Alternative Name: the names (DNS, IP, email, URI, …) a certificate is valid for.
import { AsnParser } from '@peculiar/asn1-schema';
import {
  IssueAlternativeName,
  SubjectAlternativeName,
  id_ce_issuerAltName,
  id_ce_subjectAltName,
  type GeneralName,
} from '@peculiar/asn1-x509';
import type { DecodedExtension, ExtensionDecoder } from './decoder';
import { listSummary } from './decoder';
import { generalNameRow } from './general-names';

function describeNames(names: readonly GeneralName[]): DecodedExtension {
  if (names.length === 0) throw new Error('an empty list of names');
  // The names are the rows (each with its copy button); the line above them counts them by kind rather
  // than listing them a second time: "3 names: 2 DNS, 1 IP".
  const rows = names.map((gn) => generalNameRow(gn));
  const kinds = new Map<string, number>();
  for (const row of rows) kinds.set(row.label, (kinds.get(row.label) ?? 0) + 1);
  const counted = [...kinds].map(([kind, n]) => `${n} ${kind}`);
  return { summary: `${rows.length} ${rows.length === 1 ? 'name' : 'names'}: ${listSummary(counted, 6)}`, rows };
}

export const altNameDecoders: readonly ExtensionDecoder[] = [
  {
    oid: id_ce_subjectAltName,
    name: 'Subject Alternative Name',
    decode: (value) => describeNames(AsnParser.parse(value, SubjectAlternativeName)),
  },
  {
    oid: id_ce_issuerAltName,
    name: 'Issuer Alternative Name',
    decode: (value) => describeNames(AsnParser.parse(value, IssueAlternativeName)),
  },
];
