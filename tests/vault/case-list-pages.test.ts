/**
 * The reader worker's store of case lists read page by page (electron/vault/reader/case-list-pages.ts):
 * pages partition the rows in order, a token names one page once, and lists given up (idle, or
 * pushed out by newer ones) are forgotten with a clear error.
 */
import { describe, expect, it } from 'vitest';
import { CaseListPages, LIST_IDLE_MS, MAX_OPEN_LISTS } from '../../electron/vault/reader/case-list-pages';
import { CASE_LIST_EXPIRED, CaseListPageSchema, type CaseSummary } from '../../shared/ipc/workspace-schemas';

const rows = (n: number, from = 1): CaseSummary[] => Array.from({ length: n }, (_, i) => ({
  id: from + i, offerNumber: `DEMO-${String(from + i).padStart(10, '0')}`, taxpayerName: `Taxpayer ${from + i}`, tinMasked: '***-**-4321',
  status: 'open', assignedRole: 'OE', unread: 0, messages: 1, pendingDownloads: 0, lastActivityAt: '2025-04-18T10:00:00.000Z',
}));

function readAll(pages: CaseListPages, list: CaseSummary[]): CaseSummary[][] {
  const out: CaseSummary[][] = [];
  let page = pages.start(list);
  for (;;) {
    out.push(CaseListPageSchema.parse(page).cases);
    if (page.nextPageToken === null) return out;
    page = pages.next(page.nextPageToken);
  }
}

describe('case list pages', () => {
  it('answers every row once, in order, in pages of the page size; the last page ends the list', () => {
    const pages = new CaseListPages({ pageSize: 3 });
    expect(readAll(pages, rows(7)).map((p) => p.map((c) => c.id))).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(readAll(pages, rows(6)).map((p) => p.length)).toEqual([3, 3]); // no empty page after a full one
    expect(pages.start([])).toEqual({ cases: [], nextPageToken: null, total: 0 });
    expect(pages.openLists).toBe(0); // read to the end: nothing kept
  });

  it('gives each page a new token, good once; an unknown token says to read the list from the start', () => {
    const pages = new CaseListPages({ pageSize: 2 });
    const first = pages.start(rows(5));
    expect(first.nextPageToken).toMatch(/^[0-9a-f]{32}$/);
    const second = pages.next(first.nextPageToken!);
    expect(second.nextPageToken).not.toBe(first.nextPageToken);
    expect(() => pages.next(first.nextPageToken!)).toThrow(expect.objectContaining({ code: CASE_LIST_EXPIRED, message: expect.stringMatching(/from the start/) }));
    expect(() => pages.next('0'.repeat(32))).toThrow(expect.objectContaining({ code: CASE_LIST_EXPIRED }));
    expect(pages.next(second.nextPageToken!).cases.map((c) => c.id)).toEqual([5]);
  });

  it('forgets a list not asked for within the idle time, and the oldest beyond the open-list limit', () => {
    let now = 0;
    const pages = new CaseListPages({ pageSize: 1, now: () => now });
    const idle = pages.start(rows(3));
    now += LIST_IDLE_MS + 1;
    expect(() => pages.next(idle.nextPageToken!)).toThrow(expect.objectContaining({ code: CASE_LIST_EXPIRED }));

    const recent = pages.start(rows(3));
    now += LIST_IDLE_MS - 1;
    expect(pages.next(recent.nextPageToken!).cases).toHaveLength(1); // each page restarts the clock

    const lists = Array.from({ length: MAX_OPEN_LISTS + 1 }, () => pages.start(rows(2)));
    expect(pages.openLists).toBe(MAX_OPEN_LISTS);
    expect(() => pages.next(lists[0]!.nextPageToken!)).toThrow(expect.objectContaining({ code: CASE_LIST_EXPIRED }));
    expect(pages.next(lists.at(-1)!.nextPageToken!).cases.map((c) => c.id)).toEqual([2]);
  });
});
