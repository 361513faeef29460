/** Cases, their threads, messages and attachments as the server returns them. */
import { z } from 'zod';
import { IdSchema, InstantSchema, Sha256HexSchema } from './common';
import { AccountRoleSchema } from './auth';

export const OfferBasisSchema = z.enum(['doubt-as-to-collectibility', 'doubt-as-to-liability', 'effective-tax-administration']);
export type OfferBasis = z.infer<typeof OfferBasisSchema>;

export const CaseStatusSchema = z.enum(['open', 'pending-documents', 'under-review', 'appeals', 'closed']);

export const ParticipantSchema = z.object({
  accountId: IdSchema,
  role: AccountRoleSchema,
  displayName: z.string(),
});
export type Participant = z.infer<typeof ParticipantSchema>;

export const CaseSchema = z.object({
  id: IdSchema,
  /** Opaque offer number, e.g. DEMO-0000012345. */
  offerNumber: z.string(),
  offerBasis: OfferBasisSchema,
  status: CaseStatusSchema,
  taxpayerName: z.string(),
  /** Masked TIN: ***-**-4321. The full TIN never leaves the server. */
  tinMasked: z.string().regex(/^\*\*\*-\*\*-\d{4}$/),
  assignedEmployee: ParticipantSchema,
  participants: z.array(ParticipantSchema),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
}).meta({ id: 'Case' });
export type Case = z.infer<typeof CaseSchema>;

export const ThreadSchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  subject: z.string(),
  createdBy: IdSchema,
  createdAt: InstantSchema,
  lastMessageAt: InstantSchema.nullable(),
  messageCount: z.number().int().nonnegative(),
}).meta({ id: 'Thread' });
export type Thread = z.infer<typeof ThreadSchema>;

export const AttachmentSchema = z.object({
  id: IdSchema,
  messageId: IdSchema,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  sha256: Sha256HexSchema,
}).meta({ id: 'Attachment' });
export type Attachment = z.infer<typeof AttachmentSchema>;

/** employee -> taxpayer/representative is outbound; the other way is inbound. */
export const MessageDirectionSchema = z.enum(['outbound', 'inbound']);

export const MessageSchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  threadId: IdSchema,
  sender: ParticipantSchema,
  direction: MessageDirectionSchema,
  body: z.string(),
  /** The authoritative receipt time (server clock): the source of the fax-like label. */
  receivedAt: InstantSchema,
  attachments: z.array(AttachmentSchema),
  totalBytes: z.number().int().nonnegative(),
}).meta({ id: 'Message' });
export type Message = z.infer<typeof MessageSchema>;

export const CaseListResponseSchema = z.object({ cases: z.array(CaseSchema) });
export const ThreadListResponseSchema = z.object({ threads: z.array(ThreadSchema) });
export const MessageListResponseSchema = z.object({ messages: z.array(MessageSchema) });

export const CreateThreadRequestSchema = z.object({
  subject: z.string().trim().min(1).max(200),
}).strict().meta({ id: 'CreateThreadRequest' });
export type CreateThreadRequest = z.infer<typeof CreateThreadRequestSchema>;

export const MAX_ATTACHMENTS_PER_MESSAGE = 50;

/** A message references completed uploads of its sender; each upload can be used by one message only. */
export const CreateMessageRequestSchema = z.object({
  body: z.string().max(100_000),
  uploadIds: z.array(IdSchema).max(MAX_ATTACHMENTS_PER_MESSAGE).default([]),
}).strict().meta({ id: 'CreateMessageRequest' });
export type CreateMessageRequest = z.input<typeof CreateMessageRequestSchema>;

export const CaseParamsSchema = z.object({ caseId: IdSchema });
export const ThreadParamsSchema = z.object({ caseId: IdSchema, threadId: IdSchema });
export const MessageParamsSchema = z.object({ messageId: IdSchema });
export const AttachmentParamsSchema = z.object({ attachmentId: IdSchema });
