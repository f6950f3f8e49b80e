// The open stores (one tab each) and the flow that opens them: by path or by bytes, asking for a
// password when the main process says one is needed. Plain state with subscribers, read by React
// through useSyncExternalStore. A password lives only as an argument of the call that uses it.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { OpenedStore, OpenResult } from '../../../shared/ipc';
import type { StoreListing } from '../../../shared/model/keystore';
import { api } from '../api';
import { baseName } from '../ui/format';

/** Where a tab's store came from, so it can be opened again (e.g. with a password to verify it). */
export type StoreSource =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'file'; readonly file: File }
  /** Made with "New trust store…": it has no file until it is saved. */
  | { readonly kind: 'new'; readonly name: string };

export interface StoreTab {
  readonly storeId: string;
  /** The tab's identity in the UI: kept when the store is opened again in it (verified with its password), so its filter, sort and selection stay. */
  readonly key: string;
  readonly view: StoreListing;
  readonly source: StoreSource;
  readonly title: string;
  /** How many times the store was saved in this tab: views that depend on the file's content watch it. */
  readonly saves?: number;
  /** How many times its content changed in this tab (edits, undo, saves): views judged against it watch it. */
  readonly revision?: number;
}

export interface PasswordPrompt {
  /** Stable across retries, so a wrong password keeps the same dialog open. */
  readonly key: number;
  readonly file: string;
  readonly reason: 'required' | 'wrong';
  readonly purpose: 'open' | 'verify';
  readonly submit: (password: string) => Promise<void>;
  readonly cancel: () => void;
}

export interface StoreTabsState {
  readonly tabs: readonly StoreTab[];
  readonly activeId: string | null;
  /** Password dialogs waiting; the first one is shown. */
  readonly prompts: readonly PasswordPrompt[];
  /** Names of files being opened right now. */
  readonly opening: readonly string[];
  /** Counts the times a store tab was brought to the front (opened or chosen), so other tab kinds yield to it. */
  readonly activations: number;
}

export type ErrorListener = (error: unknown, file: string) => void;

function sourceName(source: StoreSource): string {
  return source.kind === 'path' ? source.path : source.kind === 'file' ? source.file.name : source.name;
}

async function openSource(source: StoreSource, password: string | undefined): Promise<OpenResult> {
  if (source.kind === 'path') return api.openPath({ path: source.path, password });
  if (source.kind === 'new') throw new Error(`${source.name} has not been saved yet, so it cannot be opened again.`);
  const bytes = new Uint8Array(await source.file.arrayBuffer());
  return api.openBytes({ name: source.file.name, bytes, password });
}

export class StoreTabs {
  private state: StoreTabsState = { tabs: [], activeId: null, prompts: [], opening: [], activations: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly errorListeners = new Set<ErrorListener>();
  private nextPromptKey = 1;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): StoreTabsState => this.state;

  onError(listener: ErrorListener): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  readonly activate = (storeId: string): void => this.update({ activeId: storeId, activations: this.state.activations + 1 });

  /**
   * `background`: open it without bringing it to the front (e.g. a trust store a probe compares with).
   * `rethrow`: a failure rejects, for a dialog to show, instead of going to the error listeners.
   */
  readonly openPath = async (path: string, password?: string, options: { background?: boolean; rethrow?: boolean } = {}): Promise<void> => {
    const already = this.state.tabs.find((t) => t.source.kind === 'path' && (t.source.path === path || t.view.file === path));
    if (already) return options.background ? undefined : this.activate(already.storeId);
    await this.open({ kind: 'path', path }, password, options.background === true, options.rethrow === true);
  };

  /** The store as an edit (import, delete, undo) or a save left it; `saved` counts a save. */
  readonly updateView = (storeId: string, view: StoreListing, saved = false): void => {
    this.update({
      tabs: this.state.tabs.map((t) => (t.storeId === storeId ? { ...t, view, saves: (t.saves ?? 0) + (saved ? 1 : 0), revision: (t.revision ?? 0) + 1 } : t)),
    });
  };

  /** A store made in memory (createStore): a new tab in front. */
  readonly adopt = (opened: OpenedStore): void => {
    this.settle(opened, { kind: 'new', name: opened.store.file }, null, this.nextPromptKey++, 'open');
  };

  /** The store was written to `path` (Save As, or the first save of a new store): the tab stands for that file now. */
  readonly relocate = (storeId: string, view: StoreListing, path: string): void => {
    this.update({
      tabs: this.state.tabs.map((t) =>
        t.storeId === storeId ? { ...t, view, source: { kind: 'path', path }, title: baseName(path), saves: (t.saves ?? 0) + 1, revision: (t.revision ?? 0) + 1 } : t,
      ),
    });
  };

  /** A dropped or picked file: by its path in Electron, by its bytes in the browser. */
  readonly openFile = async (file: File): Promise<void> => {
    const path = api.pathForFile(file);
    if (path) return this.openPath(path);
    await this.open({ kind: 'file', file });
  };

  /** Ask for the password of a store opened without one, and open it again in the same tab. */
  readonly verify = (storeId: string): void => {
    const tab = this.state.tabs.find((t) => t.storeId === storeId);
    if (!tab) return;
    const key = this.nextPromptKey++;
    this.upsertPrompt({
      key,
      file: tab.view.file,
      reason: 'required',
      purpose: 'verify',
      submit: (password) => this.attempt(key, sourceName(tab.source), () => openSource(tab.source, password), tab.source, storeId, 'verify'),
      cancel: () => this.removePrompt(key),
    });
  };

  readonly closeTab = (storeId: string): void => {
    const { tabs, activeId } = this.state;
    const at = tabs.findIndex((t) => t.storeId === storeId);
    if (at < 0) return;
    const rest = tabs.filter((t) => t.storeId !== storeId);
    this.update({ tabs: rest, activeId: activeId === storeId ? (rest[Math.min(at, rest.length - 1)]?.storeId ?? null) : activeId });
    void api.closeStore({ storeId }).catch(() => undefined);
  };

  private async open(source: StoreSource, password?: string, background = false, rethrow = false): Promise<void> {
    const name = sourceName(source);
    try {
      const result = await this.track(name, () => openSource(source, password));
      this.settle(result, source, null, this.nextPromptKey++, 'open', background);
    } catch (error) {
      if (rethrow) throw error;
      this.report(error, name);
    }
  }

  /** Run one open/unlock call for a prompt; errors close the prompt and are reported. */
  private async attempt(
    key: number,
    name: string,
    call: () => Promise<OpenResult>,
    source: StoreSource,
    replaceId: string | null,
    purpose: PasswordPrompt['purpose'],
    background = false,
  ): Promise<void> {
    try {
      this.settle(await this.track(name, call), source, replaceId, key, purpose, background);
    } catch (error) {
      this.removePrompt(key);
      this.report(error, name);
    }
  }

  /** Put an opened store in a tab (in place of `replaceId` when verifying), or ask for its password. */
  private settle(
    result: OpenResult,
    source: StoreSource,
    replaceId: string | null,
    key: number,
    purpose: PasswordPrompt['purpose'],
    background = false,
  ): void {
    if (result.kind === 'opened') {
      const { tabs, activeId, activations } = this.state;
      const at = replaceId ? tabs.findIndex((t) => t.storeId === replaceId) : -1;
      const tab: StoreTab = { storeId: result.storeId, key: tabs[at]?.key ?? result.storeId, view: result.store, source, title: baseName(result.store.file) };
      const front = !background || activeId === null || activeId === replaceId;
      this.update({
        tabs: at < 0 ? [...tabs, tab] : [...tabs.slice(0, at), tab, ...tabs.slice(at + 1)],
        activeId: front ? result.storeId : activeId,
        activations: background ? activations : activations + 1,
        prompts: this.state.prompts.filter((p) => p.key !== key),
      });
      if (replaceId) void api.closeStore({ storeId: replaceId }).catch(() => undefined);
      return;
    }
    const { pendingId, file } = result;
    this.upsertPrompt({
      key,
      file,
      reason: result.reason,
      purpose,
      submit: (password) => this.attempt(key, file, () => api.unlock({ pendingId, password }), source, replaceId, purpose, background),
      cancel: () => {
        this.removePrompt(key);
        void api.closeStore({ storeId: pendingId }).catch(() => undefined);
      },
    });
  }

  private async track<T>(name: string, work: () => Promise<T>): Promise<T> {
    const label = baseName(name);
    this.update({ opening: [...this.state.opening, label] });
    try {
      return await work();
    } finally {
      const opening = this.state.opening;
      const i = opening.indexOf(label);
      if (i >= 0) this.update({ opening: [...opening.slice(0, i), ...opening.slice(i + 1)] });
    }
  }

  private upsertPrompt(prompt: PasswordPrompt): void {
    const prompts = this.state.prompts;
    this.update({
      prompts: prompts.some((p) => p.key === prompt.key) ? prompts.map((p) => (p.key === prompt.key ? prompt : p)) : [...prompts, prompt],
    });
  }

  private removePrompt(key: number): void {
    this.update({ prompts: this.state.prompts.filter((p) => p.key !== key) });
  }

  private report(error: unknown, file: string): void {
    for (const listener of this.errorListeners) listener(error, file);
  }

  private update(patch: Partial<StoreTabsState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

/** The window's store tabs; errors go to `onError` (the toasts). */
export function useStoreTabs(onError: ErrorListener): { readonly model: StoreTabs; readonly state: StoreTabsState } {
  const [model] = useState(() => new StoreTabs());
  const state = useSyncExternalStore(model.subscribe, model.snapshot);
  useEffect(() => model.onError(onError), [model, onError]);
  return { model, state };
}
