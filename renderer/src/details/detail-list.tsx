// A certificate's sections as calm definition lists: the rows come ready-made from the main process
// (shared/x509/describe.ts); this only lays them out, with copy buttons, tones and nesting. Colon hex
// (fingerprints, serials, key identifiers) wraps only between bytes.
import { Fragment, useId, useState, type ReactNode } from 'react';
import type { DetailRow, DetailSection } from '../../../shared/model/details';
import { CopyButton } from './copy-button';

const COLON_HEX = /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})+$/;

/** "AB:CD:EF" with a line-break opportunity after each colon and none inside a byte (see .detail-text.hex). */
function hexText(value: string): ReactNode {
  if (!COLON_HEX.test(value)) return value;
  return value.split(':').map((byte, i, all) => (
    <Fragment key={i}>
      {byte}
      {i < all.length - 1 ? ':' : null}
      {i < all.length - 1 ? <wbr /> : null}
    </Fragment>
  ));
}

const isMd5 = (row: DetailRow) => /\bMD5\b/i.test(row.label);

function rowHasMd5(rows: readonly DetailRow[]): boolean {
  return rows.some((row) => isMd5(row) || (row.children ? rowHasMd5(row.children) : false));
}

interface ListProps {
  readonly rows: readonly DetailRow[];
  readonly showMd5: boolean;
  readonly nested?: boolean;
  readonly onCopyError: (message: string) => void;
}

function DetailList({ rows, showMd5, nested, onCopyError }: ListProps) {
  return (
    <dl className={nested ? 'detail-list nested' : 'detail-list'}>
      {rows
        .filter((row) => showMd5 || !isMd5(row))
        .map((row, i) => {
          const mono = row.mono || row.copyable;
          const tone = row.tone ? ` tone-${row.tone}` : '';
          return (
            <div key={`${row.label}-${i}`} className={`detail-row${tone}`}>
              <dt className="detail-label">{row.label}</dt>
              <dd className="detail-value">
                {row.value ? (
                  <div className="detail-value-line">
                    <span className={`detail-text${mono ? ' mono' : ''}${COLON_HEX.test(row.value) ? ' hex' : ''}`}>{hexText(row.value)}</span>
                    {row.copyable ? <CopyButton value={row.value} label={`Copy ${row.label}`} onError={onCopyError} /> : null}
                  </div>
                ) : null}
              </dd>
              {row.children?.length ? (
                <dd className="detail-children">
                  <DetailList rows={row.children} showMd5={showMd5} nested onCopyError={onCopyError} />
                </dd>
              ) : null}
            </div>
          );
        })}
    </dl>
  );
}

export function DetailSections({ sections, onCopyError }: { readonly sections: readonly DetailSection[]; readonly onCopyError: (message: string) => void }) {
  const [showMd5, setShowMd5] = useState(false);
  const prefix = useId();
  return (
    <>
      {sections.map((section, i) => {
        const hasMd5 = rowHasMd5(section.rows);
        const headingId = `${prefix}-section-${i}`;
        return (
          <section key={`${section.title}-${i}`} className="detail-section" aria-labelledby={headingId}>
            <div className="section-head">
              <h3 id={headingId} className="section-title">
                {section.title}
              </h3>
              {hasMd5 ? (
                <button type="button" className="link-button small" aria-pressed={showMd5} onClick={() => setShowMd5((s) => !s)}>
                  {showMd5 ? 'Hide MD5' : 'Show MD5'}
                </button>
              ) : null}
            </div>
            <DetailList rows={section.rows} showMd5={showMd5} onCopyError={onCopyError} />
          </section>
        );
      })}
    </>
  );
}
