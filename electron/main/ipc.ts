import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { listMethods } from '../core/contract/api';
import type { Dispatch } from '../core/contract/dispatch';

/** Describes the frame a message came from, for the dispatcher's sender check. */
export function senderOf(event: IpcMainInvokeEvent): { url: string; isMainFrame: boolean } {
  const frame = event.senderFrame;
  if (!frame) return { url: '', isMainFrame: false };
  return { url: frame.url, isMainFrame: frame === event.sender.mainFrame };
}

/** One ipcMain handler per contract method; all of them go through the dispatcher. */
export function registerIpc(dispatch: Dispatch): void {
  for (const { channel } of listMethods()) {
    ipcMain.handle(channel, (event, payload: unknown) => dispatch(channel, payload, senderOf(event)));
  }
}
