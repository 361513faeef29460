/** Sorting and filtering the case list, kept pure so it is cheap to test and to reuse. */
import type { CaseStatusView, CaseSummary } from '../../../shared/ipc/workspace-schemas';
import { compareInstants } from './labels';

export const SORTS = {
  activity: 'Last activity',
  name: 'Taxpayer name',
  offer: 'Offer number',
  unread: 'Unread first',
  status: 'Status',
} as const;
export type CaseSort = keyof typeof SORTS;

export type CaseFilter = 'all' | 'unread' | 'downloads' | `status:${CaseStatusView}`;

const STATUS_ORDER: CaseStatusView[] = ['open', 'pending-documents', 'under-review', 'appeals', 'closed'];
const byName = new Intl.Collator('en-US', { sensitivity: 'base', numeric: true });
const newestFirst = (a: CaseSummary, b: CaseSummary) => compareInstants(b.lastActivityAt ?? '', a.lastActivityAt ?? '');

const COMPARE: Record<CaseSort, (a: CaseSummary, b: CaseSummary) => number> = {
  activity: (a, b) => newestFirst(a, b) || byName.compare(a.taxpayerName, b.taxpayerName),
  name: (a, b) => byName.compare(a.taxpayerName, b.taxpayerName) || a.id - b.id,
  offer: (a, b) => byName.compare(a.offerNumber, b.offerNumber) || a.id - b.id,
  unread: (a, b) => b.unread - a.unread || newestFirst(a, b),
  status: (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || newestFirst(a, b),
};

export function arrangeCases(cases: readonly CaseSummary[], sort: CaseSort, filter: CaseFilter): CaseSummary[] {
  const kept = cases.filter((c) => {
    if (filter === 'all') return true;
    if (filter === 'unread') return c.unread > 0;
    if (filter === 'downloads') return c.pendingDownloads > 0;
    return c.status === filter.slice('status:'.length);
  });
  return kept.sort(COMPARE[sort]);
}
