/**
 * Runs a print build in a worker thread so the Electron main process (and every window) stays
 * responsive, and returns the finished package. Progress streams back; aborting the signal asks the
 * worker to stop (it removes its temporary files) and, if it does not answer in time, terminates it
 * and sweeps the temporary files itself. `printPackagePaths` is what the print glue calls.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { newPackageId } from './package-files';
import type { PrintOptionsInput } from './print-options';
import type { PrintPackageResult, PrintProgress } from './print-result';
import type { PrintSetData } from './print-set';
import { WorkerReplySchema, type WorkerRequest } from './print-worker-protocol';

export interface WorkerHostOptions {
  onProgress?: (progress: PrintProgress) => void;
  signal?: AbortSignal;
  /** The worker entry: the bundled file in Electron (`?modulePath`); the .ts source under tsx/vitest. */
  workerUrl?: URL | string;
  /** How long a cancelled worker may take to clean up before it is terminated. */
  cancelGraceMs?: number;
  /** JavaScript heap bound of the worker; above it the worker stops (E_PRINT_OUT_OF_MEMORY), not the app. */
  maxHeapMb?: number;
  /**
   * Buffers inside `set` to move into the worker instead of copying (the vault's per-blob keys): after
   * the request is posted they are detached here, so no key copy stays on the main thread.
   */
  transferList?: ArrayBuffer[];
}

const defaultWorkerUrl = () => new URL('./print-worker.ts', import.meta.url);

export function buildPrintPackageInWorker(set: PrintSetData, optionsIn: PrintOptionsInput, host: WorkerHostOptions = {}): Promise<PrintPackageResult> {
  const options: PrintOptionsInput = { ...optionsIn, packageId: optionsIn.packageId ?? newPackageId() };
  const worker = startWorker(host.workerUrl ?? defaultWorkerUrl(), host.maxHeapMb ?? 2048);
  return new Promise<PrintPackageResult>((resolve, reject) => {
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      if (killTimer) clearTimeout(killTimer);
      host.signal?.removeEventListener('abort', onAbort);
      // Settle once the thread is gone: its heap and buffers are given back when it exits, and a build
      // started right after must not find them still resident (measured: ~150 MB for the demo's largest
      // case). A thread inside a long native call stops only when it returns: wait for it a bounded time.
      let waited: NodeJS.Timeout | undefined;
      const exited = worker.terminate().catch(() => undefined);
      void Promise.race([exited, new Promise<void>((r) => { waited = setTimeout(r, EXIT_WAIT_MS); })]).finally(() => { clearTimeout(waited); fn(); });
    };
    const onAbort = () => {
      const msg: WorkerRequest = { type: 'cancel' };
      worker.postMessage(msg);
      killTimer = setTimeout(() => {
        void sweepPartials(options).finally(() => finish(() => reject(new AppError('E_PRINT_CANCELLED', 'The print package was cancelled; no file was saved.'))));
      }, host.cancelGraceMs ?? 10_000);
    };
    worker.on('message', (raw: unknown) => {
      const reply = WorkerReplySchema.safeParse(raw);
      if (!reply.success) return finish(() => reject(new AppError('E_PRINT_FAILED', 'The print worker sent an unexpected reply. Try again.')));
      const r = reply.data;
      if (r.type === 'progress') host.onProgress?.(r.progress); // thinned by the worker (progress-throttle.ts)
      else if (r.type === 'done') finish(() => resolve(r.result));
      else finish(() => reject(new AppError(r.error.code as `E_${string}`, r.error.message, r.error.details)));
    });
    // A worker that dies cannot remove its temporary files: sweep them before reporting.
    // 'error' (with the precise reason, e.g. out of memory) and 'exit' both arrive, in either order:
    // sweep once, and report the precise reason when it arrives before the sweep ends.
    let deathReason: AppError | undefined;
    const died = (error: AppError, precise: boolean) => {
      if (settled) return;
      const first = deathReason === undefined;
      if (first || precise) deathReason = error;
      if (first) void sweepPartials(options).finally(() => finish(() => reject(deathReason)));
    };
    worker.on('error', (err: NodeJS.ErrnoException) => died(err?.code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? new AppError('E_PRINT_OUT_OF_MEMORY', 'The print package needed more memory than allowed. Print fewer messages at a time, or ask IT to lower the volume size.')
      : new AppError('E_PRINT_FAILED', 'The print worker stopped unexpectedly. Try again; if it keeps failing, report it to IT.'), true));
    worker.on('exit', (code) => died(new AppError('E_PRINT_FAILED', `The print worker exited early (code ${code}). Try again.`), false));
    if (host.signal?.aborted) { finish(() => reject(new AppError('E_PRINT_CANCELLED', 'The print package was cancelled; no file was saved.'))); return; }
    host.signal?.addEventListener('abort', onAbort, { once: true });
    const request: WorkerRequest = { type: 'build', set, options: options as Record<string, unknown> };
    worker.postMessage(request, host.transferList ?? []);
  });
}

const YOUNG_GENERATION_MB = 8;

/** How long a settled build waits for its worker thread to exit (it normally takes a few milliseconds). */
const EXIT_WAIT_MS = 2000;

/**
 * Starts the worker. A bundled .js entry starts directly; the .ts source (tests, tsx) starts through
 * a two-line bootstrap that registers tsx's loader inside the worker first — on Node 20,
 * `execArgv: ['--import', 'tsx']` does not apply the loader to a worker's entry module.
 */
function startWorker(url: URL | string, maxHeapMb: number): Worker {
  const href = String(url);
  // A small young generation: the build allocates in short bursts (a page, a read chunk), and the
  // default lets the nursery grow to tens of MB that stay resident for the whole build.
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
  if (!href.endsWith('.ts')) return new Worker(url, { resourceLimits });
  // The ESM build of tsx's API (require.resolve finds the CommonJS one, which fails inside eval).
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = href.startsWith('file:') ? href : pathToFileURL(href).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}

/** The finished PDF path(s) for the printer glue: builds in the worker, returns the volume files in order. */
export async function printPackagePaths(set: PrintSetData, options: PrintOptionsInput, host: WorkerHostOptions = {}): Promise<string[]> {
  const result = await buildPrintPackageInWorker(set, options, host);
  return result.volumes.map((v) => v.path);
}

/** Removes the temporary files of this build (its package id) that a terminated worker left. */
async function sweepPartials(options: PrintOptionsInput): Promise<void> {
  const dir = path.join(options.sbuFolder, options.subfolder ?? '');
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const mine = (n: string) => n.startsWith('.OIC-package-') && n.includes(`-${options.packageId}`) && n.endsWith('.partial');
  await Promise.all(names.filter(mine).map((n) => fs.rm(path.join(dir, n), { force: true })));
}
