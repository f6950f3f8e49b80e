// The app shell: top bar, tabs of open stores and probed servers (or the empty state), the window-wide
// drop target, the password, open-by-path and confirm dialogs, toasts, and the keyboard shortcuts that
// tie them together. A server typed in the target bar or dropped as a URL opens a probe tab.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppEvent, SystemTrustStore } from '../../../shared/ipc';
import { api, isElectron } from '../api';
import { errorMessage } from '../api/remote-error';
import { Explorer } from '../explorer/explorer';
import { useEntryClipboard } from '../explorer/entry-clipboard';
import { StoreDialogs, type StoreDialog } from '../import/store-dialogs';
import { useSaveAs } from '../import/save-as-dialog';
import { useStoreEdits } from '../import/use-store-edits';
import { ProbeView } from '../probe/probe-view';
import { MachineDialog, type MachineView } from '../machine/machine-dialog';
import { resolveCompareStore, useProbeTabs } from '../probe/probe-tabs';
import { FORMAT_LABELS, baseName } from '../ui/format';
import { useConfirm } from './confirm-dialog';
import { isWritable } from '../import/writable';
import { DropOverlay } from './drop-overlay';
import { EmptyState } from './empty-state';
import { NewStoreDialog } from './new-store-dialog';
import { NetworkDialog } from './network-dialog';
import { CheckEndpointsDialog } from '../endpoints/check-endpoints-dialog';
import { OpenPathDialog } from './open-path-dialog';
import { PasswordDialog } from './password-dialog';
import { TabStrip, type TabItem } from './tab-strip';
import { ToastList } from './toast-list';
import { TopBar } from './top-bar';
import { useStoreTabs } from './store-tabs';
import { MENU_EVENTS, MenuBar, type MenuBarCommands } from './menu-bar';
import { ShortcutsDialog } from './shortcuts-dialog';
import { useShortcuts } from './use-shortcuts';
import { useToasts } from './use-toasts';
import { useWindowDrop } from './use-window-drop';

/** A dropped text is a server when it looks like a URL or host:port, not like a file path. */
export function looksLikeTarget(text: string): boolean {
  return /^(https?|ldaps?|smtps?|imaps?|wss?):\/\//i.test(text) || /^[a-z0-9.-]+(:\d{1,5})?$/i.test(text) || /^\[[0-9a-f:]+\](:\d{1,5})?$/i.test(text);
}

export function App() {
  const { toasts, push, dismiss } = useToasts();
  const report = useCallback(
    (error: unknown, file: string) => {
      const message = errorMessage(error);
      const name = baseName(file);
      push('error', message.includes(name) ? message : `${name}: ${message}`);
    },
    [push],
  );
  const { model, state } = useStoreTabs(report);
  const { tabs, activeId, prompts, opening, activations } = state;
  const { openPath, openFile, verify } = model;
  const { probes, probeState } = useProbeTabs();
  const { confirm, dialog: confirmDialog } = useConfirm();
  const { saveAs, dialog: saveAsDialog } = useSaveAs(model, push);
  // Browser mode: a new store's first save asks for a path (or downloads); Electron's main process asks itself.
  const edits = useStoreEdits({ model, push, confirm, saveNew: isElectron ? undefined : saveAs });
  const clipboard = useEntryClipboard(model, push);
  const [newStoreOpen, setNewStoreOpen] = useState(false);
  const [storeDialog, setStoreDialog] = useState<StoreDialog | null>(null);
  const [recentFiles, setRecentFiles] = useState<readonly string[]>([]);
  const [systemStores, setSystemStores] = useState<readonly SystemTrustStore[]>([]);
  const [pathDialogOpen, setPathDialogOpen] = useState(false);
  const [networkOpen, setNetworkOpen] = useState(false);
  const [endpointsOpen, setEndpointsOpen] = useState(false);
  const [machineView, setMachineView] = useState<MachineView | null>(null);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const targetRef = useRef<HTMLInputElement>(null);
  const probeTabs = probeState.tabs;
  const nothingOpen = tabs.length === 0 && probeTabs.length === 0;

  // A probe tab is in front until a store tab is opened or chosen after it; with no store open, the last probe is.
  const front = probeState.front;
  const frontProbe = front && front.since === activations && probeTabs.some((t) => t.id === front.id) ? front.id : null;
  const frontId = frontProbe ?? activeId ?? probeTabs[probeTabs.length - 1]?.id ?? null;
  const items: readonly TabItem[] = [
    ...tabs.map((t): TabItem => ({ id: t.storeId, kind: 'store', title: t.title, badge: FORMAT_LABELS[t.view.format], tooltip: t.view.file, dirty: t.view.dirty === true })),
    ...probeTabs.map((t): TabItem => ({ id: t.id, kind: 'probe', title: t.endpoint, badge: 'TLS', tooltip: t.target })),
  ];

  // Refresh the quick-open lists whenever the window comes back to its empty state.
  useEffect(() => {
    if (!nothingOpen) return;
    let live = true;
    api.recentFiles({}).then(
      (list) => live && setRecentFiles(list),
      () => undefined,
    );
    api.findSystemTrustStores({}).then(
      (list) => live && setSystemStores(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [nothingOpen]);

  const frontTitle = items.find((t) => t.id === frontId)?.title ?? null;
  useEffect(() => {
    document.title = frontTitle ? `${frontTitle} — TrustLens` : 'TrustLens';
  }, [frontTitle]);

  // Closing or reloading the page loses edits not saved yet: the browser asks first; Electron's main
  // process asks with its own dialog when this holds the window back (will-prevent-unload).
  const anyDirty = tabs.some((t) => t.view.dirty);
  useEffect(() => {
    if (!anyDirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [anyDirty]);

  /** Probe a server in its own tab, compared with the store in front (or the last one chosen). */
  const connect = useCallback(
    (target: string) => {
      const snapshot = model.snapshot();
      const store = snapshot.tabs.find((t) => t.storeId === snapshot.activeId);
      probes.open(target, store ? { storeId: store.storeId, file: store.view.file } : null, snapshot.activations);
    },
    [model, probes],
  );

  const activateTab = useCallback(
    (id: string) => {
      if (model.snapshot().tabs.some((t) => t.storeId === id)) model.activate(id);
      else probes.bringToFront(id, model.snapshot().activations);
    },
    [model, probes],
  );

  const closeTab = useCallback(
    (id: string) => {
      if (model.snapshot().tabs.some((t) => t.storeId === id)) void edits.close(id);
      else probes.close(id);
    },
    [model, probes, edits],
  );

  /** Ctrl/Cmd+S: the store in front, or the store the probe in front is compared with. */
  const saveFront = useCallback(
    (id: string | null) => {
      const snapshot = model.snapshot();
      const probe = probes.snapshot().tabs.find((t) => t.id === id);
      const store = probe ? resolveCompareStore(probe, snapshot.tabs, snapshot.activeId) : snapshot.tabs.find((t) => t.storeId === id);
      if (store?.view.dirty) void edits.save(store.storeId);
    },
    [model, probes, edits],
  );

  const showOpen = useCallback(async () => {
    if (!isElectron) {
      fileInput.current?.click();
      return;
    }
    try {
      const path = await api.showOpenDialog({});
      if (path) await openPath(path);
    } catch (error) {
      push('error', errorMessage(error));
    }
  }, [openPath, push]);

  const openFiles = useCallback(
    async (files: readonly File[]) => {
      for (const file of files) await openFile(file);
    },
    [openFile],
  );

  /**
   * Files dropped on an open store's table: import them into that store, or open them as tabs (the
   * person says which); dropped anywhere else they open as tabs.
   */
  const dropFiles = useCallback(
    async (files: readonly File[], target: EventTarget | null) => {
      const storeId = target instanceof Element ? target.closest('[data-import-target]')?.getAttribute('data-import-target') : null;
      const tab = storeId ? model.snapshot().tabs.find((t) => t.storeId === storeId) : undefined;
      if (tab && isWritable(tab.view.format)) {
        const what = files.length === 1 ? files[0]!.name : `these ${files.length} files`;
        const answer = await confirm({
          title: `Import into ${tab.title}?`,
          message: `Add the certificates of ${what} to ${tab.title} (you choose which, and nothing is saved until you save), or open ${files.length === 1 ? 'it in a tab of its own' : 'them in tabs of their own'}.`,
          actions: [
            { id: 'open', label: files.length === 1 ? 'Open in a new tab' : 'Open in new tabs' },
            { id: 'import', label: `Import into ${tab.title}`, tone: 'primary' },
          ],
        });
        if (answer === 'import') setStoreDialog({ kind: 'import-source', storeId: tab.storeId, dropped: files });
        if (answer !== 'open') return;
      }
      await openFiles(files);
    },
    [model, confirm, openFiles],
  );

  const dragging = useWindowDrop({
    onFiles: (files, target) => void dropFiles(files, target),
    onText: (text) => {
      if (/^file:\/\//i.test(text)) void openPath(decodeURIComponent(new URL(text).pathname));
      else if (looksLikeTarget(text)) connect(text);
      else push('info', 'Drop a file, or a server address such as https://example.com:443.');
    },
  });

  /** Ctrl/Cmd+Shift+S: Save As for the store in front. */
  const saveAsFront = useCallback(
    (id: string | null) => {
      if (id && model.snapshot().tabs.some((t) => t.storeId === id)) void saveAs(id);
    },
    [model, saveAs],
  );

  const focusTarget = useCallback(() => {
    targetRef.current?.focus();
    targetRef.current?.select();
  }, []);

  // Keyboard shortcuts, the browser-mode menu bar and the desktop menu's commands read the latest state through a ref.
  const cycle = (step: number) => {
    if (items.length < 2) return;
    const at = items.findIndex((t) => t.id === frontId);
    activateTab(items[(at + step + items.length) % items.length]!.id);
  };
  const closeFront = () => (frontId ? (closeTab(frontId), true) : false);
  const latest = { showOpen, focusTarget, closeFront, cycle, openPath, saveFront: () => saveFront(frontId), saveAsFront: () => saveAsFront(frontId) };
  const commands = useRef(latest);
  useEffect(() => {
    commands.current = latest;
  });
  useShortcuts(commands);

  // The browser-mode menu bar and the desktop menu's commands (AppEvents) run the same functions.
  const menuCommands: MenuBarCommands = {
    open: () => void showOpen(),
    openPath: () => setPathDialogOpen(true),
    openRecent: (path) => void openPath(path),
    newStore: () => setNewStoreOpen(true),
    save: () => commands.current.saveFront(),
    saveAs: () => commands.current.saveAsFront(),
    closeTab: () => void commands.current.closeFront(),
    connect: focusTarget,
    nextTab: () => commands.current.cycle(1),
    previousTab: () => commands.current.cycle(-1),
    networkSettings: () => setNetworkOpen(true),
    checkEndpoints: () => setEndpointsOpen(true),
    machineStores: () => setMachineView('stores'),
    explainLog: () => setMachineView('explain'),
    shortcuts: () => setShortcutsOpen(true),
    about: () => void api.appInfo({}).then((info) => push('info', `TrustLens ${info.version}, in browser mode: served by trustlens web on this machine.`)),
  };
  const menu = useRef(menuCommands);
  useEffect(() => {
    menu.current = menuCommands;
  });
  useEffect(
    () =>
      api.onEvent((event: AppEvent) => {
        if (event.type === 'open-path') void commands.current.openPath(event.path);
        else menu.current[MENU_EVENTS[event.command]]();
      }),
    [],
  );

  const openPathPrompt = isElectron ? undefined : () => setPathDialogOpen(true);

  return (
    <div className="app">
      <TopBar
        menu={isElectron ? undefined : <MenuBar commands={menuCommands} />}
        onOpen={() => void showOpen()} onOpenPath={openPathPrompt} onNewStore={() => setNewStoreOpen(true)} onNetworkSettings={() => setNetworkOpen(true)} onMachine={() => setMachineView('stores')} onCheckEndpoints={() => setEndpointsOpen(true)} onConnect={connect} targetRef={targetRef} opening={opening} front={{ id: frontId, target: probeTabs.find((t) => t.id === frontId)?.target ?? '' }} />
      {nothingOpen ? null : <TabStrip tabs={items} activeId={frontId} onActivate={activateTab} onClose={closeTab} onOpen={() => void showOpen()} onDropEntries={clipboard.pasteDragged} />}
      <main className="workspace">
        {nothingOpen ? (
          <EmptyState
            recentFiles={recentFiles}
            systemStores={systemStores}
            onOpen={() => void showOpen()}
            onOpenPath={openPathPrompt}
            onNewStore={() => setNewStoreOpen(true)}
            onOpenRecent={(path) => void openPath(path)}
            onOpenSystemStore={(store) => void openPath(store.path, store.defaultPassword)}
            onMachine={setMachineView}
          />
        ) : (
          <>
            {tabs.map((tab) => (
              <Explorer
                key={tab.key}
                tab={tab}
                active={tab.storeId === frontId}
                onVerify={verify}
                onCopyError={(message) => push('error', message)}
                onCopied={(message) => push('success', message)}
                onImport={(storeId) => setStoreDialog({ kind: 'import-source', storeId })}
                onExport={(storeId, selected) => setStoreDialog({ kind: 'export', storeId, selected })}
                onSave={(storeId) => void edits.save(storeId)}
                onUndo={(storeId) => void edits.undo(storeId)}
                onSaveAs={(storeId) => void saveAs(storeId)}
                onEdited={(storeId, view, message) => {
                  model.updateView(storeId, view);
                  push('success', message);
                }}
                clipboard={clipboard}
              />
            ))}
            {probeTabs.map((tab) => (
              <ProbeView
                key={tab.id}
                tab={tab}
                active={tab.id === frontId}
                stores={tabs}
                compare={resolveCompareStore(tab, tabs, activeId)}
                probes={probes}
                edits={edits}
                onOpenSystemStore={(probeId, store) => {
                  probes.change(probeId, { compare: { storeId: null, file: store.path } });
                  void openPath(store.path, store.defaultPassword, { background: true });
                }}
                push={push}
              />
            ))}
          </>
        )}
      </main>
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          void openFiles(files);
        }}
      />
      <DropOverlay visible={dragging} />
      {prompts[0] ? <PasswordDialog key={prompts[0].key} prompt={prompts[0]} /> : null}
      {pathDialogOpen ? (
        <OpenPathDialog
          onCancel={() => setPathDialogOpen(false)}
          onOpen={(path) => openPath(path, undefined, { rethrow: true })}
          onDone={() => setPathDialogOpen(false)}
        />
      ) : null}
      <StoreDialogs dialog={storeDialog} tabs={tabs} edits={edits} onChange={setStoreDialog} push={push} />
      {endpointsOpen ? <CheckEndpointsDialog stores={tabs} onCancel={() => setEndpointsOpen(false)} /> : null}
      {networkOpen ? (
        <NetworkDialog
          onCancel={() => setNetworkOpen(false)}
          onSaved={(settings) => {
            setNetworkOpen(false);
            const through =
              settings.proxy.mode === 'custom'
                ? `through ${settings.proxy.url.replace(/\/\/[^@/]*@/, '//')}`
                : settings.proxy.mode === 'none' || !settings.environmentProxy
                  ? 'directly'
                  : `through ${settings.environmentProxy}`;
            push('success', `Servers are now reached ${through}.`);
          }}
        />
      ) : null}
      {newStoreOpen ? (
        <NewStoreDialog
          onCancel={() => setNewStoreOpen(false)}
          onCreated={(opened) => {
            setNewStoreOpen(false);
            model.adopt(opened);
          }}
        />
      ) : null}
      {machineView ? (
        <MachineDialog
          initial={machineView}
          onCancel={() => setMachineView(null)}
          onOpenStore={(path, password) => {
            setMachineView(null);
            void openPath(path, password);
          }}
        />
      ) : null}
      {shortcutsOpen ? <ShortcutsDialog browserMode={!isElectron} onClose={() => setShortcutsOpen(false)} /> : null}
      {saveAsDialog}
      {clipboard.dialog}
      {confirmDialog}
      <ToastList toasts={toasts} onDismiss={dismiss} />
    </div>
  );
}
