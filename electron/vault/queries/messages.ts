/** Messages. Sent and received messages are immutable; only the read flag changes. */
import type { VaultDb } from '../database';
import type { MessageRecord } from '../records';

type MessageRow = { id: number; case_id: number; thread_id: number; server_id: string; direction: MessageRecord['direction']; server_received_at: string; from_name: string; subject: string; body: string; read: number };
const COLUMNS = 'id, case_id, thread_id, server_id, direction, server_received_at, from_name, subject, body, read';
const toMessage = (r: MessageRow): MessageRecord => ({
  id: r.id, caseId: r.case_id, threadId: r.thread_id, serverId: r.server_id, direction: r.direction,
  serverReceivedAt: r.server_received_at, from: r.from_name, subject: r.subject, body: r.body, read: r.read === 1,
});

/** Inserts unless the server id is already stored (sync retries); returns the row id either way. */
export function insertMessage(db: VaultDb, caseId: number, m: Omit<MessageRecord, 'id' | 'caseId'>): { id: number; inserted: boolean } {
  const r = db.prepare(`INSERT INTO messages (case_id, thread_id, server_id, direction, server_received_at, from_name, subject, body, read)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(server_id) DO NOTHING`)
    .run(caseId, m.threadId, m.serverId, m.direction, m.serverReceivedAt, m.from, m.subject, m.body, m.read ? 1 : 0);
  if (r.changes === 1) return { id: Number(r.lastInsertRowid), inserted: true };
  return { id: (db.prepare('SELECT id FROM messages WHERE server_id = ?').get(m.serverId) as { id: number }).id, inserted: false };
}

export function getMessage(db: VaultDb, id: number): MessageRecord | undefined {
  const r = db.prepare(`SELECT ${COLUMNS} FROM messages WHERE id = ?`).get(id) as MessageRow | undefined;
  return r && toMessage(r);
}

export function findMessageIdByServerId(db: VaultDb, serverId: string): number | undefined {
  return (db.prepare('SELECT id FROM messages WHERE server_id = ?').get(serverId) as { id: number } | undefined)?.id;
}

/** Opening a case: all its messages, oldest first (one indexed range scan). */
export function listCaseMessages(db: VaultDb, caseId: number): MessageRecord[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM messages WHERE case_id = ? ORDER BY server_received_at, id`).all(caseId) as MessageRow[]).map(toMessage);
}

export function listThreadMessages(db: VaultDb, threadId: number): MessageRecord[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM messages WHERE thread_id = ? ORDER BY server_received_at, id`).all(threadId) as MessageRow[]).map(toMessage);
}

export function setMessageRead(db: VaultDb, id: number, read: boolean): boolean {
  return db.prepare('UPDATE messages SET read = ? WHERE id = ?').run(read ? 1 : 0, id).changes === 1;
}

/** "Mark all read": every unread inbound message of the case, in one UPDATE; returns how many changed. */
export function markCaseRead(db: VaultDb, caseId: number): number {
  return db.prepare(`UPDATE messages SET read = 1 WHERE case_id = ? AND direction = 'inbound' AND read = 0`).run(caseId).changes;
}
