/**
 * Expiry of abandoned uploads: an upload that no message adopted within `uploadExpiryMs` of its
 * creation is deleted with its `.part` file, so a client that announces files and walks away does not
 * hold disk (or its account's quota) forever. Uploads with bytes arriving right now are left alone.
 */
import fsp from 'node:fs/promises';
import type { ServerContext } from '../context';
import { deleteAbandonedUpload, listUploadsCreatedBefore } from '../store/uploads';

/** Sweeps once; answers how many uploads were removed. */
export async function sweepExpiredUploads(ctx: ServerContext, expiryMs: number, now = Date.now()): Promise<number> {
  const cutoff = new Date(now - expiryMs).toISOString();
  let removed = 0;
  for (const id of listUploadsCreatedBefore(ctx.db, cutoff)) {
    if (ctx.busyUploads.has(id) || !deleteAbandonedUpload(ctx.db, id)) continue;
    await fsp.rm(ctx.dir.upload(id), { force: true });
    removed++;
  }
  return removed;
}

/** Runs the sweep now and then every `intervalMs`; the returned function stops it (server close). */
export function startUploadSweep(ctx: ServerContext, expiryMs: number, intervalMs: number): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = running.then(() => sweepExpiredUploads(ctx, expiryMs)).catch((err: unknown) => {
      ctx.logWarning(`upload sweep failed: ${err instanceof Error ? err.message : String(err)}`);
    });
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return async () => { clearInterval(timer); await running; };
}
