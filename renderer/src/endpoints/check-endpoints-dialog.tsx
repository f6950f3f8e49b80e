// "Check endpoints": paste a list of endpoints (one per line, any scheme, '#' comments), choose an open
// trust store and a client, and see every endpoint's verdict, failures first, with progress while the
// main process probes them a few at a time. The app's form of `trustlens diagnose --targets FILE`.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { EndpointProgress } from '../../../shared/ipc';
import type { ClientProfile } from '../../../shared/model/probe';
import type { TargetsSummary, TargetVerdict } from '../../../shared/model/targets';
import { api } from '../api';
import { errorMessage } from '../api/remote-error';
import { Modal } from '../app/modal';
import type { StoreTab } from '../app/store-tabs';
import { newRequestId } from '../probe/endpoint';
import { DialogFooter } from '../ui/dialog-footer';
import { ShieldCheckIcon } from '../ui/icons';
import { ModalHeading } from '../ui/modal-heading';

export interface CheckEndpointsDialogProps {
  readonly stores: readonly StoreTab[];
  readonly onCancel: () => void;
}

const CLIENT_NAMES: Readonly<Record<ClientProfile, string>> = { java: 'Java', openssl: 'OpenSSL' };
const POLL_MS = 250;

/** Unreachable first, then not trusted, then trusted; each in the order pasted. */
function failuresFirst(results: readonly TargetVerdict[]): TargetVerdict[] {
  const rank = (v: TargetVerdict) => (v.error ? 0 : v.trusted ? 2 : 1);
  return results.map((v, i) => [v, i] as const).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([v]) => v);
}

function Verdict({ verdict }: { readonly verdict: TargetVerdict }) {
  if (verdict.error) return <span className="badge badge-bad">Failed</span>;
  if (verdict.trusted) return <span className="badge badge-ok">Trusted</span>;
  return <span className="badge badge-bad">{verdict.problems[0]?.code ?? 'Not trusted'}</span>;
}

export function CheckEndpointsDialog({ stores, onCancel }: CheckEndpointsDialogProps) {
  const id = useId();
  const list = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [storeId, setStoreId] = useState<string>(stores[stores.length - 1]?.storeId ?? '');
  const [client, setClient] = useState<ClientProfile>('java');
  const [running, setRunning] = useState<string | null>(null);
  const [progress, setProgress] = useState<EndpointProgress | null>(null);
  const [results, setResults] = useState<{ readonly rows: readonly TargetVerdict[]; readonly summary: TargetsSummary; readonly store: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      api.endpointProgress({ requestId: running }).then(
        (now) => now && setProgress(now),
        () => undefined,
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [running]);

  // Closing the dialog stops a check still running.
  useEffect(() => () => void (running && api.cancel({ requestId: running }).catch(() => undefined)), [running]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (running) return;
    const store = stores.find((s) => s.storeId === storeId);
    if (!store) return setError('Open a trust store first: the endpoints are judged with it.');
    if (!text.trim()) {
      setError('Paste the endpoints, one per line: https://host, host:port, ldap://host, postgres://host…');
      list.current?.focus();
      return;
    }
    const requestId = newRequestId('endpoints');
    setRunning(requestId);
    setProgress(null);
    setResults(null);
    setError(null);
    try {
      const answer = await api.checkEndpoints({ requestId, targets: text, storeId, client });
      setResults({ rows: failuresFirst(answer.results), summary: answer.summary, store: store.title });
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setRunning((current) => (current === requestId ? null : current));
    }
  }

  const summary = results?.summary;
  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onCancel={onCancel} initialFocus={list} className="endpoints-dialog">
      <form className="modal-body" onSubmit={submit} noValidate>
        <ModalHeading titleId={`${id}-title`} icon={<ShieldCheckIcon />}>
          Check endpoints
        </ModalHeading>
        <p id={`${id}-text`} className="modal-text">
          Which of these endpoints would a client trust with this store? One per line, any scheme (https://, ldap://, smtp://, postgres://, host:port…); # starts a
          comment. Run it before swapping a trust store or upgrading the JDK.
        </p>
        <label className="field-label" htmlFor={`${id}-list`}>
          Endpoints
        </label>
        <textarea
          ref={list}
          id={`${id}-list`}
          className="text-input mono endpoints-input"
          rows={6}
          spellCheck={false}
          placeholder={'https://api.example.com\nldap://directory.internal\npostgres://db.internal:5432'}
          value={text}
          disabled={running !== null}
          onChange={(event) => {
            setText(event.target.value);
            setError(null);
          }}
        />
        <div className="endpoints-controls">
          <label className="compare-picker">
            <span className="control-label">Trust store</span>
            <select className="select-input" value={storeId} disabled={running !== null} onChange={(event) => setStoreId(event.target.value)}>
              {stores.length === 0 ? <option value="">No store is open</option> : null}
              {stores.map((tab) => (
                <option key={tab.storeId} value={tab.storeId}>
                  {tab.title}
                </option>
              ))}
            </select>
          </label>
          <div className="segmented" role="group" aria-label="Client">
            {(['java', 'openssl'] as const).map((profile) => (
              <button key={profile} type="button" className={client === profile ? 'segment selected' : 'segment'} aria-pressed={client === profile} disabled={running !== null} onClick={() => setClient(profile)}>
                {CLIENT_NAMES[profile]}
              </button>
            ))}
          </div>
        </div>
        {running ? (
          <div className="endpoints-progress" role="status">
            <span className="spinner" aria-hidden="true" />
            {progress ? `Checked ${progress.done} of ${progress.total}${progress.untrusted + progress.failed ? `; ${progress.untrusted + progress.failed} failing so far` : ''}…` : 'Starting…'}
            {progress ? <progress max={progress.total} value={progress.done} aria-label="Endpoints checked" /> : null}
          </div>
        ) : null}
        {results && summary ? (
          <div className="endpoints-results">
            <p className={summary.trusted === summary.total ? 'endpoints-summary all-trusted' : 'endpoints-summary'} role="status">
              {summary.trusted} of {summary.total} endpoints trusted by a {CLIENT_NAMES[client]} client with {results.store}
              {summary.untrusted ? `; ${summary.untrusted} not trusted` : ''}
              {summary.failed ? `; ${summary.failed} could not be reached` : ''}
            </p>
            <div className="endpoints-table-wrap">
              <table className="endpoints-table">
                <thead>
                  <tr>
                    <th scope="col">Endpoint</th>
                    <th scope="col">Verdict</th>
                    <th scope="col">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {results.rows.map((row, i) => (
                    <tr key={`${i}-${row.target}`} className={row.trusted ? 'trusted' : 'failing'}>
                      <td className="mono">{row.target}</td>
                      <td>
                        <Verdict verdict={row} />
                      </td>
                      <td className="endpoints-why">{row.error ? row.error.message : row.trusted ? (row.address ? `answered from ${row.address}` : '') : (row.problems[0]?.message ?? '')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ) : null}
        <DialogFooter error={error} onCancel={onCancel} cancelLabel={results ? 'Close' : 'Cancel'}>
          <button type="submit" className="button primary" disabled={running !== null || stores.length === 0}>
            {running ? 'Checking…' : results ? 'Check again' : 'Check'}
          </button>
        </DialogFooter>
      </form>
    </Modal>
  );
}
