/** Drafts (kept across an idle lock) and the outbox of messages waiting to be sent. */
import type { VaultDb } from '../database';
import type { DraftRecord, OutboxRecord } from '../records';

export function saveDraft(db: VaultDb, d: { id?: number | undefined; caseId: number; threadId: number | null; subject: string; body: string }, now: string): number | undefined {
  if (d.id !== undefined) {
    const r = db.prepare('UPDATE drafts SET thread_id = ?, subject = ?, body = ?, updated_at = ? WHERE id = ? AND case_id = ?')
      .run(d.threadId, d.subject, d.body, now, d.id, d.caseId);
    return r.changes === 1 ? d.id : undefined;
  }
  return Number(db.prepare('INSERT INTO drafts (case_id, thread_id, subject, body, updated_at) VALUES (?, ?, ?, ?, ?)')
    .run(d.caseId, d.threadId, d.subject, d.body, now).lastInsertRowid);
}

export function listDrafts(db: VaultDb, caseId: number): DraftRecord[] {
  return db.prepare(`SELECT id, case_id AS caseId, thread_id AS threadId, subject, body, updated_at AS updatedAt
    FROM drafts WHERE case_id = ? ORDER BY updated_at DESC, id DESC`).all(caseId) as DraftRecord[];
}

export function deleteDraft(db: VaultDb, id: number): boolean {
  return db.prepare('DELETE FROM drafts WHERE id = ?').run(id).changes === 1;
}

const OUTBOX_COLUMNS = `id, case_id AS caseId, thread_id AS threadId, client_message_id AS clientMessageId, subject, body, state,
  attempts, last_error_code AS lastErrorCode, created_at AS createdAt, updated_at AS updatedAt`;

/** Idempotent on the client message id. */
export function enqueueOutbox(db: VaultDb, o: Omit<OutboxRecord, 'id' | 'state' | 'attempts' | 'lastErrorCode' | 'createdAt' | 'updatedAt'>, now: string): number {
  db.prepare(`INSERT INTO outbox (case_id, thread_id, client_message_id, subject, body, state, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 'queued', ?, ?) ON CONFLICT(client_message_id) DO NOTHING`)
    .run(o.caseId, o.threadId, o.clientMessageId, o.subject, o.body, now, now);
  return (db.prepare('SELECT id FROM outbox WHERE client_message_id = ?').get(o.clientMessageId) as { id: number }).id;
}

export function listOutbox(db: VaultDb, state?: OutboxRecord['state']): OutboxRecord[] {
  return state === undefined
    ? db.prepare(`SELECT ${OUTBOX_COLUMNS} FROM outbox ORDER BY id`).all() as OutboxRecord[]
    : db.prepare(`SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE state = ? ORDER BY id`).all(state) as OutboxRecord[];
}

export function getOutbox(db: VaultDb, id: number): OutboxRecord | undefined {
  return db.prepare(`SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE id = ?`).get(id) as OutboxRecord | undefined;
}

/** A move to 'sending' counts an attempt. */
export function updateOutbox(db: VaultDb, id: number, state: OutboxRecord['state'], lastErrorCode: string | null, now: string): boolean {
  return db.prepare(`UPDATE outbox SET state = ?, last_error_code = ?, updated_at = ?, attempts = attempts + (CASE WHEN ? = 'sending' THEN 1 ELSE 0 END) WHERE id = ?`)
    .run(state, lastErrorCode, now, state, id).changes === 1;
}

/** Only an item that has no thread yet (a new thread) gets one. */
export function setOutboxThread(db: VaultDb, id: number, threadId: number, now: string): boolean {
  return db.prepare('UPDATE outbox SET thread_id = ?, updated_at = ? WHERE id = ? AND thread_id IS NULL').run(threadId, now, id).changes === 1;
}

export function getSyncCursor(db: VaultDb, name: string): string | undefined {
  return (db.prepare('SELECT value FROM sync_cursors WHERE name = ?').get(name) as { value: string } | undefined)?.value;
}

export function setSyncCursor(db: VaultDb, name: string, value: string, now: string): void {
  db.prepare(`INSERT INTO sync_cursors (name, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`).run(name, value, now);
}
