/**
 * The print worker's entry (one file, so electron-vite can bundle it with `?modulePath`). It runs
 * `buildPrintPackage` off the main thread, opening attachment bytes itself from serializable source
 * descriptions, streams progress, and cancels on request. `runPrintWorker` is the entry function;
 * the entry registers the vault's `vault-blob` opener (per-blob keys, see vault-blob-opener.ts) and
 * zeroes those keys when the job ends, whatever its outcome.
 */
import { parentPort } from 'node:worker_threads';
import { AppError, isAppError } from '../../shared/errors';
import { lowerThisThreadPriority } from '../threads/background-priority';
import { attachOpeners, defaultOpeners, type AttachmentOpeners } from './attachment-openers';
import { buildPrintPackage } from './build-print-package';
import type { PrintOptionsInput } from './print-options';
import { progressThrottle } from './progress-throttle';
import { WorkerRequestSchema, type WorkerReply } from './print-worker-protocol';
import { openVaultBlobSource, zeroVaultBlobKeys } from './vault-blob-opener';

/** What the worker entry can open: plain files and vault blobs (with the grant the service attached). */
export const workerOpeners: AttachmentOpeners = { ...defaultOpeners, 'vault-blob': openVaultBlobSource };

export function runPrintWorker(openers: AttachmentOpeners = workerOpeners): void {
  const port = parentPort;
  if (!port) throw new Error('print-worker.ts must run in a worker thread');
  // A print is background work: the main process, which every window waits on, gets a core first.
  lowerThisThreadPriority();
  const controller = new AbortController();
  let started = false;
  const send = (reply: WorkerReply) => port.postMessage(reply);

  port.on('message', (raw: unknown) => {
    const parsed = WorkerRequestSchema.safeParse(raw);
    if (!parsed.success) {
      send({ type: 'failed', error: new AppError('E_PRINT_INVALID_INPUT', 'The print request is malformed. Reload the case and try again.').toData() });
      return;
    }
    const request = parsed.data;
    if (request.type === 'cancel') { controller.abort(); return; }
    if (started) return; // one build per worker
    started = true;
    const set = attachOpeners(request.set, openers);
    const progress = progressThrottle((p) => send({ type: 'progress', progress: p }));
    buildPrintPackage(set, request.options as PrintOptionsInput, { signal: controller.signal, onProgress: progress.report })
      .then((result): WorkerReply => ({ type: 'done', result }), (err: unknown): WorkerReply => {
        const error = isAppError(err) ? { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) }
          : new AppError('E_PRINT_FAILED', 'The print package could not be built. Try again; if it keeps failing, report it to IT.').toData();
        return { type: 'failed', error };
      })
      .then((reply) => {
        // Before replying: the host terminates the worker as soon as the reply arrives.
        zeroVaultBlobKeys(request.set);
        progress.flush(); // the last report before the result
        send(reply);
      });
  });
}

if (parentPort) runPrintWorker();
