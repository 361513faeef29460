/** Sorting and filtering the case list, kept pure so it is cheap to test and to reuse. */
import type { CaseworkOverview } from '../../../shared/ipc/casework-schemas';
import type { CaseStatusView, CaseSummary } from '../../../shared/ipc/workspace-schemas';
import { compareInstants } from './labels';

export const SORTS = {
  activity: 'Last activity',
  name: 'Taxpayer name',
  offer: 'Offer number',
  unread: 'Unread first',
  status: 'Status',
  due: 'Due date',
} as const;
export type CaseSort = keyof typeof SORTS;

export type CaseFilter = 'all' | 'unread' | 'downloads' | 'overdue' | 'due-soon' | `status:${CaseStatusView}`;

/** Each case's request summary and transfer (casework.overview), by case id; cases without any are absent. */
export type CaseworkByCase = ReadonlyMap<number, CaseworkOverview['cases'][number]>;

const STATUS_ORDER: CaseStatusView[] = ['open', 'pending-documents', 'under-review', 'appeals', 'closed'];
const byName = new Intl.Collator('en-US', { sensitivity: 'base', numeric: true });
const newestFirst = (a: CaseSummary, b: CaseSummary) => compareInstants(b.lastActivityAt ?? '', a.lastActivityAt ?? '');

/** Earliest open due date first; cases with nothing due after them, by last activity. */
function byDue(work: CaseworkByCase) {
  const due = (c: CaseSummary) => work.get(c.id)?.requests?.nextDue ?? '9999-12-31';
  return (a: CaseSummary, b: CaseSummary) => { const x = due(a); const y = due(b); return (x < y ? -1 : x > y ? 1 : 0) || newestFirst(a, b); };
}

const COMPARE: Record<Exclude<CaseSort, 'due'>, (a: CaseSummary, b: CaseSummary) => number> = {
  activity: (a, b) => newestFirst(a, b) || byName.compare(a.taxpayerName, b.taxpayerName),
  name: (a, b) => byName.compare(a.taxpayerName, b.taxpayerName) || a.id - b.id,
  offer: (a, b) => byName.compare(a.offerNumber, b.offerNumber) || a.id - b.id,
  unread: (a, b) => b.unread - a.unread || newestFirst(a, b),
  status: (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || newestFirst(a, b),
};

export function arrangeCases(cases: readonly CaseSummary[], sort: CaseSort, filter: CaseFilter, work: CaseworkByCase = new Map()): CaseSummary[] {
  const kept = cases.filter((c) => {
    if (filter === 'all') return true;
    if (filter === 'unread') return c.unread > 0;
    if (filter === 'downloads') return c.pendingDownloads > 0;
    if (filter === 'overdue') return (work.get(c.id)?.requests?.overdue ?? 0) > 0;
    if (filter === 'due-soon') return (work.get(c.id)?.requests?.dueSoon ?? 0) > 0;
    return c.status === filter.slice('status:'.length);
  });
  return kept.sort(sort === 'due' ? byDue(work) : COMPARE[sort]);
}
