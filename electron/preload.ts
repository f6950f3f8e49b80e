// The preload: exposes exactly one object, window.trustlens, derived from the contract. The one file
// that touches ipcRenderer. Runs sandboxed with context isolation.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, EVENT_CHANNEL } from '../shared/channels';
import type { AppEvent, Envelope, TrustLensApi } from '../shared/ipc';

class RemoteError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const api: Record<string, unknown> = {};
for (const channel of CHANNEL_NAMES) {
  api[channel] = async (args: unknown) => {
    const envelope = (await ipcRenderer.invoke(`trustlens:${channel}`, args)) as Envelope<unknown>;
    if (envelope.ok) return envelope.value;
    throw new RemoteError(envelope.error.code, envelope.error.message);
  };
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

contextBridge.exposeInMainWorld('trustlens', api as TrustLensApi<File>);
