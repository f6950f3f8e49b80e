// The store's entries as a virtualized grid: only the rows in view are in the DOM, so 10,000 entries
// scroll smoothly. Click a header to sort; arrows, Page Up/Down, Home/End move the selection (with
// Shift, extend it); Ctrl/⌘+click adds a row, Shift+click a run, Ctrl/⌘+A all; Enter opens the details;
// right-click, the Menu key or Shift+F10 opens the rows' context menu. Columns are the person's choice
// (entry-columns.tsx): drag a header's right edge, or Shift+Left/Right on a header, to resize one.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { SortIcon } from '../ui/icons';
import { EntryCell } from './entry-cells';
import { columnById, gridTemplate, isDefaultLayout, minimumWidth, type ColumnLayout } from './entry-columns';
import { ColumnResizer, RESIZE_STEP } from './column-resizer';
import type { ColumnId, EntryRow, SortOrder } from './entry-rows';
import { extendTo, selectAll, selectOnly, toggle, type Selection } from './selection';
import { hasCommandKey } from '../app/keys';
import { useNow } from './use-now';
import { ENTRY_DRAG_TYPE } from './entry-clipboard';

export const ROW_HEIGHT = 30;

export interface EntryTableProps {
  /** A prefix for element ids, unique per tab. */
  readonly idPrefix: string;
  readonly label: string;
  readonly rows: readonly EntryRow[];
  readonly selection: Selection;
  readonly sort: SortOrder | null;
  readonly onSort: (column: ColumnId) => void;
  readonly onSelect: (selection: Selection) => void;
  readonly onOpen: (index: number) => void;
  /** Right-click on a row (chosen first when it was not), or the Menu key / Shift+F10 on the focused row. */
  readonly onContextMenu?: (x: number, y: number) => void;
  /** Rows can be dragged (onto another store's tab): the drag's data for a drag that starts on row `index`. */
  readonly dragPayload?: (index: number) => string;
  readonly gridRef: RefObject<HTMLDivElement | null>;
  readonly emptyMessage: string;
  /** Which columns are shown, in order, and the widths the person gave them. */
  readonly layout: ColumnLayout;
  /** A column's width changed: `done` once the drag (or key press) is over, to keep it. */
  readonly onResize: (column: ColumnId, width: number, done: boolean) => void;
}

export const rowElementId = (prefix: string, index: number) => `${prefix}-row-${index}`;

export function EntryTable({ idPrefix, label, rows, selection, sort, onSort, onSelect, onOpen, onContextMenu, dragPayload, gridRef, emptyMessage, layout, onResize }: EntryTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const columns = layout.shown;
  const now = useNow();
  // A stable key function: a new one on every render would make the virtualizer re-measure every row.
  const getItemKey = useCallback((i: number) => rows[i]?.index ?? i, [rows]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read only during render
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey,
  });
  const selected = selection.focus;
  const position = selected === null ? -1 : rows.findIndex((row) => row.index === selected);
  const order = useMemo(() => rows.map((row) => row.index), [rows]);

  const moveTo = useCallback(
    (at: number, extend: boolean) => {
      const row = rows[at];
      if (!row) return;
      onSelect(extend ? extendTo(selection, order, row.index) : selectOnly(row.index));
      virtualizer.scrollToIndex(at, { align: 'auto' });
    },
    [rows, order, selection, onSelect, virtualizer],
  );

  // Keep the selection in view when the rows change under it (sorting, filtering).
  useEffect(() => {
    if (position >= 0) virtualizer.scrollToIndex(position, { align: 'auto' });
  }, [position, rows, virtualizer]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // The rows' menu opens on an empty table too (its Paste puts copied entries into a new store).
    if ((event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) && onContextMenu && (position >= 0 || rows.length === 0)) {
      event.preventDefault();
      const row = rows[position];
      const box = row ? document.getElementById(rowElementId(idPrefix, row.index))?.getBoundingClientRect() : undefined;
      const frame = event.currentTarget.getBoundingClientRect();
      onContextMenu(box ? box.left + 24 : frame.left + 24, box ? box.bottom : frame.top + 24);
      return;
    }
    if (rows.length === 0) return;
    if (hasCommandKey(event) && !event.shiftKey && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      onSelect(selectAll(order, selected));
      return;
    }
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const last = rows.length - 1;
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = position < 0 ? 0 : Math.min(position + 1, last);
        break;
      case 'ArrowUp':
        next = position < 0 ? 0 : Math.max(position - 1, 0);
        break;
      case 'PageDown':
        next = Math.min(Math.max(position, 0) + page, last);
        break;
      case 'PageUp':
        next = Math.max(position - page, 0);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      case 'Enter':
      case ' ':
        if (position >= 0) {
          event.preventDefault();
          onOpen(rows[position]!.index);
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    moveTo(next, event.shiftKey);
  }

  function onRowClick(event: MouseEvent<HTMLDivElement>, index: number) {
    if (hasCommandKey(event)) onSelect(toggle(selection, index));
    else if (event.shiftKey) onSelect(extendTo(selection, order, index));
    else onOpen(index);
  }

  const activeDescendant = position >= 0 ? rowElementId(idPrefix, rows[position]!.index) : undefined;

  // The header row is one Tab stop (a roving tabindex): Left/Right, Home/End move between its sort
  // buttons, Down goes to the rows. Its keys stay in the header, not in the rows' handler.
  const [headerAt, setHeaderAt] = useState(1);
  const headerButtons = useRef<(HTMLButtonElement | null)[]>([]);
  const widthOf = (i: number) => headerButtons.current[i]?.parentElement?.getBoundingClientRect().width ?? 0;
  function onHeaderKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const last = columns.length - 1;
    const column = columns[headerAt];
    if (event.shiftKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight') && column) {
      event.preventDefault();
      event.stopPropagation();
      const width = Math.max(columnById(column).min, Math.round(widthOf(headerAt)) + (event.key === 'ArrowRight' ? RESIZE_STEP : -RESIZE_STEP));
      onResize(column, width, true);
      return;
    }
    const to = { ArrowLeft: headerAt - 1, ArrowRight: headerAt + 1, Home: 0, End: last }[event.key];
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      event.stopPropagation();
      gridRef.current?.focus();
      return;
    }
    if (to === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    const next = Math.max(0, Math.min(last, to));
    setHeaderAt(next);
    headerButtons.current[next]?.focus();
  }

  return (
    <div
      ref={gridRef}
      className={isDefaultLayout(layout) ? 'entry-grid default-columns' : 'entry-grid'}
      style={{ '--grid-columns': gridTemplate(layout), '--grid-min-width': `${minimumWidth(layout)}px` } as CSSProperties}
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length}
      aria-activedescendant={activeDescendant}
      aria-multiselectable="true"
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div ref={head} className="grid-head" role="rowgroup">
        <div className="grid-row grid-header-row" role="row" aria-rowindex={1} onKeyDown={onHeaderKeyDown}>
          {columns.map((id, i) => {
            const column = columnById(id);
            const direction = sort?.column === id ? sort.direction : 'none';
            return (
              <div key={id} role="columnheader" aria-sort={direction} className={`header-cell header-${id}`} data-column={id}>
                <button
                  ref={(element) => {
                    headerButtons.current[i] = element;
                  }}
                  type="button"
                  className="header-button"
                  tabIndex={i === headerAt ? 0 : -1}
                  onFocus={() => setHeaderAt(i)}
                  onClick={() => onSort(id)}
                  title={`Sort by ${column.label.toLowerCase()}${id === 'type' ? '' : ' (Shift+Left/Right: narrower, wider)'}`}
                >
                  <span className={id === 'type' ? 'sr-only' : 'header-label'}>{column.label}</span>
                  <SortIcon direction={direction} className={direction === 'none' ? 'sort-icon idle' : 'sort-icon'} />
                </button>
                {id === 'type' ? null : <ColumnResizer label={column.label} min={column.min} measure={() => widthOf(i)} onResize={(width, done) => onResize(id, width, done)} />}
              </div>
            );
          })}
        </div>
      </div>
      <div
        ref={scroller}
        className="grid-body"
        role="rowgroup"
        onContextMenu={(event) => {
          // Right-click below the rows (or in an empty table): the same menu, for what is chosen and for Paste.
          if (event.defaultPrevented || !onContextMenu) return;
          event.preventDefault();
          onContextMenu(event.clientX, event.clientY);
        }}
        onScroll={(event) => {
          // Columns wider than the table scroll sideways: the header follows the rows.
          if (head.current) head.current.scrollLeft = event.currentTarget.scrollLeft;
        }}
      >
        {rows.length === 0 ? (
          <div className="grid-empty">{emptyMessage}</div>
        ) : (
          <div className="grid-canvas" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index]!;
              const isSelected = selection.chosen.has(row.index);
              const isFocus = row.index === selected && selection.chosen.size > 1;
              return (
                <div
                  key={item.key}
                  id={rowElementId(idPrefix, row.index)}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={isSelected}
                  className={`grid-row${isSelected ? ' selected' : ''}${isFocus ? ' focus' : ''}${item.index % 2 ? ' odd' : ''}`}
                  style={{ transform: `translateY(${item.start}px)` }}
                  onMouseDown={(event) => {
                    // Shift+click extends the selection; it must not select the table's text too.
                    if (event.shiftKey) event.preventDefault();
                  }}
                  onClick={(event) => onRowClick(event, row.index)}
                  draggable={dragPayload !== undefined}
                  onDragStart={(event) => {
                    if (!dragPayload) return;
                    if (!selection.chosen.has(row.index)) onSelect(selectOnly(row.index));
                    event.dataTransfer.setData(ENTRY_DRAG_TYPE, dragPayload(row.index));
                    event.dataTransfer.effectAllowed = 'copy';
                  }}
                  onContextMenu={(event) => {
                    if (!onContextMenu) return;
                    event.preventDefault();
                    if (!selection.chosen.has(row.index)) onSelect(selectOnly(row.index));
                    onContextMenu(event.clientX, event.clientY);
                  }}
                >
                  {columns.map((id) => (
                    <EntryCell key={id} column={id} row={row} now={now} />
                  ))}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
