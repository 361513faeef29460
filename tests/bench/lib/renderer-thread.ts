/**
 * Starts the bench's window side (renderer-thread-worker.ts) and serves its requests through the
 * app's router on this (the main) thread: `dispatch` and one postMessage of the envelope, which
 * clones it as Electron's IPC does. `emit` forwards a main-side event to it.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../../electron/vault/reader/start-worker';
import type { EventName, EventPayload } from '../../../shared/ipc/contract';
import type { AppHarness } from './app-services-harness';

export interface RendererThreadReport {
  /** Each whole cases.list as the window waited for it (every page: request, main side, clone, parse and contract check). */
  listMs: number[];
  /** Each cases.summaries after a data.changed, the same way. */
  summariesMs: number[];
  /** Rows in the cached list at the end. */
  listRows: number;
  errors: string[];
}

export type ToRenderer =
  | { type: 'answer'; id: number; envelope: unknown }
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'show-list' }
  | { type: 'finish' };

type FromRenderer = { type: 'invoke'; id: number; channel: string; payload: unknown } | { type: 'report'; report: RendererThreadReport };

export interface RendererThread {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** The case list pane appears (after unlock): the window fetches the list and keeps it cached. */
  showList(): void;
  /** Waits until the window has nothing in flight, then ends it and answers its figures. */
  finish(): Promise<RendererThreadReport>;
}

export function startRendererThread(app: AppHarness): RendererThread {
  const worker: Worker = startWorker(new URL('./renderer-thread-worker.ts', import.meta.url), {});
  const post = (message: ToRenderer) => worker.postMessage(message);
  let onReport: (r: RendererThreadReport) => void = () => undefined;
  worker.on('message', (message: FromRenderer) => {
    if (message.type === 'report') { onReport(message.report); return; }
    void app.dispatch(message.channel as never, message.payload).then((envelope) => post({ type: 'answer', id: message.id, envelope }));
  });
  worker.on('error', (err) => { console.error('renderer thread failed:', err); process.exit(1); });
  return {
    emit: (event, payload) => post({ type: 'event', event, payload }),
    showList: () => post({ type: 'show-list' }),
    finish: () => new Promise((resolve) => {
      onReport = (r) => { void worker.terminate(); resolve(r); };
      post({ type: 'finish' });
    }),
  };
}
