/** Upload records. Bytes live in <data>/uploads/<id>.part until a message adopts them. */
import type { Upload } from '../../shared/protocol/uploads';
import type { Db } from '../db/open-database';
import { stmt } from '../db/statement-cache';

export interface UploadRow {
  id: string; account_id: string; case_id: string; file_name: string; content_type: string; size: number;
  state: Upload['state']; sha256: string | null; created_at: string;
}

export const toUpload = (r: UploadRow, offset: number): Upload => ({
  id: r.id, caseId: r.case_id, fileName: r.file_name, contentType: r.content_type, size: r.size,
  offset, state: r.state, sha256: r.sha256, createdAt: r.created_at,
});

/** Uploads are private to the account that created them. */
export function findOwnUpload(db: Db, account: string, uploadId: string): UploadRow | undefined {
  return stmt(db, 'SELECT * FROM uploads WHERE id = ? AND account_id = ?').get(uploadId, account) as UploadRow | undefined;
}

export function insertUpload(db: Db, r: UploadRow): void {
  stmt(db, `INSERT INTO uploads (id, account_id, case_id, file_name, content_type, size, state, sha256, created_at)
    VALUES (@id, @account_id, @case_id, @file_name, @content_type, @size, @state, @sha256, @created_at)`).run(r);
}

export function completeUpload(db: Db, uploadId: string, sha256: string): void {
  stmt(db, `UPDATE uploads SET state = 'complete', sha256 = ? WHERE id = ? AND state = 'receiving'`).run(sha256, uploadId);
}

export function markUploadUsed(db: Db, uploadId: string): void {
  stmt(db, `UPDATE uploads SET state = 'used' WHERE id = ?`).run(uploadId);
}

export function deleteUploadRow(db: Db, uploadId: string): void {
  stmt(db, 'DELETE FROM uploads WHERE id = ?').run(uploadId);
}

/** What one account holds in uploads not yet sent (receiving or complete): for its quota. */
export function openUploadTotals(db: Db, account: string): { count: number; bytes: number } {
  const r = stmt(db, `SELECT COUNT(*) AS count, COALESCE(SUM(size), 0) AS bytes FROM uploads
    WHERE account_id = ? AND state IN ('receiving', 'complete')`).get(account) as { count: number; bytes: number };
  return { count: r.count, bytes: r.bytes };
}

/** Uploads no message adopted, created before the instant (ISO 8601): abandoned, for the sweep. */
export function listUploadsCreatedBefore(db: Db, before: string): string[] {
  return (stmt(db, `SELECT id FROM uploads WHERE state IN ('receiving', 'complete') AND created_at < ?`).all(before) as Array<{ id: string }>)
    .map((r) => r.id);
}

/** Deletes an upload no message adopted (a message may have taken it since it was listed: then not). */
export function deleteAbandonedUpload(db: Db, uploadId: string): boolean {
  return stmt(db, `DELETE FROM uploads WHERE id = ? AND state IN ('receiving', 'complete')`).run(uploadId).changes === 1;
}
