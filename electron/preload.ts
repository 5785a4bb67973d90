// The preload: exposes the task-level API (window.mailroom) and nothing else. The renderer never
// gets ipcRenderer; every call goes through the one contract in shared/ipc.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApi } from '../shared/ipc/api.ts';
import { eventChannel, invokeChannel } from '../shared/ipc/contract.ts';
import type { IpcResult } from '../shared/ipc/result.ts';

const api = createApi({
  invoke: (channel, request) => ipcRenderer.invoke(invokeChannel(channel), request) as Promise<IpcResult<unknown>>,
  subscribe: (event, listener) => {
    const handler = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(eventChannel(event), handler);
    return () => {
      ipcRenderer.removeListener(eventChannel(event), handler);
    };
  },
});

contextBridge.exposeInMainWorld('mailroom', api);
