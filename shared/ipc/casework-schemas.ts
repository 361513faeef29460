/**
 * Case work as the renderer asks for it and sees it: document requests with deadlines, what came back
 * against each requested item, the "Due" view, Appeals readiness and the transfer to Appeals.
 * The server knows nothing of requests: every view here is derived on the laptop from the vault.
 * Item kinds, states and history entries are declared in shared/requests/request-schemas.ts.
 */
import { z } from 'zod';
import { Sha256HexSchema } from '../protocol/common';
import { ItemHistoryEntrySchema, RequestDateSchema, RequestItemKindSchema, RequestItemStateSchema } from '../requests/request-schemas';

const id = z.number().int().positive();

// ---- document requests ------------------------------------------------------------------------------

/** An inbound attachment the employee marked as answering an item. */
export const LinkedAttachmentViewSchema = z.object({
  attachmentId: id,
  messageId: id,
  threadId: id,
  fileName: z.string(),
  sha256: Sha256HexSchema,
  serverReceivedAt: z.string(),
  /** The message's fax-like label: `RECEIVED 04/21/2025 10:03 AM ET · SECURE MESSAGING · MSG 7F3A…`. */
  label: z.string(),
});
export type LinkedAttachmentView = z.infer<typeof LinkedAttachmentViewSchema>;

export const RequestItemViewSchema = z.object({
  id,
  requestId: id,
  kind: RequestItemKindSchema,
  label: z.string(),
  wording: z.string(),
  /** The current due date (after any extensions); `originalDueDate` is the one first sent. */
  dueDate: RequestDateSchema,
  originalDueDate: RequestDateSchema,
  /** Derived for `today` (overdue is never stored). */
  state: RequestItemStateSchema,
  /** The employee confirmed the item is fully received (state 'received'). */
  receivedComplete: z.boolean(),
  waivedReason: z.string().nullable(),
  linkedAttachments: z.array(LinkedAttachmentViewSchema),
  /** Oldest first: requested, due-date changes (old date, new date, reason), links, outcome. */
  history: z.array(ItemHistoryEntrySchema),
});
export type RequestItemView = z.infer<typeof RequestItemViewSchema>;

export const DocumentRequestViewSchema = z.object({
  id,
  caseId: id,
  /** The thread the request went out in (null while a new thread's message is still queued). */
  threadId: id.nullable(),
  /** The queued outbox item, while it is not yet sent. */
  outboxId: id.nullable(),
  /** The sent message in the vault, once the server has it. */
  messageId: id.nullable(),
  sendState: z.enum(['queued', 'sending', 'sent', 'failed']),
  createdAt: z.string(),
  /** The server's time of the sent message (null until sent). */
  sentAt: z.string().nullable(),
  /** The due date the request was sent with, its time zone and the deadline as the message words it. */
  dueDate: RequestDateSchema,
  timeZone: z.string(),
  deadlineText: z.string(),
  subject: z.string(),
  items: z.array(RequestItemViewSchema).min(1),
});
export type DocumentRequestView = z.infer<typeof DocumentRequestViewSchema>;

export const RequestSummaryViewSchema = z.object({
  total: z.number().int().min(0),
  received: z.number().int().min(0),
  waived: z.number().int().min(0),
  /** Neither received nor waived (includes overdue). */
  open: z.number().int().min(0),
  overdue: z.number().int().min(0),
  /** Open items due within 3 business days and not overdue. */
  dueSoon: z.number().int().min(0),
  /** The earliest due date of an open item. */
  nextDue: RequestDateSchema.nullable(),
  /** "4 of 6 items received · 2 due 04/30" (shared/requests/item-state.ts formatRequestSummary). */
  text: z.string(),
});
export type RequestSummaryView = z.infer<typeof RequestSummaryViewSchema>;

export const CaseRequestsViewSchema = z.object({
  caseId: id,
  /** Today in the deadline time zone, by the main process's clock. */
  today: RequestDateSchema,
  /** Newest first. */
  requests: z.array(DocumentRequestViewSchema),
  summary: RequestSummaryViewSchema,
});
export type CaseRequestsView = z.infer<typeof CaseRequestsViewSchema>;

/** What the "Request documents" dialog starts from. */
export const RequestDefaultsViewSchema = z.object({
  today: RequestDateSchema,
  /** Today + the policy's documentRequestDefaultDays, moved to the next business day. */
  dueDate: RequestDateSchema,
  defaultDays: z.number().int(),
  timeZone: z.string(),
  /** The case's threads, newest first, to send the request in one of them (or a new thread). */
  threads: z.array(z.object({ id, subject: z.string() })),
});
export type RequestDefaultsView = z.infer<typeof RequestDefaultsViewSchema>;

export const MAX_REQUEST_ITEMS = 30;

export const CreateRequestInputSchema = z.object({
  caseId: id,
  /** Reply in this thread; null: a new thread with `subject`. */
  threadId: id.nullable(),
  subject: z.string().trim().max(200).default(''),
  items: z.array(z.object({
    kind: RequestItemKindSchema,
    label: z.string().trim().min(1).max(120),
    wording: z.string().trim().min(1).max(2000),
  }).strict()).min(1).max(MAX_REQUEST_ITEMS),
  /** Must not be before today; a weekend or federal holiday is refused (the dialog moves it first). */
  dueDate: RequestDateSchema,
}).strict();
export type CreateRequestInput = z.input<typeof CreateRequestInputSchema>;

/** One change to one item; every change is kept in the item's history and audited. */
export const UpdateRequestItemInputSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('link'), itemId: id, attachmentId: id }).strict(),
  z.object({ action: z.literal('unlink'), itemId: id, attachmentId: id }).strict(),
  /** complete: the item is fully received; false: partly (more is expected). */
  z.object({ action: z.literal('mark-received'), itemId: id, complete: z.boolean() }).strict(),
  /** The taxpayer asked for more time: the old date and the reason stay in the history. */
  z.object({ action: z.literal('change-due-date'), itemId: id, dueDate: RequestDateSchema, reason: z.string().trim().min(1).max(500) }).strict(),
  z.object({ action: z.literal('waive'), itemId: id, reason: z.string().trim().min(1).max(500) }).strict(),
  z.object({ action: z.literal('reopen'), itemId: id }).strict(),
]);
export type UpdateRequestItemInput = z.input<typeof UpdateRequestItemInputSchema>;

// ---- Appeals ------------------------------------------------------------------------------------------

/** The case has gone to Appeals: the laptop copy is purged `retentionDays` after the transfer. */
export const TransferViewSchema = z.object({
  transferredAt: z.string(),
  /** SHA-256 of each volume of the case package recorded with the transfer. */
  packageSha256s: z.array(Sha256HexSchema).min(1),
  /** The day the laptop copy is purged (crypto-shredded) and the days left until then. */
  purgeOn: RequestDateSchema,
  daysLeft: z.number().int().min(0),
  /** Inbound messages received after the transfer (still synced, flagged). */
  inboundSinceTransfer: z.number().int().min(0),
});
export type TransferView = z.infer<typeof TransferViewSchema>;

/** Where a checklist line takes the employee. */
export const ReadinessTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), threadId: id, messageId: id }).strict(),
  z.object({ kind: z.literal('outbox'), outboxId: id }).strict(),
  z.object({ kind: z.literal('request-item'), requestId: id, itemId: id }).strict(),
  /** "Print case for Appeals…". */
  z.object({ kind: z.literal('print-case') }).strict(),
]);
export type ReadinessTarget = z.infer<typeof ReadinessTargetSchema>;

export const ReadinessCheckIdSchema = z.enum(['messages-read', 'files-stored', 'outbox-empty', 'requests-resolved', 'package-built']);
export type ReadinessCheckId = z.infer<typeof ReadinessCheckIdSchema>;

export const ReadinessCheckSchema = z.object({
  id: ReadinessCheckIdSchema,
  ok: z.boolean(),
  /** "Every inbound message read". */
  title: z.string(),
  /** "2 messages unread" / "All 14 read". */
  detail: z.string(),
  /** What needs attention, each with where to go (at most 100; `moreLines` counts the rest). */
  lines: z.array(z.object({ text: z.string(), target: ReadinessTargetSchema })).max(100),
  moreLines: z.number().int().min(0),
  /** Not a blocker but listed: e.g. blocked files the taxpayer must resend in another type. */
  notes: z.array(z.object({ text: z.string(), target: ReadinessTargetSchema })).max(100),
});
export type ReadinessCheck = z.infer<typeof ReadinessCheckSchema>;

export const AppealsReadinessViewSchema = z.object({
  caseId: id,
  /** Every check ok. */
  ready: z.boolean(),
  checks: z.array(ReadinessCheckSchema),
  /** The newest case package built after the last message, if any (what a transfer records). */
  latestPackage: z.object({ builtAt: z.string(), files: z.array(z.string()), sha256s: z.array(Sha256HexSchema).min(1) }).nullable(),
  transfer: TransferViewSchema.nullable(),
});
export type AppealsReadinessView = z.infer<typeof AppealsReadinessViewSchema>;

export const MarkTransferredInputSchema = z.object({
  caseId: id,
  /** Transfer although some checks are not ok (the employee confirmed); a package is always required. */
  acknowledgeOpenChecks: z.boolean().default(false),
}).strict();
export type MarkTransferredInput = z.input<typeof MarkTransferredInputSchema>;

// ---- across cases ------------------------------------------------------------------------------------

/** An open requested item, for the "Due" view (oldest deadline first). */
export const DueItemViewSchema = z.object({
  caseId: id,
  taxpayerName: z.string(),
  requestId: id,
  itemId: id,
  label: z.string(),
  dueDate: RequestDateSchema,
  state: RequestItemStateSchema,
  /** Calendar days past the due date (0 when not overdue). */
  daysOverdue: z.number().int().min(0),
});
export type DueItemView = z.infer<typeof DueItemViewSchema>;

/** The case list's and the Due view's data in one read. */
export const CaseworkOverviewSchema = z.object({
  today: RequestDateSchema,
  /** Only cases with a request or a transfer. */
  cases: z.array(z.object({ caseId: id, requests: RequestSummaryViewSchema.nullable(), transfer: TransferViewSchema.nullable() })),
  due: z.array(DueItemViewSchema),
});
export type CaseworkOverview = z.infer<typeof CaseworkOverviewSchema>;
