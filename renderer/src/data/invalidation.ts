/**
 * What a `data.changed` event makes stale: the case list and search always (counts, last activity and
 * hits move with any change), the named cases' details (all of them when no case is named), and their
 * outboxes when the outbox moved. Only queries on screen refetch; the rest refetch when next shown.
 * The case list is patched with the named cases' summaries when it can be (case-list-update.ts: needs
 * `fetchSummaries`), and invalidated otherwise.
 *
 * Case work (requests, the Appeals checklist, the Due view) is derived on the laptop from what was sent
 * and received, so it is stale not only when 'requests' changed but also when messages, attachments,
 * the outbox or print packages did (a request goes out through the outbox; a package is a checklist line).
 */
import type { QueryClient } from '@tanstack/react-query';
import type { DataChanged, DataKind } from '../../../shared/ipc/contract';
import { updateCaseList, type FetchCaseSummaries } from './case-list-update';
import { queryKeys } from './query-keys';

const CASEWORK_KINDS: ReadonlySet<DataKind> = new Set<DataKind>(['cases', 'requests', 'messages', 'attachments', 'outbox', 'print']);
const CASEWORK_CHANNELS: ReadonlySet<unknown> = new Set(['requests.list', 'requests.defaults', 'appeals.readiness']);

export function applyDataChanged(client: QueryClient, { caseIds, kinds }: DataChanged, fetchSummaries?: FetchCaseSummaries): void {
  updateCaseList(client, caseIds, fetchSummaries);
  void client.invalidateQueries({ queryKey: ['search.query'] });
  const ids = new Set(caseIds);
  const concerns = (key: readonly unknown[]) => ids.size === 0 || ids.has((key[1] as { caseId?: number } | undefined)?.caseId ?? -1);
  void client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'cases.get' && concerns(q.queryKey) });
  if (kinds.includes('outbox')) void client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'replies.outbox' && concerns(q.queryKey) });
  if (kinds.some((k) => CASEWORK_KINDS.has(k))) {
    void client.invalidateQueries({ predicate: (q) => CASEWORK_CHANNELS.has(q.queryKey[0]) && concerns(q.queryKey) });
    void client.invalidateQueries({ queryKey: queryKeys.casework });
  }
}
