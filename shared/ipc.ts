// The one IPC contract. Every channel: its argument schema (validated at runtime where it arrives in
// the main process or the browser-mode server) and its result type. The preload, the Electron handlers
// and the browser-mode transport are all derived from this map, so they cannot drift apart.
import type { ChannelName } from './channels';
import type { CertificateAsn1 } from './model/asn1';
import { z } from 'zod';
import type { CertificateSummary } from './model/certificate';
import type { StoreListing } from './model/keystore';
import type { EntryDetails } from './model/details';
import type { ClientKeys, ClientProfile, Diagnosis, JavaRuntime, ProbeResult } from './model/probe';
import type { TargetsSummary, TargetVerdict } from './model/targets';
import type { MachineStoresReport } from './model/machine-stores';
import type { LogExplanation } from './model/explanation';
import type { RevocationReport } from './model/revocation-report';
import type { RevocationCheck } from './model/revocation';

const storeId = z.string().min(1).max(64);
const password = z.string().max(4096).optional();
const target = z.string().min(1).max(2048);
const requestId = z.string().min(1).max(64);
const entryIndexes = z.array(z.number().int().min(0).max(10_000_000)).min(1).max(100_000);
const alias = z.string().min(1).max(256);
const roles = z.array(z.enum(['leaf', 'intermediate', 'root'])).min(1).max(3).optional();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** Where certificates to export or import come from; certificate bytes never come back from the renderer. */
const certificateSource = z.union([
  /** Probe this server now (or reuse a recent probe of it); `trustStoreId`: an open store that holds a root the server did not send. */
  z.strictObject({ target, servername: z.string().max(255).optional(), timeoutMs: z.number().int().min(100).max(120_000).optional(), trustStoreId: storeId.optional() }),
  /**
   * A probe this process ran (the requestId of a `probe` or `diagnose` call). `withFound`: with what its
   * diagnosis found elsewhere for the chain (in another store of this machine, at a CA Issuers URL).
   */
  z.strictObject({ probeId: requestId, trustStoreId: storeId.optional(), withFound: z.literal(true).optional() }),
  /** Entries of an open store (all of them without `indexes`). */
  z.strictObject({ storeId, indexes: entryIndexes.optional() }),
  /** PEM text the person pasted. */
  z.strictObject({ pem: z.string().min(1).max(16 * 1024 * 1024) }),
  /** Every certificate of several open stores: the certificate and keystore files chosen to import from. */
  z.strictObject({ storeIds: z.array(storeId).min(1).max(64) }),
]);
const writableFormat = z.enum(['JKS', 'JCEKS', 'PKCS12', 'PEM', 'BKS', 'UBER', 'BCFKS']);

export const ipcArgs = {
  appInfo: z.object({}),
  /** Open a file by path (Electron, CLI argument, browser mode "open by path"). */
  openPath: z.object({ path: z.string().min(1).max(4096), password }),
  /** Open bytes the renderer read from a dropped or picked file (browser mode). */
  openBytes: z.object({ name: z.string().min(1).max(1024), bytes: z.instanceof(Uint8Array), password }),
  /** Supply a password for a store that needs one (after a 'needsPassword' result). */
  unlock: z.object({ pendingId: storeId, password: z.string().max(4096) }),
  closeStore: z.object({ storeId }),
  entryDetails: z.object({ storeId, index: z.number().int().min(0).max(10_000_000) }),
  /** Every certificate of an open store, fully summarized (the listing has only the table's fields). */
  storeCertificates: z.object({ storeId }),
  showOpenDialog: z.object({}),
  recentFiles: z.object({}),
  probe: z.object({
    requestId: z.string().min(1).max(64),
    target,
    servername: z.string().max(255).optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
    /** Probe every address of the name: true, false, or (absent) when it has several. */
    allAddresses: z.boolean().optional(),
  }),
  cancel: z.object({ requestId: z.string().min(1).max(64) }),
  diagnose: z.object({
    requestId: z.string().min(1).max(64),
    target,
    storeId,
    client: z.enum(['java', 'openssl']),
    servername: z.string().max(255).optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
    /** Probe every address of the name: true, false, or (absent) when it has several. */
    allAddresses: z.boolean().optional(),
    /** The JDK whose rules a Java verdict follows (one listJdks gave); default the JDK of the java on the PATH. */
    javaHome: z.string().min(1).max(4096).optional(),
  }),
  findSystemTrustStores: z.object({}),
  /**
   * Write certificates as PEM/DER files or one PKCS#7 bundle. Into `folder` when given; else Electron asks
   * for a folder and browser mode returns the files for the page to download. `certs` defaults to root
   * and intermediates for a server, everything for a store or PEM text.
   */
  exportCertificates: z.object({
    requestId: requestId.optional(),
    source: certificateSource,
    certs: roles,
    /** pem/der/pubkey-*: a file per certificate; p7b, pem-chain (one PEM bundle), pkipath: one file for all. */
    format: z.enum(['pem', 'der', 'p7b', 'pem-chain', 'pkipath', 'pubkey-pem', 'pubkey-der']),
    folder: z.string().min(1).max(4096).optional(),
  }),
  /** Which certificates of `source` an import into `storeId` would add (with proposed aliases) and skip. */
  planImport: z.object({ requestId: requestId.optional(), storeId, source: certificateSource, certs: roles, alias: alias.optional() }),
  /** Add planned certificates (by SHA-256, under these aliases); the store stays unsaved until saveStore. */
  applyImport: z.object({ storeId, items: z.array(z.object({ sha256, alias })).min(1).max(100_000), password }),
  /** Write the edited store to its file; refused (changedOnDisk) when the file changed since it was read, unless `force`. */
  saveStore: z.object({ storeId, expectedMtime: z.number().optional(), force: z.boolean().optional() }),
  deleteEntries: z.object({ storeId, indexes: entryIndexes, password }),
  /**
   * Copy entries of the open store `fromStoreId` into `storeId` (unsaved until saveStore): trusted
   * certificates always, key entries as is into a store of their own format; `password` is the target's.
   */
  /** `password` is the target's; `keyPassword` opens the source's private keys that move into another format. */
  copyEntries: z.object({ storeId, fromStoreId: storeId, indexes: entryIndexes, password, keyPassword: password }),
  renameEntry: z.object({ storeId, index: z.number().int().min(0).max(10_000_000), alias, password }),
  /** Take back the last edit (one level). */
  undo: z.object({ storeId }),
  /** A new empty store in memory; save it with saveStore (Electron asks where) or saveStoreAs. */
  createStore: z.object({ format: z.enum(['JKS', 'JCEKS', 'PKCS12']), password: z.string().min(1).max(4096) }),
  /**
   * Write the store to another file, in its own or another format. Private keys move between JKS, JCEKS and
   * PKCS#12 under the new password (conversion.ts); what cannot move is listed in the result with why.
   */
  saveStoreAs: z.object({ storeId, path: z.string().min(1).max(4096).optional(), format: writableFormat.optional(), password }),
  /** How servers are reached: the proxy (the environment's, none, or one given). */
  networkSettings: z.object({}),
  setNetworkSettings: z.object({
    proxy: z.discriminatedUnion('mode', [
      z.strictObject({ mode: z.literal('environment') }),
      z.strictObject({ mode: z.literal('none') }),
      z.strictObject({ mode: z.literal('custom'), url: z.string().min(1).max(2048) }),
    ]),
    /** Download an intermediate a server leaves out from its certificate's CA Issuers URL (default true). */
    downloadIssuers: z.boolean().optional(),
  }),
  /** The window's layout that outlives a run: the store table's columns (shown, in order) and widths in pixels. */
  viewSettings: z.object({}),
  setViewSettings: z.strictObject({
    entryColumns: z
      .strictObject({
        shown: z.array(z.string().min(1).max(32)).max(32),
        widths: z.record(z.string().max(32), z.number().int().min(24).max(2000)),
      })
      .optional(),
  }),
  /** Which key entries of an open store a Java client would offer to a server that accepts these CAs. */
  clientKeys: z.object({ storeId, acceptedIssuers: z.array(z.string().max(4096)).max(10_000) }),
  /** Judge every target of a pasted list (one per line, any scheme, '#' comments) with one open store. */
  checkEndpoints: z.object({
    requestId,
    targets: z.string().min(1).max(4 * 1024 * 1024),
    storeId,
    client: z.enum(['java', 'openssl']),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
    concurrency: z.number().int().min(1).max(256).optional(),
  }),
  /** How far a checkEndpoints call has got (null once it is unknown: finished a while ago, or never started). */
  endpointProgress: z.object({ requestId }),
  /** The ASN.1 tree of one certificate of an entry (`certificate`: its place in the entry's chain). */
  certificateAsn1: z.object({ storeId, index: z.number().int().min(0).max(10_000_000), certificate: z.number().int().min(0).max(1000) }),
  /** Which trust stores this machine's JVMs, JDKs and the config files under `scan` use, and why. */
  machineStores: z.object({ scan: z.array(z.string().min(1).max(4096)).max(64).optional() }),
  /** A pasted or dropped failure log -> what it shows and the diagnosis, matched with this machine's stores. */
  explainLog: z.object({ text: z.string().min(1).max(64 * 1024 * 1024) }),
  /** The JDKs this machine has, for the JDK a Java verdict follows. */
  listJdks: z.object({}),
  /**
   * Revocation of the chain a `probe`/`diagnose` call recorded (`probeId`): the server's OCSP staple, else
   * its CA's OCSP responder, else its CRL (no downloads when the network settings turn them off), and what
   * that means for `client`; with `storeId`, the path goes on through that store's issuers.
   */
  checkRevocation: z.object({
    requestId,
    probeId: requestId,
    storeId: storeId.optional(),
    client: z.enum(['java', 'openssl']),
    javaHome: z.string().min(1).max(4096).optional(),
  }),
  /** Revocation of one certificate of an open store's entry (`certificate`: its place in the entry's chain). */
  entryRevocation: z.object({ requestId, storeId, index: z.number().int().min(0).max(10_000_000), certificate: z.number().int().min(0).max(1000) }),
} as const;

export type Channel = keyof typeof ipcArgs;
export type ChannelArgs<C extends Channel> = z.infer<(typeof ipcArgs)[C]>;

/** Which proxy reaches servers: the environment's (HTTPS_PROXY, NO_PROXY), none, or a given http:// proxy. */
export type ProxyChoice = { readonly mode: 'environment' } | { readonly mode: 'none' } | { readonly mode: 'custom'; readonly url: string };

export interface NetworkSettings {
  readonly proxy: ProxyChoice;
  /** Whether a diagnosis downloads an intermediate a server leaves out from its CA Issuers URL. */
  readonly downloadIssuers: boolean;
  /** What the environment names (HTTPS_PROXY, else ALL_PROXY; credentials not shown), or null. */
  readonly environmentProxy: string | null;
  /** NO_PROXY as the environment gives it, or null. */
  readonly noProxy: string | null;
}

/** The window's remembered layout (see setViewSettings). */
export interface ViewSettings {
  readonly entryColumns?: { readonly shown: readonly string[]; readonly widths: Readonly<Record<string, number>> };
}

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly mode: 'electron' | 'web';
  readonly platform: string;
}

export interface OpenedStore {
  readonly kind: 'opened';
  readonly storeId: string;
  readonly store: StoreListing;
}

export interface NeedsPassword {
  readonly kind: 'needsPassword';
  readonly pendingId: string;
  readonly file: string;
  /** 'required': no password was given; 'wrong': the one given did not open it. */
  readonly reason: 'required' | 'wrong';
  readonly message: string;
}

export type OpenResult = OpenedStore | NeedsPassword;

export interface SystemTrustStore {
  readonly path: string;
  readonly label: string;
  readonly defaultPassword?: string;
}

export type WritableStoreFormat = z.infer<typeof writableFormat>;
export type CertificateSourceSpec = z.infer<typeof certificateSource>;

export type { ExportedCertificate, ExportDownload, ExportResult, PlannedCertificate, SkippedCertificate, ImportPlanView, StoreEditResult, CopyOutcome, AppliedImport, SavedLinks, SaveResult, OmittedEntry, SaveAsResult } from './model/store-results';
import type { ExportResult, ImportPlanView, StoreEditResult, CopyOutcome, AppliedImport, SaveResult, SaveAsResult } from './model/store-results';

export interface ChannelResults {
  appInfo: AppInfo;
  openPath: OpenResult;
  openBytes: OpenResult;
  unlock: OpenResult;
  closeStore: void;
  entryDetails: EntryDetails;
  storeCertificates: readonly CertificateSummary[];
  /** The chosen path, or null when cancelled. Electron only; browser mode uses a file input. */
  showOpenDialog: string | null;
  recentFiles: readonly string[];
  probe: ProbeResult;
  cancel: void;
  diagnose: { readonly probe: ProbeResult; readonly diagnosis: Diagnosis; readonly client: ClientProfile };
  findSystemTrustStores: readonly SystemTrustStore[];
  exportCertificates: ExportResult;
  planImport: ImportPlanView;
  applyImport: AppliedImport;
  saveStore: SaveResult;
  deleteEntries: StoreEditResult;
  copyEntries: CopyOutcome;
  renameEntry: StoreEditResult;
  undo: StoreEditResult;
  createStore: OpenedStore;
  saveStoreAs: SaveAsResult;
  networkSettings: NetworkSettings;
  setNetworkSettings: NetworkSettings;
  viewSettings: ViewSettings;
  setViewSettings: ViewSettings;
  clientKeys: ClientKeys;
  checkEndpoints: { readonly results: readonly TargetVerdict[]; readonly summary: TargetsSummary };
  endpointProgress: EndpointProgress | null;
  certificateAsn1: CertificateAsn1;
  checkRevocation: RevocationReport;
  entryRevocation: RevocationCheck;
  machineStores: MachineStoresReport;
  explainLog: LogExplanation;
  listJdks: readonly JavaRuntime[];
}

/** A checkEndpoints call under way: how many targets are done, and how many of those failed. */
export interface EndpointProgress {
  readonly done: number;
  readonly total: number;
  readonly untrusted: number;
  readonly failed: number;
}

export type ChannelResult<C extends Channel> = ChannelResults[C];

/** What the main process pushes to the renderer (menu commands, files opened by the OS). */
export type AppEvent =
  | { readonly type: 'open-path'; readonly path: string }
  | {
      readonly type: 'command';
      readonly command:
        | 'open-file'
        | 'new-store'
        | 'save'
        | 'save-as'
        | 'focus-target'
        | 'close-tab'
        | 'next-tab'
        | 'previous-tab'
        | 'network-settings'
        | 'check-endpoints'
        | 'machine-stores'
        | 'explain-log';
    };

/** The object the preload exposes as window.trustlens (and the browser transport implements). */
export type TrustLensApi<FileLike = unknown> = {
  readonly [C in Channel]: (args: ChannelArgs<C>) => Promise<ChannelResult<C>>;
} & {
  /** Subscribe to main-process events; returns an unsubscribe function. */
  readonly onEvent: (listener: (event: AppEvent) => void) => () => void;
  /** Electron only: the filesystem path of a dropped File; browser mode returns null. */
  readonly pathForFile: (file: FileLike) => string | null;
};

/**
 * What the sandboxed preload exposes as window.trustlens: each channel resolves with its reply's
 * Envelope and never rejects with a contract error. contextBridge copies only an Error's message from
 * the preload's world to the page's (Electron's docs: custom properties are lost), so the error's code
 * (PASSWORD_REQUIRED, …) travels as data; renderer/src/api/bridge.ts turns this into a TrustLensApi.
 */
export type BridgeApi<FileLike = unknown> = {
  readonly [C in Channel]: (args: ChannelArgs<C>) => Promise<Envelope<ChannelResult<C>>>;
} & Pick<TrustLensApi<FileLike>, 'onEvent' | 'pathForFile'>;

/** Handlers the main process (or browser-mode server) implements: one per channel. */
export type ChannelHandlers = {
  readonly [C in Channel]: (args: ChannelArgs<C>) => Promise<ChannelResult<C>>;
};

/** Every reply crosses the boundary as a result envelope, so typed errors survive it. */
export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: { code: string; message: string } };

export const channels = Object.keys(ipcArgs) as Channel[];

// The preload's list of names (shared/channels.ts) and the schemas above must name the same channels:
// a channel added to one and not the other fails to compile here.
type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const CHANNEL_NAMES_MATCH: SameNames<Channel, ChannelName> = true;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ipcArgs, name);
}
