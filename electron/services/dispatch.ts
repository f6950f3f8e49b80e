// Validate a call arriving from outside the main process against the contract, run its handler, and
// wrap the outcome in an envelope so typed errors survive the trip. Used by ipcMain and the web server.
import { serializeError, UsageError } from '../../shared/errors';
import { ipcArgs, isChannel, type ChannelHandlers, type Envelope } from '../../shared/ipc';

export async function dispatch(handlers: ChannelHandlers, channel: unknown, args: unknown): Promise<Envelope<unknown>> {
  try {
    if (!isChannel(channel)) throw new UsageError(`Unknown request "${String(channel)}".`);
    const parsed = ipcArgs[channel].safeParse(args ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError(`Invalid arguments for ${channel}: ${issue ? `${issue.path.join('.') || 'arguments'} ${issue.message}` : 'rejected'}.`);
    }
    const handler = handlers[channel] as (a: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}
