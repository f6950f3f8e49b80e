// Two chains lined up row by row so what differs stands out: certificates with the same SHA-256 share a
// row (the longest common run of them, in order), and between those, certificates with the same
// subject pair up as "same name, another certificate" (a re-issued intermediate), the rest side by side
// as different, and what is left over stands alone.
import type { CertificateSummary } from '../../../shared/model/certificate';

export interface ChainSide {
  /** "localhost:8443", "chain.pem": the heading of its column. */
  readonly label: string;
  readonly certificates: readonly CertificateSummary[];
}

export interface PlacedCertificate {
  /** Position in its own chain, from 0. */
  readonly position: number;
  readonly certificate: CertificateSummary;
}

export type RowMatch = 'same' | 'same-subject' | 'different' | 'left-only' | 'right-only';

export interface AlignedRow {
  readonly left: PlacedCertificate | null;
  readonly right: PlacedCertificate | null;
  readonly match: RowMatch;
}

/** Index pairs of the longest common subsequence of the two fingerprint lists. */
function commonRun(a: readonly string[], b: readonly string[]): [number, number][] {
  const table: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

function gapRows(left: readonly PlacedCertificate[], right: readonly PlacedCertificate[]): AlignedRow[] {
  const rows: AlignedRow[] = [];
  const unusedRight = [...right];
  const unmatchedLeft: PlacedCertificate[] = [];
  for (const l of left) {
    const at = unusedRight.findIndex((r) => r.certificate.subject === l.certificate.subject);
    if (at >= 0) rows.push({ left: l, right: unusedRight.splice(at, 1)[0]!, match: 'same-subject' });
    else unmatchedLeft.push(l);
  }
  const pairs = Math.min(unmatchedLeft.length, unusedRight.length);
  for (let k = 0; k < pairs; k++) rows.push({ left: unmatchedLeft[k]!, right: unusedRight[k]!, match: 'different' });
  for (const l of unmatchedLeft.slice(pairs)) rows.push({ left: l, right: null, match: 'left-only' });
  for (const r of unusedRight.slice(pairs)) rows.push({ left: null, right: r, match: 'right-only' });
  // Keep the rows in the left chain's order where it has a certificate, else the right's.
  return rows.sort((x, y) => (x.left?.position ?? x.right!.position + 0.5) - (y.left?.position ?? y.right!.position + 0.5));
}

export function alignChains(left: readonly CertificateSummary[], right: readonly CertificateSummary[]): AlignedRow[] {
  const place = (certificates: readonly CertificateSummary[]) => certificates.map((certificate, position) => ({ position, certificate }));
  const a = place(left);
  const b = place(right);
  const pairs = commonRun(
    a.map((p) => p.certificate.sha256.toLowerCase()),
    b.map((p) => p.certificate.sha256.toLowerCase()),
  );
  const rows: AlignedRow[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [a.length, b.length] as [number, number]]) {
    rows.push(...gapRows(a.slice(i, pi), b.slice(j, pj)));
    if (pi < a.length && pj < b.length) rows.push({ left: a[pi]!, right: b[pj]!, match: 'same' });
    i = pi + 1;
    j = pj + 1;
  }
  return rows;
}

/** "Both send the same chain" or how many rows differ. */
export function comparisonSummary(rows: readonly AlignedRow[]): { readonly identical: boolean; readonly text: string } {
  const differing = rows.filter((r) => r.match !== 'same').length;
  if (differing === 0) return { identical: true, text: 'The two chains are the same certificates in the same order.' };
  const same = rows.length - differing;
  return {
    identical: false,
    text: `${differing} of ${rows.length} position${rows.length === 1 ? '' : 's'} differ; ${same} certificate${same === 1 ? ' is' : 's are'} the same in both.`,
  };
}
