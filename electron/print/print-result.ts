/**
 * What building a package produces: the files and their SHA-256, and for every item its pages and
 * whether it was printed or replaced by a placeholder. It carries no names, bodies or TINs, so it can
 * become an audit event as it is.
 */
import { z } from 'zod';
import { PrintScopeSchema } from './print-options';

/**
 * included: printed whole; cut: printed up to a page bound; incomplete: a damaged file printed as far
 * as it could be read, followed by a notice page; placeholder: not printed, one page says why.
 */
export const ItemStatusSchema = z.enum(['included', 'cut', 'incomplete', 'placeholder']);

export const PrintItemRecordSchema = z.object({
  kind: z.enum(['message', 'attachment']),
  messageServerId: z.string(),
  /** For attachments: the SHA-256 recorded for the file (and verified, when status is not placeholder). */
  attachmentSha256: z.string().optional(),
  status: ItemStatusSchema,
  /** Why an attachment is a placeholder, was cut or is incomplete (generic words, no file content or names). */
  reason: z.string().optional(),
  firstPage: z.number().int(),
  lastPage: z.number().int(),
  volume: z.number().int(),
});

export const PrintVolumeRecordSchema = z.object({
  path: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  pages: z.number().int(),
  firstPage: z.number().int(),
  lastPage: z.number().int(),
  firstSetNumber: z.string(),
  lastSetNumber: z.string(),
});

export const PrintPackageResultSchema = z.object({
  packageId: z.string(),
  scope: PrintScopeSchema,
  generatedAt: z.string(),
  totalPages: z.number().int(),
  volumes: z.array(PrintVolumeRecordSchema),
  items: z.array(PrintItemRecordSchema),
});

export const PrintProgressSchema = z.object({
  phase: z.enum(['counting', 'building', 'saving']),
  itemsDone: z.number().int(),
  itemsTotal: z.number().int(),
  /** Pages of the items done so far. */
  pagesDone: z.number().int(),
  /** Pages of the item being built so far (a long text or PDF takes seconds), 0 between items. */
  itemPagesDone: z.number().int().nonnegative(),
  /** How far through that item (0..1; an estimate from the bytes read or the page bound, 0 when unknown). */
  itemFraction: z.number().min(0).max(1),
  volume: z.number().int(),
  volumes: z.number().int(),
});

export type ItemStatus = z.infer<typeof ItemStatusSchema>;
export type PrintItemRecord = z.infer<typeof PrintItemRecordSchema>;
export type PrintVolumeRecord = z.infer<typeof PrintVolumeRecordSchema>;
export type PrintPackageResult = z.infer<typeof PrintPackageResultSchema>;
export type PrintProgress = z.infer<typeof PrintProgressSchema>;
