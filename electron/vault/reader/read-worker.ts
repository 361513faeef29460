/**
 * The vault reader's worker entry (one file, so electron-vite bundles it with `?modulePath`; the .ts
 * source under tsx/vitest). See read-worker-loop.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ReadWorkerData } from './read-protocol';
import { runReadWorker } from './read-worker-loop';

if (parentPort) runReadWorker(parentPort, workerData as ReadWorkerData);
