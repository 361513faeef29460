/**
 * The case list in one grouped query: each case with its message count, unread inbound count, newest
 * server time and files still to download, so the list never loads message bodies. The downloads
 * come from a subquery over the state index: only pending and failed rows (few) are read, once.
 */
import type { VaultDb } from '../database';
import type { CaseSummary } from '../records';

type Row = { id: number; offer_number: string; taxpayer_name: string; tin_masked: string; status: CaseSummary['status'];
  server_status: CaseSummary['serverStatus']; assigned_role: CaseSummary['assignedRole']; created_at: string; closed_at: string | null;
  message_count: number; unread_count: number; last_received_at: string | null; pending_downloads: number };

export function listCaseSummaries(db: VaultDb): CaseSummary[] {
  const rows = db.prepare(`
    SELECT c.id, c.offer_number, c.taxpayer_name, c.tin_masked, c.status, c.server_status, c.assigned_role, c.created_at, c.closed_at,
      count(m.id) AS message_count,
      coalesce(sum(m.read = 0 AND m.direction = 'inbound'), 0) AS unread_count,
      max(m.server_received_at) AS last_received_at,
      coalesce(max(d.n), 0) AS pending_downloads
    FROM cases c LEFT JOIN messages m ON m.case_id = c.id
      LEFT JOIN (SELECT case_id, count(*) AS n FROM sync_remote_attachments WHERE state IN ('pending', 'failed') GROUP BY case_id) d
        ON d.case_id = c.id
    GROUP BY c.id
    ORDER BY last_received_at IS NULL, last_received_at DESC, c.id DESC`).all() as Row[];
  return rows.map((r) => ({
    id: r.id, offerNumber: r.offer_number, taxpayerName: r.taxpayer_name, tinMasked: r.tin_masked, status: r.status,
    serverStatus: r.server_status, assignedRole: r.assigned_role, createdAt: r.created_at, closedAt: r.closed_at,
    messageCount: r.message_count, unreadCount: r.unread_count, lastReceivedAt: r.last_received_at, pendingDownloads: r.pending_downloads,
  }));
}
