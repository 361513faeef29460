/**
 * Every read the renderer makes, through one query cache. Answers stay fresh until the main side says
 * otherwise (`data.changed`, `sync.status`: see use-data-events), so nothing polls and nothing refetches
 * on focus. Opening a case is the one audited read: after `markOpening` (or `openCase`), the next fetch
 * of that case's entry is `cases.open`; every other fetch of it, a refresh, is `cases.get`. Deciding
 * inside the one query function means it does not matter which fetch (an observer's, a refetch) runs.
 */
import { useQuery, useQueryClient, type QueryClient as Client } from '@tanstack/react-query';
import type { ScoicApi } from '../../../shared/ipc/bridge';
import { useBridge } from '../bridge/BridgeContext';
import { unwrap } from './bridge-error';
import { fetchCaseList } from './case-list-fetch';
import { queryKeys } from './query-keys';

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
  // With `signal` read, a read nobody shows any more (the pane unmounted) stops between pages.
  return useQuery({ queryKey: queryKeys.cases, queryFn: ({ signal }) => fetchCaseList(bridge.cases.list, signal) });
};

/** Cases the employee has just opened, per cache: their next fetch is the audited one. */
const opening = new WeakMap<Client, Set<number>>();

/** The next fetch of this case's detail is the audited `cases.open` (call before it can start). */
export function markOpening(client: Client, caseId: number): void {
  const set = opening.get(client) ?? new Set<number>();
  set.add(caseId);
  opening.set(client, set);
}

const fetchCaseDetail = (bridge: ScoicApi, client: Client, caseId: number) => {
  const audited = opening.get(client)?.delete(caseId) ?? false;
  return unwrap(audited ? bridge.cases.open({ caseId }) : bridge.cases.get({ caseId }));
};

export const useCaseDetail = (caseId: number | null) => {
  const bridge = useBridge();
  const client = useQueryClient();
  return useQuery({
    queryKey: queryKeys.caseDetail(caseId ?? 0),
    queryFn: () => fetchCaseDetail(bridge, client, caseId ?? 0),
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

/** The case's document requests, items, history and summary (derived by the main side for today). */
export const useCaseRequests = (caseId: number | null) => {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.requests(caseId ?? 0),
    queryFn: () => unwrap(bridge.requests.list({ caseId: caseId ?? 0 })),
    enabled: caseId !== null,
  });
};

/** What the "Request documents" dialog starts from (default due date, time zone, the case's threads). */
export const useRequestDefaults = (caseId: number) => {
  const bridge = useBridge();
  return useQuery({ queryKey: queryKeys.requestDefaults(caseId), queryFn: () => unwrap(bridge.requests.defaults({ caseId })) });
};

/** The "Prepare for Appeals" checklist and the case's transfer, if any. */
export const useAppealsReadiness = (caseId: number) => {
  const bridge = useBridge();
  return useQuery({ queryKey: queryKeys.readiness(caseId), queryFn: () => unwrap(bridge.appeals.readiness({ caseId })) });
};

/** Request summaries and transfers per case (case list) and every open item across cases (Due view). */
export const useCaseworkOverview = (enabled = true) => {
  const bridge = useBridge();
  return useQuery({ queryKey: queryKeys.casework, queryFn: () => unwrap(bridge.casework.overview()), enabled });
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
 * The employee opens a case: one audited `cases.open`. A cached entry is refetched at once (a refresh
 * in flight is cancelled, so it cannot stand in for the opening); an entry not yet cached is fetched
 * by the pane that shows it.
 */
export function openCase(client: Client, caseId: number): Promise<void> {
  markOpening(client, caseId);
  return client.invalidateQueries({ queryKey: queryKeys.caseDetail(caseId), refetchType: 'all' }, { cancelRefetch: true });
}
