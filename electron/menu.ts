// The native menu: the usual places and accelerators; commands reach the renderer as AppEvents.
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { AppEvent } from '../shared/ipc';

export interface MenuActions {
  readonly send: (event: AppEvent) => void;
  readonly openFile: () => void;
  readonly openRecent: (path: string) => void;
  readonly recent: readonly string[];
  readonly dev: boolean;
}

export function buildMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const recent: MenuItemConstructorOptions[] = actions.recent.length
    ? actions.recent.map((path) => ({ label: path, click: () => actions.openRecent(path) }))
    : [{ label: 'No recent files', enabled: false }];
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: actions.openFile },
        { label: 'Open Recent', submenu: recent },
        { type: 'separator' },
        { label: 'Close Tab', accelerator: 'CmdOrCtrl+W', click: () => actions.send({ type: 'command', command: 'close-tab' }) },
        ...(isMac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
      ],
    },
    { role: 'editMenu' },
    {
      label: '&Go',
      submenu: [
        { label: 'Connect to URL…', accelerator: 'CmdOrCtrl+L', click: () => actions.send({ type: 'command', command: 'focus-target' }) },
        { type: 'separator' },
        { label: 'Connection Settings…', click: () => actions.send({ type: 'command', command: 'network-settings' }) },
        { type: 'separator' },
        { label: 'Trust Stores on This Machine…', click: () => actions.send({ type: 'command', command: 'machine-stores' }) },
        { label: 'Explain a Failure Log…', click: () => actions.send({ type: 'command', command: 'explain-log' }) },
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
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ role: 'about', label: `About TrustLens ${app.getVersion()}` }] },
  ];
  return Menu.buildFromTemplate(template);
}
