/** Registers one ipcMain handler per contract channel; untrusted senders get `forbidden`. */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, ipcChannelName } from '../../shared/contract';
import { fail } from '../../shared/result';
import type { Dispatch } from '../core/dispatch';
import { isTrustedSender } from './security';

export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch, rendererUrl: () => string): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcChannelName(channel), (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event.senderFrame, rendererUrl())) return fail('forbidden', 'errors.forbidden');
      return dispatch(channel, input);
    });
  }
}
