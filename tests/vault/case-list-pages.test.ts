/**
 * The reader worker's store of case lists read page by page (electron/vault/reader/case-list-pages.ts):
 * pages partition the rows in order, a token names one page once, and lists given up (idle, or
 * pushed out by newer ones) are forgotten with a clear error.
 */
import { describe, expect, it } from 'vitest';
import { CaseListPages, LIST_IDLE_MS, MAX_OPEN_LISTS } from '../../electron/vault/reader/case-list-pages';
import { CaseListPageSchema, type CaseSummary } from '../../shared/ipc/workspace-schemas';
import { WorkspaceErrorCodes } from '../../shared/errors';

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
    expect(() => pages.next(first.nextPageToken!)).toThrow(expect.objectContaining({ code: WorkspaceErrorCodes.caseListExpired, message: expect.stringMatching(/from the start/) }));
    expect(() => pages.next('0'.repeat(32))).toThrow(expect.objectContaining({ code: WorkspaceErrorCodes.caseListExpired }));
    expect(pages.next(second.nextPageToken!).cases.map((c) => c.id)).toEqual([5]);
  });

  it('forgets a list not asked for within the idle time, and the oldest beyond the open-list limit', () => {
    let now = 0;
    const pages = new CaseListPages({ pageSize: 1, now: () => now });
    const idle = pages.start(rows(3));
    now += LIST_IDLE_MS + 1;
    expect(() => pages.next(idle.nextPageToken!)).toThrow(expect.objectContaining({ code: WorkspaceErrorCodes.caseListExpired }));

    // Each page restarts the clock: two idle periods less a moment after the start, the third page still comes.
    const recent = pages.start(rows(3));
    now += LIST_IDLE_MS - 1;
    const second = pages.next(recent.nextPageToken!);
    now += LIST_IDLE_MS - 1;
    expect(pages.next(second.nextPageToken!).cases.map((c) => c.id)).toEqual([3]);

    // A timer's sweep forgets idle lists without waiting for the next request.
    const swept = pages.start(rows(2));
    now += LIST_IDLE_MS + 1;
    pages.forgetIdle();
    expect(pages.openLists).toBe(0);
    expect(() => pages.next(swept.nextPageToken!)).toThrow(expect.objectContaining({ code: WorkspaceErrorCodes.caseListExpired }));
  });

  it('beyond the open-list limit forgets the list served longest ago: one being read outlives abandoned ones', () => {
    const pages = new CaseListPages({ pageSize: 1 });
    const reading = pages.start(rows(5));
    const abandoned = Array.from({ length: MAX_OPEN_LISTS - 1 }, () => pages.start(rows(2)));
    const next = pages.next(reading.nextPageToken!); // served last: now the newest
    const newer = [pages.start(rows(2)), pages.start(rows(2))];
    expect(pages.openLists).toBe(MAX_OPEN_LISTS);
    expect(pages.next(next.nextPageToken!).cases.map((c) => c.id)).toEqual([3]);
    for (const gone of abandoned.slice(0, 2)) {
      expect(() => pages.next(gone.nextPageToken!)).toThrow(expect.objectContaining({ code: WorkspaceErrorCodes.caseListExpired }));
    }
    expect(pages.next(abandoned[2]!.nextPageToken!).cases.map((c) => c.id)).toEqual([2]);
    expect(pages.next(newer[1]!.nextPageToken!).cases.map((c) => c.id)).toEqual([2]);
  });
});
