// One cell of the store table per column (entry-columns.ts), from the row the main process's listing made.
import type { ReactNode } from 'react';
import { ENTRY_TYPE_LABELS, colonHex, expiry, formatDate, shortFingerprint } from '../ui/format';
import { EntryTypeIcon, WarningIcon } from '../ui/icons';
import { aliasParts } from './entry-columns';
import type { ColumnId, EntryRow } from './entry-rows';

function TextCell({ text, title, className = 'cell' }: { readonly text: string; readonly title?: string; readonly className?: string }) {
  return (
    <div role="gridcell" className={className} title={title}>
      <span className="cell-text">{text}</span>
    </div>
  );
}

const hexCell = (hex: string) => <TextCell className="cell cell-mono" text={shortFingerprint(hex)} title={hex ? colonHex(hex) : undefined} />;
const dateCell = (iso: string | null) => <TextCell className="cell cell-dim cell-date" text={iso ? formatDate(iso) : ''} title={iso ?? undefined} />;

export function EntryCell({ column, row, now }: { readonly column: ColumnId; readonly row: EntryRow; readonly now: number }): ReactNode {
  switch (column) {
    case 'type':
      return (
        <div role="gridcell" className="cell cell-type" title={ENTRY_TYPE_LABELS[row.type]}>
          <EntryTypeIcon type={row.type} />
          <span className="sr-only">{ENTRY_TYPE_LABELS[row.type]}</span>
        </div>
      );
    case 'alias': {
      const [head, tail] = aliasParts(row.alias);
      const javaNote = row.untrustedByJava ? (row.entry.notes?.join(' ') ?? 'Java will not treat this certificate as trusted.') : '';
      return (
        <div role="gridcell" className="cell cell-alias">
          <span className="alias-text" title={row.alias}>
            <span className="alias-head">{head}</span>
            {tail ? <span className="alias-tail">{tail}</span> : null}
          </span>
          {row.untrustedByJava ? <WarningIcon className="icon-sm java-warning" title={javaNote} /> : null}
        </div>
      );
    }
    case 'subject':
      return <TextCell text={row.subjectName} title={row.subject} />;
    case 'issuer':
      return <TextCell className="cell cell-dim" text={row.issuerName} title={row.issuer} />;
    case 'expires': {
      const validity = row.notAfter && row.notBefore ? expiry(row.notBefore, row.notAfter, now) : null;
      return (
        <div role="gridcell" className={`cell cell-expires${validity ? ` expiry-${validity.status}` : ''}`} title={validity?.relative}>
          {row.notAfter ? <span className="cell-text">{formatDate(row.notAfter)}</span> : null}
        </div>
      );
    }
    case 'key':
      return <TextCell className="cell cell-dim" text={row.key} />;
    case 'sha256':
      return hexCell(row.sha256);
    case 'created':
      return dateCell(row.created);
    case 'validFrom':
      return dateCell(row.notBefore);
    case 'serial':
      return <TextCell className="cell cell-mono" text={row.serial ? colonHex(row.serial) : ''} title={row.serial ? colonHex(row.serial) : undefined} />;
    case 'authorityKeyId':
      return hexCell(row.authorityKeyId);
    case 'subjectKeyId':
      return hexCell(row.subjectKeyId);
    case 'subjectOrganization':
      return <TextCell text={row.subjectOrganization} title={row.subjectOrganization || undefined} />;
    case 'issuerOrganization':
      return <TextCell className="cell cell-dim" text={row.issuerOrganization} title={row.issuerOrganization || undefined} />;
    case 'sha1':
      return hexCell(row.sha1);
    case 'curve':
      return <TextCell className="cell cell-dim" text={row.curve} />;
  }
}
