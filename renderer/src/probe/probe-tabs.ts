// The servers being probed, one tab each beside the store tabs: the target, the trust store it is
// compared with, the client profile, and which probe tab is in front. Plain state with subscribers,
// read through useSyncExternalStore, like the store tabs.
import { useState, useSyncExternalStore } from 'react';
import type { ClientProfile } from '../../../shared/model/probe';
import type { StoreTab } from '../app/store-tabs';
import { endpointLabel, newRequestId } from './endpoint';

/**
 * The trust store a probe is compared with: an open store by id, found again by its file when the
 * id changes (a store re-opened to verify it) or is not known yet (a system store still opening).
 */
export interface CompareStore {
  readonly storeId: string | null;
  readonly file: string;
}

export interface ProbeTab {
  readonly id: string;
  /** As the person typed or dropped it: what probe and diagnose are given. */
  readonly target: string;
  /** "host:port", the tab's title. */
  readonly endpoint: string;
  readonly compare: CompareStore | null;
  readonly client: ClientProfile;
  /** The JDK whose rules a Java verdict follows; null: the JDK of the java on the PATH. */
  readonly javaHome?: string | null;
  /** Bumped to connect again with the same settings (Try again, the same URL submitted again). */
  readonly runs: number;
  /** Probe every address of the name: chosen on or off, or null for "when it has several". */
  readonly allAddresses: boolean | null;
  /** Its last probe failed and it shows nothing else: the next server connected to takes this tab. */
  readonly failed?: boolean;
}

export interface ProbeTabsState {
  readonly tabs: readonly ProbeTab[];
  /**
   * The probe tab in front, and the store tabs' activation count when it came there: once a store tab
   * is activated after it, the stores are in front again.
   */
  readonly front: { readonly id: string; readonly since: number } | null;
}

export class ProbeTabs {
  private state: ProbeTabsState = { tabs: [], front: null };
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): ProbeTabsState => this.state;

  /**
   * Probe `target` in a tab of its own: the same endpoint's tab again (connecting anew), else the tab of a
   * probe that failed with nothing to show (so that failed attempts do not pile up as tabs), else a new one.
   * Returns the tab's id.
   */
  readonly open = (target: string, compare: CompareStore | null, since: number): string => {
    const endpoint = endpointLabel(target);
    const existing = this.state.tabs.find((t) => t.endpoint === endpoint) ?? [...this.state.tabs].reverse().find((t) => t.failed === true);
    if (existing) {
      this.update({
        tabs: this.state.tabs.map((t) => (t === existing ? { ...t, target, endpoint, runs: t.runs + 1, compare: t.compare ?? compare, failed: false } : t)),
        front: { id: existing.id, since },
      });
      return existing.id;
    }
    const tab: ProbeTab = { id: newRequestId('server'), target, endpoint, compare, client: 'java', runs: 0, allAddresses: null };
    this.update({ tabs: [...this.state.tabs, tab], front: { id: tab.id, since } });
    return tab.id;
  };

  readonly bringToFront = (id: string, since: number): void => this.update({ front: { id, since } });

  readonly change = (id: string, patch: Partial<Pick<ProbeTab, 'compare' | 'client' | 'runs' | 'failed' | 'allAddresses' | 'javaHome'>>): void => {
    this.update({ tabs: this.state.tabs.map((t) => (t.id === id ? { ...t, ...patch } : t)) });
  };

  readonly close = (id: string): void => {
    const { tabs, front } = this.state;
    const at = tabs.findIndex((t) => t.id === id);
    if (at < 0) return;
    const rest = tabs.filter((t) => t.id !== id);
    const neighbour = rest[Math.min(at, rest.length - 1)];
    this.update({ tabs: rest, front: front?.id === id ? (neighbour ? { id: neighbour.id, since: front.since } : null) : front });
  };

  private update(patch: Partial<ProbeTabsState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

export function useProbeTabs(): { readonly probes: ProbeTabs; readonly probeState: ProbeTabsState } {
  const [probes] = useState(() => new ProbeTabs());
  const probeState = useSyncExternalStore(probes.subscribe, probes.snapshot);
  return { probes, probeState };
}

/** The open store a probe tab compares with: the one chosen (by id, else by file), else the most recent store tab. */
export function resolveCompareStore(tab: ProbeTab, stores: readonly StoreTab[], activeStoreId: string | null): StoreTab | null {
  const chosen = tab.compare;
  if (chosen) {
    const byId = chosen.storeId ? stores.find((s) => s.storeId === chosen.storeId) : undefined;
    const found = byId ?? stores.find((s) => s.view.file === chosen.file || (s.source.kind === 'path' && s.source.path === chosen.file));
    if (found) return found;
    // A store chosen but not open yet (a system store opening): wait for it rather than judge with another.
    if (chosen.storeId === null) return null;
  }
  return stores.find((s) => s.storeId === activeStoreId) ?? stores[stores.length - 1] ?? null;
}
