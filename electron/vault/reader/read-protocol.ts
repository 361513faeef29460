/**
 * Messages between the vault reader (main thread, vault-reader.ts) and its worker (read-worker.ts).
 * Requests carry an id the reply repeats. Replies are checked for their envelope only: the records
 * themselves come from our own worker, and validating 10,000 case rows on the main thread would cost
 * the time the worker exists to save (the worker checks the case list against the contract before it
 * encodes it: read-queries.ts).
 */
import { z } from 'zod';
import { AppErrorDataSchema } from '../../../shared/errors';
import { CaseListPageTokenSchema } from '../../../shared/ipc/workspace-schemas';

export const ReadRequestSchema = z.discriminatedUnion('type', [
  /**
   * A page of the case list (cases.list): the first of a new list, or the one after `pageToken`. As the
   * contract's page encoded as JSON: answered `{ jsonUtf8 }`, its buffer transferred.
   */
  z.object({ type: z.literal('caseListPage'), id: z.number().int(), pageToken: CaseListPageTokenSchema.optional() }),
  /** The named cases that still exist, as the contract's view (cases.summaries; the router checked the ids). */
  z.object({ type: z.literal('caseSummariesByIds'), id: z.number().int(), caseIds: z.array(z.number().int().positive()) }),
  /** Message search and case search of one query (what the search box shows), as Vault.search / searchCases take them. */
  z.object({ type: z.literal('search'), id: z.number().int(), query: z.string(), limit: z.number().int() }),
  z.object({ type: z.literal('close') }),
]);
export type ReadRequest = z.infer<typeof ReadRequestSchema>;
export type ReadQuery = Exclude<ReadRequest, { type: 'close' }>;

export const ReadReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('answer'), id: z.number().int(), value: z.unknown() }),
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
