// "Check revocation" for the certificate the details pane shows: asked on request (it reaches the CA's
// OCSP responder or CRL), the answer in one line with who gave it. A new certificate shown starts afresh.
import { useEffect, useRef, useState } from 'react';
import type { RevocationCheck } from '../../../shared/model/revocation';
import { api } from '../api';
import { errorMessage } from '../api/remote-error';
import { newRequestId } from '../probe/endpoint';
import { revocationText } from '../probe/revocation-status';

type State = { readonly phase: 'idle' } | { readonly phase: 'checking'; readonly requestId: string } | { readonly phase: 'done'; readonly check: RevocationCheck } | { readonly phase: 'failed'; readonly message: string };

export function EntryRevocation({ storeId, index, position }: { readonly storeId: string; readonly index: number; readonly position: number }) {
  const [state, setState] = useState<State>({ phase: 'idle' });
  const running = useRef<string | null>(null);
  // Leaving the certificate cancels a check still running; its answer is not shown.
  useEffect(
    () => () => {
      if (running.current) void api.cancel({ requestId: running.current }).catch(() => undefined);
      running.current = null;
    },
    [],
  );
  function check() {
    const requestId = newRequestId();
    running.current = requestId;
    setState({ phase: 'checking', requestId });
    const settle = (next: State) => {
      if (running.current !== requestId) return;
      running.current = null;
      setState(next);
    };
    api.entryRevocation({ requestId, storeId, index, certificate: position }).then(
      (result) => settle({ phase: 'done', check: result }),
      (error: unknown) => settle({ phase: 'failed', message: errorMessage(error) }),
    );
  }
  return (
    <section className="detail-section entry-revocation" aria-label="Revocation">
      <div className="section-head">
        <h3 className="section-title">Revocation</h3>
        <span className="section-actions">
          <button type="button" className="copy-button with-text" onClick={check} disabled={state.phase === 'checking'} title="Ask its CA: the OCSP responder, else the CRL, it names">
            {state.phase === 'done' || state.phase === 'failed' ? 'Check again' : 'Check revocation'}
          </button>
        </span>
      </div>
      {state.phase === 'checking' ? (
        <p className="sent-revocation revocation-checking" role="status">
          <span className="spinner spinner-sm" aria-hidden="true" />
          Asking its CA…
        </p>
      ) : state.phase === 'done' ? (
        <p className={`sent-revocation revocation-${state.check.status}`} role="status">
          {revocationText(state.check)}
        </p>
      ) : state.phase === 'failed' ? (
        <p className="sent-revocation revocation-unchecked" role="status">
          Revocation not checked: {state.message}
        </p>
      ) : null}
    </section>
  );
}
