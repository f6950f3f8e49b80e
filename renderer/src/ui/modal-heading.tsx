// The top of every dialog: an icon in its tinted square, the title (the dialog's accessible name, so it
// carries the id that the Modal's labelledBy names) and, under it, an optional subtitle.
import type { ReactNode } from 'react';

export interface ModalHeadingProps {
  /** The id of the <h2>; the Modal's `labelledBy`. */
  readonly titleId: string;
  readonly icon: ReactNode;
  /** `warn` for destructive or cautionary dialogs (delete, discard, saved without keys). */
  readonly tone?: 'warn';
  readonly children: ReactNode;
  /** A tooltip for the title when it may be cut short (long aliases). */
  readonly titleTooltip?: string;
  readonly subtitle?: ReactNode;
  readonly subtitleTooltip?: string;
}

export function ModalHeading({ titleId, icon, tone, children, titleTooltip, subtitle, subtitleTooltip }: ModalHeadingProps) {
  const title = (
    <h2 id={titleId} className="modal-title" title={titleTooltip}>
      {children}
    </h2>
  );
  return (
    <div className="modal-heading">
      <span className={tone === 'warn' ? 'modal-icon modal-icon-warn' : 'modal-icon'} aria-hidden="true">
        {icon}
      </span>
      {subtitle ? (
        <div>
          {title}
          <p className="modal-subtitle" title={subtitleTooltip}>
            {subtitle}
          </p>
        </div>
      ) : (
        title
      )}
    </div>
  );
}
