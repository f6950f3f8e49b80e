// The window's keyboard shortcuts (shortcuts.ts lists them): open, connect, save, save as, close the tab,
// next/previous tab, with browser mode's Alt+W and Alt+PgDn/PgUp where the browser keeps Ctrl+W and
// Ctrl+Tab/Ctrl+PgDn for itself. Commands are read through a ref, so the listener is added once.
import { useEffect, type RefObject } from 'react';
import { hasCommandKey } from './keys';

export interface ShortcutCommands {
  readonly showOpen: () => void;
  readonly focusTarget: () => void;
  /** Close the tab in front; false when there is none (then the key is left to the browser or Electron). */
  readonly closeFront: () => boolean;
  /** +1: the next tab, -1: the previous one. */
  readonly cycle: (step: number) => void;
  readonly saveFront: () => void;
  readonly saveAsFront: () => void;
}

export function useShortcuts(commands: RefObject<ShortcutCommands>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      const run = commands.current;
      const key = event.key.toLowerCase();
      // Alt+W, Alt+PgDn/PgUp: what works in a browser tab (event.code: ⌥W types "∑" on macOS).
      if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
        if (event.code === 'KeyW') {
          if (run.closeFront()) event.preventDefault();
        } else if (key === 'pagedown' || key === 'pageup') {
          event.preventDefault();
          run.cycle(key === 'pageup' ? -1 : 1);
        }
        return;
      }
      if (event.ctrlKey && !event.altKey && (key === 'tab' || key === 'pagedown' || key === 'pageup')) {
        event.preventDefault();
        run.cycle(key === 'pageup' || (key === 'tab' && event.shiftKey) ? -1 : 1);
        return;
      }
      if (hasCommandKey(event) && event.shiftKey && key === 's') {
        event.preventDefault();
        run.saveAsFront();
        return;
      }
      if (!hasCommandKey(event) || event.shiftKey) return;
      if (key === 'o') {
        event.preventDefault();
        run.showOpen();
      } else if (key === 'l') {
        event.preventDefault();
        run.focusTarget();
      } else if (key === 'w') {
        if (run.closeFront()) event.preventDefault();
      } else if (key === 's') {
        event.preventDefault();
        run.saveFront();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [commands]);
}
