// Subject and Authority Key Identifier: how a certificate names its own key and its issuer's key,
// which is how path building finds the issuer among several with the same name.
import { AsnParser } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  SubjectKeyIdentifier,
  id_ce_authorityKeyIdentifier,
  id_ce_subjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import type { DetailRow } from '../../model/details';
import type { ExtensionDecoder } from './decoder';
import { colonHexOf, copyRow, serialColonHex } from './decoder';
import { generalNameRow } from './general-names';

export const identifierDecoders: readonly ExtensionDecoder[] = [
  {
    oid: id_ce_subjectKeyIdentifier,
    name: 'Subject Key Identifier',
    decode: (value) => {
      const id = colonHexOf(AsnParser.parse(value, SubjectKeyIdentifier).buffer);
      return { summary: id, rows: [copyRow('Key identifier', id)] };
    },
  },
  {
    oid: id_ce_authorityKeyIdentifier,
    name: 'Authority Key Identifier',
    decode: (value) => {
      const aki = AsnParser.parse(value, AuthorityKeyIdentifier);
      const rows: DetailRow[] = [];
      const keyId = aki.keyIdentifier ? colonHexOf(aki.keyIdentifier.buffer) : undefined;
      if (keyId) rows.push(copyRow('Key identifier', keyId));
      if (aki.authorityCertIssuer?.length) {
        rows.push({ label: 'Issuer', value: '', children: aki.authorityCertIssuer.map((gn) => generalNameRow(gn)) });
      }
      const serial = aki.authorityCertSerialNumber ? serialColonHex(aki.authorityCertSerialNumber) : undefined;
      if (serial) rows.push(copyRow('Issuer serial number', serial));
      const summary = keyId ?? (serial ? `issuer serial ${serial}` : 'empty');
      return { summary, rows };
    },
  },
];
