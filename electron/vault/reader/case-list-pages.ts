/**
 * The case list a page at a time, all pages from one read. The first request reads every row (one
 * statement: one snapshot of the vault) and answers the first page; the rows after it wait here,
 * under a random token, for the requests that name it. A case changed while the pages are read is
 * therefore neither lost nor listed twice (its `data.changed` follows). A list not asked for within
 * LIST_IDLE_MS (the worker calls {@link forgetIdle} on a timer), or pushed out by MAX_OPEN_LISTS
 * lists served since, is forgotten: asking for its next page fails E_CASE_LIST_EXPIRED, and the
 * renderer reads the list again from the start.
 * One store per reader worker: lock ends the worker, and with it every list it held.
 */
import { randomBytes } from 'node:crypto';
import { AppError, WorkspaceErrorCodes } from '../../../shared/errors';
import { CASE_LIST_PAGE_SIZE, type CaseListPage, type CaseSummary } from '../../../shared/ipc/workspace-schemas';

/** Lists being read at once (a window reads one; a second starts when data changed mid-read). */
export const MAX_OPEN_LISTS = 4;
/** The renderer asks for the next page as soon as one arrives; a minute without one is a list given up. */
export const LIST_IDLE_MS = 60_000;

interface OpenList {
  rows: readonly CaseSummary[];
  offset: number;
  lastServed: number;
}

export interface CaseListPagesOptions {
  pageSize?: number;
  now?: () => number;
}

export class CaseListPages {
  readonly #open = new Map<string, OpenList>();
  readonly #pageSize: number;
  readonly #now: () => number;

  constructor(options: CaseListPagesOptions = {}) {
    this.#pageSize = options.pageSize ?? CASE_LIST_PAGE_SIZE;
    this.#now = options.now ?? Date.now;
  }

  /** The first page of a list just read; the rest are kept for {@link next}. */
  start(rows: readonly CaseSummary[]): CaseListPage {
    this.forgetIdle();
    return this.#page({ rows, offset: 0, lastServed: this.#now() });
  }

  /** The page after the one that gave `token`. */
  next(token: string): CaseListPage {
    this.forgetIdle();
    const list = this.#open.get(token);
    this.#open.delete(token); // a token is good for one page: the next one comes with a new token
    if (!list) {
      throw new AppError(WorkspaceErrorCodes.caseListExpired, 'The case list was not read to its end in time, so its remaining pages were dropped. Read the list again from the start.');
    }
    return this.#page(list);
  }

  /** Lists still waiting for their next page (for tests). */
  get openLists(): number {
    return this.#open.size;
  }

  #page(list: OpenList): CaseListPage {
    const end = Math.min(list.offset + this.#pageSize, list.rows.length);
    const cases = list.rows.slice(list.offset, end);
    if (end >= list.rows.length) return { cases, nextPageToken: null, total: list.rows.length };
    const token = randomBytes(16).toString('hex');
    this.#open.set(token, { rows: list.rows, offset: end, lastServed: this.#now() });
    // Oldest served first: a list being read moves to the end with each page, so abandoned ones go before it.
    while (this.#open.size > MAX_OPEN_LISTS) this.#open.delete(this.#open.keys().next().value!);
    return { cases, nextPageToken: token, total: list.rows.length };
  }

  /** Drops the lists not asked for within LIST_IDLE_MS (their rows are taxpayer data: not kept longer than needed). */
  forgetIdle(): void {
    const now = this.#now();
    for (const [token, list] of this.#open) if (now - list.lastServed > LIST_IDLE_MS) this.#open.delete(token);
  }
}
