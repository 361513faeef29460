/**
 * Messages between the vault reader (main thread, vault-reader.ts) and its worker (read-worker.ts).
 * Requests carry an id the reply repeats. Replies are checked for their envelope only: the records
 * themselves come from our own worker, and validating 10,000 case rows on the main thread would cost
 * the time the worker exists to save.
 */
import { z } from 'zod';
import { AppErrorDataSchema } from '../../../shared/errors';

export const ReadRequestSchema = z.discriminatedUnion('type', [
  /** The whole case list, as the contract's view (cases.list). */
  z.object({ type: z.literal('caseSummaries'), id: z.number().int() }),
  /** The named cases that still exist, as the contract's view (cases.summaries; the router checked the ids). */
  z.object({ type: z.literal('caseSummariesByIds'), id: z.number().int(), caseIds: z.array(z.number().int().positive()) }),
  /** Message search and case search of one query (what the search box shows), as Vault.search / searchCases take them. */
  z.object({ type: z.literal('search'), id: z.number().int(), query: z.string(), limit: z.number().int() }),
  /** The main thread has read a part and turned its event loop: the next part of answer `id`, please. */
  z.object({ type: z.literal('more'), id: z.number().int() }),
  z.object({ type: z.literal('close') }),
]);
export type ReadRequest = z.infer<typeof ReadRequestSchema>;
export type ReadQuery = Exclude<ReadRequest, { type: 'close' | 'more' }>;

export const ReadReplySchema = z.discriminatedUnion('type', [
  /**
   * A long list comes in parts before its answer, each sent when the main thread asks for it (`more`)
   * after reading the one before: each part is read (structured clone) in its own turn of the main
   * event loop, so 10,000 cases never hold it for one long read. (Messages already queued on a port
   * are all read in one turn, so sending every part at once would not help.)
   */
  z.object({ type: z.literal('part'), id: z.number().int(), rows: z.array(z.unknown()) }),
  /** `parts`: the value is the parts sent before, in order. */
  z.object({ type: z.literal('answer'), id: z.number().int(), value: z.unknown(), parts: z.boolean().optional() }),
  z.object({ type: z.literal('failed'), id: z.number().int(), error: AppErrorDataSchema }),
  /** The worker could not open the vault: every request fails with this. */
  z.object({ type: z.literal('fatal'), error: AppErrorDataSchema }),
]);
export type ReadReply = z.infer<typeof ReadReplySchema>;

/** What the worker sees at start: the vault folder and the raw database key (moved, not copied, into the worker). */
export interface ReadWorkerData {
  dir: string;
  dbKey: Uint8Array;
}
