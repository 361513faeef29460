/**
 * The whole case list, read a page at a time (`cases.list` answers at most CASE_LIST_PAGE_SIZE
 * cases per call, so no single answer makes the main process copy megabytes while every window
 * waits). The pages of one read come from one snapshot of the vault; the cache gets the whole list
 * at once, as before. A list whose pages expired (read too slowly) is read again from the start;
 * a read the cache cancelled (`signal`) stops asking for pages.
 */
import { WorkspaceErrorCodes } from '../../../shared/errors';
import type { ScoicApi } from '../../../shared/ipc/bridge';
import type { CaseSummary } from '../../../shared/ipc/workspace-schemas';
import { BridgeError, unwrap } from './bridge-error';

/** The bridge's `cases.list`. */
export type ListCasesPage = ScoicApi['cases']['list'];

/** Reads from the start after an expired list at most this often, then shows the error. */
const ATTEMPTS = 3;

const stopped = () => new BridgeError({ code: 'E_CANCELLED', message: 'The case list was not read to its end: the read was stopped.' });
const inconsistent = () => new BridgeError({
  code: 'E_TRANSPORT', message: 'The pages of the case list did not add up to one list. Lock and unlock the vault; if it repeats, report it to IT.',
});

export async function fetchCaseList(listPage: ListCasesPage, signal?: AbortSignal): Promise<CaseSummary[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readAllPages(listPage, signal);
    } catch (err) {
      const expired = err instanceof BridgeError && err.data.code === WorkspaceErrorCodes.caseListExpired;
      if (!expired || attempt >= ATTEMPTS || signal?.aborted) throw err;
    }
  }
}

async function readAllPages(listPage: ListCasesPage, signal: AbortSignal | undefined): Promise<CaseSummary[]> {
  const rows: CaseSummary[] = [];
  let page = await unwrap(listPage());
  const { total } = page;
  for (;;) {
    // Every page tells the same total, each but the last adds rows, and the rows never pass the total:
    // a main side that kept giving tokens (a bug) would otherwise have this loop ask forever.
    if (page.total !== total || rows.length + page.cases.length > total || (page.nextPageToken !== null && page.cases.length === 0)) throw inconsistent();
    for (const c of page.cases) rows.push(c);
    if (page.nextPageToken === null) {
      if (rows.length !== total) throw inconsistent();
      return rows;
    }
    if (signal?.aborted) throw stopped();
    page = await unwrap(listPage({ pageToken: page.nextPageToken }));
  }
}
