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
import { generalNameRow, generalNameText } from './general-names';

function describeNames(names: readonly GeneralName[]): DecodedExtension {
  if (names.length === 0) throw new Error('an empty list of names');
  return { summary: listSummary(names.map(generalNameText), 6), rows: names.map((gn) => generalNameRow(gn)) };
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
