// The stores Java applications on this machine use, one card per file: who reads it (a process, a
// config file, a JDK's default) and by which rule, warnings (a jssecacerts that shadows cacerts, one
// application split over two stores, a missing file), and "Open" to see it in a tab.
import { useCallback, useEffect, useState } from 'react';
import type { MachineStore, MachineStoresReport, StoreUser } from '../../../shared/model/machine-stores';
import { api } from '../api';
import { errorMessage } from '../api/remote-error';
import { FolderOpenIcon, RefreshIcon, WarningIcon } from '../ui/icons';

export interface StoresPanelProps {
  readonly onOpenStore: (path: string, password?: string) => void;
}

function who(user: StoreUser): string {
  if (user.kind === 'process') return `Process ${user.pid}${user.purpose === 'keystore' ? ' · keystore' : ''}`;
  if (user.kind === 'config') return `${user.file?.split(/[\\/]/).pop() ?? 'config'}${user.line ? `:${user.line}` : ''}${user.purpose === 'keystore' ? ' · keystore' : ''}`;
  return 'JDK default';
}

function UserRow({ user }: { readonly user: StoreUser }) {
  const extra = [user.type ? `type ${user.type}` : null, user.passwordSet === undefined ? null : user.passwordSet ? 'password set' : 'no password'].filter(Boolean).join(' · ');
  return (
    <li className="store-user">
      <span className={`user-kind user-kind-${user.kind}`}>{who(user)}</span>
      <span className="user-rule">{user.rule}</span>
      <span className="user-why">
        {user.why}
        {extra ? <span className="user-extra"> ({extra})</span> : null}
      </span>
      {user.command ? (
        <code className="user-command" title={user.command}>
          {user.command}
        </code>
      ) : user.kind === 'config' && user.file ? (
        <code className="user-command" title={user.file}>
          {user.file}
        </code>
      ) : null}
    </li>
  );
}

function StoreCard({ store, onOpen }: { readonly store: MachineStore; readonly onOpen: () => void }) {
  const facts = store.exists ? `${store.format ?? 'unknown format'} · ${store.entries === null ? 'needs its password to list' : `${store.entries} ${store.entries === 1 ? 'entry' : 'entries'}`}` : 'missing';
  return (
    <li className={store.warnings.length ? 'store-card warned' : 'store-card'}>
      <div className="store-card-head">
        <div className="store-card-name">
          <code className="store-path" title={store.realPath ? `${store.path} → ${store.realPath}` : store.path}>
            {store.path}
          </code>
          <span className={store.exists ? 'store-facts' : 'store-facts missing'}>{facts}</span>
        </div>
        <button type="button" className="button small" onClick={onOpen} disabled={!store.exists} aria-label={`Open ${store.path}`}>
          <FolderOpenIcon className="icon-sm" />
          Open
        </button>
      </div>
      {store.warnings.map((warning) => (
        <p key={warning} className="store-warning" role="note">
          <WarningIcon className="icon-sm" />
          {warning}
        </p>
      ))}
      <ul className="store-users">
        {store.usedBy.map((user, i) => (
          <UserRow key={`${user.kind}-${user.pid ?? user.file ?? ''}-${user.rule}-${i}`} user={user} />
        ))}
      </ul>
    </li>
  );
}

export function StoresPanel({ onOpenStore }: StoresPanelProps) {
  const [report, setReport] = useState<MachineStoresReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [folder, setFolder] = useState('');
  const [scanned, setScanned] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async (scan: readonly string[]) => {
    setBusy(true);
    setError(null);
    try {
      setReport(await api.machineStores({ scan: [...scan] }));
      setScanned(scan);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }, []);

  // The first look, when the panel opens (later ones come from the buttons).
  useEffect(() => {
    let live = true;
    api.machineStores({ scan: [] }).then(
      (first) => live && setReport(first),
      (failure: unknown) => live && setError(errorMessage(failure)),
    );
    return () => {
      live = false;
    };
  }, []);

  const hidden = report?.processes.filter((p) => !p.readable) ?? [];
  return (
    <div className="stores-panel">
      <form
        className="scan-form"
        onSubmit={(event) => {
          event.preventDefault();
          const value = folder.trim();
          if (value) void load([...new Set([...scanned, value])]);
        }}
      >
        <input className="text-input" value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="Also read config files under a folder, e.g. /opt/tomcat" aria-label="Folder with config files" spellCheck={false} />
        <button type="submit" className="button" disabled={busy || !folder.trim()}>
          Scan folder
        </button>
        <button type="button" className="icon-button" onClick={() => void load(scanned)} aria-label="Look again" title="Look again" disabled={busy}>
          <RefreshIcon className="icon-sm" />
        </button>
      </form>
      {error ? (
        <p className="field-error" role="alert">
          <WarningIcon className="icon-sm" />
          {error}
        </p>
      ) : null}
      {!report ? (
        <p className="machine-loading">
          <span className="spinner" aria-hidden="true" /> Looking at running JVMs and installed JDKs…
        </p>
      ) : (
        <>
          <ul className="store-cards" aria-label="Trust stores in use">
            {report.stores.map((store) => (
              <StoreCard key={store.path} store={store} onOpen={() => onOpenStore(store.path, store.usedBy.some((u) => u.kind === 'jdk-default') ? 'changeit' : undefined)} />
            ))}
          </ul>
          {hidden.length ? (
            <section className="machine-section">
              <h3 className="machine-heading">Java processes TrustLens may not inspect</h3>
              <ul className="plain-list">
                {hidden.map((p) => (
                  <li key={p.pid}>
                    <strong>{p.pid}</strong> <code>{p.command}</code> — {p.reason}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section className="machine-section">
            <h3 className="machine-heading">JDKs</h3>
            <ul className="plain-list">
              {report.jdks.map((jdk) => (
                <li key={jdk.home}>
                  <code>{jdk.home}</code> {jdk.version ?? 'unknown version'} <span className="user-extra">({jdk.foundBy.join(', ')})</span>
                  {jdk.jssecacerts ? <span className="jsse-flag"> jssecacerts: read instead of cacerts</span> : null}
                </li>
              ))}
            </ul>
          </section>
          {report.unresolved.length ? (
            <section className="machine-section">
              <h3 className="machine-heading">Settings that could not be resolved</h3>
              <ul className="plain-list">
                {report.unresolved.map((u) => (
                  <li key={`${u.file}:${u.line}`}>
                    <code>
                      {u.file}:{u.line}
                    </code>{' '}
                    {u.setting}={u.value} — {u.reason}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {report.notes.map((note) => (
            <p key={note} className="machine-note">
              {note}
            </p>
          ))}
        </>
      )}
    </div>
  );
}
