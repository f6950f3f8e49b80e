// Keyboard conventions: Cmd on macOS, Ctrl elsewhere, and how shortcuts are written in hints.
import type { KeyboardEvent as ReactKeyboardEvent, MouseEvent as ReactMouseEvent } from 'react';

export const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** The platform's command modifier is held (and no other modifier but Shift). */
export function hasCommandKey(event: KeyboardEvent | ReactKeyboardEvent | MouseEvent | ReactMouseEvent): boolean {
  return (isMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey) && !event.altKey;
}

/** "⌘L" on macOS, "Ctrl+L" elsewhere. */
export function shortcutLabel(key: string): string {
  return isMac ? `⌘${key}` : `Ctrl+${key}`;
}
