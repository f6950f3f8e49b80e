// The preload: exposes exactly one object, window.trustlens, derived from the contract. The one file
// that touches ipcRenderer. Runs sandboxed with context isolation.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, EVENT_CHANNEL } from '../shared/channels';
import type { AppEvent, BridgeApi, Envelope } from '../shared/ipc';

// Replies go to the page as their envelopes: an Error thrown here would reach it with its message only
// (contextBridge drops its code), and the page needs the code to ask for a password (BridgeApi in ipc.ts).
const api: Record<string, unknown> = {};
for (const channel of CHANNEL_NAMES) {
  api[channel] = async (args: unknown): Promise<Envelope<unknown>> => (await ipcRenderer.invoke(`trustlens:${channel}`, args)) as Envelope<unknown>;
}
api.onEvent = (listener: (event: AppEvent) => void) => {
  const wrapped = (_event: IpcRendererEvent, payload: AppEvent) => listener(payload);
  ipcRenderer.on(EVENT_CHANNEL, wrapped);
  return () => ipcRenderer.off(EVENT_CHANNEL, wrapped);
};
api.pathForFile = (file: File) => {
  try {
    return webUtils.getPathForFile(file) || null;
  } catch {
    return null;
  }
};

contextBridge.exposeInMainWorld('trustlens', api as BridgeApi<File>);
