// The names of the IPC contract's channels, on their own: the sandboxed preload needs only these, not the
// argument schemas of shared/ipc.ts (and zod with them). ipc.ts checks at compile time that this list and
// its schemas name the same channels.
export const CHANNEL_NAMES = [
  'appInfo',
  'openPath',
  'openBytes',
  'unlock',
  'closeStore',
  'entryDetails',
  'storeCertificates',
  'showOpenDialog',
  'recentFiles',
  'probe',
  'cancel',
  'diagnose',
  'findSystemTrustStores',
  'exportCertificates',
  'planImport',
  'applyImport',
  'saveStore',
  'deleteEntries',
  'copyEntries',
  'renameEntry',
  'undo',
  'createStore',
  'saveStoreAs',
  'networkSettings',
  'setNetworkSettings',
  'viewSettings',
  'setViewSettings',
  'clientKeys',
  'checkEndpoints',
  'endpointProgress',
  'certificateAsn1',
  'machineStores',
  'explainLog',
  'listJdks',
  'checkRevocation',
  'entryRevocation',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** The channel every main-process event (menu commands, files opened by the OS) is sent on. */
export const EVENT_CHANNEL = 'trustlens:event';
