/** Attachment rows; the bytes live in the blob store under `blob_ref`. */
import type { VaultDb } from '../database';
import type { AttachmentRecord } from '../records';

type AttachmentRow = { id: number; case_id: number; message_id: number; file_name: string; declared_type: string; detected_type: string; size: number; sha256: string; blob_ref: string; blocked: number; printed: number };
const COLUMNS = 'id, case_id, message_id, file_name, declared_type, detected_type, size, sha256, blob_ref, blocked, printed';
const toAttachment = (r: AttachmentRow): AttachmentRecord => ({
  id: r.id, caseId: r.case_id, messageId: r.message_id, fileName: r.file_name, declaredType: r.declared_type,
  detectedType: r.detected_type, size: r.size, sha256: r.sha256, blobRef: r.blob_ref, blocked: r.blocked === 1, printed: r.printed === 1,
});

export function insertAttachment(db: VaultDb, a: Omit<AttachmentRecord, 'id' | 'printed'>): number {
  return Number(db.prepare(`INSERT INTO attachments (case_id, message_id, file_name, declared_type, detected_type, size, sha256, blob_ref, blocked)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(a.caseId, a.messageId, a.fileName, a.declaredType, a.detectedType, a.size, a.sha256, a.blobRef, a.blocked ? 1 : 0).lastInsertRowid);
}

export function getAttachment(db: VaultDb, id: number): AttachmentRecord | undefined {
  const r = db.prepare(`SELECT ${COLUMNS} FROM attachments WHERE id = ?`).get(id) as AttachmentRow | undefined;
  return r && toAttachment(r);
}

export function listMessageAttachments(db: VaultDb, messageId: number): AttachmentRecord[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM attachments WHERE message_id = ? ORDER BY id`).all(messageId) as AttachmentRow[]).map(toAttachment);
}

/** Includes the files of queued replies (outbox_attachments), which live in the same blob store. */
export function listCaseBlobRefs(db: VaultDb, caseId: number): string[] {
  return (db.prepare('SELECT blob_ref FROM attachments WHERE case_id = ? UNION ALL SELECT blob_ref FROM outbox_attachments WHERE case_id = ?')
    .all(caseId, caseId) as Array<{ blob_ref: string }>).map((r) => r.blob_ref);
}

/** A blob is referenced by a received attachment or by a queued reply's file; anything else is an orphan. */
export function blobRefExists(db: VaultDb, blobRef: string): boolean {
  return db.prepare('SELECT 1 FROM attachments WHERE blob_ref = ? UNION ALL SELECT 1 FROM outbox_attachments WHERE blob_ref = ?')
    .get(blobRef, blobRef) !== undefined;
}

export function setAttachmentPrinted(db: VaultDb, id: number): boolean {
  return db.prepare('UPDATE attachments SET printed = 1 WHERE id = ?').run(id).changes === 1;
}
