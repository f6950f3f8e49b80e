// The toolbar's Columns button: a list of every column (KeyStore Explorer's optional ones among them)
// with a check box each, and a way back to the defaults. Escape or a click outside closes it.
import { useEffect, useId, useRef, useState } from 'react';
import { ALWAYS_SHOWN, COLUMNS, isDefaultLayout, type ColumnLayout } from './entry-columns';
import type { ColumnId } from './entry-rows';
import { ColumnsIcon } from '../ui/icons';

export interface ColumnChooserProps {
  readonly layout: ColumnLayout;
  readonly onToggle: (id: ColumnId) => void;
  readonly onReset: () => void;
}

export function ColumnChooser({ layout, onToggle, onReset }: ColumnChooserProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const frame = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    frame.current?.querySelector<HTMLInputElement>('input:not(:disabled)')?.focus();
    const onDown = (event: PointerEvent) => {
      if (!frame.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', onDown);
    return () => window.removeEventListener('pointerdown', onDown);
  }, [open]);

  return (
    <div
      className="column-chooser"
      ref={frame}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className={open ? 'icon-button toggled' : 'icon-button'}
        aria-expanded={open}
        aria-controls={id}
        aria-label="Choose columns"
        title="Columns"
        onClick={() => setOpen((o) => !o)}
      >
        <ColumnsIcon />
      </button>
      {open ? (
        <div className="column-menu" id={id} role="group" aria-label="Columns shown">
          {COLUMNS.map((column) => (
            <label key={column.id} className="column-option">
              <input type="checkbox" checked={layout.shown.includes(column.id)} disabled={ALWAYS_SHOWN.has(column.id)} onChange={() => onToggle(column.id)} />
              {column.label}
            </label>
          ))}
          <button type="button" className="link-button column-reset" disabled={isDefaultLayout(layout)} onClick={onReset}>
            Default columns and widths
          </button>
        </div>
      ) : null}
    </div>
  );
}
