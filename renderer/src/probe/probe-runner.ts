// One probe tab's connection to its server: api.diagnose when a trust store is chosen (it probes and
// judges in one call), api.probe when none is. A new start cancels the call still running; only the
// latest call's reply is kept. The last good result stays while the next one runs, so the page does not
// jump when the client profile or the store changes.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ClientProfile, Diagnosis, ProbeResult } from '../../../shared/model/probe';
import { api } from '../api';
import { RemoteError, errorMessage } from '../api/remote-error';
import { newRequestId } from './endpoint';

export interface ProbeInput {
  readonly target: string;
  readonly storeId: string | null;
  readonly client: ClientProfile;
  /** The JDK a Java verdict follows; null or absent: the JDK of the java on the PATH. */
  readonly javaHome?: string | null;
  /** The store had edits not saved yet when the run started: the verdict is for the store as edited. */
  readonly edited?: boolean;
  /** Probe every address of the name: true, false, or undefined for "when it has several". */
  readonly allAddresses?: boolean;
}

export interface ProbeOutcome {
  /** The call's id: exports and imports name the probe by it (the main process keeps what it recorded). */
  readonly requestId: string;
  readonly input: ProbeInput;
  readonly probe: ProbeResult;
  /** Null when no trust store was chosen. */
  readonly diagnosis: Diagnosis | null;
}

export type ProbeRun =
  | { readonly phase: 'idle'; readonly last: null }
  | { readonly phase: 'connecting'; readonly requestId: string; readonly input: ProbeInput; readonly last: ProbeOutcome | null }
  | { readonly phase: 'done'; readonly outcome: ProbeOutcome; readonly last: ProbeOutcome }
  | {
      readonly phase: 'failed';
      readonly input: ProbeInput;
      /** The error code of the contract (NETWORK, USAGE, CANCELLED, …). */
      readonly code: string;
      readonly message: string;
      readonly last: ProbeOutcome | null;
    };

function addressChoice(input: ProbeInput): { allAddresses?: boolean } {
  return input.allAddresses === undefined ? {} : { allAddresses: input.allAddresses };
}

export class ProbeRunner {
  private state: ProbeRun = { phase: 'idle', last: null };
  private readonly listeners = new Set<() => void>();
  /** Bumped by every start and cancel: a reply that finds another generation is stale. */
  private generation = 0;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): ProbeRun => this.state;

  start(input: ProbeInput): void {
    this.abandon();
    const generation = ++this.generation;
    const requestId = newRequestId();
    this.set({ phase: 'connecting', requestId, input, last: this.state.last });
    const call: Promise<Omit<ProbeOutcome, 'requestId' | 'input'>> = input.storeId
      ? api
          .diagnose({
            requestId,
            target: input.target,
            storeId: input.storeId,
            client: input.client,
            ...addressChoice(input),
            ...(input.client === 'java' && input.javaHome ? { javaHome: input.javaHome } : {}),
          })
          .then(({ probe, diagnosis }) => ({ probe, diagnosis }))
      : api.probe({ requestId, target: input.target, ...addressChoice(input) }).then((probe) => ({ probe, diagnosis: null }));
    call.then(
      (result) => {
        if (generation !== this.generation) return;
        const outcome: ProbeOutcome = { requestId, input, ...result };
        this.set({ phase: 'done', outcome, last: outcome });
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        const code = error instanceof RemoteError ? error.code : 'INTERNAL';
        this.set({ phase: 'failed', input, code, message: errorMessage(error), last: this.state.last });
      },
    );
  }

  /** The person pressed Cancel: stop the call and say so. */
  cancel(): void {
    const current = this.state;
    if (current.phase !== 'connecting') return;
    this.abandon();
    this.generation++;
    this.set({ phase: 'failed', input: current.input, code: 'CANCELLED', message: 'Cancelled before the server answered.', last: current.last });
  }

  /** Stop a call still running (the tab closed, or a new start replaces it). */
  abandon(): void {
    if (this.state.phase === 'connecting') void api.cancel({ requestId: this.state.requestId }).catch(() => undefined);
  }

  dispose(): void {
    this.abandon();
    this.generation++;
  }

  private set(state: ProbeRun): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

/** A runner for one probe tab that starts again whenever `input` or `runKey` changes. */
export function useProbeRunner(input: ProbeInput, runKey: string): { readonly runner: ProbeRunner; readonly run: ProbeRun } {
  const [runner] = useState(() => new ProbeRunner());
  const run = useSyncExternalStore(runner.subscribe, runner.snapshot);
  const { target, storeId, client, edited, allAddresses, javaHome } = input;
  useEffect(() => {
    runner.start({ target, storeId, client, edited, javaHome, ...(allAddresses === undefined ? {} : { allAddresses }) });
  }, [runner, target, storeId, client, edited, allAddresses, javaHome, runKey]);
  useEffect(() => () => runner.dispose(), [runner]);
  return { runner, run };
}
