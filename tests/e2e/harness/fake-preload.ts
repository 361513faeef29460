/**
 * Runs in the page (bundled to an IIFE and installed with page.addInitScript): the same createBridge as
 * electron/preload.ts, over a Playwright binding instead of ipcRenderer. Values are structured-cloned
 * and the API frozen, as contextBridge does.
 */
import { createBridge } from '../../../shared/ipc/bridge';
import { isEventName } from '../../../shared/ipc/contract';

type Listener = (payload: unknown) => void;
interface HarnessWindow {
  __scoicInvoke(channel: string, payload: unknown): Promise<unknown>;
  __scoicDeliver?: (event: string, payload: unknown) => void;
  scoic?: unknown;
}
const w = window as unknown as HarnessWindow;
const listeners = new Map<string, Set<Listener>>();

const api = createBridge({
  invoke: async (channel, payload) => structuredClone(await w.__scoicInvoke(channel, structuredClone(payload))),
  subscribe: (event, listener) => {
    if (!isEventName(event)) throw new TypeError(`unknown event: ${event}`);
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(event, set);
    return () => { set.delete(listener); };
  },
});

Object.defineProperty(w, '__scoicDeliver', {
  value: (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(structuredClone(payload));
  },
});
Object.defineProperty(w, 'scoic', { value: api, enumerable: true });
