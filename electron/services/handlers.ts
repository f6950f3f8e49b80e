// The one implementation of the IPC contract, shared by Electron's ipcMain and the browser-mode server.
// Each handler is a few lines over a service; arguments were validated against shared/ipc.ts already.
import { TrustLensError } from '../../shared/errors';
import type { ChannelHandlers } from '../../shared/ipc';
import { VERSION } from '../../shared/version';
import { StoreSessions } from './store-sessions';
import { findSystemTrustStores } from './system-stores';
import { diagnoseRecord, probe } from './probe-service';
import type { RecentFiles } from './recent-files';

export interface HandlerHost {
  readonly mode: 'electron' | 'web';
  readonly sessions: StoreSessions;
  readonly recent?: RecentFiles;
  /** Electron: the native open dialog. Browser mode has none. */
  readonly showOpenDialog?: () => Promise<string | null>;
}

export function createHandlers(host: HandlerHost): ChannelHandlers {
  const { sessions } = host;
  const inflight = new Map<string, AbortController>();

  async function withCancel<T>(requestId: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    inflight.set(requestId, controller);
    try {
      return await run(controller.signal);
    } finally {
      inflight.delete(requestId);
    }
  }

  return {
    appInfo: async () => ({ name: 'TrustLens', version: VERSION, mode: host.mode, platform: process.platform }),
    openPath: async ({ path, password }) => {
      const result = await sessions.openPath(path, password);
      if (result.kind === 'opened') await host.recent?.add(result.store.file);
      return result;
    },
    openBytes: async ({ name, bytes, password }) => sessions.openBytes(name, bytes, password),
    unlock: async ({ pendingId, password }) => {
      const result = sessions.unlock(pendingId, password);
      if (result.kind === 'opened' && sessions.get(result.storeId).path) await host.recent?.add(result.store.file);
      return result;
    },
    closeStore: async ({ storeId }) => sessions.close(storeId),
    entryDetails: async ({ storeId, index }) => sessions.details(storeId, index),
    showOpenDialog: async () => {
      if (!host.showOpenDialog) throw new TrustLensError('USAGE', 'There is no native file dialog in browser mode; drop a file or use "Open…".');
      return host.showOpenDialog();
    },
    recentFiles: async () => (host.recent ? host.recent.list() : []),
    probe: async ({ requestId, target, servername, timeoutMs }) =>
      withCancel(requestId, async (signal) => (await probe(target, { servername, timeoutMs, signal })).result),
    cancel: async ({ requestId }) => inflight.get(requestId)?.abort(),
    diagnose: async ({ requestId, target, storeId, client, servername, timeoutMs }) =>
      withCancel(requestId, async (signal) => {
        const store = sessions.get(storeId);
        const outcome = await probe(target, { servername, timeoutMs, signal });
        return { probe: outcome.result, diagnosis: diagnoseRecord(target, outcome.record, store.decoded, client), client };
      }),
    findSystemTrustStores: async () => findSystemTrustStores(),
  };
}
