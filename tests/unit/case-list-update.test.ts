/**
 * The cached case list after `data.changed`: patched from cases.summaries when the event names a few
 * cases (rows replaced, new ones added, purged ones dropped, the SQL's order kept), invalidated as
 * before when it names none or too many, when the list is fetching or already stale, when the call
 * fails, or when something else changed the list while the summaries were read.
 */
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { compareCaseListOrder } from '../../renderer/src/data/case-list-order';
import { patchCaseList } from '../../renderer/src/data/case-list-patch';
import type { FetchCaseSummaries } from '../../renderer/src/data/case-list-update';
import { applyDataChanged } from '../../renderer/src/data/invalidation';
import { queryKeys } from '../../renderer/src/data/query-keys';
import { MAX_CASE_SUMMARIES, type CaseSummary } from '../../shared/ipc/workspace-schemas';

const summary = (id: number, lastActivityAt: string | null, over: Partial<CaseSummary> = {}): CaseSummary => ({
  id, offerNumber: `DEMO-${String(10000 + id).padStart(10, '0')}`, taxpayerName: `Taxpayer ${id}`, tinMasked: '***-**-4321', status: 'open',
  assignedRole: 'OE', unread: 0, messages: lastActivityAt === null ? 0 : 1, pendingDownloads: 0, lastActivityAt, ...over,
});

/** As the vault's SQL orders them: newest activity first, no activity last, then the higher id first. */
const LIST: CaseSummary[] = [
  summary(4, '2025-04-20T10:00:00.000Z'),
  summary(7, '2025-04-18T10:00:00.000Z'),
  summary(3, '2025-04-18T10:00:00.000Z'),
  summary(9, '2025-04-01T10:00:00.000Z'),
  summary(8, null),
  summary(2, null),
];

const ids = (list: readonly CaseSummary[] | undefined) => list?.map((c) => c.id);

/** A fetcher whose answers the test releases (or fails) when it chooses. */
function controlledFetch(answer: (caseIds: number[]) => CaseSummary[]) {
  const calls: number[][] = [];
  const releases: Array<() => void> = [];
  const failures: Array<() => void> = [];
  const fetch: FetchCaseSummaries = (caseIds) => {
    calls.push(caseIds);
    return new Promise((resolve, reject) => {
      releases.push(() => resolve(answer(caseIds)));
      failures.push(() => reject(new Error('E_LOCKED')));
    });
  };
  return { fetch, calls, release: (i = 0) => releases[i]!(), fail: (i = 0) => failures[i]!() };
}

function cached(list: CaseSummary[] = LIST) {
  const client = new QueryClient();
  client.setQueryData(queryKeys.cases, list);
  const listQuery = () => client.getQueryCache().find({ queryKey: queryKeys.cases, exact: true })!;
  return { client, listQuery, data: () => client.getQueryData<CaseSummary[]>(queryKeys.cases) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the comparator', () => {
  it('is the SQL order: last activity newest first, none last, then id descending', () => {
    const shuffled = [LIST[3]!, LIST[5]!, LIST[0]!, LIST[2]!, LIST[4]!, LIST[1]!];
    expect(ids([...shuffled].sort(compareCaseListOrder))).toEqual([4, 7, 3, 9, 8, 2]);
  });
});

describe('patchCaseList', () => {
  it('replaces named rows, adds new cases, drops the named cases not answered, and keeps the order', () => {
    const answered = [
      summary(9, '2025-04-25T08:00:00.000Z', { unread: 2, messages: 2 }), // a new message: moves to the top
      summary(11, null), // a new case without messages: among the nulls, by id
      summary(7, '2025-04-18T10:00:00.000Z', { unread: 0, pendingDownloads: 1 }), // same place, new counts
    ];
    const patched = patchCaseList(LIST, [9, 11, 7, 2], answered); // 2 not answered: purged
    expect(ids(patched)).toEqual([9, 4, 7, 3, 11, 8]);
    expect(patched.find((c) => c.id === 9)).toMatchObject({ unread: 2, messages: 2 });
    expect(patched.find((c) => c.id === 7)!.pendingDownloads).toBe(1);
    expect([...patched].sort(compareCaseListOrder)).toEqual(patched);
    expect(ids(LIST)).toEqual([4, 7, 3, 9, 8, 2]); // the cached array is not changed in place
  });

  it('gives the same list as sorting everything again, on a large random list', () => {
    let seed = 7;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    const at = () => (rand(5) === 0 ? null : `2025-0${1 + rand(9)}-1${rand(10)}T10:00:00.000Z`);
    const list = Array.from({ length: 2000 }, (_, i) => summary(i + 1, at())).sort(compareCaseListOrder);
    const asked = Array.from({ length: 300 }, () => 1 + rand(2300));
    const answered = [...new Set(asked)].filter((id) => id % 3 !== 0).map((id) => summary(id, at(), { unread: 1 }));
    const patched = patchCaseList(list, asked, answered);
    const expected = [...list.filter((c) => !asked.includes(c.id)), ...answered].sort(compareCaseListOrder);
    expect(patched).toEqual(expected);
  });
});

describe('applyDataChanged and the case list', () => {
  it('asks only for the named cases and patches the cached list, without invalidating it', async () => {
    const { client, listQuery, data } = cached();
    const server = controlledFetch((caseIds) => caseIds.filter((id) => id !== 2).map((id) => summary(id, '2025-05-01T00:00:00.000Z', { unread: 5 })));
    applyDataChanged(client, { caseIds: [3, 2, 3], kinds: ['messages'] }, server.fetch);
    expect(server.calls).toEqual([[3, 2]]); // duplicates collapsed
    expect(listQuery().state.isInvalidated).toBe(false);
    server.release();
    await settle();
    expect(ids(data())).toEqual([3, 4, 7, 9, 8]);
    expect(data()![0]!.unread).toBe(5);
    expect(listQuery().state.isInvalidated).toBe(false);
  });

  it('applies two patches in flight together, one after the other', async () => {
    const { client, data } = cached();
    const server = controlledFetch((caseIds) => caseIds.map((id) => summary(id, `2025-05-0${id}T00:00:00.000Z`)));
    applyDataChanged(client, { caseIds: [2], kinds: ['messages'] }, server.fetch);
    applyDataChanged(client, { caseIds: [8], kinds: ['messages'] }, server.fetch);
    server.release(0);
    server.release(1);
    await settle();
    expect(ids(data())).toEqual([8, 2, 4, 7, 3, 9]);
  });

  it('invalidates as before when no case, or more than the channel takes, is named', () => {
    for (const caseIds of [[], Array.from({ length: MAX_CASE_SUMMARIES + 1 }, (_, i) => i + 1)]) {
      const { client, listQuery } = cached();
      const server = controlledFetch(() => []);
      applyDataChanged(client, { caseIds, kinds: ['cases'] }, server.fetch);
      expect(server.calls).toEqual([]);
      expect(listQuery().state.isInvalidated).toBe(true);
    }
    const { client, listQuery } = cached();
    const server = controlledFetch(() => []);
    applyDataChanged(client, { caseIds: Array.from({ length: MAX_CASE_SUMMARIES }, (_, i) => i + 1), kinds: ['cases'] }, server.fetch);
    expect(server.calls).toHaveLength(1); // 500 is still a patch
    expect(listQuery().state.isInvalidated).toBe(false);
  });

  it('marks the list stale while it is fetching (read again after), and invalidates when nothing is cached', () => {
    const { client, listQuery } = cached();
    void client.fetchQuery({ queryKey: queryKeys.cases, queryFn: () => new Promise<CaseSummary[]>(() => undefined), staleTime: 0 });
    expect(listQuery().state.fetchStatus).toBe('fetching');
    const server = controlledFetch(() => []);
    applyDataChanged(client, { caseIds: [3], kinds: ['messages'] }, server.fetch);
    expect(server.calls).toEqual([]);
    expect(listQuery().state.isInvalidated).toBe(true);

    const empty = new QueryClient();
    applyDataChanged(empty, { caseIds: [3], kinds: ['messages'] }, server.fetch);
    expect(server.calls).toEqual([]);
  });

  it('reads the list once more after a running read settles, however many changes came meanwhile; never restarts it', async () => {
    const client = new QueryClient();
    const reads: Array<{ resolve: (rows: CaseSummary[]) => void; signal: AbortSignal }> = [];
    const observer = new QueryObserver(client, {
      queryKey: queryKeys.cases,
      queryFn: ({ signal }) => new Promise<CaseSummary[]>((resolve) => { reads.push({ resolve, signal }); }),
    });
    const unsubscribe = observer.subscribe(() => undefined); // shown, as the list pane shows it
    await settle();
    expect(reads).toHaveLength(1);
    // The first read (nothing cached yet): changes during it are not lost in it, nor restart it.
    for (let i = 0; i < 3; i++) applyDataChanged(client, { caseIds: [], kinds: ['cases'] }, controlledFetch(() => []).fetch);
    await settle();
    expect(reads).toHaveLength(1);
    expect(reads[0]!.signal.aborted).toBe(false);
    reads[0]!.resolve([]); // rows from before the changes
    await settle();
    expect(reads).toHaveLength(2);
    reads[1]!.resolve(LIST);
    await settle();
    expect(ids(client.getQueryData<CaseSummary[]>(queryKeys.cases))).toEqual(ids(LIST));

    // A refetch of the cached list: the same, not cancelled by the changes that come during it.
    void client.invalidateQueries({ queryKey: queryKeys.cases });
    await settle();
    expect(reads).toHaveLength(3);
    applyDataChanged(client, { caseIds: [], kinds: ['cases'] }, controlledFetch(() => []).fetch);
    applyDataChanged(client, { caseIds: [3], kinds: ['messages'] }, controlledFetch(() => []).fetch);
    await settle();
    expect(reads).toHaveLength(3);
    expect(reads[2]!.signal.aborted).toBe(false);
    reads[2]!.resolve(LIST.slice(1));
    await settle();
    expect(reads).toHaveLength(4);
    reads[3]!.resolve(LIST);
    await settle();
    expect(reads).toHaveLength(4);
    expect(ids(client.getQueryData<CaseSummary[]>(queryKeys.cases))).toEqual(ids(LIST));
    unsubscribe();
  });

  it('reads nothing again when the running read is removed (lock), and keeps no listener (nor the rows) alive', async () => {
    const client = new QueryClient();
    let reads = 0;
    const observer = new QueryObserver(client, { queryKey: queryKeys.cases, queryFn: () => { reads++; return reads === 1 ? Promise.resolve(LIST) : new Promise<CaseSummary[]>(() => undefined); } });
    const unsubscribe = observer.subscribe(() => undefined);
    await settle();
    void client.invalidateQueries({ queryKey: queryKeys.cases }); // a refetch of the loaded list, running
    await settle();
    expect(reads).toBe(2);
    applyDataChanged(client, { caseIds: [], kinds: ['cases'] });
    expect(client.getQueryCache().hasListeners()).toBe(true); // waiting for the running read
    unsubscribe();
    client.removeQueries({ queryKey: queryKeys.cases });
    await settle();
    expect(reads).toBe(2);
    expect(client.getQueryCache().hasListeners()).toBe(false);
    expect(client.getQueryCache().getAll()).toEqual([]);

    // Unlocked again: the new list's first read gets its own one read after it.
    let more = 0;
    const again = new QueryObserver(client, { queryKey: queryKeys.cases, queryFn: () => { more++; return Promise.resolve(LIST); } });
    const off = again.subscribe(() => undefined);
    applyDataChanged(client, { caseIds: [], kinds: ['cases'] });
    await settle();
    await settle();
    expect(more).toBe(2);
    off();
  });

  it('invalidates when the call fails, and leaves the cached rows as they were', async () => {
    const { client, listQuery, data } = cached();
    const server = controlledFetch(() => []);
    applyDataChanged(client, { caseIds: [3], kinds: ['messages'] }, server.fetch);
    server.fail();
    await settle();
    expect(listQuery().state.isInvalidated).toBe(true);
    expect(data()).toEqual(LIST);
  });

  it('invalidates instead of patching when something else changed the list while the summaries were read', async () => {
    const { client, listQuery, data } = cached();
    const server = controlledFetch((caseIds) => caseIds.map((id) => summary(id, '2025-05-01T00:00:00.000Z')));
    applyDataChanged(client, { caseIds: [3], kinds: ['messages'] }, server.fetch);
    client.setQueryData<CaseSummary[]>(queryKeys.cases, (list) => list!.map((c) => (c.id === 4 ? { ...c, unread: 1 } : c))); // an optimistic mark unread
    const before = data();
    server.release();
    await settle();
    expect(data()).toBe(before);
    expect(listQuery().state.isInvalidated).toBe(true);
  });

  it('drops the answer when the list was removed at lock meanwhile', async () => {
    const { client } = cached();
    const server = controlledFetch((caseIds) => caseIds.map((id) => summary(id, null)));
    applyDataChanged(client, { caseIds: [3], kinds: ['messages'] }, server.fetch);
    client.removeQueries({ queryKey: queryKeys.cases });
    server.release();
    await settle();
    expect(client.getQueryData(queryKeys.cases)).toBeUndefined();
  });

  it('still invalidates search and the named case details as before', async () => {
    const { client } = cached();
    for (const key of [queryKeys.caseDetail(3), queryKeys.caseDetail(4), queryKeys.search('x')]) client.setQueryData(key, {});
    const server = controlledFetch((caseIds) => caseIds.map((id) => summary(id, null)));
    applyDataChanged(client, { caseIds: [3], kinds: ['messages'] }, server.fetch);
    server.release();
    await settle();
    const stale = client.getQueryCache().getAll().filter((q) => q.state.isInvalidated).map((q) => JSON.stringify(q.queryKey)).sort();
    expect(stale).toEqual(['["cases.get",{"caseId":3}]', '["search.query",{"query":"x"}]']);
  });
});

describe('without a fetcher (as before)', () => {
  it('invalidates the list', () => {
    const { client, listQuery } = cached();
    applyDataChanged(client, { caseIds: [3], kinds: ['messages'] });
    expect(listQuery().state.isInvalidated).toBe(true);
  });
});
