/**
 * What a print package is made of: the case header, the messages in order, and each message's
 * attachments. The data part is a zod schema (it crosses into the print worker and comes from the
 * vault or the tests); the bytes of an attachment are opened on demand, one at a time, so a case with
 * gigabytes of attachments never sits in memory.
 */
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { Sha256HexSchema } from '../../shared/protocol/common';
import { RequestDateSchema, RequestItemStateSchema } from '../../shared/requests/request-schemas';

const IsoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)) && /T/.test(s), 'must be an ISO 8601 instant');

export const CaseHeaderSchema = z.object({
  offerNumber: z.string().min(1).max(64),
  taxpayerDisplayName: z.string().min(1).max(200),
  /** Already masked by the caller, e.g. `***-**-4321`: the package never sees a full TIN. */
  maskedTin: z.string().regex(/^\*{3}-\*{2}-\d{4}$|^\*{2}-\*{3}\d{4}$/, 'must be a masked TIN like ***-**-4321'),
  employeeName: z.string().min(1).max(200),
  egainId: z.string().min(1).max(64),
});

/**
 * What the print worker needs to decrypt one vault attachment (electron/vault/blob-grant.ts): the blob
 * file, its plaintext size and its per-blob key — never the case key. Added by the print service just
 * before the worker starts; the key is transferred to the worker and zeroed there when the job ends.
 */
export const VaultBlobGrantSchema = z.object({
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  key: z.instanceof(Uint8Array).refine((k) => k.length === 32, 'a blob key has 32 bytes'),
});

/** Why an attachment is listed but deliberately not opened (print/withheld-source.ts words it). */
export const WithheldReasonSchema = z.enum(['blocked-file-type', 'not-downloaded', 'stored-copy-damaged']);

/**
 * Where the worker finds an attachment's bytes. Serializable, so it can cross into a worker thread;
 * each kind has an opener (see attachment-openers.ts). `vault-blob` without a grant is a reference
 * (safe to keep or log); `withheld` is never opened and prints as a placeholder page with its reason.
 */
export const AttachmentSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: z.string().min(1) }),
  z.object({ kind: z.literal('vault-blob'), attachmentId: z.number().int().positive(), grant: VaultBlobGrantSchema.optional() }),
  // attachmentId: the vault row, when the file is stored (a blocked or damaged one); absent when never downloaded.
  z.object({ kind: z.literal('withheld'), reason: WithheldReasonSchema, attachmentId: z.number().int().positive().optional() }),
]);

export const AttachmentMetaSchema = z.object({
  name: z.string().min(1).max(1024),
  size: z.number().int().nonnegative(),
  declaredType: z.string().max(255),
  sha256: Sha256HexSchema,
});

export const PrintMessageSchema = z.object({
  serverId: z.string().min(1).max(128),
  direction: z.enum(['received', 'sent']),
  serverReceivedAt: IsoInstant,
  from: z.string().max(500),
  to: z.string().max(2000),
  subject: z.string().max(1000),
  body: z.string().max(5_000_000),
});

/**
 * The document-request history as the cover prints it (request-history.ts maps the vault's view to
 * it). Plain data: it crosses into the worker. Free text is already masked (maskNumbers) by the caller.
 */
export const PrintAnsweringAttachmentSchema = z.object({
  fileName: z.string().min(1).max(1024),
  /** The message it came in; the cover finds the attachment's index number (`see 3.2`) from it and the SHA-256. */
  messageServerId: z.string().min(1).max(128).nullable(),
  /** The message's fax-like label: `RECEIVED 04/21/2025 10:03 AM ET · SECURE MESSAGING · MSG 7F3A…`. */
  receivedLabel: z.string().min(1).max(200),
  sha256: Sha256HexSchema,
});

export const PrintDueDateChangeSchema = z.object({
  at: IsoInstant,
  fromDueDate: RequestDateSchema,
  toDueDate: RequestDateSchema,
  reason: z.string().max(500),
});

export const PrintRequestItemSchema = z.object({
  label: z.string().min(1).max(200),
  state: RequestItemStateSchema,
  /** The current due date (after any extensions, listed oldest first in `dueDateChanges`). */
  dueDate: RequestDateSchema,
  waivedReason: z.string().max(500).nullable(),
  dueDateChanges: z.array(PrintDueDateChangeSchema).max(1000),
  answeredBy: z.array(PrintAnsweringAttachmentSchema).max(1000),
});

export const PrintDocumentRequestSchema = z.object({
  subject: z.string().max(1000),
  sendState: z.enum(['queued', 'sending', 'sent', 'failed']),
  /** The server's time of the sent request message; null while it is not sent. */
  sentAt: IsoInstant.nullable(),
  /** The sent message, to point at it in the index; null while it is not sent. */
  messageServerId: z.string().min(1).max(128).nullable(),
  dueDate: RequestDateSchema,
  timeZone: z.string().min(1).max(64),
  /** The deadline as the message worded it. */
  deadlineText: z.string().max(500),
  items: z.array(PrintRequestItemSchema).min(1).max(1000),
});

/** The serializable form: what the worker receives. */
export const PrintSetDataSchema = z.object({
  caseHeader: CaseHeaderSchema,
  messages: z.array(PrintMessageSchema.extend({
    attachments: z.array(AttachmentMetaSchema.extend({ source: AttachmentSourceSchema })),
  })).min(1, 'a print set needs at least one message'),
  /** Oldest first. Optional (absent = none), so sets built before requests existed stay valid. */
  documentRequests: z.array(PrintDocumentRequestSchema).max(10_000).optional(),
});

export type CaseHeader = z.infer<typeof CaseHeaderSchema>;
export type AttachmentSource = z.infer<typeof AttachmentSourceSchema>;
export type AttachmentMeta = z.infer<typeof AttachmentMetaSchema>;
export type PrintMessage = z.infer<typeof PrintMessageSchema>;
export type PrintSetData = z.infer<typeof PrintSetDataSchema>;
export type VaultBlobGrant = z.infer<typeof VaultBlobGrantSchema>;
export type WithheldReason = z.infer<typeof WithheldReasonSchema>;
export type PrintDocumentRequest = z.infer<typeof PrintDocumentRequestSchema>;
export type PrintRequestItem = z.infer<typeof PrintRequestItemSchema>;
export type PrintAnsweringAttachment = z.infer<typeof PrintAnsweringAttachmentSchema>;

/**
 * An attachment as the builder uses it: metadata plus a function that opens its bytes as a stream.
 * `withheld` (the reason, in words) means: do not open, print a placeholder page saying why.
 */
export type PrintAttachment = AttachmentMeta & { open(): Readable; withheld?: string };
export type PrintSetMessage = PrintMessage & { attachments: PrintAttachment[] };
/** The in-process print set: `buildPrintPackage` takes this. */
export interface PrintSet { caseHeader: CaseHeader; messages: PrintSetMessage[]; documentRequests?: PrintDocumentRequest[] }

/** Validates the data part of an in-process print set (the `open` functions are checked for presence). */
export function validatePrintSet(set: PrintSet): PrintSet {
  const data = z.object({
    caseHeader: CaseHeaderSchema,
    messages: z.array(PrintMessageSchema.extend({
      attachments: z.array(AttachmentMetaSchema.extend({
        open: z.custom<() => Readable>((v) => typeof v === 'function', 'open must be a function'),
        withheld: z.string().min(1).optional(),
      })),
    })).min(1, 'a print set needs at least one message'),
    documentRequests: PrintSetDataSchema.shape.documentRequests,
  }).parse(set);
  return data as PrintSet;
}
