// The revocation checks of one probe tab's result: asked for once the probe (or diagnosis) is shown,
// cancelled when a new run replaces it. The main process does the fetching (OCSP, CRLs) and verifying.
import { useEffect, useState } from 'react';
import type { ClientProfile } from '../../../shared/model/probe';
import type { RevocationReport } from '../../../shared/model/revocation-report';
import { api } from '../api';
import { errorMessage } from '../api/remote-error';
import { newRequestId } from './endpoint';

export type RevocationRun =
  | { readonly phase: 'off' }
  | { readonly phase: 'checking' }
  | { readonly phase: 'done'; readonly report: RevocationReport }
  | { readonly phase: 'failed'; readonly message: string };

export interface RevocationInput {
  /** The probe or diagnose call whose recorded chain is checked; null while none is shown. */
  readonly probeId: string | null;
  readonly storeId: string | null;
  readonly client: ClientProfile;
  readonly javaHome: string | null;
}

export function useRevocation({ probeId, storeId, client, javaHome }: RevocationInput): RevocationRun {
  // The answer is kept with what it answers: another input shows "checking" until its own answer comes.
  const key = probeId ? JSON.stringify([probeId, storeId, client, javaHome]) : null;
  const [answered, setAnswered] = useState<{ readonly key: string; readonly run: RevocationRun } | null>(null);
  useEffect(() => {
    if (!probeId || !key) return;
    let live = true;
    const requestId = newRequestId();
    api
      .checkRevocation({ requestId, probeId, client, ...(storeId ? { storeId } : {}), ...(client === 'java' && javaHome ? { javaHome } : {}) })
      .then(
        (report) => live && setAnswered({ key, run: { phase: 'done', report } }),
        (error: unknown) => live && setAnswered({ key, run: { phase: 'failed', message: errorMessage(error) } }),
      );
    return () => {
      live = false;
      void api.cancel({ requestId }).catch(() => undefined);
    };
  }, [key, probeId, storeId, client, javaHome]);
  if (!key) return { phase: 'off' };
  return answered?.key === key ? answered.run : { phase: 'checking' };
}
