/**
 * Drains the re-detection queue that migration 008 filled: each queued file is decrypted (only its
 * first and last bytes: the chunks they fall in), sniffed with the shared content sniffer, and its
 * `detected_type` updated in the same transaction that removes it from the queue (one per batch), so a
 * crash halfway leaves exactly the files not yet committed queued, and the next unlock carries on. A queued file
 * that is not yet uploaded also gets its declared (upload) type from its content, as new ones do.
 * A file whose blob is missing or tampered keeps its type and leaves the queue, so one damaged file
 * cannot hold up every unlock (opening it later reports the damage as it does today); any other
 * failure stops the run without failing the unlock, and the next unlock carries on.
 */
import { SNIFF_HEAD_BYTES, SNIFF_TAIL_BYTES, sniffContent } from '../../shared/content-type/sniff';
import { readRangeInto, type BlobReader } from './blob-reader';
import type { VaultDb } from './database';

export interface RedetectReport {
  /** Files sniffed again. */
  checked: number;
  /** Of those, files whose detected type changed. */
  changed: number;
  /** Files whose blob is missing or damaged; their type is left as it was. */
  unreadable: number;
  /** True when a failure stopped the run: the files not done stay queued for the next unlock. */
  deferred: boolean;
}

export interface RedetectDeps {
  db: Pick<VaultDb, 'prepare' | 'transaction'>;
  openAttachment(id: number): Promise<BlobReader>;
  openOutboxAttachment(id: number): Promise<BlobReader>;
}

interface QueuedFile {
  queueId: number;
  attachmentId: number | null;
  outboxAttachmentId: number | null;
  fileName: string;
  detectedType: string;
}

const BATCH = 100;

export async function redetectContentTypes(deps: RedetectDeps): Promise<RedetectReport> {
  const { db } = deps;
  const next = db.prepare(`
    SELECT q.id AS queueId, q.attachment_id AS attachmentId, q.outbox_attachment_id AS outboxAttachmentId,
      coalesce(a.file_name, o.file_name) AS fileName, coalesce(a.detected_type, o.detected_type) AS detectedType
    FROM content_redetect_queue q
    LEFT JOIN attachments a ON a.id = q.attachment_id
    LEFT JOIN outbox_attachments o ON o.id = q.outbox_attachment_id
    ORDER BY q.id LIMIT ${BATCH}`);
  const setAttachment = db.prepare('UPDATE attachments SET detected_type = ? WHERE id = ?');
  const setOutboxFile = db.prepare('UPDATE outbox_attachments SET detected_type = ?, declared_type = CASE WHEN upload_id IS NULL THEN ? ELSE declared_type END WHERE id = ?');
  const dequeue = db.prepare('DELETE FROM content_redetect_queue WHERE id = ?');
  // One commit per batch: with synchronous=FULL each commit is an fsync (~20 ms a file measured one
  // by one). A crash loses at most the batch in progress, which the next unlock does again.
  const commit = db.transaction((done: Array<{ file: QueuedFile; type: string | null }>) => {
    for (const { file, type } of done) {
      if (type !== null && file.attachmentId !== null) setAttachment.run(type, file.attachmentId);
      if (type !== null && file.outboxAttachmentId !== null) setOutboxFile.run(type, type, file.outboxAttachmentId);
      dequeue.run(file.queueId);
    }
  });

  const report: RedetectReport = { checked: 0, changed: 0, unreadable: 0, deferred: false };
  for (;;) {
    const batch = next.all() as QueuedFile[];
    if (batch.length === 0) return report;
    const done: Array<{ file: QueuedFile; type: string | null }> = [];
    for (const file of batch) {
      let type: string | null = null;
      try {
        const reader = await (file.attachmentId !== null ? deps.openAttachment(file.attachmentId) : deps.openOutboxAttachment(file.outboxAttachmentId!));
        try {
          const head = await readRangeInto(reader, 0, Math.min(reader.size, SNIFF_HEAD_BYTES));
          const tail = await readRangeInto(reader, Math.max(0, reader.size - SNIFF_TAIL_BYTES), reader.size);
          type = sniffContent(head, file.fileName, tail).mimeType;
        } finally {
          await reader.close();
        }
      } catch (err) {
        // Any other failure (out of file handles, a disk error) may pass: leave the rest for the next unlock.
        if ((err as { code?: string }).code !== 'E_BLOB_TAMPERED') {
          commit(done);
          return { ...report, deferred: true };
        }
        report.unreadable += 1;
      }
      done.push({ file, type });
      if (type !== null) {
        report.checked += 1;
        if (type !== file.detectedType) report.changed += 1;
      }
    }
    commit(done);
  }
}
