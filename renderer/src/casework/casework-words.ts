/** Words for case work: item states, history entries and due dates as the examiner reads them. */
import type { ItemHistoryEntry, RequestItemState } from '../../../shared/requests/request-schemas';
import { formatMonthDayYear } from '../../../shared/requests/calendar-date';
import { shortDate } from '../workspace/labels';

export const ITEM_STATE_LABEL: Record<RequestItemState, string> = {
  requested: 'Requested',
  'partly-received': 'Partly received',
  received: 'Received',
  overdue: 'Overdue',
  waived: 'Waived',
};

const date = (d: string | undefined) => (d ? formatMonthDayYear(d) : '');

/** One history line: "04/21/2025 · Due date moved from 04/30/2025 to 05/14/2025: taxpayer asked for more time". */
export function historyText(entry: ItemHistoryEntry, fileName: (attachmentId: number) => string | null): string {
  const file = entry.attachmentId ? (fileName(entry.attachmentId) ?? `attachment ${entry.attachmentId}`) : '';
  const asked = entry.askedDueDate ? ` (asked ${date(entry.askedDueDate)}, not a business day)` : '';
  const why = entry.reason ? `: ${entry.reason}` : '';
  const what = {
    requested: `Requested, due ${date(entry.toDueDate)}${asked}`,
    'due-date-changed': `Due date moved from ${date(entry.fromDueDate)} to ${date(entry.toDueDate)}${asked}${why}`,
    'attachment-linked': `Marked ${file} as answering it`,
    'attachment-unlinked': `Unmarked ${file}`,
    received: 'Marked received (complete)',
    'partly-received': 'Marked partly received',
    waived: `Waived${why}`,
    reopened: `Reopened${why}`,
  }[entry.kind];
  return `${shortDate(entry.at)} · ${what}`;
}
