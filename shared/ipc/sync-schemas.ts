/** What the renderer sees of sync, the outbox and picked files: states, counts and codes, never paths. */
import { z } from 'zod';
import { AppErrorDataSchema } from '../errors';
import { PASSWORD_MAX_LENGTH } from '../limits';

export const SyncStatusViewSchema = z.object({
  state: z.enum(['signed-out', 'syncing', 'idle', 'offline', 'error']),
  /** Server time when the laptop was last fully in step. */
  lastSyncedAt: z.string().nullable(),
  lastError: AppErrorDataSchema.nullable(),
  nextRetryAt: z.string().nullable(),
  outbox: z.object({ queued: z.number().int(), failed: z.number().int() }),
  downloads: z.object({ pending: z.number().int(), failed: z.number().int(), blocked: z.number().int() }),
  /** While files download: how far this run has got, in files and bytes (null when nothing is downloading). */
  progress: z.object({
    filesDone: z.number().int().min(0), filesTotal: z.number().int().min(0),
    bytesDone: z.number().int().min(0), bytesTotal: z.number().int().min(0),
  }).nullable(),
  account: z.object({ displayName: z.string(), accessCode: z.string().nullable() }).nullable(),
  server: z.enum(['demo', 'policy']),
});
export type SyncStatusView = z.infer<typeof SyncStatusViewSchema>;

export const SignInRequestSchema = z.object({
  accessCode: z.string().trim().regex(/^\d{4,12}$/, 'an e-Gain ID is 4 to 12 digits'),
  /** The protocol's own bound (shared/limits.ts), so an accepted password is never refused on the way out. */
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
}).strict();

/** A file the employee chose in the system dialog, known to the renderer only by an opaque token. */
export const PickedFileSchema = z.object({
  token: z.string().uuid(),
  name: z.string(),
  size: z.number().int().min(0),
  /** Set when the name carries a blocked extension (the file cannot be sent). */
  blockedExtension: z.string().nullable(),
});
export type PickedFile = z.infer<typeof PickedFileSchema>;

/** A new thread in a case (the server's createThread, then its first message), queued like a reply. */
export const QueueNewMessageRequestSchema = z.object({
  caseId: z.number().int().positive(),
  subject: z.string().trim().min(1).max(200),
  body: z.string().max(100_000),
  files: z.array(z.string().uuid()).max(20),
}).strict();

/** Files dropped on the composer: the preload turns each File into its path (webUtils.getPathForFile). */
export const DroppedFilesRequestSchema = z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(20) }).strict();

export const QueueReplyRequestSchema = z.object({
  caseId: z.number().int().positive(),
  threadId: z.number().int().positive(),
  body: z.string().max(100_000),
  files: z.array(z.string().uuid()).max(20),
}).strict();

export const OutboxItemViewSchema = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  threadId: z.number().int().nullable(),
  /** The thread's subject, or the new thread's for a new message. */
  subject: z.string(),
  state: z.enum(['queued', 'sending', 'sent', 'failed']),
  attempts: z.number().int(),
  lastErrorCode: z.string().nullable(),
  createdAt: z.string(),
  body: z.string(),
  files: z.array(z.object({ name: z.string(), size: z.number().int() })),
});
export type OutboxItemView = z.infer<typeof OutboxItemViewSchema>;
