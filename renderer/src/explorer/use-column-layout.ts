// The store table's column layout, one for every open store (KeyStore Explorer's columns are the
// application's, not a file's): read from the main process once, changed by the chooser and the header's
// resize handles, and written back when a change is done, so that it survives a reload and the next run.
import { useCallback, useSyncExternalStore } from 'react';
import { api } from '../api';
import type { ColumnId } from './entry-rows';
import { DEFAULT_LAYOUT, readLayout, toggleColumn, type ColumnLayout } from './entry-columns';

let layout: ColumnLayout = DEFAULT_LAYOUT;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function publish(next: ColumnLayout) {
  layout = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  // A layout is the person's choice, not a precondition: the defaults show until (or if never) it loads.
  loading ??= api.viewSettings({}).then(
    (settings) => publish(readLayout(settings.entryColumns)),
    () => undefined,
  );
  return () => listeners.delete(listener);
}

function keep(next: ColumnLayout) {
  publish(next);
  void api.setViewSettings({ entryColumns: { shown: [...next.shown], widths: { ...next.widths } } }).catch(() => undefined);
}

export function useColumnLayout() {
  const current = useSyncExternalStore(subscribe, () => layout);
  const toggle = useCallback((id: ColumnId) => keep(toggleColumn(layout, id)), []);
  const reset = useCallback(() => keep(DEFAULT_LAYOUT), []);
  const resize = useCallback((id: ColumnId, width: number, done: boolean) => {
    const next = { ...layout, widths: { ...layout.widths, [id]: width } };
    if (done) keep(next);
    else publish(next);
  }, []);
  return { layout: current, toggle, reset, resize };
}
