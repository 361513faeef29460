/**
 * What the reader answers, on its own connection: the same query functions and input checks the
 * Vault's synchronous calls use (case-summaries, search, searchCases), so the records are the same;
 * search hits are shaped for the search box (masked) here, as the workspace would shape them.
 * The case list is answered a page at a time (case-list-pages.ts), each page as the IPC contract's view,
 * built, checked against the contract and encoded as JSON bytes here in the worker
 * (shared/ipc/json-answer.ts): the main thread passes them on.
 */
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { contract } from '../../../shared/ipc/contract';
import { encodeJsonUtf8 } from '../../../shared/ipc/json-answer';
import type { CaseSummary, SearchResultsView } from '../../../shared/ipc/workspace-schemas';
import type { VaultDb } from '../database';
import { caseSummaryViewsByIds, listCaseSummaryViews } from '../queries/case-summaries';
import { searchCases } from '../queries/case-search';
import { searchMessages } from '../queries/search';
import { shapeSearchResults } from '../queries/search-results';
import { CaseSearchSchema, SearchSchema, parseInput } from '../records';
import { vaultErrors } from '../vault-errors';
import type { CaseListPages } from './case-list-pages';
import type { ReadQuery } from './read-protocol';

/** An answer already encoded as JSON in UTF-8 (a page of the case list); its buffer is moved to the main thread. */
export interface JsonBytes {
  jsonUtf8: Uint8Array;
}

export type ReadAnswer = CaseSummary[] | SearchResultsView | JsonBytes;

/** The rows as JSON bytes, once they match the channel's output (what the IPC router checks of other answers). */
function checkedJson(schema: z.ZodType, value: unknown): JsonBytes {
  const checked = schema.safeParse(value);
  if (!checked.success) {
    const paths = checked.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.code}`).join('; '); // paths and codes only, no values
    throw new AppError('E_INTERNAL', 'The application produced an unexpected answer. Report this to IT.', { issues: paths });
  }
  return { jsonUtf8: encodeJsonUtf8(checked.data) };
}

/** `pages`: the worker's lists being read page by page (one store per worker). */
export function answerRead(db: VaultDb, request: ReadQuery, pages: CaseListPages): ReadAnswer {
  if (request.type === 'caseListPage') {
    // Each page is checked as it goes out: every row once, and never more than a page at a time.
    const page = request.pageToken === undefined ? pages.start(listCaseSummaryViews(db)) : pages.next(request.pageToken);
    return checkedJson(contract.cases.list.output, page);
  }
  if (request.type === 'caseSummariesByIds') return caseSummaryViewsByIds(db, request.caseIds);
  const c = parseInput(CaseSearchSchema, { query: request.query, limit: request.limit }, vaultErrors.invalidInput);
  const m = parseInput(SearchSchema, { query: request.query, limit: request.limit }, vaultErrors.invalidInput);
  // Shaped (every taxpayer text masked) here: masking 50 snippets took the main thread 10-25 ms.
  return shapeSearchResults({ cases: searchCases(db, c.query, c.limit), messages: searchMessages(db, m.query, m.limit, m.caseId, m.order) });
}
