/**
 * What the search box shows: cases (by taxpayer name, offer number, TIN last four) and messages (by
 * subject, body, file names) with their case, sender and server time, at most 50 of each.
 *
 * The index holds what taxpayers wrote, TINs in file names and subjects included, so every text of a
 * hit goes through the one masker (shared/mask-numbers.ts) before it leaves: a taxpayer's
 * "ssn_987_65_4321.pdf" must not show its SSN in a hit list. The snippet's U+0002/U+0003 hit markers,
 * which FTS5 may put inside a number, are looked through and kept.
 *
 * A snippet is a window of tokens, and `-`, `_`, `.` split tokens: it may begin "…65-4321" or end
 * "987-65…". The masker would leave such a piece (too short to look like a TIN), and two searches
 * cutting the same SSN at both ends would show it all. So a number that touches the ellipsis or either
 * end of the snippet (it may be cut) loses every digit; only numbers seen whole keep dates readable.
 */
import { maskNumbers } from '../../../shared/mask-numbers';
import type { SearchResultsView } from '../../../shared/ipc/workspace-schemas';
import type { CaseHit, SearchHit } from '../records';
import type { Vault } from '../vault';
import { HIT_END, HIT_START, SNIPPET_ELLIPSIS } from './search';

export const SEARCH_LIMIT = 50;

const MARKERS = new Set([HIT_START, HIT_END]);
const DIGIT = /^\p{Nd}$/u;
// The masker's separators and longest separator run (shared/mask-numbers.ts): what joins digit groups.
const SEPARATOR = /^[\p{Zs}\t\p{Pd}\u2212\u2043._/]$/u;
const MAX_SEPARATOR_RUN = 4;

/**
 * The indices of the digits of the number that starts at `edge` and runs in direction `step` (+1
 * forward from a start edge, -1 backward from an end edge), if one touches the edge: separators and
 * hit markers may sit between the edge and its first digit.
 */
function cutNumberAt(chars: readonly string[], edge: number, step: 1 | -1): number[] {
  const at = (i: number) => chars[i];
  const isDigit = (i: number) => at(i) !== undefined && DIGIT.test(at(i)!);
  const isJoiner = (i: number) => at(i) !== undefined && (MARKERS.has(at(i)!) || SEPARATOR.test(at(i)!));
  let i = edge;
  while (isJoiner(i)) i += step;
  const digits: number[] = [];
  while (isDigit(i)) {
    while (isDigit(i) || MARKERS.has(at(i) ?? '')) { if (isDigit(i)) digits.push(i); i += step; }
    let k = i;
    let separators = 0;
    while (isJoiner(k)) { if (!MARKERS.has(at(k)!)) separators++; k += step; }
    if (separators === 0 || separators > MAX_SEPARATOR_RUN) break;
    i = k;
  }
  return digits;
}

/** One piece of a snippet between ellipses (or its ends): both its ends may cut a number. */
function maskPiece(piece: string): string {
  const chars = Array.from(piece.normalize('NFKC')); // the masker's own reading, index for index
  const cut = new Set([...cutNumberAt(chars, 0, 1), ...cutNumberAt(chars, chars.length - 1, -1)]);
  const masked = Array.from(maskNumbers(chars.join(''), { transparent: HIT_START + HIT_END }));
  return masked.map((c, i) => (cut.has(i) ? 'X' : c)).join('');
}

// Split before the masker's NFKC folding, which would turn the ellipsis into three dots.
export function maskSnippet(snippet: string): string {
  return snippet.split(SNIPPET_ELLIPSIS).map(maskPiece).join(SNIPPET_ELLIPSIS);
}

/** The hits as the search box shows them: every message text masked. */
export function shapeSearchResults(answer: { cases: CaseHit[]; messages: SearchHit[] }): SearchResultsView {
  return {
    cases: answer.cases,
    messages: answer.messages.map((h) => ({ ...h, subject: maskNumbers(h.subject), snippet: maskSnippet(h.snippet) })),
  };
}

/** The same on the vault's main connection (the workspace reads through the vault's reader worker, which shapes them there). */
export function searchResults(vault: Vault, query: string): SearchResultsView {
  return shapeSearchResults({ cases: vault.searchCases({ query, limit: SEARCH_LIMIT }), messages: vault.search({ query, limit: SEARCH_LIMIT }) });
}
