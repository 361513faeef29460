/**
 * The preload: exposes the bridge built from the contract as `window.scoic`. The renderer never sees
 * ipcRenderer or an IPC event object; it can call only contract channels and subscribe only to
 * whitelisted events. A dropped File becomes a path here (webUtils.getPathForFile), inside the bridge's
 * `replies.dropFiles`: the renderer never holds the path, and the main side checks it before use.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { createBridge } from '../shared/ipc/bridge';
import { eventWireName, isEventName } from '../shared/ipc/contract';

const api = createBridge({
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  subscribe: (event, listener) => {
    if (!isEventName(event)) throw new TypeError(`unknown event: ${event}`);
    const wire = eventWireName(event);
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(wire, handler);
    return () => { ipcRenderer.removeListener(wire, handler); };
  },
  // '' for a File made in the page (no path); anything that is not a File at all throws in Electron: also ''.
  pathForFile: (file) => {
    try {
      return webUtils.getPathForFile(file as File);
    } catch {
      return '';
    }
  },
});

contextBridge.exposeInMainWorld('scoic', api);
