// Where a client fetches the issuer and the revocation status: Authority/Subject Information Access,
// CRL Distribution Points, Freshest CRL and OCSP No Check. The URLs are what "unable to get issuer"
// and revocation-check failures come down to, so each is a copyable row.
import { AsnParser } from '@peculiar/asn1-schema';
import {
  AuthorityInfoAccessSyntax,
  CRLDistributionPoints,
  FreshestCRL,
  Name,
  SubjectInfoAccessSyntax,
  id_ce_cRLDistributionPoints,
  id_ce_freshestCRL,
  id_pe_authorityInfoAccess,
  id_pe_subjectInfoAccess,
  type AccessDescription,
  type DistributionPoint,
} from '@peculiar/asn1-x509';
import type { DetailRow } from '../../model/details';
import { nameToString } from '../names';
import { ACCESS_METHODS } from '../oids';
import type { DecodedExtension, ExtensionDecoder } from './decoder';
import { bitSet, bytesOf, listSummary, row } from './decoder';
import { generalNameParts, generalNameRow } from './general-names';

const MORE_ACCESS_METHODS: Record<string, string> = {
  '1.3.6.1.5.5.7.48.3': 'Time Stamping',
  '1.3.6.1.5.5.7.48.5': 'CA Repository',
};

const REASONS = [
  'Unused',
  'Key Compromise',
  'CA Compromise',
  'Affiliation Changed',
  'Superseded',
  'Cessation Of Operation',
  'Certificate Hold',
  'Privilege Withdrawn',
  'AA Compromise',
];

function describeAccess(descriptions: readonly AccessDescription[]): DecodedExtension {
  if (descriptions.length === 0) throw new Error('an empty list of access descriptions');
  const rows = descriptions.map((d) => {
    const method = ACCESS_METHODS[d.accessMethod] ?? MORE_ACCESS_METHODS[d.accessMethod] ?? d.accessMethod;
    const { kind, value } = generalNameParts(d.accessLocation);
    return { label: method, value: kind === 'URI' ? value : `${kind}:${value}`, copyable: true, mono: true };
  });
  return { summary: listSummary(rows.map((r) => `${r.label} ${r.value}`), 2), rows };
}

function distributionPointRows(point: DistributionPoint): DetailRow[] {
  const rows: DetailRow[] = [];
  const name = point.distributionPoint;
  for (const gn of name?.fullName ?? []) rows.push(generalNameRow(gn));
  if (name?.nameRelativeToCRLIssuer) rows.push(row('Name relative to CRL issuer', nameToString(new Name([name.nameRelativeToCRLIssuer]))));
  if (point.reasons) {
    const bits = bytesOf(point.reasons.value);
    rows.push(row('Reasons', REASONS.filter((_, i) => bitSet(bits, i)).join(', ') || 'none'));
  }
  if (point.cRLIssuer?.length) rows.push({ label: 'CRL issuer', value: '', children: point.cRLIssuer.map((gn) => generalNameRow(gn)) });
  return rows;
}

function describePoints(points: readonly DistributionPoint[]): DecodedExtension {
  if (points.length === 0) throw new Error('an empty list of distribution points');
  const simple = points.every((p) => !p.reasons && !p.cRLIssuer && !p.distributionPoint?.nameRelativeToCRLIssuer);
  const rows = simple
    ? points.flatMap(distributionPointRows)
    : points.map((p, i) => ({ label: `Distribution point ${i + 1}`, value: '', children: distributionPointRows(p) }));
  const urls = points.flatMap((p) => p.distributionPoint?.fullName ?? []).map((gn) => generalNameParts(gn).value);
  return { summary: listSummary(urls.length ? urls : [`${points.length} distribution point(s)`], 2), rows };
}

export const accessDecoders: readonly ExtensionDecoder[] = [
  {
    oid: id_pe_authorityInfoAccess,
    name: 'Authority Information Access',
    decode: (value) => describeAccess(AsnParser.parse(value, AuthorityInfoAccessSyntax)),
  },
  {
    oid: id_pe_subjectInfoAccess,
    name: 'Subject Information Access',
    decode: (value) => describeAccess(AsnParser.parse(value, SubjectInfoAccessSyntax)),
  },
  {
    oid: id_ce_cRLDistributionPoints,
    name: 'CRL Distribution Points',
    decode: (value) => describePoints(AsnParser.parse(value, CRLDistributionPoints)),
  },
  {
    oid: id_ce_freshestCRL,
    name: 'Freshest CRL',
    decode: (value) => describePoints(AsnParser.parse(value, FreshestCRL)),
  },
  {
    oid: '1.3.6.1.5.5.7.48.1.5',
    name: 'OCSP No Check',
    decode: (value) => {
      if (value.length !== 2 || value[0] !== 0x05 || value[1] !== 0x00) throw new Error('the value is not NULL');
      return { summary: 'present: clients do not check this OCSP responder certificate for revocation', rows: [] };
    },
  },
];
