/** Sync state: server case links, announced attachments and their download state, secrets, outbox files. */
import type { VaultDb } from '../database';
import type { OutboxAttachmentRecord, RemoteAttachmentRecord, RemoteAttachmentState } from '../sync-records';
import type { ThreadRecord } from '../records';

export function linkServerCase(db: VaultDb, serverCaseId: string, caseId: number): void {
  db.prepare('INSERT INTO sync_case_links (server_case_id, case_id) VALUES (?, ?) ON CONFLICT(server_case_id) DO NOTHING').run(serverCaseId, caseId);
}

export function caseIdForServerCase(db: VaultDb, serverCaseId: string): number | undefined {
  return (db.prepare('SELECT case_id FROM sync_case_links WHERE server_case_id = ?').get(serverCaseId) as { case_id: number } | undefined)?.case_id;
}

export function serverCaseIdFor(db: VaultDb, caseId: number): string | undefined {
  return (db.prepare('SELECT server_case_id FROM sync_case_links WHERE case_id = ?').get(caseId) as { server_case_id: string } | undefined)?.server_case_id;
}

const THREAD_COLUMNS = 'id, case_id AS caseId, server_thread_id AS serverThreadId, subject, created_at AS createdAt';

export function threadByServerId(db: VaultDb, serverThreadId: string): ThreadRecord | undefined {
  return db.prepare(`SELECT ${THREAD_COLUMNS} FROM threads WHERE server_thread_id = ?`).get(serverThreadId) as ThreadRecord | undefined;
}

export function threadById(db: VaultDb, id: number): ThreadRecord | undefined {
  return db.prepare(`SELECT ${THREAD_COLUMNS} FROM threads WHERE id = ?`).get(id) as ThreadRecord | undefined;
}

const REMOTE_COLUMNS = `server_attachment_id AS serverAttachmentId, case_id AS caseId, message_id AS messageId, file_name AS fileName,
  content_type AS contentType, size, sha256, state, attachment_id AS attachmentId, attempts, last_error_code AS lastErrorCode`;

/** Returns true when the row is new (an event delivered twice changes nothing). */
export function insertRemoteAttachment(db: VaultDb, a: Omit<RemoteAttachmentRecord, 'attachmentId' | 'attempts' | 'lastErrorCode'>): boolean {
  return db.prepare(`INSERT INTO sync_remote_attachments (server_attachment_id, case_id, message_id, file_name, content_type, size, sha256, state)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(server_attachment_id) DO NOTHING`)
    .run(a.serverAttachmentId, a.caseId, a.messageId, a.fileName, a.contentType, a.size, a.sha256, a.state).changes === 1;
}

export function getRemoteAttachment(db: VaultDb, serverAttachmentId: string): RemoteAttachmentRecord | undefined {
  return db.prepare(`SELECT ${REMOTE_COLUMNS} FROM sync_remote_attachments WHERE server_attachment_id = ?`).get(serverAttachmentId) as RemoteAttachmentRecord | undefined;
}

export function listRemoteAttachments(db: VaultDb, filter: { state?: RemoteAttachmentState | undefined; messageId?: number | undefined }): RemoteAttachmentRecord[] {
  const where: string[] = [];
  const args: Array<string | number> = [];
  if (filter.state !== undefined) { where.push('state = ?'); args.push(filter.state); }
  if (filter.messageId !== undefined) { where.push('message_id = ?'); args.push(filter.messageId); }
  return db.prepare(`SELECT ${REMOTE_COLUMNS} FROM sync_remote_attachments ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY rowid`)
    .all(...args) as RemoteAttachmentRecord[];
}

/** Announced files per download state, counted in SQL over the state index (the sync status shows counts, never the rows). */
export function countRemoteAttachmentsByState(db: VaultDb): Record<RemoteAttachmentState, number> {
  const counts: Record<RemoteAttachmentState, number> = { pending: 0, stored: 0, blocked: 0, failed: 0 };
  for (const [state, n] of db.prepare('SELECT state, count(*) FROM sync_remote_attachments GROUP BY state').raw(true).all() as Array<[RemoteAttachmentState, number]>) {
    counts[state] = n;
  }
  return counts;
}

/**
 * Outbox messages still to send (queued or sending) and failed ones, counted in SQL; failed rows with
 * `heldBackCode` (held back while their files are copied in) are not failures to show.
 */
export function countOutboxBacklog(db: VaultDb, heldBackCode: string): { queued: number; failed: number } {
  const row = db.prepare(`SELECT
      count(*) FILTER (WHERE state IN ('queued', 'sending')),
      count(*) FILTER (WHERE state = 'failed' AND last_error_code IS NOT ?)
    FROM outbox WHERE state IN ('queued', 'sending', 'failed')`).raw(true).get(heldBackCode) as [number, number];
  return { queued: row[0], failed: row[1] };
}

export function setRemoteAttachmentState(db: VaultDb, serverAttachmentId: string, state: RemoteAttachmentState, attachmentId: number | null, lastErrorCode: string | null, countAttempt: boolean): boolean {
  return db.prepare(`UPDATE sync_remote_attachments SET state = ?, attachment_id = coalesce(?, attachment_id), last_error_code = ?,
    attempts = attempts + ? WHERE server_attachment_id = ?`).run(state, attachmentId, lastErrorCode, countAttempt ? 1 : 0, serverAttachmentId).changes === 1;
}

export function getSecret(db: VaultDb, name: string): string | undefined {
  return (db.prepare('SELECT value FROM sync_secrets WHERE name = ?').get(name) as { value: string } | undefined)?.value;
}

export function setSecret(db: VaultDb, name: string, value: string | null, now: string): void {
  if (value === null) db.prepare('DELETE FROM sync_secrets WHERE name = ?').run(name);
  else db.prepare(`INSERT INTO sync_secrets (name, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`).run(name, value, now);
}

const OUTBOX_FILE_COLUMNS = `id, outbox_id AS outboxId, case_id AS caseId, file_name AS fileName, declared_type AS declaredType,
  detected_type AS detectedType, size, sha256, blob_ref AS blobRef, upload_id AS uploadId`;

export function insertOutboxAttachment(db: VaultDb, a: Omit<OutboxAttachmentRecord, 'id' | 'uploadId'>): number {
  return Number(db.prepare(`INSERT INTO outbox_attachments (outbox_id, case_id, file_name, declared_type, detected_type, size, sha256, blob_ref)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(a.outboxId, a.caseId, a.fileName, a.declaredType, a.detectedType, a.size, a.sha256, a.blobRef).lastInsertRowid);
}

export function listOutboxAttachments(db: VaultDb, outboxId: number): OutboxAttachmentRecord[] {
  return db.prepare(`SELECT ${OUTBOX_FILE_COLUMNS} FROM outbox_attachments WHERE outbox_id = ? ORDER BY id`).all(outboxId) as OutboxAttachmentRecord[];
}

export function getOutboxAttachment(db: VaultDb, id: number): OutboxAttachmentRecord | undefined {
  return db.prepare(`SELECT ${OUTBOX_FILE_COLUMNS} FROM outbox_attachments WHERE id = ?`).get(id) as OutboxAttachmentRecord | undefined;
}

export function setOutboxAttachmentUpload(db: VaultDb, id: number, uploadId: string): boolean {
  return db.prepare('UPDATE outbox_attachments SET upload_id = ? WHERE id = ?').run(uploadId, id).changes === 1;
}

export function deleteOutboxAttachment(db: VaultDb, id: number): void {
  db.prepare('DELETE FROM outbox_attachments WHERE id = ?').run(id);
}

export function deleteOutboxItem(db: VaultDb, outboxId: number): void {
  db.prepare('DELETE FROM outbox WHERE id = ?').run(outboxId);
}
