/**
 * What the search box shows: cases (by taxpayer name, offer number, TIN last four) and messages (by
 * subject, body, file names) with their case, sender and server time, at most 50 of each.
 *
 * The index holds what taxpayers wrote, TINs in file names and subjects included, so every text of a
 * hit goes through the one masker (shared/mask-numbers.ts) before it leaves: a taxpayer's
 * "ssn_987_65_4321.pdf" must not show its SSN in a hit list. The snippet's U+0002/U+0003 hit markers,
 * which FTS5 may put inside a number, are looked through and kept.
 */
import { maskNumbers } from '../../shared/mask-numbers';
import type { SearchResultsView } from '../../shared/ipc/workspace-schemas';
import { HIT_END, HIT_START, type Vault } from '../vault';

export const SEARCH_LIMIT = 50;

export function maskSnippet(snippet: string): string {
  return maskNumbers(snippet, { transparent: HIT_START + HIT_END });
}

export function searchResults(vault: Vault, query: string): SearchResultsView {
  return {
    cases: vault.searchCases({ query, limit: SEARCH_LIMIT }),
    messages: vault.search({ query, limit: SEARCH_LIMIT })
      .map((h) => ({ ...h, subject: maskNumbers(h.subject), snippet: maskSnippet(h.snippet) })),
  };
}
