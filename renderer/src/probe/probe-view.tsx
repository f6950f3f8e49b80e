// A probed server's tab: connect (with progress and Cancel), then the chain it sent beside the trust
// store it is compared with, the verdict for the chosen client with problems and fixes, the path the
// client built, and the next steps (import what is missing, save, export, compare with another chain).
import { useEffect, useState } from 'react';
import type { SystemTrustStore } from '../../../shared/ipc';
import type { JavaRuntime } from '../../../shared/model/probe';
import type { StoreTab } from '../app/store-tabs';
import { panelId, tabId } from '../app/tab-strip';
import type { ToastTone } from '../app/use-toasts';
import type { ChainSide } from '../compare/align-chains';
import { ChainCompare } from '../compare/chain-compare';
import { CompareDialog } from '../compare/compare-dialog';
import { api } from '../api';
import { ExportDialog } from '../import/export-dialog';
import { ImportDialog, type ImportRequest } from '../import/import-dialog';
import type { StoreEdits } from '../import/use-store-edits';
import { baseName } from '../ui/format';
import { ErrorIcon, ShieldQuestionIcon } from '../ui/icons';
import { formatEndpoint } from './endpoint';
import { unavailableRoles, type ImportOffer } from './import-offer';
import { AddressCompare } from './address-compare';
import { ClientCertificateNote } from './client-certificate';
import { NextSteps, primaryAction } from './next-steps';
import { ProbeHeader } from './probe-header';
import { useProbeRunner, type ProbeOutcome } from './probe-runner';
import type { ProbeTab, ProbeTabs } from './probe-tabs';
import { RevocationCallout, RevocationNotes } from './revocation-status';
import { SentChain } from './sent-chain';
import { useRevocation } from './use-revocation';
import { sentRoles } from './sent-roles';
import { BuiltPath, ProblemList, VerdictBanner } from './verdict';

export interface ProbeViewProps {
  readonly tab: ProbeTab;
  readonly active: boolean;
  readonly stores: readonly StoreTab[];
  /** The store this probe is compared with (resolveCompareStore), or null. */
  readonly compare: StoreTab | null;
  readonly probes: ProbeTabs;
  readonly edits: StoreEdits;
  readonly onOpenSystemStore: (probeId: string, store: SystemTrustStore) => void;
  readonly push: (tone: ToastTone, message: string) => void;
}

type Dialog = { readonly kind: 'export' } | { readonly kind: 'import'; readonly request: ImportRequest } | { readonly kind: 'compare' } | null;

function NoStoreBanner({ endpoint, systemStores, onOpen }: { readonly endpoint: string; readonly systemStores: readonly SystemTrustStore[]; readonly onOpen: (store: SystemTrustStore) => void }) {
  return (
    <div className="verdict verdict-none">
      <ShieldQuestionIcon className="verdict-icon" />
      <div className="verdict-text">
        <p className="verdict-title">Choose a trust store to see whether a client would trust {endpoint}</p>
        <p className="verdict-detail">
          {systemStores.length > 0 ? 'Open a store (drop it on the window), or compare with one this machine has:' : 'Open a store (drop it on the window) to compare with.'}
        </p>
        {systemStores.length > 0 ? (
          <div className="verdict-actions">
            {systemStores.map((store) => (
              <button key={store.path} type="button" className="button" onClick={() => onOpen(store)} title={store.path}>
                {store.label}
              </button>
            ))}
          </div>
        ) : null}
      </div>
    </div>
  );
}

export function ProbeView({ tab, active, stores, compare, probes, edits, onOpenSystemStore, push }: ProbeViewProps) {
  const compareId = compare?.storeId ?? null;
  // Judged again whenever the store's content changes: after an import (as edited, said so), after saving.
  const { runner, run } = useProbeRunner(
    {
      target: tab.target,
      storeId: compareId,
      client: tab.client,
      edited: compare?.view.dirty === true,
      javaHome: tab.javaHome ?? null,
      ...(tab.allAddresses === null ? {} : { allAddresses: tab.allAddresses }),
    },
    `${tab.runs}:${compare?.revision ?? 0}`,
  );
  const [systemStores, setSystemStores] = useState<readonly SystemTrustStore[]>([]);
  const [jdks, setJdks] = useState<readonly JavaRuntime[]>([]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [comparison, setComparison] = useState<ChainSide | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    api.findSystemTrustStores({}).then(
      (list) => live && setSystemStores(list),
      () => undefined,
    );
    api.listJdks({}).then(
      (list) => live && setJdks(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  // A probe that started before any store was open keeps the first store it was compared with.
  useEffect(() => {
    if (tab.compare === null && compare) probes.change(tab.id, { compare: { storeId: compare.storeId, file: compare.view.file } });
  }, [tab.compare, tab.id, compare, probes]);

  // A tab whose probe failed with no earlier result to show is taken by the next server connected to.
  const failedEmpty = run.phase === 'failed' && !run.last;
  useEffect(() => {
    if ((tab.failed === true) !== failedEmpty) probes.change(tab.id, { failed: failedEmpty });
  }, [failedEmpty, tab.failed, tab.id, probes]);

  const outcome: ProbeOutcome | null = run.phase === 'done' ? run.outcome : run.phase === 'connecting' ? run.last : null;
  const probe = outcome?.probe ?? null;
  const endpoint = probe ? formatEndpoint(probe.host, probe.port) : tab.endpoint;
  const judgedStore = outcome?.input.storeId ? (stores.find((s) => s.storeId === outcome.input.storeId) ?? null) : null;
  const diagnosis = judgedStore ? (outcome?.diagnosis ?? null) : null;
  const storeName = judgedStore ? baseName(judgedStore.view.file) : '';
  // Revocation is checked once the result is shown: the verdict does not wait for OCSP responders and CRLs.
  const revocation = useRevocation({
    probeId: run.phase === 'done' ? run.outcome.requestId : null,
    storeId: judgedStore ? judgedStore.storeId : null,
    client: tab.client,
    javaHome: tab.javaHome ?? null,
  });
  const unopened = systemStores.filter((s) => !stores.some((t) => t.view.file === s.path || (t.source.kind === 'path' && t.source.path === s.path)));

  async function save(storeId: string) {
    setSaving(true);
    await edits.save(storeId);
    setSaving(false);
  }

  function startImport({ leaf, withFound, certs }: ImportOffer) {
    if (!outcome || !judgedStore) return;
    setDialog({
      kind: 'import',
      request: {
        storeId: judgedStore.storeId,
        store: judgedStore.view,
        source: { probeId: outcome.requestId, trustStoreId: judgedStore.storeId, ...(withFound ? { withFound } : {}) },
        certs: leaf ? ['leaf'] : certs,
        from: endpoint,
      },
    });
  }

  return (
    <section className="probe-view" role="tabpanel" id={panelId(tab.id)} aria-labelledby={tabId(tab.id)} hidden={!active}>
      <ProbeHeader
        endpoint={endpoint}
        target={tab.target}
        probe={probe}
        stores={stores}
        compareId={compareId}
        systemStores={unopened}
        client={tab.client}
        jdks={jdks}
        javaHome={tab.javaHome ?? null}
        onJavaHome={(javaHome) => probes.change(tab.id, { javaHome })}
        busy={run.phase === 'connecting'}
        allAddresses={tab.allAddresses ?? (probe?.addresses?.length ?? 0) > 1}
        onAllAddresses={(on) => probes.change(tab.id, { allAddresses: on })}
        onCompareStore={(storeId) => {
          const chosen = stores.find((s) => s.storeId === storeId);
          if (chosen) probes.change(tab.id, { compare: { storeId, file: chosen.view.file } });
        }}
        onOpenSystemStore={(store) => onOpenSystemStore(tab.id, store)}
        onClient={(client) => probes.change(tab.id, { client })}
        onRerun={() => probes.change(tab.id, { runs: tab.runs + 1 })}
      />
      <div className="probe-scroll">
        <div className="probe-content">
          {run.phase === 'connecting' ? (
            <div className="probe-progress" role="status">
              <span className="spinner" aria-hidden="true" />
              <span className="probe-progress-text">
                Connecting to {run.last ? endpoint : tab.endpoint}
                {run.input.storeId && compare ? ` and checking with ${compare.title}` : ''}…
              </span>
              <button type="button" className="button" onClick={() => runner.cancel()}>
                Cancel
              </button>
            </div>
          ) : null}
          {run.phase === 'failed' ? (
            <div className={run.code === 'CANCELLED' ? 'probe-error cancelled' : 'probe-error'} role="alert">
              <ErrorIcon className="probe-error-icon" />
              <div className="probe-error-text">
                <p className="probe-error-title">{run.code === 'CANCELLED' ? 'Cancelled' : `Could not get the chain of ${tab.endpoint}`}</p>
                <p className="probe-error-message">{run.message}</p>
              </div>
              <button type="button" className="button" onClick={() => probes.change(tab.id, { runs: tab.runs + 1 })}>
                Try again
              </button>
            </div>
          ) : null}
          {outcome && probe ? (
            <div className={run.phase === 'connecting' ? 'probe-result stale' : 'probe-result'} aria-busy={run.phase === 'connecting'}>
              {diagnosis ? (
                <VerdictBanner
                  diagnosis={diagnosis}
                  endpoint={endpoint}
                  storeName={storeName}
                  edited={outcome.input.edited === true}
                  action={primaryAction({
                    diagnosis,
                    store: judgedStore?.view ?? null,
                    busy: saving || run.phase === 'connecting',
                    onImport: startImport,
                    onSave: () => judgedStore && void save(judgedStore.storeId),
                  })}
                />
              ) : (
                <NoStoreBanner endpoint={endpoint} systemStores={unopened} onOpen={(store) => onOpenSystemStore(tab.id, store)} />
              )}
              <RevocationCallout run={revocation} />
              {probe.addresses && (probe.addresses.length > 1 || tab.allAddresses) ? <AddressCompare probe={probe} /> : null}
              <div className="probe-columns">
                <div className="probe-column">
                  <SentChain
                    sent={sentRoles(probe.sent, diagnosis)}
                    chainIssues={probe.chainIssues.filter((issue) => !diagnosis?.problems.some((p) => p.code === issue.code))}
                    store={judgedStore?.view ?? null}
                    onCopyError={(m) => push('error', m)}
                    revocation={revocation}
                  />
                </div>
                <div className="probe-column">
                  {diagnosis ? <ProblemList diagnosis={diagnosis} /> : null}
                  {revocation.phase === 'done' ? <RevocationNotes report={revocation.report} /> : null}
                  {probe.clientCertificate ? <ClientCertificateNote request={probe.clientCertificate} stores={stores} /> : null}
                  {diagnosis ? <BuiltPath diagnosis={diagnosis} storeName={storeName} onCopyError={(m) => push('error', m)} /> : null}
                  <NextSteps
                    store={judgedStore?.view ?? null}
                    busy={saving || run.phase === 'connecting'}
                    onUndo={() => judgedStore && void edits.undo(judgedStore.storeId)}
                    onExport={() => setDialog({ kind: 'export' })}
                    onCompare={() => setDialog({ kind: 'compare' })}
                  />
                </div>
              </div>
              {comparison ? <ChainCompare left={{ label: endpoint, certificates: probe.sent }} right={comparison} onClose={() => setComparison(null)} /> : null}
            </div>
          ) : null}
        </div>
      </div>
      {dialog?.kind === 'export' && outcome ? (
        <ExportDialog
          request={{
            subject: `the chain ${endpoint} sent`,
            source: { probeId: outcome.requestId, trustStoreId: judgedStore?.storeId, ...(diagnosis?.missing.some((c) => c.foundIn) ? { withFound: true as const } : {}) },
            kind: 'server',
            unavailable: unavailableRoles(outcome.probe, diagnosis),
          }}
          onDone={(message) => {
            setDialog(null);
            push('success', message);
          }}
          onCancel={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'import' ? (
        <ImportDialog
          request={dialog.request}
          onApplied={(applied) => {
            setDialog(null);
            edits.applied(dialog.request.storeId, applied);
          }}
          onCancel={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'compare' ? (
        <CompareDialog
          onCompare={(side) => {
            setDialog(null);
            setComparison(side);
          }}
          onCancel={() => setDialog(null)}
        />
      ) : null}
    </section>
  );
}
