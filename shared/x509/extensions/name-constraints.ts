// Name Constraints: the name spaces a CA may issue for (permitted) and may not (excluded). A leaf whose
// SAN falls outside them fails with "permitted subtree violation" in OpenSSL and Java.
import { AsnParser } from '@peculiar/asn1-schema';
import { NameConstraints, id_ce_nameConstraints, type GeneralSubtree } from '@peculiar/asn1-x509';
import type { DetailRow } from '../../model/details';
import type { ExtensionDecoder } from './decoder';
import { row } from './decoder';
import { generalNameRow, generalNameText } from './general-names';

function subtreeRow(subtree: GeneralSubtree): DetailRow {
  const distances: DetailRow[] = [];
  if (subtree.minimum) distances.push(row('Minimum', String(subtree.minimum)));
  if (subtree.maximum !== undefined) distances.push(row('Maximum', String(subtree.maximum)));
  return generalNameRow(subtree.base, distances);
}

export const nameConstraintDecoders: readonly ExtensionDecoder[] = [
  {
    oid: id_ce_nameConstraints,
    name: 'Name Constraints',
    decode: (value) => {
      const nc = AsnParser.parse(value, NameConstraints);
      const rows: DetailRow[] = [];
      const parts: string[] = [];
      for (const [label, subtrees] of [
        ['Permitted', nc.permittedSubtrees],
        ['Excluded', nc.excludedSubtrees],
      ] as const) {
        if (!subtrees?.length) continue;
        rows.push({ label, value: `${subtrees.length} subtree${subtrees.length === 1 ? '' : 's'}`, children: subtrees.map(subtreeRow) });
        parts.push(`${label.toLowerCase()}: ${subtrees.map((s) => generalNameText(s.base)).join(', ')}`);
      }
      if (rows.length === 0) throw new Error('neither permitted nor excluded subtrees are present');
      return { summary: parts.join('; '), rows };
    },
  },
];
