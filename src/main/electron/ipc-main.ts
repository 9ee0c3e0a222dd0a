import { type IpcMainInvokeEvent, type WebContents, ipcMain } from 'electron';

import { type DispatchLogger, type EventHub, type HandlerMap, dispatchInvoke } from '../ipc/dispatch';
import { isTrustedIpcSender } from '../security/policy';
import { err } from '../../shared/ipc/envelope';
import { eventChannels, invokeChannels } from '../../shared/ipc/contract';

/**
 * The only place that touches ipcMain (lint bans it elsewhere). Every contract channel gets one handler that first
 * checks who is calling — our window, its main frame, our origin — then hands over to `dispatchInvoke`.
 */
export function registerIpcHandlers(
  handlers: HandlerMap,
  trustedWebContentsIds: ReadonlySet<number>,
  log: DispatchLogger,
): () => void {
  for (const channel of invokeChannels) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown) => {
      const frame = event.senderFrame;
      const trusted = isTrustedIpcSender(
        { webContentsId: event.sender.id, frameUrl: frame?.url ?? null, isMainFrame: frame !== null && frame === event.sender.mainFrame },
        { webContentsIds: trustedWebContentsIds },
      );
      if (!trusted) {
        log('refused IPC from an untrusted sender', { channel, url: frame?.url ?? null });
        return err({ code: 'IPC_FORBIDDEN_SENDER', message: 'This window may not call the broker.' });
      }
      return dispatchInvoke(handlers, channel, input, log);
    });
  }
  return () => {
    for (const channel of invokeChannels) ipcMain.removeHandler(channel);
  };
}

/** Forwards validated events from the hub to one window. */
export function forwardEvents(hub: EventHub, target: WebContents): () => void {
  const allowed = new Set<string>(eventChannels);
  return hub.subscribe((event, payload) => {
    if (allowed.has(event) && !target.isDestroyed()) target.send(event, payload);
  });
}
