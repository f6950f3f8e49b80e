// The Electron main process: one secure window, the native menu and dialogs, and the IPC handlers
// (thin adapters over electron/services). Files arrive from the menu, drag and drop, the command line
// and the OS (file associations).
import { app, BrowserWindow, dialog, Menu, session, type WebContents } from 'electron';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppEvent } from '../shared/ipc';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { createHandlers } from './services/handlers';
import { NetworkSettingsStore } from './services/network/settings';
import { ViewSettingsStore } from './services/view/view-settings';
import { RecentFiles } from './services/stores/recent-files';
import { StoreSessions } from './services/stores/sessions';
import { registerIpc, EVENT_CHANNEL } from './ipc-main';
import { buildMenu } from './menu';

const dev = !app.isPackaged || process.env.TRUSTLENS_DEV === '1';
const rendererIndex = path.join(__dirname, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;
let mainWindow: BrowserWindow | null = null;
const pendingPaths: string[] = [];
const recent = new RecentFiles(path.join(app.getPath('userData'), 'recent-files.json'), (list) => {
  if (list[0]) app.addRecentDocument(list[0]);
  void refreshMenu();
});
const sessions = new StoreSessions();

function send(event: AppEvent): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNEL, event);
  else if (event.type === 'open-path') pendingPaths.push(event.path);
}

function openPath(file: string): void {
  send({ type: 'open-path', path: path.resolve(file) });
}

async function showOpenDialog(): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Open a trust store or certificate',
    properties: ['openFile', 'showHiddenFiles'],
    filters: [
      { name: 'Keystores and certificates', extensions: ['jks', 'keystore', 'truststore', 'jceks', 'p12', 'pfx', 'pem', 'crt', 'cer', 'der', 'p7b', 'p7c', 'ks', 'ts'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

async function chooseFolder(): Promise<string | null> {
  const options: Electron.OpenDialogOptions = { title: 'Export certificates to folder', properties: ['openDirectory', 'createDirectory'] };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

async function showSaveDialog(suggestedName: string): Promise<string | null> {
  const options: Electron.SaveDialogOptions = { title: 'Save trust store', defaultPath: suggestedName };
  const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  return result.canceled ? null : result.filePath || null;
}

async function refreshMenu(): Promise<void> {
  Menu.setApplicationMenu(
    buildMenu({
      send,
      dev,
      recent: await recent.list(),
      openFile: () => void showOpenDialog().then((file) => file && openPath(file)),
      openRecent: openPath,
    }),
  );
}

function isTrustedSender(sender: WebContents, url: string): boolean {
  return mainWindow !== null && sender === mainWindow.webContents && url.split('#')[0]!.split('?')[0] === rendererUrl;
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    title: 'TrustLens',
    show: false,
    backgroundColor: '#00000000',
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  const contents = mainWindow.webContents;
  // Dropping a file or a URL must never navigate the window; the renderer handles drops itself.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  contents.on('did-finish-load', () => {
    for (const file of pendingPaths.splice(0)) send({ type: 'open-path', path: file });
  });
  // The renderer holds back closing (beforeunload) while a store has edits not saved yet: ask, as a
  // desktop app does, and close only when the person says so.
  contents.on('will-prevent-unload', (event) => {
    const window = BrowserWindow.fromWebContents(contents);
    const options: Electron.MessageBoxSyncOptions = {
      type: 'warning',
      buttons: ['Close Without Saving', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
      message: 'Close TrustLens without saving?',
      detail: 'An open store has imports, deletions or renames that are not saved to its file yet. Choose Cancel, then Save (Ctrl+S), to keep them.',
    };
    const choice = window ? dialog.showMessageBoxSync(window, options) : dialog.showMessageBoxSync(options);
    if (choice === 0) event.preventDefault();
  });
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadFile(rendererIndex);
}

function filesFromArgv(argv: readonly string[]): string[] {
  const args = argv.slice(app.isPackaged ? 1 : 2);
  return args.filter((a) => !a.startsWith('-') && a !== '.');
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    for (const file of filesFromArgv(argv)) openPath(file);
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  // macOS delivers files opened from Finder (file associations) here, possibly before 'ready'.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openPath(file);
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(async () => {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    registerIpc(
      createHandlers({
        mode: 'electron',
        sessions,
        recent,
        showOpenDialog,
        chooseFolder,
        showSaveDialog,
        network: new NetworkSettingsStore(path.join(app.getPath('userData'), 'network.json')),
        view: new ViewSettingsStore(path.join(app.getPath('userData'), 'view.json')),
      }),
      isTrustedSender,
    );
    await refreshMenu();
    for (const file of filesFromArgv(process.argv)) pendingPaths.push(path.resolve(file));
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
