// The one IPC contract. Every channel: its argument schema (validated at runtime where it arrives in
// the main process or the browser-mode server) and its result type. The preload, the Electron handlers
// and the browser-mode transport are all derived from this map, so they cannot drift apart.
import { z } from 'zod';
import type { KeystoreView } from './model/keystore';
import type { EntryDetails } from './model/details';
import type { ClientProfile, Diagnosis, ProbeResult } from './model/probe';

const storeId = z.string().min(1).max(64);
const password = z.string().max(4096).optional();
const target = z.string().min(1).max(2048);

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
  showOpenDialog: z.object({}),
  recentFiles: z.object({}),
  probe: z.object({
    requestId: z.string().min(1).max(64),
    target,
    servername: z.string().max(255).optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
  }),
  cancel: z.object({ requestId: z.string().min(1).max(64) }),
  diagnose: z.object({
    requestId: z.string().min(1).max(64),
    target,
    storeId,
    client: z.enum(['java', 'openssl']),
    servername: z.string().max(255).optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
  }),
  findSystemTrustStores: z.object({}),
} as const;

export type Channel = keyof typeof ipcArgs;
export type ChannelArgs<C extends Channel> = z.infer<(typeof ipcArgs)[C]>;

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly mode: 'electron' | 'web';
  readonly platform: string;
}

export interface OpenedStore {
  readonly kind: 'opened';
  readonly storeId: string;
  readonly store: KeystoreView;
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

export interface ChannelResults {
  appInfo: AppInfo;
  openPath: OpenResult;
  openBytes: OpenResult;
  unlock: OpenResult;
  closeStore: void;
  entryDetails: EntryDetails;
  /** The chosen path, or null when cancelled. Electron only; browser mode uses a file input. */
  showOpenDialog: string | null;
  recentFiles: readonly string[];
  probe: ProbeResult;
  cancel: void;
  diagnose: { readonly probe: ProbeResult; readonly diagnosis: Diagnosis; readonly client: ClientProfile };
  findSystemTrustStores: readonly SystemTrustStore[];
}

export type ChannelResult<C extends Channel> = ChannelResults[C];

/** What the main process pushes to the renderer (menu commands, files opened by the OS). */
export type AppEvent =
  | { readonly type: 'open-path'; readonly path: string }
  | { readonly type: 'command'; readonly command: 'open-file' | 'focus-target' | 'close-tab' };

/** The object the preload exposes as window.trustlens (and the browser transport implements). */
export type TrustLensApi<FileLike = unknown> = {
  readonly [C in Channel]: (args: ChannelArgs<C>) => Promise<ChannelResult<C>>;
} & {
  /** Subscribe to main-process events; returns an unsubscribe function. */
  readonly onEvent: (listener: (event: AppEvent) => void) => () => void;
  /** Electron only: the filesystem path of a dropped File; browser mode returns null. */
  readonly pathForFile: (file: FileLike) => string | null;
};

/** Handlers the main process (or browser-mode server) implements: one per channel. */
export type ChannelHandlers = {
  readonly [C in Channel]: (args: ChannelArgs<C>) => Promise<ChannelResult<C>>;
};

/** Every reply crosses the boundary as a result envelope, so typed errors survive it. */
export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: { code: string; message: string } };

export const channels = Object.keys(ipcArgs) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ipcArgs, name);
}
