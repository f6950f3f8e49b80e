// The renderer's only way to the main process: window.trustlens from Electron's preload (envelopes,
// turned into rejections with their codes by bridge.ts), or the browser-mode transport implementing the
// same contract.
import type { BridgeApi, TrustLensApi } from '../../../shared/ipc';
import { fromBridge } from './bridge';
import { createWebTransport } from './web-transport';

declare global {
  interface Window {
    trustlens?: BridgeApi<File>;
  }
}

export const api: TrustLensApi<File> = window.trustlens ? fromBridge(window.trustlens) : createWebTransport();
export const isElectron = window.trustlens !== undefined;
