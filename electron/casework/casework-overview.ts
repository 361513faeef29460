/**
 * The case list's and the Due view's data in one read: per case its request summary and transfer, and
 * every open item across cases, oldest deadline first. Runs on every data.changed, so it reads items
 * in one query (no history, no per-case statements, no deadline text) and counts "today" once per zone.
 */
import type { CaseworkOverview, DueItemView } from '../../shared/ipc/casework-schemas';
import { daysBetween } from '../../shared/requests/calendar-date';
import { todayIn } from '../../shared/requests/due-date';
import { itemState } from '../../shared/requests/item-state';
import type { RequestItemState } from '../../shared/requests/request-schemas';
import type { Vault } from '../vault';
import { summaryView } from './case-requests';
import { transferView } from './transfer-view';

export function caseworkOverview(vault: Vault, context: { now: Date; timeZone: string; retentionDays: number }): CaseworkOverview {
  const today = todayIn(context.timeZone, context.now);
  const todays = new Map<string, string>([[context.timeZone, today]]);
  const todayOf = (zone: string) => todays.get(zone) ?? todays.set(zone, todayIn(zone, context.now)).get(zone)!;
  // Dates repeat across thousands of items (requests go out in batches): each computed once per read.
  const overdueDays = new Map<string, number>();
  const daysOverdue = (dueDate: string) => overdueDays.get(dueDate) ?? overdueDays.set(dueDate, Math.max(0, daysBetween(dueDate, today))).get(dueDate)!;
  const summaries = new Map<string, ReturnType<typeof summaryView>>();
  const summaryOf = (items: Array<{ state: RequestItemState; dueDate: string }>) => {
    const key = items.map((i) => `${i.state}:${i.dueDate}`).sort().join(',');
    return summaries.get(key) ?? summaries.set(key, summaryView(items, today)).get(key)!;
  };
  const transfers = new Map(vault.casework.listTransfers().map((t) => [t.caseId, t]));
  const itemsByCase = new Map<number, Array<{ state: RequestItemState; dueDate: string }>>();
  const due: DueItemView[] = [];
  for (const i of vault.casework.overviewItems()) {
    const state = itemState({
      dueDate: i.dueDate, waived: i.waivedReason === null ? null : { reason: i.waivedReason }, linkedAttachments: i.links, receivedComplete: i.receivedComplete,
    }, todayOf(i.timeZone));
    let items = itemsByCase.get(i.caseId);
    if (!items) itemsByCase.set(i.caseId, items = []);
    items.push({ state, dueDate: i.dueDate });
    if (state === 'received' || state === 'waived') continue;
    due.push({
      caseId: i.caseId, taxpayerName: i.taxpayerName, requestId: i.requestId, itemId: i.itemId, label: i.label, dueDate: i.dueDate, state,
      daysOverdue: state === 'overdue' ? daysOverdue(i.dueDate) : 0,
    });
  }
  const caseIds = [...new Set([...itemsByCase.keys(), ...transfers.keys()])].sort((a, b) => a - b);
  const cases = caseIds.map((caseId) => {
    const items = itemsByCase.get(caseId);
    const transfer = transfers.get(caseId);
    return { caseId, requests: items ? summaryOf(items) : null, transfer: transfer ? transferView(vault, transfer, context) : null };
  });
  due.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.caseId - b.caseId || a.itemId - b.itemId));
  return { today, cases, due };
}
