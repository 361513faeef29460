/**
 * What the search box shows: cases (by taxpayer name, offer number, TIN last four) and messages (by
 * subject, body, file names) with their case, sender and server time, at most 50 of each.
 *
 * Snippets get long digit runs masked as file names are everywhere else (a taxpayer's
 * "Form 433-A 987-65-4321.pdf" must not show its SSN in a hit list); the masking looks through the
 * U+0002/U+0003 hit markers, which FTS5 may put inside a number, and keeps them.
 */
import type { SearchResultsView } from '../../shared/ipc/workspace-schemas';
import type { Vault } from '../vault';

export const SEARCH_LIMIT = 50;

/** Like maskNumbers: 7+ digits, optionally split by dashes or spaces, with hit markers anywhere in the run. */
// eslint-disable-next-line no-control-regex -- U+0002/U+0003 are the snippet's hit markers
const LONG_NUMBER_IN_SNIPPET = /\d(?:[\u0002\u0003]*[\s-]?[\u0002\u0003]*\d){6,}/g;

export function maskSnippet(snippet: string): string {
  return snippet.replace(LONG_NUMBER_IN_SNIPPET, (run) => run.replace(/\d/g, 'X'));
}

export function searchResults(vault: Vault, query: string): SearchResultsView {
  return {
    cases: vault.searchCases({ query, limit: SEARCH_LIMIT }),
    messages: vault.search({ query, limit: SEARCH_LIMIT }).map((h) => ({ ...h, snippet: maskSnippet(h.snippet) })),
  };
}
