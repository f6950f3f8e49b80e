// Two chains side by side, aligned by SHA-256: the same certificate on both sides shares a row marked
// "=", and what differs (another certificate under the same name, one side only) is highlighted.
import { useEffect, useMemo, useRef } from 'react';
import { useNow } from '../explorer/use-now';
import { colonHex, commonName, expiry, formatDate, keyLabel, shortFingerprint } from '../ui/format';
import { CloseIcon } from '../ui/icons';
import { alignChains, comparisonSummary, type ChainSide, type PlacedCertificate, type RowMatch } from './align-chains';

const MATCH_LABELS: Record<RowMatch, string> = {
  same: 'Same certificate',
  'same-subject': 'Same name, another certificate',
  different: 'Different certificates',
  'left-only': 'Only on the left',
  'right-only': 'Only on the right',
};

function Cell({ placed, now }: { readonly placed: PlacedCertificate | null; readonly now: number }) {
  if (!placed) return <div className="compare-cell compare-empty">—</div>;
  const { certificate, position } = placed;
  const validity = expiry(certificate.notBefore, certificate.notAfter, now);
  return (
    <div className="compare-cell">
      <div className="compare-name" title={certificate.subject}>
        <span className="compare-position">{position + 1}</span>
        {commonName(certificate.subject) || certificate.subject}
      </div>
      <div className="compare-meta" title={certificate.issuer}>
        {certificate.selfSigned ? 'Self-signed' : `Issued by ${commonName(certificate.issuer) || certificate.issuer}`}
      </div>
      <div className="compare-meta">
        <span className={`expiry-${validity.status}`} title={validity.relative}>
          {formatDate(certificate.notAfter)}
        </span>
        {' · '}
        {keyLabel(certificate)}
        {' · '}
        <span className="mono" title={colonHex(certificate.sha256)}>
          {shortFingerprint(certificate.sha256)}
        </span>
      </div>
    </div>
  );
}

export interface ChainCompareProps {
  readonly left: ChainSide;
  readonly right: ChainSide;
  readonly onClose: () => void;
}

export function ChainCompare({ left, right, onClose }: ChainCompareProps) {
  const now = useNow();
  const rows = useMemo(() => alignChains(left.certificates, right.certificates), [left.certificates, right.certificates]);
  const summary = comparisonSummary(rows);
  // The result lands below the verdict and the chain: brought into view, with the keyboard on it.
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    section.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    section.current?.focus({ preventScroll: true });
  }, [right]);
  return (
    <section ref={section} tabIndex={-1} className="probe-section chain-compare" aria-labelledby="compare-heading">
      <div className="compare-head">
        <h2 className="section-title" id="compare-heading">
          Compared chains
        </h2>
        <button type="button" className="icon-button" aria-label="Close the comparison" title="Close the comparison" onClick={onClose}>
          <CloseIcon />
        </button>
      </div>
      <p className={summary.identical ? 'compare-summary same' : 'compare-summary differ'} role="status">
        {summary.text}
      </p>
      <div className="compare-grid" role="table" aria-label={`${left.label} compared with ${right.label}`}>
        <div className="compare-row compare-header" role="row">
          <div role="columnheader" className="compare-label" title={left.label}>
            {left.label}
          </div>
          <div role="columnheader" className="compare-marker-head">
            <span className="sr-only">Match</span>
          </div>
          <div role="columnheader" className="compare-label" title={right.label}>
            {right.label}
          </div>
        </div>
        {rows.map((row, i) => (
          <div key={i} className={`compare-row match-${row.match}`} role="row" data-match={row.match}>
            <div role="cell">
              <Cell placed={row.left} now={now} />
            </div>
            <div role="cell" className="compare-marker" title={MATCH_LABELS[row.match]}>
              <span aria-hidden="true">{row.match === 'same' ? '=' : '≠'}</span>
              <span className="sr-only">{MATCH_LABELS[row.match]}</span>
            </div>
            <div role="cell">
              <Cell placed={row.right} now={now} />
            </div>
            {row.match === 'same-subject' || row.match === 'different' ? (
              <div role="cell" className="compare-note">
                {row.match === 'same-subject'
                  ? 'Same name on both sides, but another certificate (another key or a re-issue): clients may build different paths.'
                  : 'Different certificates at the same place in the chain.'}
              </div>
            ) : null}
          </div>
        ))}
      </div>
    </section>
  );
}
