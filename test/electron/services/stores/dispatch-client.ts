// The UI's side of the contract in Node: calls go through the same dispatch the Electron and browser-mode
// transports use (arguments validated against shared/ipc.ts), and a failed call rejects with its code.
import { dispatch } from '../../../../electron/services/dispatch';
import { createHandlers, type HandlerHost } from '../../../../electron/services/handlers';
import { StoreSessions } from '../../../../electron/services/stores/sessions';
import type { Channel, ChannelArgs, ChannelHandlers, ChannelResult, Envelope } from '../../../../shared/ipc';

export function dispatchClient(host: Partial<HandlerHost> = {}) {
  const handlers: ChannelHandlers = createHandlers({ mode: 'web', sessions: new StoreSessions(), ...host });
  const call = async <C extends Channel>(channel: C, args: ChannelArgs<C>): Promise<ChannelResult<C>> => {
    const envelope = (await dispatch(handlers, channel, args)) as Envelope<ChannelResult<C>>;
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
    return envelope.value;
  };
  /** Open a store by path; anything but "opened" (a password needed, say) fails. */
  const open = async (file: string, password?: string) => {
    const result = await call('openPath', { path: file, password });
    if (result.kind !== 'opened') throw new Error(`${file} did not open: ${result.message}`);
    return result;
  };
  return { call, open };
}
