// The entry's certificate chain drawn from the root down to the leaf (the stored order is leaf
// first); choosing a certificate shows its details below.
import type { CertificateDetails } from '../../../shared/model/details';
import { commonName } from '../ui/format';
import { CertificateIcon } from '../ui/icons';

function roleLabel(details: CertificateDetails, position: number, length: number): string {
  const role = details.summary.role;
  if (role === 'root') return 'Root';
  if (role === 'intermediate') return 'Intermediate';
  if (role === 'leaf') return 'Leaf';
  if (position === 0) return 'Leaf';
  if (position === length - 1 && details.summary.selfSigned) return 'Root';
  return 'Intermediate';
}

export interface ChainTreeProps {
  readonly chain: readonly CertificateDetails[];
  /** Index into `chain` (leaf = 0). */
  readonly selected: number;
  readonly onSelect: (position: number) => void;
}

export function ChainTree({ chain, selected, onSelect }: ChainTreeProps) {
  const topDown = chain.map((details, position) => ({ details, position })).reverse();
  return (
    <section className="chain" aria-label="Certificate chain">
      <h3 className="section-title">Certificate chain</h3>
      <ol className="chain-list">
        {topDown.map(({ details, position }, depth) => (
          <li key={`${details.summary.sha256}-${position}`} className="chain-node" data-depth={Math.min(depth, 6)}>
            <button
              type="button"
              className={position === selected ? 'chain-button selected' : 'chain-button'}
              aria-current={position === selected ? 'true' : undefined}
              onClick={() => onSelect(position)}
              title={details.summary.subject}
            >
              <CertificateIcon className="icon-sm chain-icon" />
              <span className="chain-name">{commonName(details.summary.subject) || details.summary.subject}</span>
              <span className="chain-role">{roleLabel(details, position, chain.length)}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
