/**
 * Attachment downloads, streamed into the vault in constant memory. One resilient AsyncIterable
 * delivers the file's bytes in order; when the connection drops mid-file it reconnects with
 * `Range: bytes=<delivered>-` and `If-Range: <ETag>`, so the vault's writer sees one continuous
 * stream. The vault checks the SHA-256 (from the server's X-Content-SHA256 header, which must agree
 * with the change feed) before it keeps anything: a mismatch stores nothing and is reported.
 */
import type { z } from 'zod';
import { isAppError } from '../../shared/errors';
import type { SyncStatusViewSchema } from '../../shared/ipc/sync-schemas';
import type { RemoteAttachmentRecord, Vault } from '../vault';
import { backoffDelay, sleep, type BackoffOptions } from './backoff';
import type { ServerClient } from './server-client';
import { isTransient, syncErrors, toAppError } from './sync-errors';

export interface DownloadOptions {
  signal?: AbortSignal;
  /** Reconnects allowed in a row without receiving a byte. */
  maxReconnects?: number;
  backoff?: BackoffOptions;
  /** No byte for this long counts as a dropped connection (ms). */
  idleTimeoutMs?: number;
  onReconnect?: (info: { serverAttachmentId: string; delivered: number }) => void;
}

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
      arm();
      for await (const chunk of response.body) {
        arm();
        delivered += chunk.byteLength;
        stalls = 0;
        yield chunk;
      }
      if (delivered >= expected.size) return;
      throw syncErrors.offline('download ended early');
    } catch (err) {
      if (options.signal?.aborted) throw syncErrors.cancelled();
      const e = isAppError(err) && err.code === 'E_CANCELLED' ? syncErrors.offline('idle timeout') : toAppError(err);
      if (!isTransient(e) || e.code === 'E_DOWNLOAD_CHANGED' || stalls >= maxReconnects) throw e;
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
  /** Failed for good (checksum mismatch, gone from the server): reported, not retried automatically. */
  failed: Array<{ serverAttachmentId: string; messageId: number; code: string }>;
}

/** Codes that mark an attachment failed instead of leaving it pending for the next sync. */
const PERMANENT = new Set(['E_HASH_MISMATCH', 'E_NOT_FOUND', 'E_FORBIDDEN', 'E_TOO_LARGE']);

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
      { messageId: remote.messageId, fileName: remote.fileName, declaredType: remote.contentType, expectedSha256: remote.sha256 },
      onBytes ? counted(resilientDownload(client, remote.serverAttachmentId, remote, options), onBytes)
        : resilientDownload(client, remote.serverAttachmentId, remote, options),
    );
    vault.sync.setRemoteAttachmentState({ serverAttachmentId: remote.serverAttachmentId, state: 'stored', attachmentId: record.id, attempt: true });
    return record.id;
  } catch (err) {
    const e = toAppError(err);
    if (e.code === 'E_LOCKED' || e.code === 'E_CANCELLED') throw e;
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
  /** A file was stored, or failed for good (a transient failure leaves it pending and stops the run). */
  onFileDone?: (remote: RemoteAttachmentRecord, outcome: 'stored' | 'failed') => void;
}

/** Downloads every pending attachment, oldest first. Transient failures stop the run (retried with backoff). */
export async function downloadPending(vault: Vault, client: ServerClient, options: DownloadOptions = {}, hooks: DownloadHooks = {}): Promise<DownloadReport> {
  const report: DownloadReport = { stored: 0, failed: [] };
  const pending = vault.sync.listRemoteAttachments({ state: 'pending' });
  const progress: DownloadProgress = { filesDone: 0, filesTotal: pending.length, bytesDone: 0, bytesTotal: pending.reduce((n, r) => n + r.size, 0) };
  let finishedBytes = 0;
  for (const remote of pending) {
    let received = 0;
    const onBytes = hooks.onProgress && ((n: number) => {
      received += n;
      progress.bytesDone = finishedBytes + Math.min(received, remote.size);
      hooks.onProgress?.({ ...progress }, false);
    });
    let outcome: 'stored' | 'failed';
    try {
      await downloadAttachment(vault, client, remote, options, onBytes);
      report.stored += 1;
      outcome = 'stored';
    } catch (err) {
      const e = toAppError(err);
      if (!PERMANENT.has(e.code)) throw e;
      report.failed.push({ serverAttachmentId: remote.serverAttachmentId, messageId: remote.messageId, code: e.code });
      outcome = 'failed';
    }
    finishedBytes += remote.size;
    progress.filesDone += 1;
    progress.bytesDone = finishedBytes;
    hooks.onProgress?.({ ...progress }, true);
    hooks.onFileDone?.(remote, outcome);
  }
  return report;
}
