/**
 * The window's side of the responsiveness bench, in its own thread as the renderer is its own process
 * in the app: the real bridge (shared/ipc/bridge.ts: it parses JSON answers and checks every answer
 * against the contract) over this thread's port, and the renderer's query cache for the case list it
 * shows (a TanStack QueryClient with the list observed, updated by renderer/src/data/invalidation.ts
 * on each `data.changed`). Its work (parsing, checking, patching 10,000 rows) is off the main
 * thread, as in Electron; what the main thread pays is what it pays there: the router and the clone
 * of each answer (this port's postMessage, the same serializer as Electron's IPC).
 */
import { parentPort } from 'node:worker_threads';
import { QueryObserver } from '@tanstack/react-query';
import { createBridge, type BridgeTransport } from '../../../shared/ipc/bridge';
import { unwrap } from '../../../renderer/src/data/bridge-error';
import { fetchCaseList } from '../../../renderer/src/data/case-list-fetch';
import { applyDataChanged } from '../../../renderer/src/data/invalidation';
import { createQueryClient } from '../../../renderer/src/data/query-client';
import { queryKeys } from '../../../renderer/src/data/query-keys';
import type { RendererThreadReport, ToRenderer } from './renderer-thread';

const port = parentPort!;
const waiting = new Map<number, (envelope: unknown) => void>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let nextId = 1;
const transport: BridgeTransport = {
  invoke: (channel, payload) => new Promise((resolve) => {
    const id = nextId++;
    waiting.set(id, resolve);
    port.postMessage({ type: 'invoke', id, channel, payload });
  }),
  subscribe: (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
};
const bridge = createBridge(transport);

const report: RendererThreadReport = { listMs: [], summariesMs: [], listRows: 0, errors: [] };
let inFlight = 0;
/** A read the cache cancelled (`signal`) is neither an error nor a list time. */
const timed = async <T>(times: number[], call: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
  inFlight++;
  const t = performance.now();
  try {
    const value = await call();
    times.push(performance.now() - t);
    return value;
  } catch (err) {
    if (!signal?.aborted) { times.push(performance.now() - t); report.errors.push(String(err)); }
    throw err;
  } finally { inFlight--; }
};
const client = createQueryClient(); // the window's own cache settings
const observer = new QueryObserver(client, { queryKey: queryKeys.cases, queryFn: ({ signal }) => timed(report.listMs, () => fetchCaseList(bridge.cases.list, signal), signal) });
let unobserve: () => void = () => undefined;
bridge.on('data.changed', (change) => applyDataChanged(client, change, (caseIds) => timed(report.summariesMs, () => unwrap(bridge.cases.summaries({ caseIds })))));

port.on('message', (message: ToRenderer) => {
  if (message.type === 'answer') { waiting.get(message.id)?.(message.envelope); waiting.delete(message.id); return; }
  if (message.type === 'event') { listeners.get(message.event)?.forEach((l) => l(message.payload)); return; }
  if (message.type === 'show-list') { unobserve = observer.subscribe(() => undefined); return; }
  // finish: once nothing is in flight, the figures.
  void (async () => {
    while (inFlight > 0 || client.isFetching() > 0) await new Promise((r) => setTimeout(r, 20));
    unobserve();
    const list = client.getQueryData<unknown[]>(queryKeys.cases);
    report.listRows = Array.isArray(list) ? list.length : 0;
    port.postMessage({ type: 'report', report });
  })();
});
