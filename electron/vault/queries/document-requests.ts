/**
 * SQL of the case-work tables (migration 010): document requests and their items, item history and
 * links to attachments, print packages built and transfers to Appeals.
 */
import type { VaultDb } from '../database';

export interface RequestRow {
  id: number; caseId: number; threadId: number | null; outboxId: number | null; messageId: number | null;
  subject: string; dueDate: string; timeZone: string; createdAt: string;
}
export interface ItemRow {
  id: number; requestId: number; position: number; kind: string; label: string; wording: string;
  dueDate: string; originalDueDate: string; receivedComplete: boolean; waivedReason: string | null;
}
/** A linked attachment with what the views and the Appeals cover show of it. */
export interface LinkRow {
  itemId: number; attachmentId: number; linkedAt: string; messageId: number; threadId: number; fileName: string; sha256: string;
  serverId: string; serverReceivedAt: string;
}
/**
 * What a package was built from, read when the build started: the newest message it contains, the
 * newest document request and the newest item-history entry of the case (null: none). A newer one
 * stored since means the package no longer tells the whole story.
 */
export interface PackageBasis { lastMessageId: number | null; lastRequestId: number | null; lastItemHistoryId: number | null }
export interface PackageRow extends PackageBasis { id: number; caseId: number; builtAt: string; scope: 'case' | 'message'; volumes: Array<{ file: string; sha256: string }> }
export interface TransferRow { id: number; caseId: number; transferredAt: string; packageSha256s: string[]; retentionDays: number; lastMessageId: number | null }

const REQUEST_COLUMNS = `id, case_id AS caseId, thread_id AS threadId, outbox_id AS outboxId, message_id AS messageId, subject,
  due_date AS dueDate, time_zone AS timeZone, created_at AS createdAt`;
const ITEM_COLUMNS = `i.id, i.request_id AS requestId, i.position, i.kind, i.label, i.wording, i.due_date AS dueDate,
  i.original_due_date AS originalDueDate, i.received_complete AS receivedComplete, i.waived_reason AS waivedReason`;

type RawItem = Omit<ItemRow, 'receivedComplete'> & { receivedComplete: number };
const toItem = (r: RawItem): ItemRow => ({ ...r, receivedComplete: r.receivedComplete === 1 });

// ---- requests and items -------------------------------------------------------------------------

export function insertRequest(db: VaultDb, r: Omit<RequestRow, 'id' | 'messageId'>): number {
  return Number(db.prepare(`INSERT INTO document_requests (case_id, thread_id, outbox_id, subject, due_date, time_zone, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`).run(r.caseId, r.threadId, r.outboxId, r.subject, r.dueDate, r.timeZone, r.createdAt).lastInsertRowid);
}

export function insertItem(db: VaultDb, i: Omit<ItemRow, 'id' | 'receivedComplete' | 'waivedReason' | 'originalDueDate'>): number {
  return Number(db.prepare(`INSERT INTO document_request_items (request_id, position, kind, label, wording, due_date, original_due_date)
    VALUES (?, ?, ?, ?, ?, ?, ?)`).run(i.requestId, i.position, i.kind, i.label, i.wording, i.dueDate, i.dueDate).lastInsertRowid);
}

export function listCaseRequests(db: VaultDb, caseId: number): RequestRow[] {
  return db.prepare(`SELECT ${REQUEST_COLUMNS} FROM document_requests WHERE case_id = ? ORDER BY created_at DESC, id DESC`).all(caseId) as RequestRow[];
}

export function getRequest(db: VaultDb, id: number): RequestRow | undefined {
  return db.prepare(`SELECT ${REQUEST_COLUMNS} FROM document_requests WHERE id = ?`).get(id) as RequestRow | undefined;
}

export function caseIdsWithRequests(db: VaultDb): number[] {
  return (db.prepare('SELECT DISTINCT case_id AS id FROM document_requests ORDER BY case_id').all() as Array<{ id: number }>).map((r) => r.id);
}

export function listRequestItems(db: VaultDb, requestId: number): ItemRow[] {
  return (db.prepare(`SELECT ${ITEM_COLUMNS} FROM document_request_items i WHERE i.request_id = ? ORDER BY i.position`).all(requestId) as RawItem[]).map(toItem);
}

export function getItem(db: VaultDb, itemId: number): (ItemRow & { caseId: number }) | undefined {
  const r = db.prepare(`SELECT ${ITEM_COLUMNS}, r.case_id AS caseId FROM document_request_items i
    JOIN document_requests r ON r.id = i.request_id WHERE i.id = ?`).get(itemId) as (RawItem & { caseId: number }) | undefined;
  return r && { ...toItem(r), caseId: r.caseId };
}

export function updateItemFacts(db: VaultDb, itemId: number, f: { dueDate: string; receivedComplete: boolean; waivedReason: string | null }): void {
  db.prepare('UPDATE document_request_items SET due_date = ?, received_complete = ?, waived_reason = ? WHERE id = ?')
    .run(f.dueDate, f.receivedComplete ? 1 : 0, f.waivedReason, itemId);
}

/**
 * The outbox sent item `outboxId` and stored the server's copy as message `messageId`: the request it
 * carries (if any) gets that message and its thread (a request that started a thread learns it here).
 */
export function setRequestMessageOfOutbox(db: VaultDb, outboxId: number, messageId: number): void {
  db.prepare(`UPDATE document_requests SET message_id = ?, thread_id = (SELECT thread_id FROM messages WHERE id = ?)
    WHERE outbox_id = ? AND message_id IS NULL`).run(messageId, messageId, outboxId);
}

/** The overview's one read: every item with its request's zone and case's taxpayer, the number of files linked, no history; in no order. */
export interface OverviewItemRow {
  caseId: number; taxpayerName: string; requestId: number; timeZone: string; itemId: number; label: string; dueDate: string;
  receivedComplete: boolean; waivedReason: string | null; links: number;
}
export function listOverviewItems(db: VaultDb): OverviewItemRow[] {
  const rows = db.prepare(`SELECT r.case_id AS caseId, c.taxpayer_name AS taxpayerName, r.id AS requestId, r.time_zone AS timeZone,
    i.id AS itemId, i.label, i.due_date AS dueDate, i.received_complete AS receivedComplete, i.waived_reason AS waivedReason,
    coalesce(l.n, 0) AS links
    FROM document_request_items i JOIN document_requests r ON r.id = i.request_id JOIN cases c ON c.id = r.case_id
    LEFT JOIN (SELECT item_id, count(*) AS n FROM document_request_item_attachments GROUP BY item_id) l ON l.item_id = i.id`).all() as Array<Omit<OverviewItemRow, 'receivedComplete'> & { receivedComplete: number }>;
  return rows.map((r) => ({ ...r, receivedComplete: r.receivedComplete === 1 }));
}

/** The case's newest request and item-history entry (half of a package's basis; the messages are the print set's). */
export function requestBasis(db: VaultDb, caseId: number): Omit<PackageBasis, 'lastMessageId'> {
  return db.prepare(`SELECT (SELECT max(id) FROM document_requests WHERE case_id = ?) AS lastRequestId,
    (SELECT max(h.id) FROM document_request_item_history h JOIN document_request_items i ON i.id = h.item_id
      JOIN document_requests r ON r.id = i.request_id WHERE r.case_id = ?) AS lastItemHistoryId`).get(caseId, caseId) as Omit<PackageBasis, 'lastMessageId'>;
}

// ---- history and links --------------------------------------------------------------------------

export function appendHistory(db: VaultDb, itemId: number, entry: unknown): void {
  db.prepare('INSERT INTO document_request_item_history (item_id, entry) VALUES (?, ?)').run(itemId, JSON.stringify(entry));
}

export function listHistory(db: VaultDb, itemId: number): unknown[] {
  return (db.prepare('SELECT entry FROM document_request_item_history WHERE item_id = ? ORDER BY id').all(itemId) as Array<{ entry: string }>)
    .map((r) => JSON.parse(r.entry) as unknown);
}

export function linkAttachment(db: VaultDb, itemId: number, attachmentId: number, at: string): boolean {
  return db.prepare('INSERT INTO document_request_item_attachments (item_id, attachment_id, linked_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
    .run(itemId, attachmentId, at).changes === 1;
}

export function unlinkAttachment(db: VaultDb, itemId: number, attachmentId: number): boolean {
  return db.prepare('DELETE FROM document_request_item_attachments WHERE item_id = ? AND attachment_id = ?').run(itemId, attachmentId).changes === 1;
}

export function listItemLinks(db: VaultDb, itemId: number): LinkRow[] {
  return db.prepare(`SELECT l.item_id AS itemId, l.attachment_id AS attachmentId, l.linked_at AS linkedAt, a.message_id AS messageId,
    m.thread_id AS threadId, a.file_name AS fileName, a.sha256, m.server_id AS serverId, m.server_received_at AS serverReceivedAt
    FROM document_request_item_attachments l JOIN attachments a ON a.id = l.attachment_id JOIN messages m ON m.id = a.message_id
    WHERE l.item_id = ? ORDER BY l.linked_at, l.attachment_id`).all(itemId) as LinkRow[];
}

// ---- print packages and transfers ---------------------------------------------------------------

export function insertPackage(db: VaultDb, p: Omit<PackageRow, 'id'>): number {
  return Number(db.prepare(`INSERT INTO print_packages (case_id, built_at, scope, volumes, last_message_id, last_request_id, last_item_history_id)
    VALUES (?, ?, ?, ?, ?, ?, ?)`)
    .run(p.caseId, p.builtAt, p.scope, JSON.stringify(p.volumes), p.lastMessageId, p.lastRequestId, p.lastItemHistoryId).lastInsertRowid);
}

type RawPackage = Omit<PackageRow, 'volumes'> & { volumes: string };
export function latestPackage(db: VaultDb, caseId: number, scope: PackageRow['scope']): PackageRow | undefined {
  const r = db.prepare(`SELECT id, case_id AS caseId, built_at AS builtAt, scope, volumes, last_message_id AS lastMessageId,
    last_request_id AS lastRequestId, last_item_history_id AS lastItemHistoryId FROM print_packages
    WHERE case_id = ? AND scope = ? ORDER BY id DESC LIMIT 1`).get(caseId, scope) as RawPackage | undefined;
  return r && { ...r, volumes: JSON.parse(r.volumes) as PackageRow['volumes'] };
}

export function insertTransfer(db: VaultDb, t: Omit<TransferRow, 'id' | 'lastMessageId'>): number {
  return Number(db.prepare(`INSERT INTO case_transfers (case_id, transferred_at, package_sha256s, retention_days, last_message_id)
    VALUES (?, ?, ?, ?, (SELECT max(id) FROM messages WHERE case_id = ?))`)
    .run(t.caseId, t.transferredAt, JSON.stringify(t.packageSha256s), t.retentionDays, t.caseId).lastInsertRowid);
}

type RawTransfer = Omit<TransferRow, 'packageSha256s'> & { packageSha256s: string };
const toTransfer = (r: RawTransfer): TransferRow => ({ ...r, packageSha256s: JSON.parse(r.packageSha256s) as string[] });
const TRANSFER_COLUMNS = `id, case_id AS caseId, transferred_at AS transferredAt, package_sha256s AS packageSha256s, retention_days AS retentionDays,
  last_message_id AS lastMessageId`;

/** The newest transfer of each transferred case (the one the retention clock counts from). */
export function latestTransfers(db: VaultDb, caseId?: number): TransferRow[] {
  const rows = db.prepare(`SELECT ${TRANSFER_COLUMNS} FROM case_transfers t
    WHERE (? IS NULL OR t.case_id = ?) AND t.id = (SELECT t2.id FROM case_transfers t2 WHERE t2.case_id = t.case_id ORDER BY t2.transferred_at DESC, t2.id DESC LIMIT 1)
    ORDER BY t.case_id`).all(caseId ?? null, caseId ?? null) as RawTransfer[];
  return rows.map(toTransfer);
}

/** Cases whose newest transfer is older than `cutoff` (retention after a transfer). */
export function caseIdsTransferredBefore(db: VaultDb, cutoff: string): number[] {
  return (db.prepare(`SELECT case_id AS id FROM case_transfers GROUP BY case_id HAVING max(transferred_at) < ? ORDER BY case_id`)
    .all(cutoff) as Array<{ id: number }>).map((r) => r.id);
}

// ---- facts the readiness checklist reads --------------------------------------------------------

/** The case's newest stored message (the highest id: stored last). */
export function newestMessageId(db: VaultDb, caseId: number): number | null {
  return (db.prepare('SELECT max(id) AS id FROM messages WHERE case_id = ?').get(caseId) as { id: number | null }).id;
}

/** Inbound messages stored after message `afterId` (null: all of them). */
export function countInboundAfter(db: VaultDb, caseId: number, afterId: number | null): number {
  return (db.prepare(`SELECT count(*) AS n FROM messages WHERE case_id = ? AND direction = 'inbound' AND id > ?`)
    .get(caseId, afterId ?? 0) as { n: number }).n;
}

/** The case's messages not sent yet (no bodies: the checklist shows subjects). */
export interface UnsentOutboxRow { id: number; subject: string; state: 'queued' | 'sending' | 'failed'; lastErrorCode: string | null }
export function listUnsentOutbox(db: VaultDb, caseId: number): UnsentOutboxRow[] {
  return db.prepare(`SELECT id, subject, state, last_error_code AS lastErrorCode FROM outbox WHERE case_id = ? AND state != 'sent' ORDER BY created_at, id`)
    .all(caseId) as UnsentOutboxRow[];
}

export interface UnstoredFileRow { messageId: number; threadId: number; fileName: string; state: 'pending' | 'failed' | 'blocked' }

export function listUnstoredFiles(db: VaultDb, caseId: number): UnstoredFileRow[] {
  return db.prepare(`SELECT r.message_id AS messageId, m.thread_id AS threadId, r.file_name AS fileName, r.state
    FROM sync_remote_attachments r JOIN messages m ON m.id = r.message_id
    WHERE r.case_id = ? AND r.state != 'stored' ORDER BY m.server_received_at, r.file_name`).all(caseId) as UnstoredFileRow[];
}
