// The renderer's only way to the main process: window.trustlens from Electron's preload, or the
// browser-mode transport implementing the same contract.
import type { TrustLensApi } from '../../../shared/ipc';
import { createWebTransport } from './web-transport';

declare global {
  interface Window {
    trustlens?: TrustLensApi<File>;
  }
}

export const api: TrustLensApi<File> = window.trustlens ?? createWebTransport();
export const isElectron = window.trustlens !== undefined;
