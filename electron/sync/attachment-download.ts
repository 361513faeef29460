/**
 * Attachment downloads, streamed into the vault in constant memory. One resilient AsyncIterable
 * delivers the file's bytes in order; when the connection drops mid-file it reconnects with
 * `Range: bytes=<delivered>-` and `If-Range: <ETag>`, so the vault's writer sees one continuous
 * stream. The vault checks the SHA-256 (from the server's X-Content-SHA256 header, which must agree
 * with the change feed) before it keeps anything: a mismatch stores nothing and is reported.
 * No more than the announced size is ever taken: the first byte beyond it stops the transfer.
 *
 * One bad file never stalls the rest: a file the server keeps failing is retried a bounded number of
 * times with backoff, then marked `failed` with its code, and the run goes on to the next file. Only
 * failures that every file would share (offline, timeouts, sign-in) stop the run. A failure that may
 * pass (a server error) is tried again in later runs, up to a total number of tries.
 */
import type { z } from 'zod';
import { checkFileName } from '../../shared/blocked-extensions';
import { isAppError, type AppError } from '../../shared/errors';
import type { SyncStatusViewSchema } from '../../shared/ipc/sync-schemas';
import type { RemoteAttachmentRecord, Vault } from '../vault';
import { backoffDelay, sleep, type BackoffOptions } from './backoff';
import type { ServerClient } from './server-client';
import { isTransient, needsSignIn, syncErrors, toAppError } from './sync-errors';

export interface DownloadOptions {
  signal?: AbortSignal;
  /** Reconnects allowed in a row without receiving a byte. */
  maxReconnects?: number;
  backoff?: BackoffOptions;
  /** No byte for this long counts as a dropped connection (ms). */
  idleTimeoutMs?: number;
  onReconnect?: (info: { serverAttachmentId: string; delivered: number }) => void;
  /** Tries per file in one run for a failure of that file alone (server error, bad answer), then `failed`. */
  maxFileAttempts?: number;
  /**
   * Tries per file over all runs: a file `failed` for a reason that may pass (a server error, a bad
   * answer) is tried again at the start of each run until it has had this many.
   */
  maxTotalFileAttempts?: number;
}

/** Failures of the connection itself, worth a reconnect from the last delivered byte. */
const RECONNECTABLE = new Set(['E_OFFLINE', 'E_TIMEOUT', 'E_SERVICE_UNAVAILABLE', 'E_RATE_LIMITED']);

/** Bytes of an attachment as one stream, reconnecting from the last delivered byte after a drop. */
export async function* resilientDownload(client: ServerClient, attachmentId: string, expected: { size: number; sha256: string },
  options: DownloadOptions = {}): AsyncGenerator<Uint8Array> {
  let delivered = 0;
  let etag: string | undefined;
  let stalls = 0;
  const maxReconnects = options.maxReconnects ?? 8;
  const idleMs = options.idleTimeoutMs ?? 60_000;
  for (;;) {
    const resuming = delivered > 0;
    const watchdog = new AbortController();
    const onAbort = () => watchdog.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let idleTimer: NodeJS.Timeout | undefined;
    const arm = () => { clearTimeout(idleTimer); idleTimer = setTimeout(() => watchdog.abort(), idleMs); };
    try {
      const response = await client.stream('downloadAttachment', {
        params: { attachmentId }, signal: watchdog.signal,
        headers: resuming ? { range: `bytes=${delivered}-`, ...(etag ? { 'if-range': etag } : {}) } : {},
      });
      const headerSha = response.headers.get('x-content-sha256')?.toLowerCase();
      if (headerSha !== expected.sha256) {
        await response.cancel();
        throw syncErrors.checksumMismatch(expected.sha256, headerSha ?? 'none');
      }
      if (resuming) {
        const range = /^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '');
        // A 200 means the file changed (If-Range failed): the bytes already delivered cannot be taken back.
        if (response.status !== 206 || Number(range?.[1]) !== delivered) {
          await response.cancel();
          throw syncErrors.downloadChanged();
        }
      } else {
        etag = response.headers.get('etag') ?? undefined;
      }
      const length = response.headers.get('content-length');
      if (length !== null && Number(length) > expected.size - delivered) {
        await response.cancel();
        throw syncErrors.downloadLargerThanAnnounced(expected.size);
      }
      arm();
      for await (const chunk of response.body) {
        arm();
        // Stop at the first byte beyond the announced size; leaving the loop cancels the body.
        if (delivered + chunk.byteLength > expected.size) throw syncErrors.downloadLargerThanAnnounced(expected.size);
        delivered += chunk.byteLength;
        stalls = 0;
        yield chunk;
      }
      if (delivered >= expected.size) return;
      throw syncErrors.offline('download ended early');
    } catch (err) {
      if (options.signal?.aborted) throw syncErrors.cancelled();
      const e = isAppError(err) && err.code === 'E_CANCELLED' ? syncErrors.offline('idle timeout') : toAppError(err);
      // Reconnect here only when the connection failed; an error the server answered for this file goes
      // back to downloadPending, which retries the file a bounded number of times.
      if (!isTransient(e) || !RECONNECTABLE.has(e.code) || stalls >= maxReconnects) throw e;
      stalls += 1;
      options.onReconnect?.({ serverAttachmentId: attachmentId, delivered });
      await sleep(backoffDelay(stalls, { baseMs: 250, maxMs: 10_000, ...options.backoff }), options.signal);
    } finally {
      clearTimeout(idleTimer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }
}

export interface DownloadReport {
  stored: number;
  /** Failed in this run (checksum mismatch, gone from the server, more bytes than announced, a server error on every try); only those that may pass are tried again, in later runs (requeueRetryableFailures). */
  failed: Array<{ serverAttachmentId: string; messageId: number; code: string }>;
}

/** Codes that mark an attachment failed instead of leaving it pending for the next sync. */
const PERMANENT = new Set(['E_HASH_MISMATCH', 'E_NOT_FOUND', 'E_FORBIDDEN', 'E_TOO_LARGE', 'E_DOWNLOAD_LARGER_THAN_ANNOUNCED']);

/**
 * Failures every file would share (the server out of reach, throttling, sign-in, a full disk): stop the
 * run, the engine backs off. The file stays pending, so it downloads once the cause has passed.
 */
const SHARED = new Set(['E_OFFLINE', 'E_TIMEOUT', 'E_SERVICE_UNAVAILABLE', 'E_RATE_LIMITED', 'E_REDIRECT_REFUSED', 'E_LOCKED', 'E_CANCELLED', 'E_DISK_FULL']);

function sharedFailure(e: AppError): boolean {
  return SHARED.has(e.code) || needsSignIn(e);
}

const DEFAULT_FILE_ATTEMPTS = 3;
/** Five runs of three tries: a server error that lasts longer is the employee's to retry (or IT's to fix). */
export const DEFAULT_TOTAL_FILE_ATTEMPTS = 15;

/** Passes the bytes through, telling `onBytes` how many went by (progress). */
async function* counted(source: AsyncIterable<Uint8Array>, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    onBytes(chunk.byteLength);
    yield chunk;
  }
}

/** Downloads one announced attachment into the vault. Throws transient errors (the engine retries). */
export async function downloadAttachment(vault: Vault, client: ServerClient, remote: RemoteAttachmentRecord, options: DownloadOptions = {},
  onBytes?: (n: number) => void): Promise<number> {
  // A crash between the vault's commit and the state update leaves a stored copy: reuse it.
  const existing = vault.listAttachments(remote.messageId).find((a) => a.sha256 === remote.sha256 && a.fileName === remote.fileName);
  if (existing) {
    vault.sync.setRemoteAttachmentState({ serverAttachmentId: remote.serverAttachmentId, state: 'stored', attachmentId: existing.id });
    return existing.id;
  }
  try {
    const record = await vault.addAttachment(
      { messageId: remote.messageId, fileName: remote.fileName, declaredType: remote.contentType, expectedSha256: remote.sha256, maxBytes: remote.size },
      onBytes ? counted(resilientDownload(client, remote.serverAttachmentId, remote, options), onBytes)
        : resilientDownload(client, remote.serverAttachmentId, remote, options),
    );
    vault.sync.setRemoteAttachmentState({ serverAttachmentId: remote.serverAttachmentId, state: 'stored', attachmentId: record.id, attempt: true });
    return record.id;
  } catch (err) {
    const e = toAppError(err);
    if (e.code === 'E_LOCKED' || e.code === 'E_CANCELLED') throw e;
    if (e.code === 'E_DISK_FULL') {
      // The disk, not the file: it stays pending and this does not count as one of its tries.
      vault.sync.setRemoteAttachmentState({ serverAttachmentId: remote.serverAttachmentId, state: 'pending', lastErrorCode: e.code });
      throw e;
    }
    const permanent = PERMANENT.has(e.code);
    vault.sync.setRemoteAttachmentState({ serverAttachmentId: remote.serverAttachmentId, state: permanent ? 'failed' : 'pending', lastErrorCode: e.code, attempt: true });
    throw e;
  }
}

/** How far one run of downloadPending has got. */
export type DownloadProgress = NonNullable<z.infer<typeof SyncStatusViewSchema.shape.progress>>;

export interface DownloadHooks {
  /** After every chunk, and at each file's end (`fileEnded`); the caller throttles what it shows. */
  onProgress?: (progress: DownloadProgress, fileEnded: boolean) => void;
  /** A file was stored, or failed for good (a failure every file would share leaves it pending and stops the run). */
  onFileDone?: (remote: RemoteAttachmentRecord, outcome: 'stored' | 'failed') => void;
}

/**
 * Names recorded as blocked by an older, stricter rule (every inner dot-segment counted, so
 * `chase.com.pdf` was refused) are judged again by today's check and downloaded if they pass.
 */
function requeueNoLongerBlocked(vault: Vault): void {
  for (const r of vault.sync.listRemoteAttachments({ state: 'blocked' })) {
    if (!checkFileName(r.fileName).blocked) vault.sync.setRemoteAttachmentState({ serverAttachmentId: r.serverAttachmentId, state: 'pending' });
  }
}

/**
 * A server-wide error (every file answered 500) fails the first file of a run after its tries, and the
 * run stops at the next: without this, each outage would fail one more file for good. So a file failed
 * for a reason that may pass is pending again at the next run, until it has been tried
 * `maxTotalFileAttempts` times. A permanent failure (checksum, more bytes than announced, gone or
 * refused) stays failed; a row failed with no code is of unknown cause and stays too.
 */
function requeueRetryableFailures(vault: Vault, maxTotalFileAttempts: number): void {
  for (const r of vault.sync.listRemoteAttachments({ state: 'failed' })) {
    if (r.lastErrorCode === null || PERMANENT.has(r.lastErrorCode) || r.attempts >= maxTotalFileAttempts) continue;
    vault.sync.setRemoteAttachmentState({ serverAttachmentId: r.serverAttachmentId, state: 'pending', lastErrorCode: r.lastErrorCode });
  }
}

/**
 * Downloads every pending attachment, the least-tried first (a file that keeps cutting the connection
 * moves behind the others), oldest first among equals. A file's own failure is retried with backoff up
 * to `maxFileAttempts`, then marked failed with its code; failures every file would share stop the run.
 */
export async function downloadPending(vault: Vault, client: ServerClient, options: DownloadOptions = {}, hooks: DownloadHooks = {}): Promise<DownloadReport> {
  const report: DownloadReport = { stored: 0, failed: [] };
  requeueNoLongerBlocked(vault);
  requeueRetryableFailures(vault, options.maxTotalFileAttempts ?? DEFAULT_TOTAL_FILE_ATTEMPTS);
  const pending = vault.sync.listRemoteAttachments({ state: 'pending' }).sort((a, b) => a.attempts - b.attempts);
  const progress: DownloadProgress = { filesDone: 0, filesTotal: pending.length, bytesDone: 0, bytesTotal: pending.reduce((n, r) => n + r.size, 0) };
  const maxAttempts = Math.max(1, options.maxFileAttempts ?? DEFAULT_FILE_ATTEMPTS);
  let finishedBytes = 0;
  let gaveUpWith: string | undefined;
  for (const remote of pending) {
    let outcome: 'stored' | 'failed' | undefined;
    for (let attempt = 1; outcome === undefined; attempt++) {
      let received = 0;
      const onBytes = hooks.onProgress && ((n: number) => {
        received += n;
        progress.bytesDone = finishedBytes + Math.min(received, remote.size);
        hooks.onProgress?.({ ...progress }, false);
      });
      try {
        await downloadAttachment(vault, client, remote, options, onBytes);
        report.stored += 1;
        outcome = 'stored';
      } catch (err) {
        const e = toAppError(err);
        if (sharedFailure(e)) throw e;
        // The previous file gave up with this same error and nothing was stored yet: the server, not the files.
        if (attempt === 1 && !PERMANENT.has(e.code) && report.stored === 0 && gaveUpWith === e.code) throw e;
        if (PERMANENT.has(e.code) || attempt >= maxAttempts) {
          gaveUpWith = e.code;
          if (!PERMANENT.has(e.code)) vault.sync.setRemoteAttachmentState({ serverAttachmentId: remote.serverAttachmentId, state: 'failed', lastErrorCode: e.code });
          report.failed.push({ serverAttachmentId: remote.serverAttachmentId, messageId: remote.messageId, code: e.code });
          outcome = 'failed';
        } else {
          await sleep(backoffDelay(attempt, { baseMs: 1_000, maxMs: 30_000, ...options.backoff }), options.signal);
          if (options.signal?.aborted) throw syncErrors.cancelled();
        }
      }
    }
    finishedBytes += remote.size;
    progress.filesDone += 1;
    progress.bytesDone = finishedBytes;
    hooks.onProgress?.({ ...progress }, true);
    hooks.onFileDone?.(remote, outcome);
  }
  return report;
}
