/**
 * What the reader answers, on its own connection: the same query functions and input checks the
 * Vault's synchronous calls use (listCaseSummaries, search, searchCases), so the records are the same.
 */
import type { VaultDb } from '../database';
import { listCaseSummaries } from '../queries/case-summaries';
import { searchCases } from '../queries/case-search';
import { searchMessages } from '../queries/search';
import { CaseSearchSchema, SearchSchema, parseInput, type CaseHit, type CaseSummary, type SearchHit } from '../records';
import { vaultErrors } from '../vault-errors';
import type { ReadQuery } from './read-protocol';

export interface SearchAnswer {
  cases: CaseHit[];
  messages: SearchHit[];
}

export type ReadAnswer = CaseSummary[] | SearchAnswer;

export function answerRead(db: VaultDb, request: ReadQuery): ReadAnswer {
  if (request.type === 'caseSummaries') return listCaseSummaries(db);
  const c = parseInput(CaseSearchSchema, { query: request.query, limit: request.limit }, vaultErrors.invalidInput);
  const m = parseInput(SearchSchema, { query: request.query, limit: request.limit }, vaultErrors.invalidInput);
  return { cases: searchCases(db, c.query, c.limit), messages: searchMessages(db, m.query, m.limit, m.caseId, m.order) };
}
