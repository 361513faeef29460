/**
 * The case list in one query: each case with its message count, unread inbound count, newest server
 * time and files still to download, so the list never loads message bodies. The counts come from
 * `case_activity` (migration 011: one small row per case kept by triggers), so 10,000 cases read
 * 10,000 rows instead of grouping every message; the downloads from a subquery over the state index
 * (only pending and failed rows, few, read once).
 *
 * One statement for every caller: the whole list, or the cases named by id (the renderer's update of its cached list after `data.changed`), each as the
 * vault's record or as the IPC contract's view.
 */
import type { CaseSummary as CaseSummaryView } from '../../../shared/ipc/workspace-schemas';
import type { VaultDb } from '../database';
import type { CaseSummary } from '../records';

type Row = [id: number, offerNumber: string, taxpayerName: string, tinMasked: string, status: CaseSummary['status'],
  serverStatus: CaseSummary['serverStatus'], assignedRole: CaseSummary['assignedRole'], createdAt: string, closedAt: string | null,
  messageCount: number, unreadCount: number, lastReceivedAt: string | null, pendingDownloads: number];

const CASE_COLUMNS = 'c.id, c.offer_number, c.taxpayer_name, c.tin_masked, c.status, c.server_status, c.assigned_role, c.created_at, c.closed_at';
const DOWNLOADS = `LEFT JOIN (SELECT case_id, count(*) AS n FROM sync_remote_attachments WHERE state IN ('pending', 'failed') GROUP BY case_id) d
        ON d.case_id = c.id`;
/** The list's order; the renderer keeps its patched list in the same order (renderer/src/data/case-list-order.ts). */
const ORDER = 'ORDER BY last_received_at IS NULL, last_received_at DESC, c.id DESC';

const summariesWhere = (where: string) => `
    SELECT ${CASE_COLUMNS}, coalesce(a.message_count, 0), coalesce(a.unread_count, 0), a.last_received_at AS last_received_at, coalesce(d.n, 0)
    FROM cases c LEFT JOIN case_activity a ON a.case_id = c.id
      ${DOWNLOADS}
    ${where}
    ${ORDER}`;

const EVERY_CASE = summariesWhere('');
/** The ids come as one JSON array parameter: one statement, however many ids (no SQL built per call). */
const CASES_BY_ID = summariesWhere('WHERE c.id IN (SELECT value FROM json_each(?))');

// Rows as arrays: 10,000 cases with 13 columns, no per-row object with SQL names to map again.
const everyRow = (db: VaultDb) => db.prepare(EVERY_CASE).raw(true).all() as Row[];
const rowsById = (db: VaultDb, caseIds: readonly number[]) => db.prepare(CASES_BY_ID).raw(true).all(JSON.stringify(caseIds)) as Row[];

const record = (r: Row): CaseSummary => ({
  id: r[0], offerNumber: r[1], taxpayerName: r[2], tinMasked: r[3], status: r[4], serverStatus: r[5], assignedRole: r[6],
  createdAt: r[7], closedAt: r[8], messageCount: r[9], unreadCount: r[10], lastReceivedAt: r[11], pendingDownloads: r[12],
});

/** The contract's view (status as the server names it), built straight from the row: no record in between. */
const view = (r: Row): CaseSummaryView => ({
  id: r[0], offerNumber: r[1], taxpayerName: r[2], tinMasked: r[3], status: r[5], assignedRole: r[6],
  unread: r[10], messages: r[9], pendingDownloads: r[12], lastActivityAt: r[11],
});

export function listCaseSummaries(db: VaultDb): CaseSummary[] {
  return everyRow(db).map(record);
}

/** The case list as the workspace shows it (cases.list). */
export function listCaseSummaryViews(db: VaultDb): CaseSummaryView[] {
  return everyRow(db).map(view);
}

/** The named cases that exist, as the workspace shows them (cases.summaries); an id of a purged case is absent. */
export function caseSummaryViewsByIds(db: VaultDb, caseIds: readonly number[]): CaseSummaryView[] {
  return rowsById(db, caseIds).map(view);
}
