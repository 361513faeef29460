/**
 * Resumable upload of one queued reply file (the server's offset protocol, shared/protocol/uploads.ts):
 * create the upload once (the Idempotency-Key is derived from the reply's stored key, so a retry after
 * a lost response gets the same upload back), then PATCH from the offset the server holds, reading
 * the encrypted copy in the vault from that offset. After a drop, GET tells the offset to resume from;
 * E_UPLOAD_BUSY right after a drop means the server is still closing the old transfer: wait and retry.
 */
import type { Upload } from '../../shared/protocol/uploads';
import type { OutboxAttachmentRecord, Vault } from '../vault';
import { backoffDelay, sleep, type BackoffOptions } from './backoff';
import type { ServerClient } from './server-client';
import { isTransient, toAppError } from './sync-errors';

export interface UploadOptions {
  signal?: AbortSignal;
  /** Attempts in a row without progress before giving up for this sync run. */
  maxStalls?: number;
  backoff?: BackoffOptions;
}

/** The Idempotency-Key of file `index` of a reply: stable across restarts, distinct per file. */
export const uploadKeyFor = (clientMessageId: string, index: number) => `${clientMessageId}.file-${index}`;

export async function uploadOutboxFile(vault: Vault, client: ServerClient, file: OutboxAttachmentRecord,
  target: { serverCaseId: string; idempotencyKey: string }, options: UploadOptions = {}): Promise<Upload> {
  const signal = options.signal ? { signal: options.signal } : {};
  let uploadId = file.uploadId;
  if (uploadId === null) {
    const created = await client.call('createUpload', {
      body: { caseId: target.serverCaseId, fileName: file.fileName, size: file.size, contentType: file.declaredType },
      idempotencyKey: target.idempotencyKey, ...signal,
    });
    uploadId = created.id;
    vault.sync.setOutboxAttachmentUpload(file.id, uploadId);
  }
  let stalls = 0;
  let lastOffset = -1;
  for (;;) {
    const state = await client.call('getUpload', { params: { uploadId }, ...signal });
    if (state.state !== 'receiving') return state;
    if (state.offset > lastOffset) stalls = 0;
    lastOffset = state.offset;
    const reader = await vault.sync.openOutboxAttachment(file.id);
    try {
      const result = await client.call('appendUpload', {
        params: { uploadId }, headers: { 'upload-offset': String(state.offset) },
        rawBody: () => reader.range(state.offset, file.size),
        // A large file takes as long as the link needs; the long timeout only catches a dead server.
        timeoutMs: 10 * 60_000, ...signal,
      });
      if (result.state !== 'receiving') return result;
    } catch (err) {
      const e = toAppError(err);
      if (!isTransient(e) || stalls >= (options.maxStalls ?? 5)) throw e;
      stalls += 1;
      await sleep(backoffDelay(stalls, { baseMs: 200, maxMs: 5_000, ...options.backoff }, undefined), options.signal);
    } finally {
      await reader.close();
    }
  }
}
