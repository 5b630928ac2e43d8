/** Exposes `window.api`: one function per contract channel, nothing else from Electron. */
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi, ipcChannelName } from '../../shared/channels';

contextBridge.exposeInMainWorld(
  'api',
  buildApi((channel, input) => ipcRenderer.invoke(ipcChannelName(channel), input)),
);
