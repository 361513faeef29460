/**
 * Writes the workspace makes. Read marks update the cache at once (the list's counts and the case's
 * rows), then the main side's `data.changed` brings the vault's answer; a refusal puts the cache back.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ChannelInput } from '../../../shared/ipc/contract';
import type { CaseDetail, CaseSummary } from '../../../shared/ipc/workspace-schemas';
import { useBridge } from '../bridge/BridgeContext';
import { useToasts } from '../feedback/Toasts';
import { cancelReadsInFlight } from './cancel-reads-in-flight';
import { invalidateCaseList } from './case-list-invalidate';
import { queryKeys } from './query-keys';

type PreferencesPatch = ChannelInput<'prefs.update'>;

function withRead(detail: CaseDetail, read: (id: number, was: boolean) => boolean): CaseDetail {
  let unread = 0;
  const threads = detail.threads.map((t) => ({
    ...t,
    messages: t.messages.map((m) => {
      const next = m.direction === 'inbound' ? read(m.id, m.read) : m.read;
      if (!next && m.direction === 'inbound') unread += 1;
      return next === m.read ? m : { ...m, read: next };
    }),
  }));
  return { case: { ...detail.case, unread }, threads };
}

export function useReadMarks() {
  const bridge = useBridge();
  const client = useQueryClient();
  const toasts = useToasts();

  const apply = useCallback((caseId: number, read: (id: number, was: boolean) => boolean) => {
    // A refetch in flight read the marks before this change; its answer would undo it on screen.
    void cancelReadsInFlight(client, queryKeys.caseDetail(caseId));
    const before = client.getQueryData<CaseDetail>(queryKeys.caseDetail(caseId));
    if (!before) return undefined;
    const after = withRead(before, read);
    client.setQueryData(queryKeys.caseDetail(caseId), after);
    client.setQueryData<CaseSummary[]>(queryKeys.cases, (list) => list?.map((c) => (c.id === caseId ? { ...c, unread: after.case.unread } : c)));
    return before;
  }, [client]);

  const undo = useCallback((caseId: number, before: CaseDetail | undefined) => {
    if (before) client.setQueryData(queryKeys.caseDetail(caseId), before);
    invalidateCaseList(client);
  }, [client]);

  const markRead = useCallback(async (caseId: number, messageId: number, read: boolean) => {
    const before = apply(caseId, (id, was) => (id === messageId ? read : was));
    const r = await bridge.messages.markRead({ messageId, read });
    if (!r.ok) { undo(caseId, before); toasts.error('read-mark', r.error); }
  }, [apply, undo, bridge, toasts]);

  const markAllRead = useCallback(async (caseId: number) => {
    const before = apply(caseId, () => true);
    const r = await bridge.messages.markAllRead({ caseId });
    if (!r.ok) { undo(caseId, before); toasts.error('read-mark', r.error); return; }
    toasts.info('read-mark', r.value.marked === 0 ? 'Every message in this case was already read.' : `Marked ${r.value.marked} message${r.value.marked === 1 ? '' : 's'} read.`);
  }, [apply, undo, bridge, toasts]);

  return { markRead, markAllRead };
}

/** Changes preferences through the main side (which validates and stores them) and caches the answer. */
export function useUpdatePrefs() {
  const bridge = useBridge();
  const client = useQueryClient();
  const toasts = useToasts();
  return useCallback(async (patch: PreferencesPatch) => {
    await cancelReadsInFlight(client, queryKeys.prefs);
    const r = await bridge.prefs.update(patch);
    if (r.ok) client.setQueryData(queryKeys.prefs, r.value); else toasts.error('prefs', r.error);
  }, [bridge, client, toasts]);
}

type CreateRequestInput = ChannelInput<'requests.create'>;
type UpdateItemInput = ChannelInput<'requests.updateItem'>;
type MarkTransferredInput = ChannelInput<'appeals.markTransferred'>;

/**
 * Case-work writes. Each answers with the fresh view, which goes straight into the cache; the views
 * derived from it (the Due view, the case list's badges, the checklist) are refetched. The caller gets
 * the result to show a refusal where the employee acted (the dialog, the item), not as a toast.
 */
export function useCaseworkActions() {
  const bridge = useBridge();
  const client = useQueryClient();
  const derived = useCallback((caseId: number) => {
    void client.invalidateQueries({ queryKey: queryKeys.casework });
    void client.invalidateQueries({ queryKey: queryKeys.readiness(caseId) });
  }, [client]);

  const createRequest = useCallback(async (input: CreateRequestInput) => {
    await cancelReadsInFlight(client, queryKeys.requests(input.caseId));
    const r = await bridge.requests.create(input);
    if (r.ok) {
      client.setQueryData(queryKeys.requests(input.caseId), r.value);
      void client.invalidateQueries({ queryKey: queryKeys.outbox(input.caseId) });
      void client.invalidateQueries({ queryKey: queryKeys.requestDefaults(input.caseId) });
      derived(input.caseId);
    }
    return r;
  }, [bridge, client, derived]);

  const updateItem = useCallback(async (input: UpdateItemInput) => {
    // The item's case is known from the answer only: every case's requests (one is on screen).
    await cancelReadsInFlight(client, queryKeys.anyRequests);
    const r = await bridge.requests.updateItem(input);
    if (r.ok) {
      client.setQueryData(queryKeys.requests(r.value.caseId), r.value);
      derived(r.value.caseId);
    }
    return r;
  }, [bridge, client, derived]);

  const markTransferred = useCallback(async (input: MarkTransferredInput) => {
    await cancelReadsInFlight(client, queryKeys.readiness(input.caseId));
    const r = await bridge.appeals.markTransferred(input);
    if (r.ok) {
      client.setQueryData(queryKeys.readiness(input.caseId), r.value);
      void client.invalidateQueries({ queryKey: queryKeys.casework });
      invalidateCaseList(client);
      void client.invalidateQueries({ queryKey: queryKeys.caseDetail(input.caseId) });
    }
    return r;
  }, [bridge, client]);

  return { createRequest, updateItem, markTransferred };
}
