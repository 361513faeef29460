/** Cases and their threads, read through the account's visibility. */
import type { Case, Participant, Thread } from '../../shared/protocol/cases';
import type { Db } from '../db/open-database';
import { stmt } from '../db/statement-cache';
import { CASE_VISIBLE } from './visibility';

export interface CaseRow {
  id: string; offer_number: string; offer_basis: Case['offerBasis']; status: Case['status'];
  taxpayer_account_id: string; taxpayer_name: string; tin: string; assigned_employee_id: string;
  created_at: string; updated_at: string;
}

export function maskTin(tin: string): string {
  return `***-**-${tin.replace(/\D/g, '').slice(-4).padStart(4, '0')}`;
}

function participant(db: Db, accountId: string): Participant {
  const row = stmt(db, 'SELECT id, role, display_name FROM accounts WHERE id = ?').get(accountId) as
    { id: string; role: Participant['role']; display_name: string };
  return { accountId: row.id, role: row.role, displayName: row.display_name };
}

export function toCase(db: Db, row: CaseRow): Case {
  const reps = stmt(db, 'SELECT account_id FROM case_representatives WHERE case_id = ? ORDER BY account_id').all(row.id) as { account_id: string }[];
  const employee = participant(db, row.assigned_employee_id);
  return {
    id: row.id, offerNumber: row.offer_number, offerBasis: row.offer_basis, status: row.status,
    taxpayerName: row.taxpayer_name, tinMasked: maskTin(row.tin), assignedEmployee: employee,
    participants: [employee, participant(db, row.taxpayer_account_id), ...reps.map((r) => participant(db, r.account_id))],
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export function listVisibleCases(db: Db, account: string): Case[] {
  const rows = stmt(db, `SELECT c.* FROM cases c WHERE ${CASE_VISIBLE} ORDER BY c.updated_at DESC, c.id`).all({ account }) as CaseRow[];
  return rows.map((r) => toCase(db, r));
}

export function findVisibleCase(db: Db, account: string, caseId: string): CaseRow | undefined {
  return stmt(db, `SELECT c.* FROM cases c WHERE c.id = @caseId AND ${CASE_VISIBLE}`).get({ account, caseId }) as CaseRow | undefined;
}

export function touchCase(db: Db, caseId: string, at: string): void {
  stmt(db, 'UPDATE cases SET updated_at = ? WHERE id = ?').run(at, caseId);
}

interface ThreadRow { id: string; case_id: string; subject: string; created_by: string; created_at: string; last_message_at: string | null; message_count: number }

const THREAD_SELECT = `SELECT t.*, (SELECT max(received_at) FROM messages m WHERE m.thread_id = t.id) AS last_message_at,
  (SELECT count(*) FROM messages m WHERE m.thread_id = t.id) AS message_count FROM threads t`;

const toThread = (r: ThreadRow): Thread => ({
  id: r.id, caseId: r.case_id, subject: r.subject, createdBy: r.created_by, createdAt: r.created_at,
  lastMessageAt: r.last_message_at, messageCount: r.message_count,
});

export function listThreads(db: Db, caseId: string): Thread[] {
  return (stmt(db, `${THREAD_SELECT} WHERE t.case_id = ? ORDER BY t.created_at, t.id`).all(caseId) as ThreadRow[]).map(toThread);
}

export function getThread(db: Db, caseId: string, threadId: string): Thread | undefined {
  const row = stmt(db, `${THREAD_SELECT} WHERE t.case_id = ? AND t.id = ?`).get(caseId, threadId) as ThreadRow | undefined;
  return row && toThread(row);
}

export function insertThread(db: Db, t: { id: string; caseId: string; subject: string; createdBy: string; createdAt: string }): Thread {
  stmt(db, 'INSERT INTO threads (id, case_id, subject, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(t.id, t.caseId, t.subject, t.createdBy, t.createdAt);
  return getThread(db, t.caseId, t.id)!;
}
