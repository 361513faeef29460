/** Participants and threads of a case. */
import type { VaultDb } from '../database';
import type { ParticipantRecord, ThreadRecord } from '../records';

export function upsertParticipant(db: VaultDb, p: Omit<ParticipantRecord, 'id'>): number {
  db.prepare(`INSERT INTO participants (case_id, server_contact_id, role, display_name) VALUES (?, ?, ?, ?)
    ON CONFLICT(case_id, server_contact_id) DO UPDATE SET role = excluded.role, display_name = excluded.display_name`)
    .run(p.caseId, p.serverContactId, p.role, p.displayName);
  return (db.prepare('SELECT id FROM participants WHERE case_id = ? AND server_contact_id = ?').get(p.caseId, p.serverContactId) as { id: number }).id;
}

export function listParticipants(db: VaultDb, caseId: number): ParticipantRecord[] {
  return db.prepare(`SELECT id, case_id AS caseId, server_contact_id AS serverContactId, role, display_name AS displayName
    FROM participants WHERE case_id = ? ORDER BY id`).all(caseId) as ParticipantRecord[];
}

/** Idempotent on the server's thread id: sync may deliver the same thread twice. */
export function upsertThread(db: VaultDb, t: Omit<ThreadRecord, 'id'>): number {
  db.prepare(`INSERT INTO threads (case_id, server_thread_id, subject, created_at) VALUES (?, ?, ?, ?)
    ON CONFLICT(server_thread_id) DO NOTHING`).run(t.caseId, t.serverThreadId, t.subject, t.createdAt);
  return (db.prepare('SELECT id FROM threads WHERE server_thread_id = ?').get(t.serverThreadId) as { id: number }).id;
}

export function getThread(db: VaultDb, id: number): ThreadRecord | undefined {
  return db.prepare(`SELECT id, case_id AS caseId, server_thread_id AS serverThreadId, subject, created_at AS createdAt
    FROM threads WHERE id = ?`).get(id) as ThreadRecord | undefined;
}

export function listThreads(db: VaultDb, caseId: number): ThreadRecord[] {
  return db.prepare(`SELECT id, case_id AS caseId, server_thread_id AS serverThreadId, subject, created_at AS createdAt
    FROM threads WHERE case_id = ? ORDER BY created_at, id`).all(caseId) as ThreadRecord[];
}
