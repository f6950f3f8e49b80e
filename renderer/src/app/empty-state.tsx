// What the window shows with no store open: what to do, and one-click ways to start (recent files,
// the trust stores this machine already has).
import type { SystemTrustStore } from '../../../shared/ipc';
import { baseName, folderName } from '../ui/format';
import { ClockIcon, DropIcon, FolderOpenIcon, InfoIcon, PathIcon, PlusIcon, ShieldCheckIcon, ShieldQuestionIcon } from '../ui/icons';
import { shortcutLabel } from './keys';

export interface EmptyStateProps {
  readonly recentFiles: readonly string[];
  readonly systemStores: readonly SystemTrustStore[];
  readonly onOpen: () => void;
  readonly onOpenPath?: () => void;
  readonly onNewStore?: () => void;
  readonly onOpenRecent: (path: string) => void;
  readonly onOpenSystemStore: (store: SystemTrustStore) => void;
  /** Which store each application here reads, or explain a failure log. */
  readonly onMachine?: (view: 'stores' | 'explain') => void;
}

export function EmptyState({ recentFiles, systemStores, onOpen, onOpenPath, onNewStore, onOpenRecent, onOpenSystemStore, onMachine }: EmptyStateProps) {
  return (
    <div className="empty-state">
      <div className="empty-hero">
        <div className="drop-target" aria-hidden="true">
          <DropIcon />
        </div>
        <h1 className="empty-title">Drop a trust store, certificate or URL here</h1>
        <p className="empty-text">JKS, JCEKS, PKCS#12, PEM, DER and PKCS#7 files open in a tab; nothing leaves this machine.</p>
        <div className="empty-actions">
          <button type="button" className="button primary large" onClick={onOpen}>
            <FolderOpenIcon className="icon-sm" />
            Open…
            <kbd className="button-kbd">{shortcutLabel('O')}</kbd>
          </button>
          {onOpenPath ? (
            <button type="button" className="button large" onClick={onOpenPath}>
              <PathIcon className="icon-sm" />
              Open by path…
            </button>
          ) : null}
          {onNewStore ? (
            <button type="button" className="button large" onClick={onNewStore}>
              <PlusIcon className="icon-sm" />
              New trust store…
            </button>
          ) : null}
        </div>
        {onMachine ? (
          <div className="empty-actions empty-machine">
            <button type="button" className="button quiet" onClick={() => onMachine('stores')}>
              <ShieldQuestionIcon className="icon-sm" />
              Which trust store does my application use?
            </button>
            <button type="button" className="button quiet" onClick={() => onMachine('explain')}>
              <InfoIcon className="icon-sm" />
              Explain a failure from its log…
            </button>
          </div>
        ) : null}
      </div>
      {recentFiles.length > 0 || systemStores.length > 0 ? (
        <div className="empty-lists">
          {recentFiles.length > 0 ? (
            <section className="quick-list" aria-labelledby="recent-heading">
              <h2 id="recent-heading" className="quick-heading">
                Recent files
              </h2>
              <ul>
                {recentFiles.slice(0, 8).map((file) => (
                  <li key={file}>
                    <button type="button" className="quick-item" onClick={() => onOpenRecent(file)} title={file}>
                      <ClockIcon className="quick-icon" />
                      <span className="quick-name">{baseName(file)}</span>
                      <span className="quick-detail">{folderName(file)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {systemStores.length > 0 ? (
            <section className="quick-list" aria-labelledby="system-heading">
              <h2 id="system-heading" className="quick-heading">
                Trust stores on this machine
              </h2>
              <ul>
                {systemStores.map((store) => (
                  <li key={store.path}>
                    <button type="button" className="quick-item" onClick={() => onOpenSystemStore(store)} title={store.path}>
                      <ShieldCheckIcon className="quick-icon" />
                      <span className="quick-name">{store.label}</span>
                      <span className="quick-detail">{store.path}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
