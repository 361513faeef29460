/**
 * The case list in one grouped query: each case with its message count, unread inbound count and
 * newest server time, so the list never loads message bodies.
 */
import type { VaultDb } from '../database';
import type { CaseSummary } from '../records';

type Row = { id: number; offer_number: string; taxpayer_name: string; tin_masked: string; status: CaseSummary['status']; assigned_role: CaseSummary['assignedRole'];
  created_at: string; closed_at: string | null; message_count: number; unread_count: number; last_received_at: string | null };

export function listCaseSummaries(db: VaultDb): CaseSummary[] {
  const rows = db.prepare(`
    SELECT c.id, c.offer_number, c.taxpayer_name, c.tin_masked, c.status, c.assigned_role, c.created_at, c.closed_at,
      count(m.id) AS message_count,
      coalesce(sum(m.read = 0 AND m.direction = 'inbound'), 0) AS unread_count,
      max(m.server_received_at) AS last_received_at
    FROM cases c LEFT JOIN messages m ON m.case_id = c.id
    GROUP BY c.id
    ORDER BY last_received_at IS NULL, last_received_at DESC, c.id DESC`).all() as Row[];
  return rows.map((r) => ({
    id: r.id, offerNumber: r.offer_number, taxpayerName: r.taxpayer_name, tinMasked: r.tin_masked, status: r.status,
    assignedRole: r.assigned_role, createdAt: r.created_at, closedAt: r.closed_at,
    messageCount: r.message_count, unreadCount: r.unread_count, lastReceivedAt: r.last_received_at,
  }));
}
