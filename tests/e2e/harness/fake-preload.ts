/**
 * Runs in the page (bundled to an IIFE and installed with page.addInitScript): the same createBridge as
 * electron/preload.ts, over a Playwright binding instead of ipcRenderer. Values are structured-cloned
 * and the API frozen, as contextBridge does. A page has no webUtils, so a dropped File's path comes from
 * a name → path map the harness fills (`__scoicPrepareDrop`, from AppHarness.prepareDrop).
 */
import { createBridge } from '../../../shared/ipc/bridge';
import { isEventName } from '../../../shared/ipc/contract';

type Listener = (payload: unknown) => void;
interface HarnessWindow {
  __scoicInvoke(channel: string, payload: unknown): Promise<unknown>;
  __scoicDeliver?: (event: string, payload: unknown) => void;
  __scoicPrepareDrop?: (entries: Array<[name: string, path: string]>) => void;
  scoic?: unknown;
}
const w = window as unknown as HarnessWindow;
const listeners = new Map<string, Set<Listener>>();
const dropPaths = new Map<string, string>();

const api = createBridge({
  invoke: async (channel, payload) => structuredClone(await w.__scoicInvoke(channel, structuredClone(payload))),
  subscribe: (event, listener) => {
    if (!isEventName(event)) throw new TypeError(`unknown event: ${event}`);
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(event, set);
    return () => { set.delete(listener); };
  },
  // As webUtils.getPathForFile: a path for a File the harness registered, '' for anything else.
  pathForFile: (file) => (file instanceof File ? dropPaths.get(file.name) ?? '' : ''),
});

Object.defineProperty(w, '__scoicDeliver', {
  value: (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(structuredClone(payload));
  },
});
Object.defineProperty(w, '__scoicPrepareDrop', {
  value: (entries: Array<[string, string]>) => {
    for (const [name, path] of entries) dropPaths.set(name, path);
  },
});
Object.defineProperty(w, 'scoic', { value: api, enumerable: true });
