/**
 * How a `data.changed` reaches the cached case list. When it names at most MAX_CASE_SUMMARIES cases
 * and a settled list is cached, only those cases are read again (cases.summaries) and patched into
 * it, instead of refetching 10,000 rows (and making the main process clone them). Otherwise (no case
 * named, too many, nothing cached, a fetch already running, the list already stale) and whenever the
 * patch cannot be trusted (the call failed; something else changed the list meanwhile), the list is
 * invalidated as before, so it refetches whole (case-list-invalidate.ts: once after a running read).
 */
import type { QueryClient } from '@tanstack/react-query';
import { MAX_CASE_SUMMARIES, type CaseSummary } from '../../../shared/ipc/workspace-schemas';
import { findCaseList, invalidateCaseList } from './case-list-invalidate';
import { patchCaseList } from './case-list-patch';
import { queryKeys } from './query-keys';

/** Reads the current summaries of the named cases (the bridge's cases.summaries, unwrapped). */
export type FetchCaseSummaries = (caseIds: number[]) => Promise<CaseSummary[]>;

/** The list each client's patches last set: a list that is neither this nor the one seen when asking was changed by something else. */
const lastPatched = new WeakMap<QueryClient, unknown>();

export function updateCaseList(client: QueryClient, caseIds: readonly number[], fetchSummaries?: FetchCaseSummaries): void {
  const invalidate = () => invalidateCaseList(client);
  const ids = [...new Set(caseIds)];
  const query = findCaseList(client);
  if (!fetchSummaries || ids.length === 0 || ids.length > MAX_CASE_SUMMARIES || !query || !Array.isArray(query.state.data)
    || query.state.fetchStatus === 'fetching' || query.state.isInvalidated) {
    invalidate();
    return;
  }
  const seen = query.state.data;
  fetchSummaries(ids).then((answered) => {
    const now = findCaseList(client);
    if (now !== query) return; // removed at lock (or replaced): nothing of ours to patch
    // A fetch started after our read answers after it (the reader answers in order): it is newer.
    if (now.state.fetchStatus === 'fetching') return;
    const data = now.state.data;
    if (!Array.isArray(data) || (data !== seen && data !== lastPatched.get(client))) { invalidate(); return; }
    client.setQueryData(queryKeys.cases, patchCaseList(data as CaseSummary[], ids, answered));
    // What the cache holds (structural sharing may keep the old array when nothing changed).
    lastPatched.set(client, findCaseList(client)?.state.data);
  }, () => {
    if (findCaseList(client) === query) invalidate();
  });
}
