/** Printing to the OIC file, as the renderer asks for it and sees it. */
import { z } from 'zod';

export const PrintRequestSchema = z.object({
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('message'), messageId: z.number().int().positive() }).strict(),
    /** The whole case in server-time order: the set for Appeals. */
    z.object({ kind: z.literal('case'), caseId: z.number().int().positive() }).strict(),
  ]),
  /** 'save': into the SBU folder only; 'printer': saved, then sent to a printer through the system dialog. */
  destination: z.enum(['save', 'printer']),
}).strict();
export type PrintRequest = z.infer<typeof PrintRequestSchema>;

export const PrintOutcomeViewSchema = z.object({
  /** File names inside the SBU folder, in volume order (no TIN, no offer number). */
  files: z.array(z.string()),
  totalPages: z.number().int(),
  attachments: z.number().int(),
  /** Attachments printed as a placeholder page (blocked, damaged, unreadable, not downloaded). */
  placeholders: z.number().int(),
  /** Attachments printed only in part (a damaged PDF: the pages that could be read, then a notice page). */
  incomplete: z.number().int(),
  /** For 'printer': whether every volume went to the printer (false when the dialog was cancelled). */
  printed: z.boolean().nullable(),
});
export type PrintOutcomeView = z.infer<typeof PrintOutcomeViewSchema>;

export const PrintProgressViewSchema = z.object({
  phase: z.enum(['counting', 'building', 'saving']),
  itemsDone: z.number().int(),
  itemsTotal: z.number().int(),
  /** Pages of the items done so far. */
  pagesDone: z.number().int(),
  /** Pages of the item being built so far (a long text file or PDF takes seconds); 0 between items. */
  itemPagesDone: z.number().int().nonnegative().default(0),
  /** How far through that item, 0..1 (an estimate; 0 when unknown), so the bar moves inside it. */
  itemFraction: z.number().min(0).max(1).default(0),
});
export type PrintProgressView = z.infer<typeof PrintProgressViewSchema>;
