// Saving, undoing and closing edited stores, shared by the store header, the probe view and the
// keyboard: Save writes the file (asking before it overwrites one that changed on disk) or, for a store
// that has no file on the server (dropped into the browser), downloads the saved bytes; closing a store
// with unsaved changes asks first.
import { useMemo } from 'react';
import type { AppliedImport } from '../../../shared/ipc';
import { api } from '../api';
import { errorMessage } from '../api/remote-error';
import type { ConfirmRequest } from '../app/confirm-dialog';
import type { StoreTabs } from '../app/store-tabs';
import type { ToastTone } from '../app/use-toasts';
import { savedNotice } from './save-notice';
import { downloadFile } from './downloads';

export interface StoreEdits {
  /** Resolves true when the store was written (or downloaded). */
  readonly save: (storeId: string) => Promise<boolean>;
  readonly undo: (storeId: string) => Promise<void>;
  /** An import was applied: show the store as edited. */
  readonly applied: (storeId: string, applied: AppliedImport) => void;
  /** Close a store tab, asking first when it has unsaved changes. */
  readonly close: (storeId: string) => Promise<void>;
}

export interface StoreEditsHost {
  readonly model: StoreTabs;
  readonly push: (tone: ToastTone, message: string) => void;
  readonly confirm: (request: ConfirmRequest) => Promise<string>;
  /** Browser mode: where a new store (one with no file yet) goes on its first save; resolves true when saved. */
  readonly saveNew?: (storeId: string) => Promise<boolean>;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function createStoreEdits({ model, push, confirm, saveNew }: StoreEditsHost): StoreEdits {
  const tabOf = (storeId: string) => model.snapshot().tabs.find((t) => t.storeId === storeId);

  async function save(storeId: string, force = false): Promise<boolean> {
    const tab = tabOf(storeId);
    if (!tab) return false;
    if (tab.source.kind === 'new' && saveNew) return saveNew(storeId);
    try {
      const result = await api.saveStore({ storeId, force: force || undefined });
      switch (result.kind) {
        case 'saved':
          if (tab.source.kind === 'new') model.relocate(storeId, result.store, result.file);
          else model.updateView(storeId, result.store, true);
          push('success', savedNotice('Saved', result));
          return true;
        case 'download':
          downloadFile(result.name, result.bytes);
          model.updateView(storeId, result.store, true);
          push('success', `${result.name} has no file on the TrustLens machine, so it was downloaded: put it in place of the original.`);
          return true;
        case 'changedOnDisk': {
          const answer = await confirm({
            title: `${tab.title} changed on disk`,
            message: 'The file changed on disk since you opened it. Overwrite?',
            actions: [
              { id: 'cancel', label: 'Cancel' },
              { id: 'overwrite', label: 'Overwrite', tone: 'danger' },
            ],
          });
          return answer === 'overwrite' ? save(storeId, true) : false;
        }
        case 'cancelled':
          return false;
      }
    } catch (error) {
      const message = errorMessage(error);
      push('error', message.includes(tab.title) ? message : `${tab.title}: ${message}`);
      return false;
    }
  }

  async function undo(storeId: string): Promise<void> {
    const tab = tabOf(storeId);
    if (!tab) return;
    try {
      const { store } = await api.undo({ storeId });
      model.updateView(storeId, store);
      push('info', `Took back the last change to ${tab.title}.`);
    } catch (error) {
      push('error', `${tab.title}: ${errorMessage(error)}`);
    }
  }

  function applied(storeId: string, result: AppliedImport): void {
    const tab = tabOf(storeId);
    model.updateView(storeId, result.store);
    const aliases = result.added.map((a) => `“${a.alias}”`).join(', ');
    push('success', `Added ${plural(result.added.length, 'certificate')} to ${tab?.title ?? 'the store'} as ${aliases}. Save to write the file.`);
  }

  async function close(storeId: string): Promise<void> {
    const tab = tabOf(storeId);
    if (!tab) return;
    if (tab.view.dirty) {
      const answer = await confirm({
        title: `Save the changes to ${tab.title}?`,
        message: 'They are lost if you close it without saving.',
        actions: [
          { id: 'discard', label: 'Don’t save', tone: 'danger' },
          { id: 'cancel', label: 'Cancel' },
          { id: 'save', label: 'Save', tone: 'primary' },
        ],
      });
      if (answer === 'cancel' || (answer === 'save' && !(await save(storeId)))) return;
    }
    model.closeTab(storeId);
  }

  return { save: (storeId) => save(storeId), undo, applied, close };
}

export function useStoreEdits(host: StoreEditsHost): StoreEdits {
  const { model, push, confirm, saveNew } = host;
  return useMemo(() => createStoreEdits({ model, push, confirm, saveNew }), [model, push, confirm, saveNew]);
}
