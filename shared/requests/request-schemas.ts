/**
 * The shapes of document-request items, declared once: the vault store, the IPC contract and the
 * screens derive from these. A request item's state is derived (see item-state.ts), never stored.
 */
import { z } from 'zod';

/** What an item asks for: one entry of the catalog (catalog.ts), `other` being free text. */
export const RequestItemKindSchema = z.enum([
  'bank-statements',
  'pay-stubs',
  'form-433a-oic',
  'form-433b-oic',
  'vehicle-loan',
  'mortgage-or-rent',
  'monthly-expenses',
  'profit-and-loss',
  'investment-statements',
  'retirement-statements',
  'other',
]);
export type RequestItemKind = z.infer<typeof RequestItemKindSchema>;

/**
 * - requested: nothing linked yet, not past due;
 * - partly-received: some attachments linked, not confirmed complete, not past due;
 * - received: the employee confirmed the item is fully received;
 * - overdue: past the due date and neither received nor waived (even if partly received);
 * - waived: the employee no longer needs it (with a reason).
 */
export const RequestItemStateSchema = z.enum(['requested', 'partly-received', 'received', 'overdue', 'waived']);
export type RequestItemState = z.infer<typeof RequestItemStateSchema>;

/**
 * A calendar date, YYYY-MM-DD: due dates are days (the deadline is the end of that day in the request's
 * time zone). The one date shape of case work: the IPC views, the vault store and the print set use it.
 */
export const RequestDateSchema = z.iso.date({ error: 'must be a date YYYY-MM-DD' });

export const ItemHistoryKindSchema = z.enum([
  'requested',
  'due-date-changed',
  'attachment-linked',
  'attachment-unlinked',
  'received',
  'partly-received',
  'waived',
  'reopened',
]);
export type ItemHistoryKind = z.infer<typeof ItemHistoryKindSchema>;

/** One change to one item, kept forever in the item's history (and in the Appeals package). */
export const ItemHistoryEntrySchema = z.object({
  /** When the employee made the change (ISO 8601 instant). */
  at: z.iso.datetime({ offset: true }),
  kind: ItemHistoryKindSchema,
  /** due-date-changed: the date before the change. */
  fromDueDate: RequestDateSchema.optional(),
  /** requested and due-date-changed: the due date from now on. */
  toDueDate: RequestDateSchema.optional(),
  /**
   * The date the employee asked for when it was not a business day and was moved forward to
   * `toDueDate` (requested and due-date-changed only).
   */
  askedDueDate: RequestDateSchema.optional(),
  /** due-date-changed and waived: why (required); reopened: why (optional). */
  reason: z.string().trim().min(1).max(500).optional(),
  /** attachment-linked / attachment-unlinked: the vault's attachment id. */
  attachmentId: z.number().int().positive().optional(),
});
export type ItemHistoryEntry = z.infer<typeof ItemHistoryEntrySchema>;
