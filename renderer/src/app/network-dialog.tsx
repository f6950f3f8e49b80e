// "Connection settings": how TrustLens reaches servers (and the CA Issuers URLs it downloads missing
// intermediates from): through the proxy the environment names, directly, or through a proxy given
// here. The main process checks a proxy URL before taking it; a bad one keeps the dialog open with why.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { NetworkSettings, ProxyChoice } from '../../../shared/ipc';
import { api } from '../api';
import { errorMessage } from '../api/remote-error';
import { DialogFooter } from '../ui/dialog-footer';
import { FormatChoices } from '../ui/format-choices';
import { SettingsIcon } from '../ui/icons';
import { ModalHeading } from '../ui/modal-heading';
import { Modal } from './modal';

type Mode = ProxyChoice['mode'];

export interface NetworkDialogProps {
  readonly onSaved: (settings: NetworkSettings) => void;
  readonly onCancel: () => void;
}

export function NetworkDialog({ onSaved, onCancel }: NetworkDialogProps) {
  const id = useId();
  const url = useRef<HTMLInputElement>(null);
  const [settings, setSettings] = useState<NetworkSettings | null>(null);
  // None is chosen until the settings have loaded: a choice shown before would be overwritten by them.
  const [mode, setMode] = useState<Mode | null>(null);
  const [typed, setTyped] = useState('');
  const [download, setDownload] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.networkSettings({}).then(
      (current) => {
        if (!live) return;
        setSettings(current);
        setMode(current.proxy.mode);
        if (current.proxy.mode === 'custom') setTyped(current.proxy.url);
        setDownload(current.downloadIssuers);
      },
      (failure: unknown) => live && setError(errorMessage(failure)),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (mode === 'custom') url.current?.focus();
  }, [mode]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const given = typed.trim();
    if (mode === 'custom' && !given) {
      setError('Type the proxy’s address, e.g. http://proxy.example.com:3128.');
      url.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const proxy: ProxyChoice = mode === 'custom' ? { mode, url: given } : { mode: mode ?? 'environment' };
      onSaved(await api.setNetworkSettings({ proxy, downloadIssuers: download }));
    } catch (failure) {
      setBusy(false);
      setError(errorMessage(failure));
      url.current?.focus();
      url.current?.select();
    }
  }

  const environment = settings?.environmentProxy;
  const options = [
    {
      id: 'environment' as const,
      label: 'The environment’s proxy',
      hint: environment ? `${environment}${settings?.noProxy ? `, except NO_PROXY: ${settings.noProxy}` : ''}` : 'HTTPS_PROXY is not set: directly',
    },
    { id: 'none' as const, label: 'Directly', hint: 'no proxy, even when HTTPS_PROXY is set' },
    { id: 'custom' as const, label: 'This HTTP proxy', hint: 'http://[user:password@]host:port' },
  ];

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onCancel={onCancel} className="network-dialog">
      <form className="modal-body" onSubmit={submit} noValidate>
        <ModalHeading titleId={`${id}-title`} icon={<SettingsIcon />}>
          Connection settings
        </ModalHeading>
        <p id={`${id}-text`} className="modal-text">
          How TrustLens reaches the servers you connect to, and the CA URLs it downloads a missing intermediate or a revocation status from. Probe the way your application
          connects: a proxy that inspects TLS shows its own chain.
        </p>
        <FormatChoices name={`${id}-proxy`} legend="Connect through" options={options} value={mode ?? undefined} disabled={settings === null || busy} onChange={(m) => {
            setMode(m);
            setError(null);
          }} />
        <label className="field-label" htmlFor={`${id}-url`}>
          Proxy URL
        </label>
        <input
          ref={url}
          id={`${id}-url`}
          className="text-input mono"
          type="text"
          inputMode="url"
          placeholder="http://proxy.example.com:3128"
          spellCheck={false}
          autoComplete="off"
          disabled={mode !== 'custom' || busy}
          aria-invalid={error && mode === 'custom' ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          value={typed}
          onChange={(event) => {
            setTyped(event.target.value);
            setError(null);
          }}
        />
        <label className="choice check-choice">
          <input type="checkbox" checked={download} disabled={settings === null || busy} onChange={(event) => setDownload(event.target.checked)} />
          Download missing intermediates and revocation status <span className="choice-hint">from CA Issuers, OCSP and CRL URLs</span>
        </label>
        <DialogFooter error={error} errorId={`${id}-error`} onCancel={onCancel}>
          <button type="submit" className="button primary" disabled={busy || settings === null}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </DialogFooter>
      </form>
    </Modal>
  );
}
