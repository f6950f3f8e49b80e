// The native menu: the usual places and accelerators; commands reach the renderer as AppEvents.
//
// The page handles the shortcuts it shows (Ctrl+O, Ctrl+S, Ctrl+W, Ctrl+Tab…: renderer/src/app/use-shortcuts.ts),
// so these items only show their keys (registerAccelerator: false) and a key press is never run twice. The
// Window menu is spelled out: Electron's windowMenu role holds "Close" with Ctrl+W on Linux and Windows
// (lib/browser/api/menu-item-roles.ts), which would clash with Close Tab; here closing the window is Ctrl+Shift+W.
// It has no mnemonic: Alt+W is the page's close-tab key in browser mode, and works in the desktop app too.
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { AppEvent } from '../shared/ipc';

export interface MenuActions {
  readonly send: (event: AppEvent) => void;
  readonly openFile: () => void;
  readonly openRecent: (path: string) => void;
  readonly recent: readonly string[];
  readonly dev: boolean;
}

type Command = Extract<AppEvent, { type: 'command' }>['command'];

export function buildMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const command = (label: string, name: Command, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator, registerAccelerator: false } : {}),
    click: () => actions.send({ type: 'command', command: name }),
  });
  const recent: MenuItemConstructorOptions[] = actions.recent.length
    ? actions.recent.map((path) => ({ label: path, click: () => actions.openRecent(path) }))
    : [{ label: 'No recent files', enabled: false }];
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', registerAccelerator: false, click: actions.openFile },
        { label: 'Open Recent', submenu: recent },
        command('New Trust Store…', 'new-store'),
        { type: 'separator' },
        command('Save', 'save', 'CmdOrCtrl+S'),
        command('Save As…', 'save-as', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        command('Close Tab', 'close-tab', 'CmdOrCtrl+W'),
        ...(isMac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
      ],
    },
    { role: 'editMenu' },
    {
      label: '&Go',
      submenu: [
        command('Connect to URL…', 'focus-target', 'CmdOrCtrl+L'),
        command('Next Tab', 'next-tab', 'Ctrl+Tab'),
        command('Previous Tab', 'previous-tab', 'Ctrl+Shift+Tab'),
        { type: 'separator' },
        command('Connection Settings…', 'network-settings'),
        command('Check Endpoints…', 'check-endpoints'),
        { type: 'separator' },
        command('Trust Stores on This Machine…', 'machine-stores'),
        command('Explain a Failure Log…', 'explain-log'),
      ],
    },
    {
      label: '&View',
      submenu: [
        ...(actions.dev ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    isMac
      ? { role: 'windowMenu' }
      : { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close', label: 'Close Window', accelerator: 'CmdOrCtrl+Shift+W' }] },
    { role: 'help', submenu: [{ role: 'about', label: `About TrustLens ${app.getVersion()}` }] },
  ];
  return Menu.buildFromTemplate(template);
}
