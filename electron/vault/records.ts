/**
 * The shapes that cross the vault's boundary, as zod schemas; TypeScript types are inferred from them.
 * Inputs are validated on every call (the IPC layer and sync are callers, and both relay untrusted data).
 */
import { z } from 'zod';
import type { CaseHitViewSchema, SearchHitViewSchema } from '../../shared/ipc/workspace-schemas';
import { CaseStatusSchema as ProtocolCaseStatusSchema } from '../../shared/protocol/cases';

const id = z.number().int().positive();
/** Instants are ISO 8601 with an offset; stored normalized to UTC `...Z` so that they sort as text. */
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)) && /T.*(Z|[+-]\d\d:?\d\d)$/.test(s), 'ISO 8601 instant with offset')
  .transform((s) => new Date(s).toISOString());

export const CaseStatusSchema = z.enum(['open', 'pending', 'closed']);
/** The server's status, kept as it is for display; `status` above drives closing and retention. */
export const ServerCaseStatusSchema = ProtocolCaseStatusSchema;
export type ServerCaseStatus = z.infer<typeof ServerCaseStatusSchema>;
export const AssignedRoleSchema = z.enum(['PE', 'OE', 'OS', 'TE']);

export const NewCaseSchema = z.object({
  /** Opaque: the real offer-number format is not public. */
  offerNumber: z.string().min(1).max(64),
  taxpayerName: z.string().min(1).max(200),
  /** Only the masked form is ever stored: SSN ***-**-1234 or EIN **-***1234. */
  tinMasked: z.string().regex(/^(\*\*\*-\*\*-\d{4}|\*\*-\*\*\*\d{4})$/, 'masked TIN such as ***-**-4321'),
  status: CaseStatusSchema.exclude(['closed']).default('open'),
  /** Defaults to the nearest one to `status` (open, pending-documents). */
  serverStatus: ServerCaseStatusSchema.optional(),
  assignedRole: AssignedRoleSchema,
  createdAt: instant,
}).strict();
export type NewCase = z.input<typeof NewCaseSchema>;

export const CaseRecordSchema = z.object({
  id,
  offerNumber: z.string(),
  taxpayerName: z.string(),
  tinMasked: z.string(),
  status: CaseStatusSchema,
  serverStatus: ServerCaseStatusSchema,
  assignedRole: AssignedRoleSchema,
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type CaseRecord = z.infer<typeof CaseRecordSchema>;

export type CaseSummary = CaseRecord & {
  messageCount: number; unreadCount: number; lastReceivedAt: string | null;
  /** Announced files not stored yet (pending or failed; blocked ones never will be). */
  pendingDownloads: number;
};

export const CloseCaseSchema = z.object({ caseId: id, closedAt: instant }).strict();

export const NewParticipantSchema = z.object({
  caseId: id,
  serverContactId: z.string().min(1).max(128),
  role: z.enum(['taxpayer', 'representative', 'employee']),
  displayName: z.string().min(1).max(200),
}).strict();
export type NewParticipant = z.input<typeof NewParticipantSchema>;
export type ParticipantRecord = z.output<typeof NewParticipantSchema> & { id: number };

export const NewThreadSchema = z.object({
  caseId: id,
  serverThreadId: z.string().min(1).max(128),
  subject: z.string().max(500),
  createdAt: instant,
}).strict();
export type NewThread = z.input<typeof NewThreadSchema>;
export type ThreadRecord = z.output<typeof NewThreadSchema> & { id: number };

export const NewMessageSchema = z.object({
  threadId: id,
  serverId: z.string().min(1).max(128),
  direction: z.enum(['inbound', 'outbound']),
  /** The server's receipt time: the fax-like label is printed from it, never from the laptop clock. */
  serverReceivedAt: instant,
  from: z.string().min(1).max(200),
  subject: z.string().max(500),
  body: z.string().max(1_000_000),
  read: z.boolean().default(false),
}).strict();
export type NewMessage = z.input<typeof NewMessageSchema>;
export type MessageRecord = Omit<z.output<typeof NewMessageSchema>, never> & { id: number; caseId: number };

export const NewAttachmentSchema = z.object({
  messageId: id,
  fileName: z.string().min(1).max(255),
  declaredType: z.string().min(1).max(127),
  expectedSha256: z.string().regex(/^[0-9a-fA-F]{64}$/).optional(),
  /** Refuse the stream beyond this many bytes (default: the 1 GiB inbound limit). */
  maxBytes: z.number().int().positive().optional(),
}).strict();
export type NewAttachment = z.input<typeof NewAttachmentSchema>;

export const AttachmentRecordSchema = z.object({
  id,
  caseId: id,
  messageId: id,
  fileName: z.string(),
  declaredType: z.string(),
  detectedType: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
  blobRef: z.string(),
  blocked: z.boolean(),
  printed: z.boolean(),
});
export type AttachmentRecord = z.infer<typeof AttachmentRecordSchema>;

export const RangeSchema = z.object({
  start: z.number().int().nonnegative().optional(),
  end: z.number().int().nonnegative().optional(),
}).strict();

export const SaveDraftSchema = z.object({
  id: id.optional(),
  caseId: id,
  threadId: id.nullable().default(null),
  subject: z.string().max(500),
  body: z.string().max(1_000_000),
}).strict();
export type SaveDraft = z.input<typeof SaveDraftSchema>;
export type DraftRecord = Omit<z.output<typeof SaveDraftSchema>, 'id'> & { id: number; updatedAt: string };

export const OutboxStateSchema = z.enum(['queued', 'sending', 'sent', 'failed']);
export const EnqueueOutboxSchema = z.object({
  caseId: id,
  threadId: id.nullable().default(null),
  clientMessageId: z.string().uuid(),
  subject: z.string().max(500),
  body: z.string().max(1_000_000),
}).strict();
export type EnqueueOutbox = z.input<typeof EnqueueOutboxSchema>;
export const UpdateOutboxSchema = z.object({
  id,
  state: OutboxStateSchema,
  lastErrorCode: z.string().regex(/^E_[A-Z0-9_]+$/).nullable().default(null),
}).strict();
export type UpdateOutbox = z.input<typeof UpdateOutboxSchema>;
export type OutboxRecord = z.output<typeof EnqueueOutboxSchema> & {
  id: number; state: z.infer<typeof OutboxStateSchema>; attempts: number; lastErrorCode: string | null; createdAt: string; updatedAt: string;
};

export const CursorNameSchema = z.string().min(1).max(64).regex(/^[a-z0-9:._-]+$/);
export const CursorValueSchema = z.string().max(4096);

export const SearchSchema = z.object({
  query: z.string().trim().min(1).max(200),
  limit: z.number().int().min(1).max(500).default(50),
  caseId: id.optional(),
  /**
   * 'recent' (default): newest stored first; FTS5 stops after `limit` hits, ~3 ms even for words in
   * half the messages. 'relevance': BM25 rank; must score every hit, ~80 ms for such words at 100k.
   */
  order: z.enum(['recent', 'relevance']).default('recent'),
}).strict();
export type SearchInput = z.input<typeof SearchSchema>;
/** A message hit; `snippet` wraps matched terms in U+0002 … U+0003 (control characters, never in stored text). */
export type SearchHit = z.infer<typeof SearchHitViewSchema>;

export const CaseSearchSchema = SearchSchema.pick({ query: true, limit: true }).strict();
export type CaseSearchInput = z.input<typeof CaseSearchSchema>;
/** A case found by taxpayer name (word prefix), offer number (substring) or TIN last four. */
export type CaseHit = z.infer<typeof CaseHitViewSchema>;

export const RetentionSchema = z.object({ retentionDays: z.number().int().min(1).max(3650), now: z.date().optional() }).strict();

/** Parses with a schema, turning a failure into E_INVALID_INPUT naming only the field paths. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, onError: (issues: string) => Error): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw onError(r.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.code}`).join('; '));
  return r.data;
}
