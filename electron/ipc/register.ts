/**
 * Electron glue for the IPC router: `ipcMain.handle` for each contract channel, and a typed,
 * validated sender for main -> renderer events. All the logic lives in router.ts.
 */
import type { IpcMain, WebContents } from 'electron';
import { eventWireName, events, type EventName, type EventPayload } from '../../shared/ipc/contract';
import type { IpcRouter } from './router';

export function registerIpcRouter(ipcMain: IpcMain, router: IpcRouter): () => void {
  for (const channel of router.channels) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      const frame = event.senderFrame;
      return router.dispatch(channel, payload, {
        url: frame?.url ?? '',
        isMainFrame: frame !== null && frame === event.sender.mainFrame,
      });
    });
  }
  return () => { for (const channel of router.channels) ipcMain.removeHandler(channel); };
}

export interface EventSender {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export function createEventSender(targets: () => readonly WebContents[]): EventSender {
  return {
    emit(event, payload) {
      const checked = events[event].parse(payload);
      for (const contents of targets()) {
        if (!contents.isDestroyed()) contents.send(eventWireName(event), checked);
      }
    },
  };
}
