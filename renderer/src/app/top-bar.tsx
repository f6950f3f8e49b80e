// The slim bar at the top: the app's mark, "Open…", and the field that takes a server to connect to.
import { useState, type ReactNode, type RefObject } from 'react';
import { FolderOpenIcon, GlobeIcon, LogoMark, PathIcon, PlusIcon, SettingsIcon, ShieldCheckIcon, ShieldQuestionIcon } from '../ui/icons';
import { shortcutLabel } from './keys';

export interface TopBarProps {
  /** Browser mode only: the menu bar (the desktop app has a native menu). */
  readonly menu?: ReactNode;
  readonly onOpen: () => void;
  /** Browser mode only: open a file on the server by its path. */
  readonly onOpenPath?: () => void;
  /** "New trust store…": an empty JKS or PKCS#12 in a new tab. */
  readonly onNewStore?: () => void;
  /** "Connection settings": the proxy servers are reached through. */
  readonly onNetworkSettings: () => void;
  /** "Check endpoints…": many servers judged with one store. */
  readonly onCheckEndpoints?: () => void;
  /** "Trust stores on this machine": which store each application reads, and explain a log. */
  readonly onMachine?: () => void;
  readonly onConnect: (target: string) => void;
  readonly targetRef: RefObject<HTMLInputElement | null>;
  /** Names of files being opened, for a quiet progress hint. */
  readonly opening: readonly string[];
  /** The tab in front (its id) and, for a server's tab, its target: the field follows the tab in front. */
  readonly front: { readonly id: string | null; readonly target: string };
}

export function TopBar({ menu, onOpen, onOpenPath, onNewStore, onNetworkSettings, onMachine, onCheckEndpoints, onConnect, targetRef, opening, front }: TopBarProps) {
  const [target, setTarget] = useState(front.target);
  // Another tab in front: the field shows its server (empty for a store), not what was typed for the last one.
  const [followed, setFollowed] = useState(front.id);
  if (followed !== front.id) {
    setFollowed(front.id);
    setTarget(front.target);
  }
  return (
    <header className="top-bar">
      <div className="brand">
        <LogoMark />
        <span className="brand-name">TrustLens</span>
      </div>
      {menu}
      <div className="top-actions">
        <button type="button" className="button" onClick={onOpen} title={`Open a store or certificate (${shortcutLabel('O')})`}>
          <FolderOpenIcon className="icon-sm" />
          Open…
        </button>
        {onOpenPath ? (
          <button type="button" className="button quiet" onClick={onOpenPath} title="Open a file on the machine running TrustLens by its path">
            <PathIcon className="icon-sm" />
            <span className="top-label">Open by path…</span>
          </button>
        ) : null}
        {onNewStore ? (
          <button type="button" className="button quiet" onClick={onNewStore} title="Make an empty JKS or PKCS#12 trust store">
            <PlusIcon className="icon-sm" />
            <span className="top-label">New trust store…</span>
          </button>
        ) : null}
        {onCheckEndpoints ? (
          <button type="button" className="button quiet" onClick={onCheckEndpoints} title="Judge a pasted list of endpoints with one trust store, failures first">
            <ShieldCheckIcon className="icon-sm" />
            <span className="top-label">Check endpoints…</span>
          </button>
        ) : null}
        {onMachine ? (
          <button type="button" className="button quiet" onClick={onMachine} title="Which trust store each Java application on this machine reads; explain a failure log">
            <ShieldQuestionIcon className="icon-sm" />
            <span className="top-label">Stores on this machine</span>
          </button>
        ) : null}
      </div>
      <form
        className="target-form"
        aria-label="Connect to a server"
        onSubmit={(event) => {
          event.preventDefault();
          const value = target.trim();
          if (!value) return;
          targetRef.current?.blur(); // the keyboard goes to the server's tab
          onConnect(value);
        }}
      >
        <GlobeIcon className="icon-sm target-icon" />
        <input
          ref={targetRef}
          className="target-input"
          type="text"
          inputMode="url"
          value={target}
          onChange={(event) => setTarget(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') event.currentTarget.blur();
          }}
          placeholder="Connect to https://host:port, ldap://, smtp://, postgres://…"
          aria-label="Server to connect to"
          spellCheck={false}
          autoComplete="off"
        />
        <kbd className="shortcut-hint" aria-hidden="true">
          {shortcutLabel('L')}
        </kbd>
      </form>
      <button type="button" className="icon-button network-button" onClick={onNetworkSettings} aria-label="Connection settings" title="Connection settings: the proxy servers are reached through">
        <SettingsIcon className="icon-sm" />
      </button>
      <div className="top-status" role="status" aria-live="polite">
        {opening.length > 0 ? (
          <>
            <span className="spinner" aria-hidden="true" />
            <span className="top-status-text">Opening {opening[0]}…</span>
          </>
        ) : null}
      </div>
    </header>
  );
}
