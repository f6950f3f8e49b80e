// Paste or drop a failure log (a Java stack trace, a -Djavax.net.debug log, curl or openssl output) and
// see what it shows: the failure, the trust store it read, the chain the server sent, what is missing
// and the fix, and what the log does not show. The same answer as `trustlens explain`.
import { useState, type DragEvent } from 'react';
import type { LogExplanation, LoggedCertificate } from '../../../shared/model/explanation';
import { api } from '../api';
import { errorMessage } from '../api/remote-error';
import { FolderOpenIcon, InfoIcon, WarningIcon } from '../ui/icons';

export interface ExplainPanelProps {
  readonly onOpenStore: (path: string, password?: string) => void;
}

/** Logs are cut to this much before they cross to the main process. */
const MAX_TEXT = 16 * 1024 * 1024;

function CertLine({ cert }: { readonly cert: LoggedCertificate }) {
  return (
    <>
      <span className="cert-subject">{cert.subject}</span>
      <span className="cert-meta">
        issued by {cert.issuer}
        {cert.serialNumber ? ` · serial ${cert.serialNumber}` : ''}
        {cert.notAfter ? ` · until ${cert.notAfter.slice(0, 10)}` : ''}
      </span>
    </>
  );
}

function Result({ result, onOpenStore }: { readonly result: LogExplanation; readonly onOpenStore: ExplainPanelProps['onOpenStore'] }) {
  const d = result.diagnosis;
  return (
    <div className="explain-result" aria-label="What the log shows">
      <dl className="explain-facts">
        <dt>Read as</dt>
        <dd>{result.kinds.join(', ')}</dd>
        {result.host ? (
          <>
            <dt>Server</dt>
            <dd>
              {result.host}
              {result.port !== undefined ? `:${result.port}` : ''}
            </dd>
          </>
        ) : null}
        {result.failure ? (
          <>
            <dt>Failure</dt>
            <dd>
              <span className="failure-class">{result.failure.class}</span> {result.failure.message}
            </dd>
          </>
        ) : null}
        {result.trustStore ? (
          <>
            <dt>Trust store</dt>
            <dd className="explain-store">
              <code>{result.trustStore.path}</code>
              {result.trustStore.type ? ` (type ${result.trustStore.type})` : ''}
              <button type="button" className="button small" onClick={() => onOpenStore(result.trustStore!.path)}>
                <FolderOpenIcon className="icon-sm" />
                Open
              </button>
            </dd>
          </>
        ) : null}
        {result.trusted ? (
          <>
            <dt>It trusted</dt>
            <dd>
              {result.trusted.length} certificate{result.trusted.length === 1 ? '' : 's'}
            </dd>
          </>
        ) : null}
      </dl>
      {result.chain ? (
        <section className="machine-section">
          <h3 className="machine-heading">The server sent</h3>
          <ol className="explain-chain">
            {result.chain.map((cert, i) => (
              <li key={`${cert.subject}-${i}`}>
                <CertLine cert={cert} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {d ? (
        <section className="explain-diagnosis" aria-label="Diagnosis">
          <p className="diagnosis-head">
            <span className="failure-class">{d.code}</span> {d.message}
          </p>
          {d.missingIssuer ? (
            <p>
              <strong>Missing:</strong> {d.missingIssuer.name}
            </p>
          ) : null}
          {d.foundOnMachine?.map((m) => (
            <p key={`${m.file}-${m.alias}`} className="found-here">
              On this machine: <code>{m.file}</code>, alias “{m.alias}”
            </p>
          ))}
          <p className="diagnosis-fix">
            <strong>Fix:</strong> {d.fix}
          </p>
          {d.commands?.length ? <pre className="diagnosis-commands" aria-label="Commands that add it">{d.commands.join('\n')}</pre> : null}
        </section>
      ) : null}
      {result.notShown.length ? (
        <section className="machine-section">
          <h3 className="machine-heading">The log does not show</h3>
          <ul className="plain-list not-shown">
            {result.notShown.map((line) => (
              <li key={line}>
                <InfoIcon className="icon-sm" />
                {line}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export function ExplainPanel({ onOpenStore }: ExplainPanelProps) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<LogExplanation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function explain(source: string) {
    if (!source.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await api.explainLog({ text: source.slice(0, MAX_TEXT) }));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  async function onDrop(event: DragEvent<HTMLTextAreaElement>) {
    const file = event.dataTransfer.files[0];
    if (!file) return;
    event.preventDefault();
    event.stopPropagation();
    const dropped = await file.slice(0, MAX_TEXT).text();
    setText(dropped);
    void explain(dropped);
  }

  return (
    <div className="explain-panel">
      <textarea
        className="explain-input"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onDrop={(event) => void onDrop(event)}
        onDragOver={(event) => {
          event.preventDefault();
          event.stopPropagation();
        }}
        placeholder={'Paste a failure log here, or drop a log file: a Java stack trace ("PKIX path building failed…"), a -Djavax.net.debug=ssl:handshake log, curl -v or openssl s_client output.'}
        aria-label="Failure log"
        spellCheck={false}
      />
      <div className="explain-actions">
        <button type="button" className="button primary" onClick={() => void explain(text)} disabled={busy || !text.trim()}>
          {busy ? 'Reading…' : 'Explain'}
        </button>
        <span className="machine-note">Nothing is sent anywhere: the log is read on this machine, and matched with its stores.</span>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          <WarningIcon className="icon-sm" />
          {error}
        </p>
      ) : null}
      {result ? <Result result={result} onOpenStore={onOpenStore} /> : null}
    </div>
  );
}
