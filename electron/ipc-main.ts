// The one file that touches ipcMain: every contract channel is routed to its handler, after checking
// that the sender is our own window showing our own page.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { channels, type ChannelHandlers } from '../shared/ipc';
import { dispatch } from './services/dispatch';

export { EVENT_CHANNEL } from '../shared/channels';

export function registerIpc(handlers: ChannelHandlers, isTrustedSender: (sender: WebContents, url: string) => boolean): void {
  for (const channel of channels) {
    ipcMain.handle(`trustlens:${channel}`, async (event: IpcMainInvokeEvent, args: unknown) => {
      if (!event.senderFrame || !isTrustedSender(event.sender, event.senderFrame.url)) {
        return { ok: false, error: { code: 'USAGE', message: 'Request refused: it did not come from the TrustLens window.' } };
      }
      return dispatch(handlers, channel, args);
    });
  }
}
