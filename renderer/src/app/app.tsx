// The app shell: top bar, tabs of open stores (or the empty state), the window-wide drop target,
// the password and open-by-path dialogs, toasts, and the keyboard shortcuts that tie them together.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppEvent, SystemTrustStore } from '../../../shared/ipc';
import { api, isElectron } from '../api';
import { errorMessage } from '../api/remote-error';
import { Explorer } from '../explorer/explorer';
import { baseName } from '../ui/format';
import { DropOverlay } from './drop-overlay';
import { EmptyState } from './empty-state';
import { hasCommandKey } from './keys';
import { OpenPathDialog } from './open-path-dialog';
import { PasswordDialog } from './password-dialog';
import { TabStrip } from './tab-strip';
import { ToastList } from './toast-list';
import { TopBar } from './top-bar';
import { useStoreTabs } from './store-tabs';
import { useToasts } from './use-toasts';
import { useWindowDrop } from './use-window-drop';

export interface AppProps {
  /**
   * What to do with a server the person typed in "Connect to…" (or dropped as a URL). The probe view
   * plugs in here; without it the app says that probing is not available.
   */
  readonly onConnect?: (target: string) => void;
}

/** A dropped text is a server when it looks like a URL or host:port, not like a file path. */
export function looksLikeTarget(text: string): boolean {
  return /^(https?|ldaps?|smtps?|imaps?|wss?):\/\//i.test(text) || /^[a-z0-9.-]+(:\d{1,5})?$/i.test(text) || /^\[[0-9a-f:]+\](:\d{1,5})?$/i.test(text);
}

export function App({ onConnect }: AppProps) {
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
  const { tabs, activeId, prompts, opening } = state;
  const { activate, openPath, openFile, verify, closeTab } = model;
  const [recentFiles, setRecentFiles] = useState<readonly string[]>([]);
  const [systemStores, setSystemStores] = useState<readonly SystemTrustStore[]>([]);
  const [pathDialogOpen, setPathDialogOpen] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const targetRef = useRef<HTMLInputElement>(null);
  const nothingOpen = tabs.length === 0;

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

  const active = tabs.find((t) => t.storeId === activeId) ?? null;
  useEffect(() => {
    document.title = active ? `${active.title} — TrustLens` : 'TrustLens';
  }, [active]);

  const connect = useCallback(
    (target: string) => {
      if (onConnect) onConnect(target);
      else push('info', `Connecting to ${target} is not available in this version yet.`);
    },
    [onConnect, push],
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

  const dragging = useWindowDrop({
    onFiles: (files) => void openFiles(files),
    onText: (text) => {
      if (/^file:\/\//i.test(text)) void openPath(decodeURIComponent(new URL(text).pathname));
      else if (looksLikeTarget(text)) connect(text);
      else push('info', 'Drop a file, or a server address such as https://example.com:443.');
    },
  });

  const focusTarget = useCallback(() => {
    targetRef.current?.focus();
    targetRef.current?.select();
  }, []);

  // Keyboard shortcuts and menu commands read the latest state through a ref, so they subscribe once.
  const commands = useRef({ showOpen, focusTarget, closeTab, activate, tabs, activeId, openPath });
  useEffect(() => {
    commands.current = { showOpen, focusTarget, closeTab, activate, tabs, activeId, openPath };
  });

  useEffect(() => {
    const cycle = (step: number) => {
      const { tabs: list, activeId: current, activate: go } = commands.current;
      if (list.length < 2) return;
      const at = list.findIndex((t) => t.storeId === current);
      go(list[(at + step + list.length) % list.length]!.storeId);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      const key = event.key.toLowerCase();
      if (event.ctrlKey && !event.altKey && (key === 'tab' || key === 'pagedown' || key === 'pageup')) {
        event.preventDefault();
        cycle(key === 'pageup' || (key === 'tab' && event.shiftKey) ? -1 : 1);
        return;
      }
      if (!hasCommandKey(event) || event.shiftKey) return;
      if (key === 'o') {
        event.preventDefault();
        void commands.current.showOpen();
      } else if (key === 'l') {
        event.preventDefault();
        commands.current.focusTarget();
      } else if (key === 'w') {
        const current = commands.current.activeId;
        if (current) {
          event.preventDefault();
          commands.current.closeTab(current);
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  useEffect(
    () =>
      api.onEvent((event: AppEvent) => {
        if (event.type === 'open-path') void commands.current.openPath(event.path);
        else if (event.command === 'open-file') void commands.current.showOpen();
        else if (event.command === 'focus-target') commands.current.focusTarget();
        else if (event.command === 'close-tab' && commands.current.activeId) commands.current.closeTab(commands.current.activeId);
      }),
    [],
  );

  const openPathPrompt = isElectron ? undefined : () => setPathDialogOpen(true);

  return (
    <div className="app">
      <TopBar onOpen={() => void showOpen()} onOpenPath={openPathPrompt} onConnect={connect} targetRef={targetRef} opening={opening} />
      {nothingOpen ? null : <TabStrip tabs={tabs} activeId={activeId} onActivate={activate} onClose={closeTab} onOpen={() => void showOpen()} />}
      <main className="workspace">
        {nothingOpen ? (
          <EmptyState
            recentFiles={recentFiles}
            systemStores={systemStores}
            onOpen={() => void showOpen()}
            onOpenPath={openPathPrompt}
            onOpenRecent={(path) => void openPath(path)}
            onOpenSystemStore={(store) => void openPath(store.path, store.defaultPassword)}
          />
        ) : (
          tabs.map((tab) => (
            <Explorer key={tab.storeId} tab={tab} active={tab.storeId === activeId} onVerify={verify} onCopyError={(message) => push('error', message)} />
          ))
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
          onOpen={(path) => {
            setPathDialogOpen(false);
            void openPath(path);
          }}
        />
      ) : null}
      <ToastList toasts={toasts} onDismiss={dismiss} />
    </div>
  );
}
