/**
 * What a `data.changed` event makes stale: the case list and search always (counts, last activity and
 * hits move with any change), the named cases' details (all of them when no case is named), and their
 * outboxes when the outbox moved. Only queries on screen refetch; the rest refetch when next shown.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { DataChanged } from '../../../shared/ipc/contract';
import { queryKeys } from './query-keys';

export function applyDataChanged(client: QueryClient, { caseIds, kinds }: DataChanged): void {
  void client.invalidateQueries({ queryKey: queryKeys.cases });
  void client.invalidateQueries({ queryKey: ['search.query'] });
  const ids = new Set(caseIds);
  const concerns = (key: readonly unknown[]) => ids.size === 0 || ids.has((key[1] as { caseId?: number } | undefined)?.caseId ?? -1);
  void client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'cases.get' && concerns(q.queryKey) });
  if (kinds.includes('outbox')) void client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'replies.outbox' && concerns(q.queryKey) });
}
