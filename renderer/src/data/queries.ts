/**
 * Every read the renderer makes, through one query cache. Answers stay fresh until the main side says
 * otherwise (`data.changed`, `sync.status`: see use-data-events), so nothing polls and nothing refetches
 * on focus. Opening a case is the one audited read: `openCase` fetches it with `cases.open`, every later
 * refresh of the same entry uses `cases.get`.
 */
import { QueryClient, useQuery, type QueryClient as Client } from '@tanstack/react-query';
import type { ScoicApi } from '../../../shared/ipc/bridge';
import { useBridge } from '../bridge/BridgeContext';
import { unwrap } from './bridge-error';
import { queryKeys } from './query-keys';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Bridge errors are answers (locked, invalid, not found), not flaky transport: never retried blindly.
      queries: { retry: false, staleTime: Infinity, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });
}

export const useAppInfo = () => {
  const bridge = useBridge();
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: () => unwrap(bridge.app.info()) });
};

export const usePolicy = () => {
  const bridge = useBridge();
  return useQuery({ queryKey: queryKeys.policy, queryFn: () => unwrap(bridge.policy.summary()) });
};

export const usePrefs = () => {
  const bridge = useBridge();
  return useQuery({ queryKey: queryKeys.prefs, queryFn: () => unwrap(bridge.prefs.get()) });
};

export const useVaultStatus = () => {
  const bridge = useBridge();
  return useQuery({ queryKey: queryKeys.vault, queryFn: () => unwrap(bridge.vault.status()) });
};

export const useSyncStatus = (enabled = true) => {
  const bridge = useBridge();
  return useQuery({ queryKey: queryKeys.sync, queryFn: () => unwrap(bridge.sync.status()), enabled });
};

export const useCases = () => {
  const bridge = useBridge();
  return useQuery({ queryKey: queryKeys.cases, queryFn: () => unwrap(bridge.cases.list()) });
};

export const useCaseDetail = (caseId: number | null) => {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.caseDetail(caseId ?? 0),
    queryFn: () => unwrap(bridge.cases.get({ caseId: caseId ?? 0 })),
    enabled: caseId !== null,
  });
};

export const useOutbox = (caseId: number | null) => {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.outbox(caseId ?? 0),
    queryFn: () => unwrap(bridge.replies.outbox({ caseId: caseId ?? 0 })),
    enabled: caseId !== null,
  });
};

export const useSearch = (query: string) => {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.search(query),
    queryFn: () => unwrap(bridge.search.query({ query })),
    enabled: query.trim() !== '',
  });
};

/**
 * The employee opens a case: one audited `cases.open`, its answer stored under the entry that
 * `useCaseDetail` reads. Call it before the selection changes, so the pane finds the fetch in flight
 * instead of starting an unaudited one.
 */
export function openCase(bridge: ScoicApi, client: Client, caseId: number) {
  return client.fetchQuery({ queryKey: queryKeys.caseDetail(caseId), queryFn: () => unwrap(bridge.cases.open({ caseId })), staleTime: 0 });
}
