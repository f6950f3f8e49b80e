// The built Electron main process and preload, loaded in Node with a recording stand-in for the
// `electron` module: the Electron binary cannot be downloaded on our machines, so this is how the wiring
// that `npm start` runs is checked here. It proves what a stand-in can: that dist/electron/main.cjs loads,
// routes every contract channel to the real handlers and refuses other senders, opens one sandboxed,
// context-isolated window on the built page that cannot navigate, installs the CSP and denies
// permissions, and builds its menu; and that the preload exposes exactly the contract and requires
// nothing a sandboxed preload may not. What it cannot prove (Electron's own behaviour) stays for a
// machine with the binary.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type BridgeApi } from '../../shared/ipc';
import { fromBridge } from '../../renderer/src/api/bridge';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

const DIST = path.resolve(__dirname, '..', '..', 'dist', 'electron');
const require = createRequire(import.meta.url);
const userData = mkdtempSync(path.join(tmpdir(), 'trustlens-electron-'));

type Listener = (...args: unknown[]) => unknown;

/** What the main process did with Electron's APIs. */
const recorded = {
  handlers: new Map<string, Listener>(),
  appEvents: new Map<string, Listener>(),
  windows: [] as StandInWindow[],
  menu: null as { template: MenuItem[] } | null,
  headersHook: null as Listener | null,
  permissionHandler: null as Listener | null,
  exposed: new Map<string, Record<string, unknown>>(),
};

interface MenuItem {
  label?: string;
  role?: string;
  accelerator?: string;
  registerAccelerator?: boolean;
  type?: string;
  submenu?: MenuItem[];
  click?: () => void;
}

class StandInContents {
  readonly events = new Map<string, Listener>();
  readonly sent: unknown[] = [];
  openHandler: Listener | null = null;
  on(event: string, listener: Listener) {
    this.events.set(event, listener);
    return this;
  }
  setWindowOpenHandler(handler: Listener) {
    this.openHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
}

class StandInWindow {
  readonly webContents = new StandInContents();
  loaded: string | null = null;
  constructor(readonly options: { webPreferences: Record<string, unknown> } & Record<string, unknown>) {
    recorded.windows.push(this);
  }
  once() {
    return this;
  }
  on() {
    return this;
  }
  isDestroyed() {
    return false;
  }
  loadFile(file: string) {
    this.loaded = file;
    return Promise.resolve();
  }
  static getAllWindows() {
    return recorded.windows;
  }
  static fromWebContents() {
    return null;
  }
}

const standIn = {
  app: {
    isPackaged: false,
    getPath: () => userData,
    getVersion: () => '0.0.0-stand-in',
    addRecentDocument: () => undefined,
    requestSingleInstanceLock: () => true,
    on: (event: string, listener: Listener) => recorded.appEvents.set(event, listener),
    whenReady: () => Promise.resolve(),
    quit: () => undefined,
  },
  BrowserWindow: StandInWindow,
  dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }), showMessageBoxSync: () => 1 },
  Menu: { setApplicationMenu: (menu: { template: MenuItem[] }) => (recorded.menu = menu), buildFromTemplate: (template: MenuItem[]) => ({ template }) },
  session: {
    defaultSession: {
      webRequest: { onHeadersReceived: (hook: Listener) => (recorded.headersHook = hook) },
      setPermissionRequestHandler: (handler: Listener) => (recorded.permissionHandler = handler),
    },
  },
  ipcMain: { handle: (channel: string, handler: Listener) => recorded.handlers.set(channel, handler) },
  // The preload's side.
  contextBridge: { exposeInMainWorld: (name: string, value: Record<string, unknown>) => recorded.exposed.set(name, value) },
  ipcRenderer: {
    // A wrong password for `unlock`, as the main process answers one; every other call succeeds.
    invoke: async (channel: string) =>
      channel === 'trustlens:unlock' ? { ok: false, error: { code: 'WRONG_PASSWORD', message: 'The password for keys.jks is wrong.' } } : { ok: true, value: null },
    on: () => undefined,
    off: () => undefined,
  },
  webUtils: { getPathForFile: () => '' },
};

/** The modules a sandboxed preload may require (Electron's docs: the sandbox's require). */
const SANDBOX_MODULES = new Set(['electron', 'events', 'timers', 'url']);
const requiredByPreload: string[] = [];

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Loader };
const originalLoad = loader._load;

beforeAll(async () => {
  if (!existsSync(path.join(DIST, 'main.cjs'))) throw new Error(`${DIST}/main.cjs is missing: run \`npm run build\` before these tests.`);
  loader._load = function (request, parent, isMain) {
    const from = (parent as { filename?: string } | undefined)?.filename ?? '';
    if (from.endsWith('preload.cjs')) requiredByPreload.push(request);
    if (request === 'electron') return standIn;
    return originalLoad.call(this, request, parent, isMain);
  };
  require(path.join(DIST, 'main.cjs'));
  require(path.join(DIST, 'preload.cjs'));
  // app.whenReady() resolved: let the handlers register, the menu build and the window open.
  for (let i = 0; i < 20 && recorded.windows.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
});

afterAll(() => {
  loader._load = originalLoad;
  rmSync(userData, { recursive: true, force: true });
});

describe('the Electron main process (built, with a stand-in for electron)', () => {
  it('routes every contract channel, and only those, to a handler', () => {
    expect([...recorded.handlers.keys()].sort()).toEqual(channels.map((c) => `trustlens:${c}`).sort());
  });

  it('answers the window it opened, and refuses any other sender', async () => {
    const window = recorded.windows[0]!;
    const page = pathToFileURL(path.join(DIST, '..', 'renderer', 'index.html')).href;
    const appInfo = recorded.handlers.get('trustlens:appInfo')!;
    expect(await appInfo({ sender: window.webContents, senderFrame: { url: `${page}#/` } }, {})).toMatchObject({ ok: true, value: { name: 'TrustLens', mode: 'electron' } });
    for (const event of [
      { sender: new StandInContents(), senderFrame: { url: page } },
      { sender: window.webContents, senderFrame: { url: 'https://evil.example/' } },
      { sender: window.webContents, senderFrame: null },
    ]) {
      expect(await appInfo(event, {})).toMatchObject({ ok: false, error: { code: 'USAGE', message: 'Request refused: it did not come from the TrustLens window.' } });
    }
    // Arguments are checked against the contract before any handler runs.
    const open = recorded.handlers.get('trustlens:openPath')!;
    expect(await open({ sender: window.webContents, senderFrame: { url: page } }, { path: 42 })).toMatchObject({ ok: false, error: { code: 'USAGE' } });
  });

  it('opens one sandboxed, context-isolated window on the built page, which cannot navigate or open others', () => {
    expect(recorded.windows).toHaveLength(1);
    const window = recorded.windows[0]!;
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(readFileSync(window.options.webPreferences.preload as string).length).toBeGreaterThan(0);
    expect(window.loaded).toBe(path.join(DIST, '..', 'renderer', 'index.html'));
    expect(readFileSync(window.loaded!, 'utf8')).toMatch(/<div id="root">/);
    let prevented = 0;
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      window.webContents.events.get(event)!({ preventDefault: () => prevented++ });
    }
    expect(prevented).toBe(3);
    expect(window.webContents.openHandler!()).toEqual({ action: 'deny' });
  });

  it('sends the CSP with every response and denies every permission request', () => {
    let headers: Record<string, unknown> | undefined;
    recorded.headersHook!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (answer: { responseHeaders: Record<string, unknown> }) => (headers = answer.responseHeaders));
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    let granted: boolean | undefined;
    recorded.permissionHandler!(null, 'media', (answer: boolean) => (granted = answer));
    expect(granted).toBe(false);
  });

  it('builds its menu with the commands and their shortcuts, which reach the page', () => {
    const items = (recorded.menu?.template ?? []).flatMap((top) => [top, ...(top.submenu ?? [])]);
    const byLabel = new Map(items.filter((i) => i.label).map((i) => [i.label!, i]));
    expect(byLabel.get('Connect to URL…')?.accelerator).toBe('CmdOrCtrl+L');
    expect(byLabel.get('Close Tab')?.accelerator).toBe('CmdOrCtrl+W');
    // The page runs the keys it shows (use-shortcuts.ts); the menu only shows them, so a key runs once.
    for (const label of ['Open…', 'Save', 'Save As…', 'Close Tab', 'Connect to URL…', 'Next Tab', 'Previous Tab']) {
      expect(byLabel.get(label)?.registerAccelerator, label).toBe(false);
    }
    // Electron's windowMenu role holds Close with Ctrl+W on Linux and Windows: spelled out here without it.
    expect(items.some((i) => i.role === 'windowMenu')).toBe(false);
    const accelerators = items.flatMap((i) => (i.accelerator ? [i.accelerator] : []));
    expect(accelerators.filter((a, i) => accelerators.indexOf(a) !== i)).toEqual([]);
    expect(byLabel.get('Close Window')?.accelerator).toBe('CmdOrCtrl+Shift+W');
    const sent = (label: string) => {
      byLabel.get(label)!.click!();
      return (recorded.windows[0]!.webContents.sent.at(-1) as { payload?: unknown } | undefined)?.payload;
    };
    expect(['Save', 'Save As…', 'New Trust Store…', 'Next Tab', 'Previous Tab', 'Check Endpoints…'].map(sent)).toEqual(
      ['save', 'save-as', 'new-store', 'next-tab', 'previous-tab', 'check-endpoints'].map((command) => ({ type: 'command', command })),
    );
    const window = recorded.windows[0]!;
    byLabel.get('Connection Settings…')!.click!();
    expect(window.webContents.sent.at(-1)).toEqual({ channel: 'trustlens:event', payload: { type: 'command', command: 'network-settings' } });
    byLabel.get('Trust Stores on This Machine…')!.click!();
    expect(window.webContents.sent.at(-1)).toEqual({ channel: 'trustlens:event', payload: { type: 'command', command: 'machine-stores' } });
    byLabel.get('Explain a Failure Log…')!.click!();
    expect(window.webContents.sent.at(-1)).toEqual({ channel: 'trustlens:event', payload: { type: 'command', command: 'explain-log' } });
  });
});

describe('the preload (built)', () => {
  it('exposes window.trustlens with every contract channel, onEvent and pathForFile, and nothing else', () => {
    const api = recorded.exposed.get('trustlens')!;
    expect([...recorded.exposed.keys()]).toEqual(['trustlens']);
    expect(Object.keys(api).sort()).toEqual([...channels, 'onEvent', 'pathForFile'].sort());
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
  });

  it('hands the page each reply as its envelope, which the page turns into an error that keeps its code', async () => {
    // contextBridge copies only an Error's message into the page's world: a code thrown from the preload is lost.
    const bridge = recorded.exposed.get('trustlens') as unknown as BridgeApi;
    await expect(bridge.unlock({ pendingId: 's1', password: 'x' })).resolves.toEqual({ ok: false, error: { code: 'WRONG_PASSWORD', message: 'The password for keys.jks is wrong.' } });
    const api = fromBridge(bridge);
    await expect(api.unlock({ pendingId: 's1', password: 'x' })).rejects.toMatchObject({ name: 'RemoteError', code: 'WRONG_PASSWORD', message: 'The password for keys.jks is wrong.' });
    await expect(api.appInfo({})).resolves.toBeNull();
  });

  it('requires only what a sandboxed preload may', () => {
    expect(requiredByPreload.length).toBeGreaterThan(0);
    expect(requiredByPreload.filter((request) => !SANDBOX_MODULES.has(request))).toEqual([]);
  });
});
