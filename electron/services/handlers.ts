// The one implementation of the IPC contract, shared by Electron's ipcMain and the browser-mode server.
// Each handler is a few lines over a service; arguments were validated against shared/ipc.ts already.
import { randomUUID } from 'node:crypto';
import { clientKeysFor, keystoreAmong } from '../../shared/chain/client-keys';
import { TrustLensError } from '../../shared/errors';
import type { ChannelHandlers } from '../../shared/ipc';
import { VERSION } from '../../shared/version';
import type { StoreSessions } from './stores/sessions';
import { findSystemTrustStores } from './machine/system-stores';
import { diagnoseOnMachine } from './diagnosis/probe-service';
import { probeEveryAddress } from './diagnosis/address-probe';
import { atAddress } from './diagnosis/all-addresses';
import { EndpointRuns } from './diagnosis/endpoint-runs';
import { diagnoseTargets, readTargets, summarizeTargets, type TargetVerdict } from './diagnosis/many-targets';
import { judgeHandshake } from './diagnosis/handshake-check';
import { checkPathRevocation } from './diagnosis/path-revocation';
import { entryRevocation } from './revocation/entry-revocation';
import { listJdks, loadJavaRules } from './machine/java-security';
import { withHandshake } from '../../shared/chain/handshake';
import type { RecentFiles } from './stores/recent-files';
import { chooseCertificates } from './stores/certificate-sources';
import { deliverExport, exportFiles } from './stores/export-service';
import { ProbeCache } from './diagnosis/probe-cache';
import { resolveSource, rolesFor } from './stores/source-resolver';
import { NetworkSettingsStore } from './network/settings';
import { ViewSettingsStore } from './view/view-settings';
import { StoreEditor } from './stores/editor';
import { nodeCrypto } from './crypto/node-crypto';
import { explainOnMachine } from './machine/explain-on-machine';
import { machineStores } from './machine/machine-stores-service';

export interface HandlerHost {
  readonly mode: 'electron' | 'web';
  readonly sessions: StoreSessions;
  readonly recent?: RecentFiles;
  /** Electron: the native open dialog. Browser mode has none. */
  readonly showOpenDialog?: () => Promise<string | null>;
  /** Electron: a native dialog to choose the folder an export goes to (null when cancelled). Browser mode downloads instead. */
  readonly chooseFolder?: () => Promise<string | null>;
  /** Electron: a native save dialog for a store without a file, or Save As (null when cancelled). */
  readonly showSaveDialog?: (suggestedName: string) => Promise<string | null>;
  /** Recent probes, so exports and imports can name them; one is made when absent. */
  readonly probes?: ProbeCache;
  /** How servers are reached (the proxy); the environment's, for this process only, when absent. */
  readonly network?: NetworkSettingsStore;
  /** The window's layout (table columns); for this process only when absent. */
  readonly view?: ViewSettingsStore;
}

export function createHandlers(host: HandlerHost): ChannelHandlers {
  const { sessions } = host;
  const inflight = new Map<string, AbortController>();
  const probes = host.probes ?? new ProbeCache();
  const editor = new StoreEditor(sessions);
  const network = host.network ?? new NetworkSettingsStore();
  const view = host.view ?? new ViewSettingsStore();
  const sourceContext = { sessions, probes, proxy: () => network.probeProxy() };
  const endpointRuns = new EndpointRuns();

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
      const result = await sessions.unlock(pendingId, password);
      if (result.kind === 'opened' && sessions.get(result.storeId).path) await host.recent?.add(result.store.file);
      return result;
    },
    closeStore: async ({ storeId }) => {
      sessions.close(storeId);
      editor.forget(storeId);
    },
    entryDetails: async ({ storeId, index }) => sessions.details(storeId, index),
    storeCertificates: async ({ storeId }) => sessions.certificates(storeId),
    showOpenDialog: async () => {
      if (!host.showOpenDialog) throw new TrustLensError('USAGE', 'There is no native file dialog in browser mode; drop a file or use "Open…".');
      return host.showOpenDialog();
    },
    recentFiles: async () => (host.recent ? host.recent.list() : []),
    probe: async ({ requestId, target, servername, timeoutMs, allAddresses }) =>
      withCancel(requestId, async (signal) => {
        const options = { servername, timeoutMs, signal, proxy: await network.probeProxy(), resolve: network.resolveRules() };
        const outcome = await probeEveryAddress(target, options, allAddresses);
        probes.remember(requestId, target, servername, outcome.record);
        return outcome.result;
      }),
    cancel: async ({ requestId }) => inflight.get(requestId)?.abort(),
    diagnose: async ({ requestId, target, storeId, client, servername, timeoutMs, allAddresses, javaHome }) =>
      withCancel(requestId, async (signal) => {
        const store = sessions.get(storeId);
        const proxy = await network.probeProxy();
        const java = client === 'java' ? await loadJavaRules({ javaHome }) : undefined;
        const outcome = await probeEveryAddress(target, { servername, timeoutMs, signal, proxy, resolve: network.resolveRules() }, allAddresses, { store: store.decoded, client });
        probes.remember(requestId, target, servername, outcome.record);
        const { diagnosis, found } = await diagnoseOnMachine(target, outcome.record, store.decoded, store.file, client, {
          timeoutMs: Math.min(timeoutMs ?? 5000, 5000),
          proxy,
          download: await network.downloadsIssuers(),
          ...(java ? { java } : {}),
        });
        probes.rememberFound(outcome.record, found);
        // A server that asks for a client certificate: judged with the app's open keystores, as --keystore does.
        const keystore = outcome.result.clientCertificate ? keystoreAmong(sessions.all(), outcome.result.clientCertificate.acceptedIssuers) : undefined;
        const handshake = await judgeHandshake(target, outcome.record, client, {
          ...(java ? { java } : {}),
          ...(outcome.result.clientCertificate ? { clientCertificate: outcome.result.clientCertificate } : {}),
          ...(keystore ? { keystore } : {}),
          keystoreFrom: 'app',
          probe: { servername, timeoutMs, signal, proxy },
        });
        const judged = withHandshake(diagnosis, handshake);
        // Several addresses: the problems and fixes shown are one address's, and say which.
        const shown = outcome.result.addresses && outcome.result.addresses.length > 1 ? atAddress(judged, outcome.record.address) : judged;
        return { probe: outcome.result, diagnosis: shown, client };
      }),
    checkEndpoints: async ({ requestId, targets, storeId, client, timeoutMs, concurrency }) =>
      withCancel(requestId, async (signal) => {
        const store = sessions.get(storeId);
        const list = readTargets(targets, 'the list').map((line) => line.target);
        const progress = endpointRuns.start(requestId, list.length);
        try {
          const options = { signal, proxy: await network.probeProxy(), resolve: network.resolveRules(), onVerdict: (verdict: TargetVerdict) => progress.add(verdict) };
          const results = await diagnoseTargets(list, store.decoded, client, { ...options, ...(timeoutMs ? { timeoutMs } : {}), ...(concurrency ? { concurrency } : {}) });
          return { results, summary: summarizeTargets(results) };
        } finally {
          endpointRuns.finish(requestId);
        }
      }),
    endpointProgress: async ({ requestId }) => endpointRuns.progress(requestId),
    findSystemTrustStores: async () => findSystemTrustStores(),
    exportCertificates: async ({ requestId, source, certs, format, folder }) =>
      withCancel(requestId ?? randomUUID(), async (signal) => {
        const resolved = await resolveSource(source, sourceContext, signal);
        const files = exportFiles(chooseCertificates(resolved, rolesFor(resolved, certs)), format, resolved.bundleName);
        return deliverExport(files, resolved.notes, folder, host.chooseFolder);
      }),
    planImport: async ({ requestId, storeId, source, certs, alias }) =>
      withCancel(requestId ?? randomUUID(), async (signal) => {
        const resolved = await resolveSource(source, sourceContext, signal);
        return editor.plan(storeId, resolved, rolesFor(resolved, certs), alias);
      }),
    applyImport: async ({ storeId, items, password }) => editor.applyImport(storeId, items, password),
    saveStore: async ({ storeId, expectedMtime, force }) => editor.save(storeId, { expectedMtime, force }, host),
    deleteEntries: async ({ storeId, indexes, password }) => editor.deleteEntries(storeId, indexes, password),
    copyEntries: async ({ storeId, fromStoreId, indexes, password, keyPassword }) => editor.copyEntries(storeId, fromStoreId, indexes, password, keyPassword),
    renameEntry: async ({ storeId, index, alias, password }) => editor.renameEntry(storeId, index, alias, password),
    undo: async ({ storeId }) => editor.undo(storeId),
    createStore: async ({ format, password }) => editor.create(format, password),
    saveStoreAs: async ({ storeId, path, format, password }) => editor.saveAs(storeId, { path, format, password }, host),
    networkSettings: async () => network.get(),
    setNetworkSettings: async ({ proxy, downloadIssuers }) => network.set(proxy, downloadIssuers),
    viewSettings: async () => view.get(),
    setViewSettings: async (change) => view.set(change),
    clientKeys: async ({ storeId, acceptedIssuers }) => clientKeysFor(sessions.get(storeId).decoded, acceptedIssuers),
    certificateAsn1: async ({ storeId, index, certificate }) => sessions.asn1(storeId, index, certificate),
    machineStores: async ({ scan }) => machineStores(nodeCrypto, scan ?? []),
    explainLog: async ({ text }) => explainOnMachine(text, { crypto: nodeCrypto }),
    listJdks: async () => listJdks(),
    entryRevocation: async ({ requestId, storeId, index, certificate }) =>
      withCancel(requestId, async (signal) =>
        entryRevocation(sessions.get(storeId).decoded, index, certificate, { download: await network.downloadsIssuers(), proxy: await network.probeProxy(), signal }),
      ),
    checkRevocation: async ({ requestId, probeId, storeId, client, javaHome }) =>
      withCancel(requestId, async (signal) => {
        const record = probes.byId(probeId);
        if (!record) throw new TrustLensError('USAGE', 'That connection is no longer remembered; connect to the server again.');
        const java = client === 'java' ? await loadJavaRules({ javaHome }) : undefined;
        return checkPathRevocation(`${record.host}:${record.port}`, record, {
          client,
          ...(storeId ? { store: sessions.get(storeId).decoded } : {}),
          found: probes.found(record),
          ...(java ? { java } : {}),
          download: await network.downloadsIssuers(),
          proxy: await network.probeProxy(),
          signal,
        });
      }),
  };
}
