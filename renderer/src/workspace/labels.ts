/** Words for the workspace: case statuses as the server names them, short dates in Eastern Time. */
import type { CaseStatusView } from '../../../shared/ipc/workspace-schemas';

export const STATUS_LABEL: Record<CaseStatusView, string> = {
  open: 'Open',
  'pending-documents': 'Pending documents',
  'under-review': 'Under review',
  appeals: 'Appeals',
  closed: 'Closed',
};

const ET_DATE = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' });

/** `04/21/2025` (Eastern Time, like the fax labels) for a server instant. */
export function shortDate(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : ET_DATE.format(d);
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Orders server instants (ISO 8601, all UTC `…Z`, so text order is time order) without localeCompare,
 * which goes through ICU and made sorting 10,000 cases take a large part of the list's first paint.
 */
export const compareInstants = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
