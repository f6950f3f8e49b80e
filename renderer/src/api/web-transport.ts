// Browser mode's implementation of window.trustlens: the same contract over HTTP POST (calls) and a
// WebSocket (events), authenticated by the token cookie the server set when the page was opened.
import { channels, type AppEvent, type Envelope, type TrustLensApi } from '../../../shared/ipc';
import { decodeWire, encodeWire } from '../../../shared/wire';
import { RemoteError } from './remote-error';

export function createWebTransport(): TrustLensApi<File> {
  const listeners = new Set<(event: AppEvent) => void>();
  const backlog: AppEvent[] = [];
  let socket: WebSocket | null = null;

  function connect(): void {
    const url = new URL('/events', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(url.href);
    socket.onmessage = (message) => {
      const event = decodeWire(String(message.data)) as AppEvent;
      if (listeners.size === 0) backlog.push(event);
      for (const listener of listeners) listener(event);
    };
    socket.onclose = () => {
      socket = null;
    };
  }
  connect();

  const api: Record<string, unknown> = {};
  for (const channel of channels) {
    api[channel] = async (args: unknown) => {
      let response: Response;
      try {
        response = await fetch(`./api/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: encodeWire(args ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        throw new RemoteError('NETWORK', 'Lost the connection to the TrustLens server; is `trustlens web` still running?');
      }
      if (response.status === 401 || response.status === 403) {
        throw new RemoteError('USAGE', 'The TrustLens server refused this page; open the address it printed (with its token) again.');
      }
      const envelope = decodeWire(await response.text()) as Envelope<unknown>;
      if (envelope.ok) return envelope.value;
      throw new RemoteError(envelope.error.code, envelope.error.message);
    };
  }
  api.onEvent = (listener: (event: AppEvent) => void) => {
    listeners.add(listener);
    for (const event of backlog.splice(0)) listener(event);
    return () => listeners.delete(listener);
  };
  api.pathForFile = () => null;
  return api as TrustLensApi<File>;
}
