// Browser mode's menu bar: the desktop app's menu (electron/menu.ts) drawn in the page, since a browser
// tab has no native menu. File (open, open by path, recent files, new store, save, save as, close tab),
// Go (connect, next and previous tab, connection settings, endpoints, this machine's stores, explain a
// log) and Help (keyboard shortcuts, about). The keys shown are the ones that work in a browser tab.
// One Tab stop: ← → move between the menus (also while one is open), Enter, Space or ↓ opens one.
import type { AppEvent } from '../../../shared/ipc';
import { useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../api';
import { ContextMenu, type MenuEntry } from '../ui/context-menu';
import { platformKeys } from './shortcuts';

export interface MenuBarCommands {
  readonly open: () => void;
  readonly openPath: () => void;
  readonly openRecent: (path: string) => void;
  readonly newStore: () => void;
  readonly save: () => void;
  readonly saveAs: () => void;
  readonly closeTab: () => void;
  readonly connect: () => void;
  readonly nextTab: () => void;
  readonly previousTab: () => void;
  readonly networkSettings: () => void;
  readonly checkEndpoints: () => void;
  readonly machineStores: () => void;
  readonly explainLog: () => void;
  readonly shortcuts: () => void;
  readonly about: () => void;
}

type MenuName = 'File' | 'Go' | 'Help';
const MENUS: readonly MenuName[] = ['File', 'Go', 'Help'];

function entries(name: MenuName, run: MenuBarCommands, recent: readonly string[]): MenuEntry[] {
  const item = (label: string, command: () => void, keys?: string): MenuEntry => ({ label, run: command, ...(keys ? { shortcut: platformKeys(keys) } : {}) });
  if (name === 'File') {
    const recentEntries: MenuEntry[] = recent.length
      ? recent.slice(0, 10).map((path) => ({ label: path, run: () => run.openRecent(path) }))
      : [{ label: 'No recent files', run: () => undefined, disabledReason: 'Files opened by path are listed here' }];
    return [
      item('Open…', run.open, 'Ctrl+O'),
      item('Open by Path…', run.openPath),
      item('New Trust Store…', run.newStore),
      'separator',
      ...recentEntries,
      'separator',
      item('Save', run.save, 'Ctrl+S'),
      item('Save As…', run.saveAs, 'Ctrl+Shift+S'),
      item('Close Tab', run.closeTab, 'Alt+W'),
    ];
  }
  if (name === 'Go') {
    return [
      item('Connect to URL…', run.connect, 'Ctrl+L'),
      item('Next Tab', run.nextTab, 'Alt+PgDn'),
      item('Previous Tab', run.previousTab, 'Alt+PgUp'),
      'separator',
      item('Connection Settings…', run.networkSettings),
      item('Check Endpoints…', run.checkEndpoints),
      item('Trust Stores on This Machine…', run.machineStores),
      item('Explain a Failure Log…', run.explainLog),
    ];
  }
  return [item('Keyboard Shortcuts…', run.shortcuts), item('About TrustLens', run.about)];
}

/** The desktop menu's commands (electron/menu.ts) and what each runs. */
export const MENU_EVENTS: Record<Extract<AppEvent, { type: 'command' }>['command'], Exclude<keyof MenuBarCommands, 'openRecent'>> = {
  'open-file': 'open',
  'new-store': 'newStore',
  save: 'save',
  'save-as': 'saveAs',
  'focus-target': 'connect',
  'close-tab': 'closeTab',
  'next-tab': 'nextTab',
  'previous-tab': 'previousTab',
  'network-settings': 'networkSettings',
  'check-endpoints': 'checkEndpoints',
  'machine-stores': 'machineStores',
  'explain-log': 'explainLog',
};

export function MenuBar({ commands }: { readonly commands: MenuBarCommands }) {
  const [open, setOpen] = useState<{ readonly name: MenuName; readonly x: number; readonly y: number } | null>(null);
  const [focused, setFocused] = useState<MenuName>('File');
  const [recent, setRecent] = useState<readonly string[]>([]);
  const buttons = useRef(new Map<MenuName, HTMLButtonElement>());

  const wasOpen = useRef(false);

  async function show(name: MenuName) {
    setFocused(name);
    // The recent files live on the server (beside view.json): asked for each time File opens, before it opens.
    if (name === 'File') setRecent(await api.recentFiles({}).catch(() => []));
    const box = buttons.current.get(name)?.getBoundingClientRect();
    if (box) setOpen({ name, x: box.left, y: box.bottom + 2 });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const current = open?.name ?? focused;
    const next = MENUS[(MENUS.indexOf(current) + (event.key === 'ArrowRight' ? 1 : -1) + MENUS.length) % MENUS.length]!;
    setFocused(next);
    if (!open) {
      buttons.current.get(next)?.focus();
      return;
    }
    // Close this menu (it gives the keyboard back to its button), then open the next one from its own button.
    setOpen(null);
    requestAnimationFrame(() => {
      buttons.current.get(next)?.focus();
      void show(next);
    });
  }

  return (
    <div className="menu-bar" role="menubar" aria-label="TrustLens" onKeyDown={onKeyDown}>
      {MENUS.map((name) => (
        <button
          key={name}
          ref={(el) => {
            if (el) buttons.current.set(name, el);
            else buttons.current.delete(name);
          }}
          type="button"
          role="menuitem"
          className={open?.name === name ? 'menu-bar-item open' : 'menu-bar-item'}
          aria-haspopup="menu"
          aria-expanded={open?.name === name}
          tabIndex={focused === name ? 0 : -1}
          onPointerDown={() => (wasOpen.current = open?.name === name)}
          onClick={() => {
            // A click on the open menu's own name closes it (the click outside the menu already did).
            if (wasOpen.current) wasOpen.current = false;
            else void show(name);
          }}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              void show(name);
            }
          }}
        >
          {name}
        </button>
      ))}
      {open ? <ContextMenu key={open.name} x={open.x} y={open.y} label={open.name} entries={entries(open.name, commands, recent)} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
