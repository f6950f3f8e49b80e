// Browser mode's implementation of window.trustlens: the same contract over HTTP POST (calls) and a
// WebSocket (events), authenticated by the token cookie the server set when the page was opened. Calls
// and answers are frames (shared/wire.ts): a dropped store goes up as its own bytes, not as base64.
import { channels, type AppEvent, type Envelope, type TrustLensApi } from '../../../shared/ipc';
import { decodeFrame, decodeWire, encodeFrame, FRAME_CONTENT_TYPE } from '../../../shared/wire';
import { errorMessage, RemoteError } from './remote-error';

const lostConnection = () => new RemoteError('NETWORK', 'Lost the connection to the TrustLens server; is `trustlens web` still running?');

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const envelope = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } | null };
  if (envelope.ok === true) return true;
  return envelope.ok === false && typeof envelope.error?.code === 'string' && typeof envelope.error.message === 'string';
}

/** The envelope a call's answer carries; anything but a well-formed frame of one is an INTERNAL error. */
async function readEnvelope(response: Response): Promise<Envelope<unknown>> {
  const type = (response.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== FRAME_CONTENT_TYPE) {
    // The server's refusals (400, 413, 500…) are one line of text: pass it on.
    const said = (await response.text().catch(() => '')).trim().split('\n')[0]!.slice(0, 300);
    throw new RemoteError('INTERNAL', `The TrustLens server answered HTTP ${response.status} instead of a result${said ? `: ${said}` : '.'}`);
  }
  let bytes: ArrayBuffer;
  try {
    bytes = await response.arrayBuffer();
  } catch {
    throw lostConnection();
  }
  let envelope: unknown;
  try {
    envelope = decodeFrame(new Uint8Array(bytes));
  } catch (error) {
    throw new RemoteError('INTERNAL', `The TrustLens server's answer could not be read: ${errorMessage(error)}`);
  }
  if (!isEnvelope(envelope)) throw new RemoteError('INTERNAL', "The TrustLens server's answer is a frame, but not of a result.");
  return envelope;
}

/**
 * The address `trustlens web` printed carries ?token=…; the server set it as a cookie with the page, and
 * every call and the event socket use that cookie. Out of the address bar and history it goes, so it is
 * not left in the history, bookmarked or shared with a screenshot.
 */
function forgetTokenInAddress(): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

export function createWebTransport(): TrustLensApi<File> {
  forgetTokenInAddress();
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

  // Stores this page opened: when it goes away (closed, reloaded, navigated), the server forgets them,
  // so a long-running `trustlens web` does not keep every store any page ever dropped on it.
  const openStores = new Set<string>();
  window.addEventListener('pagehide', (event) => {
    // A page kept in the back/forward cache comes back with its stores: they stay open for it.
    if (event.persisted) return;
    for (const storeId of openStores) {
      void fetch('./api/closeStore', {
        method: 'POST',
        headers: { 'Content-Type': FRAME_CONTENT_TYPE },
        body: new Blob(encodeFrame({ storeId }) as Uint8Array<ArrayBuffer>[]),
        credentials: 'same-origin',
        keepalive: true,
      }).catch(() => undefined);
    }
    openStores.clear();
  });
  const track = (channel: string, args: unknown, value: unknown) => {
    const opened = value as { kind?: unknown; storeId?: unknown } | null;
    if (opened?.kind === 'opened' && typeof opened.storeId === 'string') openStores.add(opened.storeId);
    if (channel === 'closeStore') openStores.delete((args as { storeId: string }).storeId);
  };

  const api: Record<string, unknown> = {};
  for (const channel of channels) {
    api[channel] = async (args: unknown) => {
      let response: Response;
      try {
        response = await fetch(`./api/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': FRAME_CONTENT_TYPE },
          // The parts go into the Blob as they are: the page never copies a dropped file into one buffer.
          // (They are never SharedArrayBuffer views here, which is all the cast says.)
          body: new Blob(encodeFrame(args ?? {}) as Uint8Array<ArrayBuffer>[]),
          credentials: 'same-origin',
        });
      } catch {
        throw lostConnection();
      }
      if (response.status === 401 || response.status === 403) {
        throw new RemoteError('USAGE', 'The TrustLens server refused this page; open the address it printed (with its token) again.');
      }
      const envelope = await readEnvelope(response);
      if (envelope.ok) {
        track(channel, args, envelope.value);
        return envelope.value;
      }
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
