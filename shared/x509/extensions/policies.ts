// Certificate policies and the constraints on them: Certificate Policies (with CA/B Forum DV/OV/EV names,
// CPS links and user notices), Policy Mappings, Policy Constraints and Inhibit anyPolicy.
import { AsnParser } from '@peculiar/asn1-schema';
import {
  CertificatePolicies,
  InhibitAnyPolicy,
  PolicyConstraints,
  PolicyMappings,
  Qualifier,
  id_ce_certificatePolicies,
  id_ce_inhibitAnyPolicy,
  id_ce_policyConstraints,
  id_ce_policyMappings,
  type PolicyQualifierInfo,
  type UserNotice,
} from '@peculiar/asn1-x509';
import type { DetailRow } from '../../model/details';
import { CERTIFICATE_POLICIES } from '../oids';
import type { ExtensionDecoder } from './decoder';
import { colonHexOf, copyRow, integerText, listSummary, row } from './decoder';

const ID_QT_CPS = '1.3.6.1.5.5.7.2.1';
const ID_QT_UNOTICE = '1.3.6.1.5.5.7.2.2';

/** "CA/B Forum Organization Validated (OV) (2.23.140.1.2.2)", or the OID alone. */
export function policyText(oid: string): string {
  const name = CERTIFICATE_POLICIES[oid];
  return name ? `${name} (${oid})` : oid;
}

function userNoticeRows(notice: UserNotice): DetailRow[] {
  const rows: DetailRow[] = [];
  if (notice.noticeRef) {
    const numbers = notice.noticeRef.noticeNumbers.filter((n) => typeof n === 'number').join(', ');
    rows.push(row('Notice reference', `${notice.noticeRef.organization.toString()}${numbers ? ` #${numbers}` : ''}`));
  }
  if (notice.explicitText) rows.push(row('Explicit text', notice.explicitText.toString()));
  return rows;
}

function qualifierRow(info: PolicyQualifierInfo): DetailRow {
  try {
    const qualifier = AsnParser.parse(info.qualifier, Qualifier);
    if (info.policyQualifierId === ID_QT_CPS && qualifier.cPSuri !== undefined) return copyRow('CPS', qualifier.cPSuri);
    if (info.policyQualifierId === ID_QT_UNOTICE && qualifier.userNotice) {
      return { label: 'User notice', value: '', children: userNoticeRows(qualifier.userNotice) };
    }
  } catch {
    // an unexpected qualifier shape: show its bytes below
  }
  return copyRow(info.policyQualifierId, colonHexOf(info.qualifier));
}

function skipCerts(label: string, value: ArrayBuffer | undefined): DetailRow[] {
  return value === undefined ? [] : [row(label, integerText(value))];
}

export const policyDecoders: readonly ExtensionDecoder[] = [
  {
    oid: id_ce_certificatePolicies,
    name: 'Certificate Policies',
    decode: (value) => {
      const policies = AsnParser.parse(value, CertificatePolicies);
      if (policies.length === 0) throw new Error('an empty list of policies');
      const rows = policies.map((p) => {
        const children = (p.policyQualifiers ?? []).map(qualifierRow);
        return row('Policy', policyText(p.policyIdentifier), children.length ? { children } : {});
      });
      const summary = listSummary(policies.map((p) => CERTIFICATE_POLICIES[p.policyIdentifier] ?? p.policyIdentifier), 3);
      return { summary, rows };
    },
  },
  {
    oid: id_ce_policyMappings,
    name: 'Policy Mappings',
    decode: (value) => {
      const mappings = AsnParser.parse(value, PolicyMappings);
      if (mappings.length === 0) throw new Error('an empty list of mappings');
      const rows = mappings.map((m) => row('Issuer policy', m.issuerDomainPolicy, { children: [row('Subject policy', m.subjectDomainPolicy)] }));
      return { summary: listSummary(mappings.map((m) => `${m.issuerDomainPolicy} → ${m.subjectDomainPolicy}`), 2), rows };
    },
  },
  {
    oid: id_ce_policyConstraints,
    name: 'Policy Constraints',
    decode: (value) => {
      const pc = AsnParser.parse(value, PolicyConstraints);
      const rows = [...skipCerts('Require explicit policy', pc.requireExplicitPolicy), ...skipCerts('Inhibit policy mapping', pc.inhibitPolicyMapping)];
      if (rows.length === 0) throw new Error('neither constraint is present');
      return { summary: rows.map((r) => `${r.label}: ${r.value}`).join(', '), rows };
    },
  },
  {
    oid: id_ce_inhibitAnyPolicy,
    name: 'Inhibit anyPolicy',
    decode: (value) => {
      const skip = integerText(AsnParser.parse(value, InhibitAnyPolicy).value);
      return { summary: `skip certificates: ${skip}`, rows: [row('Skip certificates', skip)] };
    },
  },
];
