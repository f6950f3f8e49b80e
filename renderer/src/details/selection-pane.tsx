// The right-hand pane while several entries are chosen: how many of each kind, what expires soonest,
// their aliases (each one shows its own details when clicked), and the actions that take them all.
import type { ListedEntry } from '../../../shared/model/keystore';
import { TrashIcon } from '../explorer/entry-actions';
import { ENTRY_TYPE_ORDER, countLabel, expiry, formatDate } from '../ui/format';
import { CloseIcon, EntryTypeIcon, ExportIcon } from '../ui/icons';

/** Aliases listed by name; past this many the list says how many more there are. */
const LISTED = 50;

export interface SelectionPaneProps {
  readonly entries: readonly { readonly index: number; readonly entry: ListedEntry }[];
  readonly now: number;
  readonly onShow: (index: number) => void;
  readonly onExport?: () => void;
  readonly onDelete?: () => void;
  readonly onClose: () => void;
}

export function SelectionPane({ entries, now, onShow, onExport, onDelete, onClose }: SelectionPaneProps) {
  const counts = ENTRY_TYPE_ORDER.map((type) => ({ type, count: entries.filter((e) => e.entry.type === type).length })).filter((c) => c.count > 0);
  const dated = entries.filter((e) => e.entry.leaf).sort((a, b) => a.entry.leaf!.notAfter.localeCompare(b.entry.leaf!.notAfter));
  const first = dated[0];
  const soonest = first?.entry.leaf ? expiry(first.entry.leaf.notBefore, first.entry.leaf.notAfter, now) : null;
  const title = `${entries.length.toLocaleString('en-US')} entries chosen`;
  return (
    <aside className="details selection-pane" aria-label={title}>
      <div className="details-header">
        <div className="details-heading">
          <h2 className="details-title">{title}</h2>
          <p className="details-subtitle">{counts.map(({ type, count }) => countLabel(type, count)).join(' · ')}</p>
        </div>
        <button type="button" className="icon-button" aria-label="Close details" title="Close details" onClick={onClose}>
          <CloseIcon />
        </button>
      </div>
      <div className="details-scroll" tabIndex={-1}>
        {first && soonest ? (
          <p className={`selection-expiry expiry-${soonest.status}`}>
            First to expire: <strong>{first.entry.alias}</strong>, {formatDate(first.entry.leaf!.notAfter)} ({soonest.relative})
          </p>
        ) : null}
        {onExport || onDelete ? (
          <div className="selection-actions">
            {onExport ? (
              <button type="button" className="button" onClick={onExport}>
                <ExportIcon className="icon-sm" />
                Export {entries.length.toLocaleString('en-US')}…
              </button>
            ) : null}
            {onDelete ? (
              <button type="button" className="button danger-outline" onClick={onDelete}>
                <TrashIcon className="icon-sm" />
                Delete {entries.length.toLocaleString('en-US')}…
              </button>
            ) : null}
          </div>
        ) : null}
        <ul className="selection-list">
          {entries.slice(0, LISTED).map(({ index, entry }) => (
            <li key={index}>
              <button type="button" className="selection-item" onClick={() => onShow(index)} title={`Show ${entry.alias} alone`}>
                <EntryTypeIcon type={entry.type} className="icon-sm" />
                <span className="selection-alias">{entry.alias}</span>
              </button>
            </li>
          ))}
        </ul>
        {entries.length > LISTED ? <p className="muted selection-more">and {(entries.length - LISTED).toLocaleString('en-US')} more</p> : null}
      </div>
    </aside>
  );
}
