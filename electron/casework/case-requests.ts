/**
 * A case's document requests as the renderer and the Appeals cover show them, derived from the vault
 * for the day `now` falls on: each item's state (overdue is never stored), its linked files with their
 * fax-like labels, its history, and the case's summary line.
 */
import { faxLabel } from '../../shared/fax-label';
import type { CaseRequestsView, DocumentRequestView, RequestItemView, RequestSummaryView } from '../../shared/ipc/casework-schemas';
import { maskNumbers } from '../../shared/mask-numbers';
import { formatDeadline, todayIn } from '../../shared/requests/due-date';
import { formatRequestSummary, itemState, summarizeRequests } from '../../shared/requests/item-state';
import type { RequestItemState } from '../../shared/requests/request-schemas';
import type { Vault } from '../vault';
import type { DocumentRequestRecord, RequestItemRecord } from '../vault/casework-store';
import { machineTimeZone } from './deadline-zone';
import { itemFactsOf } from './item-facts';

function itemView(item: RequestItemRecord, today: string): RequestItemView {
  return {
    id: item.id, requestId: item.requestId, kind: item.kind as RequestItemView['kind'], label: item.label, wording: item.wording,
    dueDate: item.dueDate, originalDueDate: item.originalDueDate,
    state: itemState(itemFactsOf(item), today),
    receivedComplete: item.receivedComplete, waivedReason: item.waivedReason,
    linkedAttachments: item.links.map((l) => ({
      attachmentId: l.attachmentId, messageId: l.messageId, threadId: l.threadId, fileName: maskNumbers(l.fileName), sha256: l.sha256,
      serverReceivedAt: l.serverReceivedAt, label: faxLabel('received', l.serverReceivedAt, l.serverId),
    })),
    history: item.history,
  };
}

/** One request for the day `now` falls on in the request's own deadline zone. */
export function requestView(r: DocumentRequestRecord, now: Date): DocumentRequestView {
  const today = todayIn(r.timeZone, now);
  return {
    id: r.id, caseId: r.caseId, threadId: r.threadId, outboxId: r.sendState === 'sent' ? null : r.outboxId, messageId: r.messageId,
    sendState: r.sendState, createdAt: r.createdAt, sentAt: r.sentAt, dueDate: r.dueDate, timeZone: r.timeZone,
    deadlineText: formatDeadline(r.dueDate, r.timeZone), subject: r.subject,
    items: r.items.map((i) => itemView(i, today)),
  };
}

export function summaryView(items: ReadonlyArray<{ state: RequestItemState; dueDate: string }>, today: string): RequestSummaryView {
  const s = summarizeRequests(items, today);
  return { total: s.total, received: s.received, waived: s.waived, open: s.open, overdue: s.overdue, dueSoon: s.dueSoon, nextDue: s.nextDue, text: formatRequestSummary(s) };
}

/**
 * The case's requests, newest first, with their summary. Also what the print service puts on the
 * Appeals cover. `timeZone` is the zone "today" is counted in (the machine's by default).
 */
export function listCaseRequests(vault: Vault, caseId: number, now: Date, timeZone: string = machineTimeZone()): CaseRequestsView {
  const requests = vault.casework.listRequests(caseId).map((r) => requestView(r, now));
  const today = todayIn(timeZone, now);
  return { caseId, today, requests, summary: summaryView(requests.flatMap((r) => r.items), today) };
}
