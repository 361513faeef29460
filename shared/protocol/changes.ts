/**
 * The change feed: every event an account may see, in one total order. The cursor is opaque to the
 * client; it stores the cursor of the last page it applied and asks for what came after.
 */
import { z } from 'zod';
import { IdSchema, InstantSchema } from './common';
import { CaseSchema, MessageSchema, ThreadSchema } from './cases';

export const CursorSchema = z.string().regex(/^\d{1,15}$/).meta({ description: 'Opaque cursor; "0" is the beginning.' });

export const ChangesQuerySchema = z.object({
  after: CursorSchema.default('0'),
  /** Seconds to wait for an event when there is none yet (long-polling). */
  wait: z.coerce.number().int().min(0).max(60).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
}).strict();
export type ChangesQuery = z.input<typeof ChangesQuerySchema>;

const base = { seq: z.number().int().positive(), caseId: IdSchema, occurredAt: InstantSchema };

export const ChangeEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('case.created'), case: CaseSchema }),
  z.object({ ...base, type: z.literal('thread.created'), thread: ThreadSchema }),
  z.object({ ...base, type: z.literal('message.created'), message: MessageSchema }),
]).meta({ id: 'ChangeEvent' });
export type ChangeEvent = z.infer<typeof ChangeEventSchema>;

export const ChangesResponseSchema = z.object({
  events: z.array(ChangeEventSchema),
  /** Pass as `after` next time. Advances past events the account may not see, so nothing is re-scanned. */
  cursor: CursorSchema,
  /** True when more events are ready now (the page was full). */
  hasMore: z.boolean(),
}).meta({ id: 'ChangesResponse' });
export type ChangesResponse = z.infer<typeof ChangesResponseSchema>;
