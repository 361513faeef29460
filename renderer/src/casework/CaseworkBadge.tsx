/** The case list's case-work badge: transferred (with the purge countdown), else overdue items, else the next due date. */
import type { CaseworkOverview } from '../../../shared/ipc/casework-schemas';
import { formatMonthDay } from '../../../shared/requests/calendar-date';
import { plural } from '../workspace/labels';

export type CaseworkEntry = CaseworkOverview['cases'][number];

export function CaseworkBadge({ entry }: { entry: CaseworkEntry | undefined }) {
  if (!entry) return null;
  if (entry.transfer) {
    const t = entry.transfer;
    const text = `Transferred · purge in ${plural(t.daysLeft, 'day')}${t.inboundSinceTransfer > 0 ? ` · ${t.inboundSinceTransfer} new since` : ''}`;
    return <span className="casework-badge transferred" title={text} data-testid="casework-badge">{text}</span>;
  }
  const r = entry.requests;
  if (!r || r.open === 0) return null;
  if (r.overdue > 0) return <span className="casework-badge overdue" data-testid="casework-badge">{r.overdue} overdue</span>;
  return <span className={`casework-badge${r.dueSoon > 0 ? ' due-soon' : ''}`} data-testid="casework-badge">{r.nextDue ? `Due ${formatMonthDay(r.nextDue)}` : `${r.open} open`}</span>;
}
