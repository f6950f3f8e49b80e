// The desktop app's window.trustlens (the preload's BridgeApi, whose calls resolve with envelopes) as the
// TrustLensApi the page uses: a failed call rejects with a RemoteError that keeps the contract's code.
import { CHANNEL_NAMES } from '../../../shared/channels';
import type { BridgeApi, Envelope, TrustLensApi } from '../../../shared/ipc';
import { RemoteError } from './remote-error';

export function fromBridge<FileLike>(bridge: BridgeApi<FileLike>): TrustLensApi<FileLike> {
  const api: Record<string, unknown> = { onEvent: bridge.onEvent, pathForFile: bridge.pathForFile };
  for (const channel of CHANNEL_NAMES) {
    const call = bridge[channel] as (args: unknown) => Promise<Envelope<unknown>>;
    api[channel] = async (args: unknown) => {
      const envelope = await call(args);
      if (envelope.ok) return envelope.value;
      throw new RemoteError(envelope.error.code, envelope.error.message);
    };
  }
  return api as TrustLensApi<FileLike>;
}
