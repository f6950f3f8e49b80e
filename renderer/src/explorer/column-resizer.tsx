// The right edge of a column header: drag it to make the column narrower or wider (a pointer capture, so
// the drag goes on outside the header). The keyboard way is Shift+Left/Right on the header (entry-table).
import { useRef, type PointerEvent } from 'react';

/** Pixels one Shift+Arrow press changes a column's width by. */
export const RESIZE_STEP = 16;

export interface ColumnResizerProps {
  readonly label: string;
  readonly min: number;
  /** The column's width now, in pixels (its track may be flexible until first resized). */
  readonly measure: () => number;
  readonly onResize: (width: number, done: boolean) => void;
}

export function ColumnResizer({ label, min, measure, onResize }: ColumnResizerProps) {
  const drag = useRef<{ x: number; width: number; last: number } | null>(null);
  const widthAt = (event: PointerEvent<HTMLDivElement>) => Math.max(min, Math.round(drag.current!.width + event.clientX - drag.current!.x));
  return (
    <div
      className="column-resizer"
      aria-hidden="true"
      title={`Drag to resize ${label}`}
      onClick={(event) => event.stopPropagation()}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.preventDefault();
        event.stopPropagation();
        event.currentTarget.setPointerCapture(event.pointerId);
        const width = measure();
        drag.current = { x: event.clientX, width, last: width };
      }}
      onPointerMove={(event) => {
        if (!drag.current) return;
        const width = widthAt(event);
        if (width === drag.current.last) return;
        drag.current.last = width;
        onResize(width, false);
      }}
      onPointerUp={(event) => {
        if (!drag.current) return;
        const width = widthAt(event);
        drag.current = null;
        onResize(width, true);
      }}
      onPointerCancel={() => {
        if (drag.current) onResize(drag.current.last, true);
        drag.current = null;
      }}
    />
  );
}
