/**
 * What the case workspace shows: cases, threads, messages with their fax-like labels, attachments.
 * Shapes for the renderer only: masked TINs, server times, no blob references or keys.
 */
import { z } from 'zod';

const id = z.number().int().positive();

export const CaseSummarySchema = z.object({
  id,
  offerNumber: z.string(),
  taxpayerName: z.string(),
  tinMasked: z.string(),
  status: z.enum(['open', 'pending', 'closed']),
  assignedRole: z.enum(['PE', 'OE', 'OS', 'TE']),
  unread: z.number().int().min(0),
  messages: z.number().int().min(0),
  /** Server time of the newest message, if any. */
  lastActivityAt: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

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
export const SearchHitViewSchema = z.object({
  caseId: id,
  threadId: id,
  messageId: id,
  /** Text with the matched terms between U+0002 and U+0003. */
  snippet: z.string(),
});
export type SearchHitView = z.infer<typeof SearchHitViewSchema>;

export const ExportResultViewSchema = z.object({
  /** File name inside the SBU folder (no TIN, no offer number). */
  fileName: z.string(),
  sha256: z.string(),
});
