/** The shapes of sync's state in the vault (see migration 004), as zod schemas; types inferred from them. */
import { z } from 'zod';

const id = z.number().int().positive();
/** Server ids are opaque strings (UUIDs for the reference server). */
const serverId = z.string().min(1).max(128);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const RemoteAttachmentStateSchema = z.enum(['pending', 'stored', 'blocked', 'failed']);
export type RemoteAttachmentState = z.infer<typeof RemoteAttachmentStateSchema>;

export const NewRemoteAttachmentSchema = z.object({
  serverAttachmentId: serverId,
  messageId: id,
  fileName: z.string().min(1).max(255),
  contentType: z.string().min(1).max(255),
  size: z.number().int().nonnegative(),
  sha256,
  /** 'blocked' for a blocked file name: recorded so the employee sees it, never downloaded. */
  state: z.enum(['pending', 'blocked']),
}).strict();
export type NewRemoteAttachment = z.input<typeof NewRemoteAttachmentSchema>;

export type RemoteAttachmentRecord = Omit<z.output<typeof NewRemoteAttachmentSchema>, 'state'> & {
  caseId: number; state: RemoteAttachmentState; attachmentId: number | null; attempts: number; lastErrorCode: string | null;
};

export const RemoteAttachmentUpdateSchema = z.object({
  serverAttachmentId: serverId,
  state: RemoteAttachmentStateSchema,
  attachmentId: id.nullable().default(null),
  lastErrorCode: z.string().regex(/^E_[A-Z0-9_]+$/).nullable().default(null),
  /** Count this as a download attempt. */
  attempt: z.boolean().default(false),
}).strict();
export type RemoteAttachmentUpdate = z.input<typeof RemoteAttachmentUpdateSchema>;

export const SecretNameSchema = z.string().regex(/^[a-z0-9:._-]{1,64}$/);
export const SecretValueSchema = z.string().min(1).max(4096);

export const NewOutboxAttachmentSchema = z.object({
  outboxId: id,
  fileName: z.string().min(1).max(255),
  declaredType: z.string().min(1).max(255),
  /** Refuse the copy once it exceeds this many bytes (the rest of the 150 MiB budget of the message). */
  maxBytes: z.number().int().nonnegative(),
}).strict();
export type NewOutboxAttachment = z.input<typeof NewOutboxAttachmentSchema>;

export type OutboxAttachmentRecord = {
  id: number; outboxId: number; caseId: number; fileName: string; declaredType: string; detectedType: string;
  size: number; sha256: string; blobRef: string; uploadId: string | null;
};

/** What the server answered for a sent reply's file: the outbox copy becomes that attachment. */
export const SentFileSchema = z.object({
  outboxAttachmentId: id,
  serverAttachmentId: serverId,
  fileName: z.string().min(1).max(255),
  contentType: z.string().min(1).max(255),
  size: z.number().int().nonnegative(),
  sha256,
}).strict();

export const CompleteOutboxSendSchema = z.object({
  outboxId: id,
  /** The vault message recording the server's copy of the reply (insertMessage with the server time). */
  messageId: id,
  files: z.array(SentFileSchema),
}).strict();
export type CompleteOutboxSend = z.input<typeof CompleteOutboxSendSchema>;
