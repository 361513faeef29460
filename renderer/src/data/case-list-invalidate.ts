/**
 * Marks the cached case list stale and has it read again: the one way anything in the window does.
 * A read already running is not restarted. It is a page-by-page read of the whole vault, and sync
 * announces a change for every page it pulls, so restarting it at each change could keep the list from
 * ever arriving (and have the reader read the vault once per change). Instead the list is read once
 * more when the running read settles, however many changes came meanwhile, since that read's snapshot
 * (its first page) may predate them. Left to itself the query cache would restart a running read of
 * a cached list, and join one of a list not cached yet, settling on rows read before the change.
 * A running read that fails is followed by that one read too (a change did come); one stopped because
 * the pane went away leaves the list stale, read when it is next shown.
 */
import type { Query, QueryClient } from '@tanstack/react-query';
import { queryKeys } from './query-keys';

/** Per cache: the running list read after which the list is read again. */
const rereadAfter = new WeakMap<QueryClient, Query>();

/** The cached case list's query, if there is one. */
export const findCaseList = (client: QueryClient) => client.getQueryCache().find({ queryKey: queryKeys.cases, exact: true });

export function invalidateCaseList(client: QueryClient): void {
  const query = findCaseList(client);
  if (query?.state.fetchStatus !== 'fetching') {
    void client.invalidateQueries({ queryKey: queryKeys.cases, exact: true });
    return;
  }
  // Stale from now on (so nothing patches it), but not refetched yet: that would cancel the running read.
  void client.invalidateQueries({ queryKey: queryKeys.cases, exact: true, refetchType: 'none' });
  if (rereadAfter.get(client) === query) return;
  rereadAfter.set(client, query);
  const unsubscribe = client.getQueryCache().subscribe((event) => {
    if (event.query !== query) return;
    const removed = event.type === 'removed'; // at lock: nothing left to read again
    if (!removed && query.state.fetchStatus === 'fetching') return;
    unsubscribe();
    if (rereadAfter.get(client) === query) rereadAfter.delete(client);
    if (!removed) void client.invalidateQueries({ queryKey: queryKeys.cases, exact: true });
  });
}
