// A context menu (right-click, the Menu key or Shift+F10): a list of commands at a point, kept inside
// the window. Arrows, Home and End move between the commands, Enter or Space runs one, Escape, Tab, a
// click elsewhere or the window losing focus closes it; the keyboard goes back where it was. One item is
// lit at a time: the focused one. Moving the pointer onto an item focuses it, as a native menu does, but
// only once the pointer really moves: a menu that opens under a resting pointer keeps its first item.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

export type MenuEntry =
  | {
      readonly label: string;
      readonly run: () => void;
      /** The key that does the same outside the menu, shown on the right ("F2", "Del"). */
      readonly shortcut?: string;
      /** Why it cannot be used now (shown as its tooltip); the item is greyed out. */
      readonly disabledReason?: string;
      readonly danger?: boolean;
    }
  | 'separator';

export interface ContextMenuProps {
  /** Where it opens, in viewport pixels (it moves in from the window's edges). */
  readonly x: number;
  readonly y: number;
  readonly label: string;
  readonly entries: readonly MenuEntry[];
  readonly onClose: () => void;
}

const MARGIN = 6;

export function ContextMenu({ x, y, label, entries, onClose }: ContextMenuProps) {
  const menu = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState({ left: x, top: y });
  // Where the keyboard was before the menu took it (read while rendering: the layout effect below moves it).
  const [returnTo] = useState(() => (document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null));
  // Where the pointer was first seen over the menu; events at that spot are layout, not movement.
  const restingAt = useRef<{ x: number; y: number } | null>(null);
  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role=menuitem]:not([aria-disabled=true])') ?? [])];

  useLayoutEffect(() => {
    const box = menu.current?.getBoundingClientRect();
    if (!box) return;
    setPosition({
      left: Math.max(MARGIN, Math.min(x, window.innerWidth - box.width - MARGIN)),
      top: Math.max(MARGIN, y + box.height > window.innerHeight - MARGIN ? y - box.height : y),
    });
    items()[0]?.focus();
  }, [x, y]);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('blur', onClose);
    window.addEventListener('resize', onClose);
    return () => {
      window.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('blur', onClose);
      window.removeEventListener('resize', onClose);
      returnTo?.focus({ preventScroll: true });
    };
  }, [onClose, returnTo]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    let next: number;
    if (event.key === 'ArrowDown') next = (at + 1) % list.length;
    else if (event.key === 'ArrowUp') next = (at - 1 + list.length) % list.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = list.length - 1;
    else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    } else return;
    event.preventDefault();
    list[next]?.focus();
  }

  return (
    <div ref={menu} className="context-menu" role="menu" aria-label={label} style={position} onKeyDown={onKeyDown} onContextMenu={(event) => event.preventDefault()}>
      {entries.map((entry, i) =>
        entry === 'separator' ? (
          <div key={`separator-${i}`} role="separator" className="context-menu-separator" />
        ) : (
          <button
            key={entry.label}
            type="button"
            role="menuitem"
            className={entry.danger ? 'context-menu-item danger' : 'context-menu-item'}
            aria-disabled={entry.disabledReason ? true : undefined}
            title={entry.disabledReason}
            tabIndex={-1}
            onPointerMove={(event) => {
              const at = restingAt.current;
              if (!at) {
                restingAt.current = { x: event.clientX, y: event.clientY };
                return;
              }
              if (at.x === event.clientX && at.y === event.clientY) return;
              if (!entry.disabledReason && document.activeElement !== event.currentTarget) event.currentTarget.focus({ preventScroll: true });
            }}
            onClick={() => {
              if (entry.disabledReason) return;
              onClose();
              entry.run();
            }}
          >
            <span className="context-menu-label">{entry.label}</span>
            {entry.shortcut ? <kbd className="context-menu-shortcut">{entry.shortcut}</kbd> : null}
          </button>
        ),
      )}
    </div>
  );
}
