// The app's keyboard shortcuts as data: what each does, its keys, and in browser mode the keys to use
// where the browser keeps the usual ones for itself. The menu bar, the Keyboard Shortcuts dialog and the
// README's table say the same.
//
// Which keys a browser keeps: Chromium hands a page every key except the "reserved" commands of
// BrowserCommandController::IsReservedCommandOrKey — close tab (Ctrl+W, Ctrl+F4), close window, new tab,
// new window, new incognito window, restore tab, next/previous tab (Ctrl+Tab, Ctrl+Shift+Tab, Ctrl+PgDn,
// Ctrl+PgUp) and exit — so a page never sees them outside full screen.
// Ctrl+O, Ctrl+L, Ctrl+S, Ctrl+F and Ctrl+Z reach the page, which takes them first. Alt+W and
// Alt+PgDn/PgUp are bound to nothing in Chromium (Alt+digits and Alt+←/→ are: tabs, history; so not those).
import { isMac } from './keys';

export interface Shortcut {
  /** The keys, as in the README (Ctrl is ⌘ on macOS). */
  readonly keys: string;
  /** In browser mode, when the browser keeps `keys` for itself: the keys that work there instead. */
  readonly browser?: string;
  readonly does: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Ctrl+O / Ctrl+L', does: 'open a file / connect to a URL (host:port, https://…)' },
  { keys: 'Ctrl+F, Esc', does: 'filter the entries; clear the filter' },
  { keys: '↑ ↓ PgUp PgDn Home End, Enter', does: 'move in the table; show the details' },
  { keys: 'Tab to the header row, ← → Home End, Enter', does: 'choose a column and sort by it' },
  { keys: 'Shift+← → on a header', does: 'make that column narrower / wider' },
  { keys: 'Shift+arrows, Shift+click, Ctrl+click, Ctrl+A', does: 'choose several entries' },
  { keys: 'F2, Delete', does: 'rename the entry; delete the chosen entries' },
  { keys: 'Ctrl+C, Ctrl+V', does: 'copy the chosen entries; paste copied entries into this store' },
  { keys: 'right-click, Menu key, Shift+F10', does: 'the rows’ menu' },
  { keys: 'Ctrl+S, Ctrl+Shift+S, Ctrl+Z', does: 'save, save as, undo the last edit' },
  { keys: 'Ctrl+W', browser: 'Alt+W', does: 'close the tab' },
  { keys: 'Ctrl+Tab / Ctrl+PgDn, Ctrl+Shift+Tab / Ctrl+PgUp', browser: 'Alt+PgDn / Alt+PgUp', does: 'go to the next / previous tab' },
];

/** The keys as this platform writes them: ⌘ for Ctrl on macOS (Alt stays Alt, written ⌥). */
export function platformKeys(keys: string): string {
  return isMac ? keys.replace(/Ctrl\+/g, '⌘').replace(/Alt\+/g, '⌥') : keys;
}
