/**
 * The whole case list, read a page at a time (`cases.list` answers at most CASE_LIST_PAGE_SIZE
 * cases per call, so no single answer makes the main process copy megabytes while every window
 * waits). The pages of one read come from one snapshot of the vault; the cache gets the whole list
 * at once, as before. A list whose pages expired (read too slowly) is read again from the start;
 * a read the cache cancelled (`signal`) stops asking for pages.
 */
import type { Result } from '../../../shared/errors';
import { CASE_LIST_EXPIRED, type CaseListPage, type CaseSummary } from '../../../shared/ipc/workspace-schemas';
import { BridgeError, unwrap } from './bridge-error';

/** The bridge's `cases.list`. */
export type ListCasesPage = (input?: { pageToken: string }) => Promise<Result<CaseListPage>>;

/** Reads from the start after an expired list at most this often, then shows the error. */
const ATTEMPTS = 3;

const cancelled = () => new BridgeError({ code: 'E_CANCELLED', message: 'The case list was not read to its end: a newer read replaced it.' });

export async function fetchCaseList(listPage: ListCasesPage, signal?: AbortSignal): Promise<CaseSummary[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readAllPages(listPage, signal);
    } catch (err) {
      const expired = err instanceof BridgeError && err.data.code === CASE_LIST_EXPIRED;
      if (!expired || attempt >= ATTEMPTS || signal?.aborted) throw err;
    }
  }
}

async function readAllPages(listPage: ListCasesPage, signal: AbortSignal | undefined): Promise<CaseSummary[]> {
  const rows: CaseSummary[] = [];
  let page = await unwrap(listPage());
  for (;;) {
    for (const c of page.cases) rows.push(c);
    if (page.nextPageToken === null) return rows;
    if (signal?.aborted) throw cancelled();
    page = await unwrap(listPage({ pageToken: page.nextPageToken }));
  }
}
