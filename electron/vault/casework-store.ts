/**
 * Case work inside the vault (reached as `vault.casework`): document requests with their items, each
 * item's history and the inbound attachments that answer it, the print packages built and the transfer
 * to Appeals. The store keeps facts only; states (overdue, ...) are derived by the casework service for
 * a day (shared/requests/item-state.ts). Everything is in the encrypted database and goes with the case
 * when it is purged (cascading foreign keys, migration 010).
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { ItemHistoryEntrySchema, RequestItemKindSchema, type ItemHistoryEntry } from '../../shared/requests/request-schemas';
import type { AuditEvent } from './audit-log';
import type { VaultDb } from './database';
import * as outbox from './queries/drafts-outbox';
import * as q from './queries/document-requests';
import { parseInput } from './records';
import { vaultErrors } from './vault-errors';

const id = z.number().int().positive();
const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const NewDocumentRequestSchema = z.object({
  caseId: id,
  /** null: the request starts a new thread (filled in once the outbox item is sent). */
  threadId: id.nullable(),
  /** The queued message carrying the request: must be an outbox item of the same case. */
  outboxId: id,
  subject: z.string().max(500),
  dueDate: CalendarDate,
  timeZone: z.string().min(1).max(64),
  items: z.array(z.object({
    kind: RequestItemKindSchema,
    label: z.string().min(1).max(200),
    wording: z.string().min(1).max(4000),
    dueDate: CalendarDate,
    /** The item's first history entry ('requested'). */
    entry: ItemHistoryEntrySchema,
  }).strict()).min(1).max(100),
}).strict();
export type NewDocumentRequest = z.input<typeof NewDocumentRequestSchema>;

/** One change to one item: its new facts, the history entry, and the link it adds or removes. */
export const ItemChangeSchema = z.object({
  itemId: id,
  action: z.enum(['link', 'unlink', 'mark-received', 'change-due-date', 'waive', 'reopen']),
  facts: z.object({ dueDate: CalendarDate, receivedComplete: z.boolean(), waivedReason: z.string().min(1).max(500).nullable() }).strict(),
  entry: ItemHistoryEntrySchema,
  attachmentId: id.optional(),
}).strict();
export type ItemChange = z.input<typeof ItemChangeSchema>;

export const PrintPackageSchema = z.object({
  scope: z.enum(['case', 'message']),
  volumes: z.array(z.object({ file: z.string().min(1).max(255), sha256: Sha256 }).strict()).min(1).max(1000),
  /** What the build read (vault-print-set.ts), captured when it started, not when it finished. */
  basis: z.object({ lastMessageId: id.nullable(), lastRequestId: id.nullable(), lastItemHistoryId: id.nullable() }).strict(),
}).strict();
export type PrintPackageRecord = z.input<typeof PrintPackageSchema>;

export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed';
export type LinkedAttachmentRecord = q.LinkRow;
export type RequestItemRecord = q.ItemRow & { history: ItemHistoryEntry[]; links: LinkedAttachmentRecord[] };
export type DocumentRequestRecord = q.RequestRow & {
  /** The outbox item's state; 'sent' once the vault holds the sent message. */
  sendState: OutboxState;
  /** The server's time of the sent message. */
  sentAt: string | null;
  items: RequestItemRecord[];
};
export type PrintPackageRow = q.PackageRow;
export type PackageBasis = q.PackageBasis;
export type OverviewItemRecord = q.OverviewItemRow;
export type TransferRecord = q.TransferRow;

/** What the vault lends the store (all fail with E_LOCKED once locked). */
export interface CaseworkStoreDeps {
  db(): VaultDb;
  now(): string;
  audit(event: AuditEvent, caseId: number, detail: string): void;
}

export class CaseworkStore {
  constructor(private readonly deps: CaseworkStoreDeps) {}

  private get db(): VaultDb {
    return this.deps.db();
  }

  private requireCase(caseId: number): void {
    if (!this.db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId)) throw vaultErrors.notFound('case', caseId);
  }

  // ---- requests -----------------------------------------------------------------------------------

  /**
   * Stores a request next to its queued outbox item and audits 'request-create'. Call it in the same
   * `vault.batch` as `enqueueOutbox`, so the message and the request commit together or not at all.
   */
  createRequest(input: NewDocumentRequest): number {
    const r = parseInput(NewDocumentRequestSchema, input, vaultErrors.invalidInput);
    const db = this.db;
    this.requireCase(r.caseId);
    const item = outbox.getOutbox(db, r.outboxId);
    if (!item || item.caseId !== r.caseId) throw vaultErrors.notFound('outbox item', r.outboxId);
    if (r.threadId !== null) {
      const thread = db.prepare('SELECT case_id AS caseId FROM threads WHERE id = ?').get(r.threadId) as { caseId: number } | undefined;
      if (!thread || thread.caseId !== r.caseId) throw vaultErrors.notFound('thread', r.threadId);
    }
    return db.transaction(() => {
      const requestId = q.insertRequest(db, {
        caseId: r.caseId, threadId: r.threadId, outboxId: r.outboxId, subject: r.subject, dueDate: r.dueDate, timeZone: r.timeZone, createdAt: this.deps.now(),
      });
      r.items.forEach((it, position) => {
        const itemId = q.insertItem(db, { requestId, position, kind: it.kind, label: it.label, wording: it.wording, dueDate: it.dueDate });
        q.appendHistory(db, itemId, it.entry);
      });
      this.deps.audit('request-create', r.caseId, `request ${requestId}; ${r.items.length} items; due ${r.dueDate}`);
      return requestId;
    })();
  }

  /** A case's requests, newest first, with items, history, links and the send state of their message. */
  listRequests(caseId: number): DocumentRequestRecord[] {
    const db = this.db;
    this.requireCase(caseId);
    return q.listCaseRequests(db, caseId).map((r) => this.withDetail(r));
  }

  /** Every item of every case in one query (no history, no files): what the case list and Due view need. */
  overviewItems(): OverviewItemRecord[] {
    return q.listOverviewItems(this.db);
  }


  getRequest(requestId: number): DocumentRequestRecord {
    const r = q.getRequest(this.db, requestId);
    if (!r) throw vaultErrors.notFound('document request', requestId);
    return this.withDetail(r);
  }

  private withDetail(r: q.RequestRow): DocumentRequestRecord {
    const db = this.db;
    const sent = r.messageId === null ? undefined
      : db.prepare('SELECT server_received_at AS at FROM messages WHERE id = ?').get(r.messageId) as { at: string } | undefined;
    const state = r.outboxId === null ? undefined : outbox.getOutbox(db, r.outboxId)?.state;
    return {
      ...r,
      // No outbox row and no message (sent and pruned later), or sent before the outbox recorded the
      // message id: 'sent' with no time is the honest answer.
      sendState: sent ? 'sent' : state ?? 'sent',
      sentAt: sent?.at ?? null,
      items: q.listRequestItems(db, r.id).map((i) => ({
        ...i,
        history: q.listHistory(db, i.id).map((e) => ItemHistoryEntrySchema.parse(e)),
        links: q.listItemLinks(db, i.id),
      })),
    };
  }

  caseIdsWithRequests(): number[] {
    return q.caseIdsWithRequests(this.db);
  }

  // ---- items --------------------------------------------------------------------------------------

  getItem(itemId: number): RequestItemRecord & { caseId: number } {
    const db = this.db;
    const item = q.getItem(db, itemId);
    if (!item) throw vaultErrors.notFound('request item', itemId);
    return { ...item, history: q.listHistory(db, itemId).map((e) => ItemHistoryEntrySchema.parse(e)), links: q.listItemLinks(db, itemId) };
  }

  /**
   * Applies one change to an item: its facts, its history entry and a link added or removed, with a
   * 'request-item-update' audit row, in one transaction. A link must be an inbound attachment of the
   * item's own case, linked once.
   */
  changeItem(input: ItemChange): void {
    const c = parseInput(ItemChangeSchema, input, vaultErrors.invalidInput);
    const db = this.db;
    const item = q.getItem(db, c.itemId);
    if (!item) throw vaultErrors.notFound('request item', c.itemId);
    if ((c.action === 'link' || c.action === 'unlink') && c.attachmentId === undefined) throw vaultErrors.invalidInput('attachmentId: required');
    db.transaction(() => {
      if (c.action === 'link') {
        const a = db.prepare(`SELECT a.case_id AS caseId, m.direction FROM attachments a JOIN messages m ON m.id = a.message_id WHERE a.id = ?`)
          .get(c.attachmentId) as { caseId: number; direction: string } | undefined;
        if (!a || a.caseId !== item.caseId) throw vaultErrors.notFound('attachment of this case', c.attachmentId!);
        if (a.direction !== 'inbound') {
          throw new AppError('E_NOT_INBOUND_ATTACHMENT', 'Only a file the taxpayer sent (an attachment of an inbound message) can answer a requested item. Pick a received file.');
        }
        if (!q.linkAttachment(db, c.itemId, c.attachmentId!, this.deps.now())) {
          throw new AppError('E_ALREADY_LINKED', 'This file is already marked as answering the item.');
        }
      } else if (c.action === 'unlink') {
        if (!q.unlinkAttachment(db, c.itemId, c.attachmentId!)) throw vaultErrors.notFound('link of this attachment to the item', c.attachmentId!);
      }
      q.updateItemFacts(db, c.itemId, c.facts);
      q.appendHistory(db, c.itemId, c.entry);
      this.deps.audit('request-item-update', item.caseId, `item ${c.itemId}; ${c.action}${c.attachmentId === undefined ? '' : `; attachment ${c.attachmentId}`}`);
    })();
  }

  // ---- print packages and transfers ---------------------------------------------------------------

  /** @internal recorded by vault.recordPrint in its transaction */
  insertPackage(caseId: number, pkg: PrintPackageRecord): void {
    const p = parseInput(PrintPackageSchema, pkg, vaultErrors.invalidInput);
    q.insertPackage(this.db, { caseId, builtAt: this.deps.now(), scope: p.scope, volumes: p.volumes, ...p.basis });
  }

  /** The case's newest request and item-history entry now (compare with a package's basis). */
  requestBasis(caseId: number): Omit<PackageBasis, 'lastMessageId'> {
    return q.requestBasis(this.db, caseId);
  }

  latestCasePackage(caseId: number): PrintPackageRow | undefined {
    return q.latestPackage(this.db, caseId, 'case');
  }

  /** Records the transfer to Appeals with the package's SHA-256s (also in the audit row's detail). */
  recordTransfer(caseId: number, packageSha256s: readonly string[], retentionDays: number): TransferRecord {
    const shas = parseInput(z.array(Sha256).min(1).max(1000), packageSha256s, vaultErrors.invalidInput);
    const days = parseInput(z.number().int().min(1).max(3650), retentionDays, vaultErrors.invalidInput);
    const db = this.db;
    this.requireCase(caseId);
    return db.transaction(() => {
      const transferredAt = this.deps.now();
      const transferId = q.insertTransfer(db, { caseId, transferredAt, packageSha256s: shas, retentionDays: days });
      this.deps.audit('transfer', caseId, `package sha256 ${shas.join(',')}`);
      return q.latestTransfers(db, caseId).find((t) => t.id === transferId)!;
    })();
  }

  latestTransfer(caseId: number): TransferRecord | undefined {
    return q.latestTransfers(this.db, caseId)[0];
  }

  listTransfers(): TransferRecord[] {
    return q.latestTransfers(this.db);
  }

  /** @internal used by vault.purgeExpiredCases */
  caseIdsTransferredBefore(cutoff: string): number[] {
    return q.caseIdsTransferredBefore(this.db, cutoff);
  }

  // ---- facts for the readiness checklist ------------------------------------------------------------

  /** The case's newest stored message id (compare with a package's or transfer's `lastMessageId`). */
  newestMessageId(caseId: number): number | null {
    return q.newestMessageId(this.db, caseId);
  }

  /** Inbound messages stored after the transfer. */
  countInboundSinceTransfer(transfer: TransferRecord): number {
    return q.countInboundAfter(this.db, transfer.caseId, transfer.lastMessageId);
  }

  /** The case's outbox items not sent yet (subject, state, error code; no bodies). */
  unsentOutbox(caseId: number): q.UnsentOutboxRow[] {
    return q.listUnsentOutbox(this.db, caseId);
  }

  /** Files the server announced for the case that are not stored (pending, failed or blocked). */
  unstoredFiles(caseId: number): q.UnstoredFileRow[] {
    return q.listUnstoredFiles(this.db, caseId);
  }
}
