/**
 * What the case workspace shows: cases, threads, messages with their fax-like labels, attachments.
 * Shapes for the renderer only: masked TINs, server times, no blob references or keys.
 */
import { z } from 'zod';
import { CaseStatusSchema } from '../protocol/cases';

const id = z.number().int().positive();

/** Every status the server has (open, pending-documents, under-review, appeals, closed). */
export const CaseStatusViewSchema = CaseStatusSchema;
export type CaseStatusView = z.infer<typeof CaseStatusViewSchema>;

export const CaseSummarySchema = z.object({
  id,
  offerNumber: z.string(),
  taxpayerName: z.string(),
  tinMasked: z.string(),
  status: CaseStatusViewSchema,
  assignedRole: z.enum(['PE', 'OE', 'OS', 'TE']),
  unread: z.number().int().min(0),
  messages: z.number().int().min(0),
  /** Announced files not yet on this laptop (downloading or failed; blocked files are not counted). */
  pendingDownloads: z.number().int().min(0),
  /** Server time of the newest message, if any. */
  lastActivityAt: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;


/**
 * Cases per page of `cases.list` (about 250 KB of JSON). The list crosses the main process a page
 * per request: one 10,000-case answer was a single 2.5 MB copy there, 20-37 ms on a loaded machine
 * during which every window froze; a page is a tenth of that.
 */
export const CASE_LIST_PAGE_SIZE = 1000;

/** Names one list being read page by page (opaque: the vault's reader makes it). */
export const CaseListPageTokenSchema = z.string().regex(/^[0-9a-f]{32}$/, 'a page token as cases.list gave it');

/** `cases.list`: nothing for the first page of a new list, or the token the previous page gave (an unknown one: WorkspaceErrorCodes.caseListExpired). */
export const CaseListRequestSchema = z.object({ pageToken: CaseListPageTokenSchema }).strict().optional();

/**
 * One page of the case list. The pages of one list come from one read of the vault (a snapshot), so
 * a case changed meanwhile is neither lost nor listed twice; `data.changed` tells of the change.
 */
export const CaseListPageSchema = z.object({
  cases: z.array(CaseSummarySchema).max(CASE_LIST_PAGE_SIZE),
  /** Pass it back for the next page; null: this was the last one. */
  nextPageToken: CaseListPageTokenSchema.nullable(),
  /** Cases in the whole list. */
  total: z.number().int().min(0),
});
export type CaseListPage = z.infer<typeof CaseListPageSchema>;

/** Most cases one `cases.summaries` call may name (a larger change refetches the whole list). */
export const MAX_CASE_SUMMARIES = 500;

/** `cases.summaries`: 1 to 500 different case ids. */
export const CaseSummariesRequestSchema = z.object({
  caseIds: z.array(id).min(1).max(MAX_CASE_SUMMARIES)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'Each case id may be named once.' }),
}).strict();

export const AttachmentViewSchema = z.object({
  id,
  fileName: z.string(),
  size: z.number().int().min(0),
  declaredType: z.string(),
  detectedType: z.string(),
  sha256: z.string(),
  blocked: z.boolean(),
  printed: z.boolean(),
});
export type AttachmentView = z.infer<typeof AttachmentViewSchema>;

/** A file the server announced for a message that is not (yet) stored on this laptop. */
export const RemoteFileViewSchema = z.object({
  fileName: z.string(),
  size: z.number().int().min(0),
  state: z.enum(['pending', 'blocked', 'failed']),
  lastErrorCode: z.string().nullable(),
});
export type RemoteFileView = z.infer<typeof RemoteFileViewSchema>;

export const MessageViewSchema = z.object({
  id,
  serverId: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  serverReceivedAt: z.string(),
  /** `RECEIVED 04/21/2025 10:03 AM ET · SECURE MESSAGING · MSG 7F3A…`, from the server's time. */
  label: z.string(),
  from: z.string(),
  /** Who it went to: the employee for inbound items, the taxpayer and representatives for outbound. */
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  read: z.boolean(),
  attachments: z.array(AttachmentViewSchema),
  /** Announced files not stored here: downloading, blocked (never downloaded) or failed. */
  remoteFiles: z.array(RemoteFileViewSchema),
});
export type MessageView = z.infer<typeof MessageViewSchema>;

export const ThreadViewSchema = z.object({
  id,
  subject: z.string(),
  messages: z.array(MessageViewSchema),
});
export type ThreadView = z.infer<typeof ThreadViewSchema>;

export const CaseDetailSchema = z.object({
  case: CaseSummarySchema,
  threads: z.array(ThreadViewSchema),
});
export type CaseDetail = z.infer<typeof CaseDetailSchema>;

/** Largest slice of an attachment the renderer may ask for at once (previews read in slices). */
export const MAX_ATTACHMENT_SLICE = 8 * 1024 * 1024;

export const AttachmentSliceRequestSchema = z.object({
  attachmentId: id,
  offset: z.number().int().min(0),
  length: z.number().int().min(1).max(MAX_ATTACHMENT_SLICE),
}).strict();

export const AttachmentSliceSchema = z.object({
  bytes: z.instanceof(Uint8Array),
  offset: z.number().int().min(0),
  size: z.number().int().min(0),
});
export type AttachmentSlice = z.infer<typeof AttachmentSliceSchema>;

export const SearchRequestSchema = z.object({ query: z.string().trim().min(1).max(200) }).strict();

/** A case found by taxpayer name, offer number or the last four digits of its TIN. */
export const CaseHitViewSchema = z.object({
  caseId: id,
  taxpayerName: z.string(),
  offerNumber: z.string(),
  tinMasked: z.string(),
  status: CaseStatusViewSchema,
  matched: z.enum(['taxpayer-name', 'offer-number', 'tin-last-four']),
});
export type CaseHitView = z.infer<typeof CaseHitViewSchema>;

/** A message found by its subject, body or one of its attachment names. */
export const SearchHitViewSchema = z.object({
  caseId: id,
  taxpayerName: z.string(),
  threadId: id,
  messageId: id,
  from: z.string(),
  subject: z.string(),
  serverReceivedAt: z.string(),
  /** Text with the matched terms between U+0002 and U+0003. */
  snippet: z.string(),
});
export type SearchHitView = z.infer<typeof SearchHitViewSchema>;

export const SearchResultsViewSchema = z.object({
  cases: z.array(CaseHitViewSchema),
  /** Newest first; the renderer groups them by case. */
  messages: z.array(SearchHitViewSchema),
});
export type SearchResultsView = z.infer<typeof SearchResultsViewSchema>;

export const ExportResultViewSchema = z.object({
  /** File name inside the SBU folder (no TIN, no offer number). */
  fileName: z.string(),
  sha256: z.string(),
});
