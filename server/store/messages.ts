/** Messages and their attachments. Rows are only ever inserted: a sent message never changes. */
import type { Attachment, Message } from '../../shared/protocol/cases';
import type { Db } from '../db/open-database';
import { stmt } from '../db/statement-cache';
import { CASE_VISIBLE } from './visibility';

interface MessageRow {
  id: string; case_id: string; thread_id: string; sender_id: string; direction: Message['direction'];
  body: string; received_at: string; total_bytes: number; sender_role: Message['sender']['role']; sender_name: string;
}
interface AttachmentRow { id: string; message_id: string; position: number; file_name: string; content_type: string; size: number; sha256: string }

const MESSAGE_SELECT = `SELECT m.*, a.role AS sender_role, a.display_name AS sender_name FROM messages m JOIN accounts a ON a.id = m.sender_id`;

const toAttachment = (r: AttachmentRow): Attachment => ({
  id: r.id, messageId: r.message_id, fileName: r.file_name, contentType: r.content_type, size: r.size, sha256: r.sha256,
});

function toMessage(db: Db, r: MessageRow): Message {
  const attachments = stmt(db, 'SELECT * FROM attachments WHERE message_id = ? ORDER BY position').all(r.id) as AttachmentRow[];
  return {
    id: r.id, caseId: r.case_id, threadId: r.thread_id,
    sender: { accountId: r.sender_id, role: r.sender_role, displayName: r.sender_name },
    direction: r.direction, body: r.body, receivedAt: r.received_at, attachments: attachments.map(toAttachment), totalBytes: r.total_bytes,
  };
}

export function listMessages(db: Db, threadId: string): Message[] {
  return (stmt(db, `${MESSAGE_SELECT} WHERE m.thread_id = ? ORDER BY m.received_at, m.rowid`).all(threadId) as MessageRow[]).map((r) => toMessage(db, r));
}

export function findVisibleMessage(db: Db, account: string, messageId: string): Message | undefined {
  const row = stmt(db, `${MESSAGE_SELECT} JOIN cases c ON c.id = m.case_id WHERE m.id = @messageId AND ${CASE_VISIBLE}`)
    .get({ account, messageId }) as MessageRow | undefined;
  return row && toMessage(db, row);
}

export function findVisibleAttachment(db: Db, account: string, attachmentId: string): Attachment | undefined {
  const row = stmt(db, `SELECT at.* FROM attachments at JOIN messages m ON m.id = at.message_id JOIN cases c ON c.id = m.case_id
    WHERE at.id = @attachmentId AND ${CASE_VISIBLE}`).get({ account, attachmentId }) as AttachmentRow | undefined;
  return row && toAttachment(row);
}

export interface NewMessage {
  id: string; caseId: string; threadId: string; senderId: string; direction: Message['direction']; body: string; receivedAt: string;
  attachments: Array<{ id: string; fileName: string; contentType: string; size: number; sha256: string }>;
}

export function insertMessage(db: Db, m: NewMessage): Message {
  const total = m.attachments.reduce((s, a) => s + a.size, 0);
  stmt(db, `INSERT INTO messages (id, case_id, thread_id, sender_id, direction, body, received_at, total_bytes)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(m.id, m.caseId, m.threadId, m.senderId, m.direction, m.body, m.receivedAt, total);
  const ins = stmt(db, `INSERT INTO attachments (id, message_id, position, file_name, content_type, size, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  m.attachments.forEach((a, i) => ins.run(a.id, m.id, i, a.fileName, a.contentType, a.size, a.sha256));
  return toMessage(db, stmt(db, `${MESSAGE_SELECT} WHERE m.id = ?`).get(m.id) as MessageRow);
}
