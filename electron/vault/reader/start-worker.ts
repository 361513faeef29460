/**
 * Starts a worker thread from its entry: a bundled .js file directly; the .ts source (tests, tsx,
 * Playwright) through a bootstrap that registers tsx's loader inside the worker first (on Node 20,
 * `execArgv: ['--import', 'tsx']` does not reach a worker's entry module). The same way as the print
 * worker (electron/print/print-worker-host.ts).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startWorker(url: URL | string, options: WorkerOptions): Worker {
  const href = String(url);
  if (!href.endsWith('.ts')) return new Worker(url, options);
  // The ESM build of tsx's API (require.resolve finds the CommonJS one, which fails inside eval).
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = href.startsWith('file:') ? href : pathToFileURL(href).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
