/**
 * The renderer's read of the whole case list (renderer/src/data/case-list-fetch.ts) over a bridge
 * whose `cases.list` answers pages: every page asked for in turn with the token the last one gave,
 * an expired list read again from the start (a few times at most), a cancelled read stopped.
 */
import { describe, expect, it } from 'vitest';
import { fetchCaseList, type ListCasesPage } from '../../renderer/src/data/case-list-fetch';
import { WorkspaceErrorCodes, fail, ok } from '../../shared/errors';
import type { CaseSummary } from '../../shared/ipc/workspace-schemas';

const row = (id: number): CaseSummary => ({
  id, offerNumber: `DEMO-${String(id).padStart(10, '0')}`, taxpayerName: `Taxpayer ${id}`, tinMasked: '***-**-4321',
  status: 'open', assignedRole: 'OE', unread: 0, messages: 1, pendingDownloads: 0, lastActivityAt: null,
});
const expired = fail({ code: WorkspaceErrorCodes.caseListExpired, message: 'Read the list again from the start.' });

/** A bridge answering `ids` in pages of `size`; `failAt(n)` makes the n-th call (from 1) answer instead. */
function pagedBridge(ids: number[], size: number, failAt: (call: number) => ReturnType<typeof fail> | null = () => null) {
  const calls: Array<string | undefined> = [];
  const listPage: ListCasesPage = async (input) => {
    calls.push(input?.pageToken);
    const failure = failAt(calls.length);
    if (failure) return failure;
    const offset = input ? Number.parseInt(input.pageToken, 16) : 0;
    const end = Math.min(offset + size, ids.length);
    return ok({ cases: ids.slice(offset, end).map(row), nextPageToken: end < ids.length ? end.toString(16).padStart(32, '0') : null, total: ids.length });
  };
  return { listPage, calls };
}

describe('fetchCaseList', () => {
  it('reads every page in turn and answers the whole list in order', async () => {
    const { listPage, calls } = pagedBridge([9, 8, 7, 6, 5], 2);
    expect((await fetchCaseList(listPage)).map((c) => c.id)).toEqual([9, 8, 7, 6, 5]);
    expect(calls).toEqual([undefined, '2'.padStart(32, '0'), '4'.padStart(32, '0')]);
  });

  it('reads an expired list again from the start, and gives up after three tries with the error', async () => {
    const once = pagedBridge([3, 2, 1], 1, (n) => (n === 2 ? expired : null));
    expect((await fetchCaseList(once.listPage)).map((c) => c.id)).toEqual([3, 2, 1]);
    expect(once.calls.filter((t) => t === undefined)).toHaveLength(2);

    const always = pagedBridge([3, 2, 1], 1, (n) => (n % 2 === 0 ? expired : null));
    await expect(fetchCaseList(always.listPage)).rejects.toMatchObject({ data: { code: WorkspaceErrorCodes.caseListExpired } });
    expect(always.calls).toHaveLength(6);
  });

  it('refuses pages that do not add up to one list, rather than asking forever', async () => {
    const token = 'ab'.repeat(16);
    const endless: ListCasesPage = async () => ok({ cases: [], nextPageToken: token, total: 2 });
    await expect(fetchCaseList(endless)).rejects.toMatchObject({ data: { code: 'E_TRANSPORT', message: expect.stringMatching(/did not add up/) } });
    const pages = [{ cases: [row(3)], nextPageToken: token, total: 3 }, { cases: [row(2), row(1)], nextPageToken: null, total: 4 }];
    let call = 0;
    await expect(fetchCaseList(async () => ok(pages[call++]!))).rejects.toMatchObject({ data: { code: 'E_TRANSPORT' } });
    const short = [{ cases: [row(3)], nextPageToken: token, total: 3 }, { cases: [row(2)], nextPageToken: null, total: 3 }];
    call = 0;
    await expect(fetchCaseList(async () => ok(short[call++]!))).rejects.toMatchObject({ data: { code: 'E_TRANSPORT' } });
    const over = [{ cases: [row(3), row(2)], nextPageToken: token, total: 2 }, { cases: [row(1)], nextPageToken: null, total: 2 }];
    call = 0;
    await expect(fetchCaseList(async () => ok(over[call++]!))).rejects.toMatchObject({ data: { code: 'E_TRANSPORT' } });
  });

  it('does not retry other errors, and stops asking once the read is cancelled', async () => {
    const locked = pagedBridge([2, 1], 1, (n) => (n === 2 ? fail({ code: 'E_LOCKED', message: 'The vault is locked.' }) : null));
    await expect(fetchCaseList(locked.listPage)).rejects.toMatchObject({ data: { code: 'E_LOCKED' } });
    expect(locked.calls).toHaveLength(2);

    const controller = new AbortController();
    const slow = pagedBridge([3, 2, 1], 1);
    const cancelling: ListCasesPage = async (input) => { const r = await slow.listPage(input); controller.abort(); return r; };
    await expect(fetchCaseList(cancelling, controller.signal)).rejects.toMatchObject({ data: { code: 'E_CANCELLED' } });
    expect(slow.calls).toHaveLength(1);

    // Cancelled while an expired list is being read again: no new first page is asked for.
    const stopping = new AbortController();
    const expiring = pagedBridge([3, 2, 1], 1, (n) => (n === 2 ? expired : null));
    const abortOnExpiry: ListCasesPage = async (input) => { const r = await expiring.listPage(input); if (!r.ok) stopping.abort(); return r; };
    await expect(fetchCaseList(abortOnExpiry, stopping.signal)).rejects.toMatchObject({ data: { code: WorkspaceErrorCodes.caseListExpired } });
    expect(expiring.calls).toHaveLength(2);
  });
});
