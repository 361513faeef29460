/**
 * What the reader answers, on its own connection: the same query functions and input checks the
 * Vault's synchronous calls use (case-summaries, search, searchCases), so the records are the same.
 * The case list is answered as the IPC contract's view, built here in the worker, so the main thread
 * passes it on without mapping 10,000 rows again.
 */
import type { CaseSummary } from '../../../shared/ipc/workspace-schemas';
import type { VaultDb } from '../database';
import { caseSummaryViewsByIds, listCaseSummaryViews } from '../queries/case-summaries';
import { searchCases } from '../queries/case-search';
import { searchMessages } from '../queries/search';
import { CaseSearchSchema, SearchSchema, parseInput, type CaseHit, type SearchHit } from '../records';
import { vaultErrors } from '../vault-errors';
import type { ReadQuery } from './read-protocol';

export interface SearchAnswer {
  cases: CaseHit[];
  messages: SearchHit[];
}

export type ReadAnswer = CaseSummary[] | SearchAnswer;

export function answerRead(db: VaultDb, request: ReadQuery): ReadAnswer {
  if (request.type === 'caseSummaries') return listCaseSummaryViews(db);
  if (request.type === 'caseSummariesByIds') return caseSummaryViewsByIds(db, request.caseIds);
  const c = parseInput(CaseSearchSchema, { query: request.query, limit: request.limit }, vaultErrors.invalidInput);
  const m = parseInput(SearchSchema, { query: request.query, limit: request.limit }, vaultErrors.invalidInput);
  return { cases: searchCases(db, c.query, c.limit), messages: searchMessages(db, m.query, m.limit, m.caseId, m.order) };
}
