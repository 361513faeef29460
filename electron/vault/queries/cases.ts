/** Case rows: create, read, list, close. */
import type { VaultDb } from '../database';
import type { CaseRecord } from '../records';

type CaseRow = { id: number; offer_number: string; taxpayer_name: string; tin_masked: string; status: CaseRecord['status'];
  server_status: CaseRecord['serverStatus']; assigned_role: CaseRecord['assignedRole']; created_at: string; closed_at: string | null };
const COLUMNS = 'id, offer_number, taxpayer_name, tin_masked, status, server_status, assigned_role, created_at, closed_at';

const toCase = (r: CaseRow): CaseRecord => ({
  id: r.id, offerNumber: r.offer_number, taxpayerName: r.taxpayer_name, tinMasked: r.tin_masked,
  status: r.status, serverStatus: r.server_status, assignedRole: r.assigned_role, createdAt: r.created_at, closedAt: r.closed_at,
});

export function insertCase(db: VaultDb, c: Omit<CaseRecord, 'id' | 'closedAt'>): number {
  return Number(db.prepare(`INSERT INTO cases (offer_number, taxpayer_name, tin_masked, status, server_status, assigned_role, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`).run(c.offerNumber, c.taxpayerName, c.tinMasked, c.status, c.serverStatus, c.assignedRole, c.createdAt).lastInsertRowid);
}

export function findCaseIdByOfferNumber(db: VaultDb, offerNumber: string): number | undefined {
  return (db.prepare('SELECT id FROM cases WHERE offer_number = ?').get(offerNumber) as { id: number } | undefined)?.id;
}

export function getCase(db: VaultDb, id: number): CaseRecord | undefined {
  const r = db.prepare(`SELECT ${COLUMNS} FROM cases WHERE id = ?`).get(id) as CaseRow | undefined;
  return r && toCase(r);
}

export function listCases(db: VaultDb): CaseRecord[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM cases ORDER BY created_at DESC, id DESC`).all() as CaseRow[]).map(toCase);
}

export function closeCase(db: VaultDb, id: number, closedAt: string): boolean {
  return db.prepare(`UPDATE cases SET status = 'closed', server_status = 'closed', closed_at = ? WHERE id = ?`).run(closedAt, id).changes === 1;
}

/**
 * Records the server's status of an open case; an open case also follows it between open and pending.
 * A closed case is left to closeCase (retention counts from its closed_at). Returns whether it changed.
 */
export function setServerStatus(db: VaultDb, id: number, serverStatus: Exclude<CaseRecord['serverStatus'], 'closed'>): boolean {
  return db.prepare(`UPDATE cases SET server_status = ?, status = ? WHERE id = ? AND status != 'closed' AND server_status != ?`)
    .run(serverStatus, serverStatus === 'open' ? 'open' : 'pending', id, serverStatus).changes === 1;
}

export function caseIdsClosedBefore(db: VaultDb, cutoff: string): number[] {
  return (db.prepare(`SELECT id FROM cases WHERE closed_at IS NOT NULL AND closed_at < ? ORDER BY id`).all(cutoff) as Array<{ id: number }>).map((r) => r.id);
}
