/**
 * The document-request history of a case as the Appeals package prints it: the vault's view
 * (CaseRequestsView, electron/casework/case-requests.ts) mapped to the print set's plain data, oldest
 * request first, free text masked like every other name in the package; and the words the cover uses
 * for each item's outcome. An Appeals Officer must see, per item, what was asked, by when, whether
 * the deadline moved and why, and which file answered it — or that nothing ever did.
 */
import type { CaseRequestsView, DocumentRequestView, RequestItemView } from '../../shared/ipc/casework-schemas';
import { faxLabel } from '../../shared/fax-label';
import { maskNumbers } from '../../shared/mask-numbers';
import type { PrintDocumentRequest, PrintRequestItem } from './print-set';

/** The server id of a vault message of the case, or null when it is not known. */
export type ServerIdOf = (messageId: number) => string | null;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const masked = (text: string, max: number) => clip(maskNumbers(text), max);

export function printRequestHistory(view: CaseRequestsView, serverIdOf: ServerIdOf): PrintDocumentRequest[] {
  // The view lists newest first; the package tells the story in order.
  const when = (r: DocumentRequestView) => r.sentAt ?? r.createdAt;
  return [...view.requests]
    .sort((a, b) => Date.parse(when(a)) - Date.parse(when(b)) || a.id - b.id)
    .map((r) => ({
      subject: masked(r.subject, 1000),
      sendState: r.sendState,
      sentAt: r.sentAt,
      messageServerId: r.messageId === null ? null : serverIdOf(r.messageId),
      dueDate: r.dueDate,
      timeZone: r.timeZone,
      deadlineText: masked(r.deadlineText, 500),
      items: r.items.map((item) => printItem(item, serverIdOf)),
    }));
}

function printItem(item: RequestItemView, serverIdOf: ServerIdOf): PrintRequestItem {
  return {
    label: masked(item.label, 200),
    state: item.state,
    dueDate: item.dueDate,
    waivedReason: item.waivedReason === null ? null : masked(item.waivedReason, 500),
    dueDateChanges: item.history
      .filter((h) => h.kind === 'due-date-changed' && h.fromDueDate && h.toDueDate)
      .map((h) => ({ at: h.at, fromDueDate: h.fromDueDate!, toDueDate: h.toDueDate!, reason: masked(h.reason ?? '', 500) })),
    answeredBy: item.linkedAttachments.map((a) => {
      const serverId = serverIdOf(a.messageId);
      return {
        fileName: masked(a.fileName, 1024),
        messageServerId: serverId,
        // The same label the package stamps on that message's pages, when the message is known.
        receivedLabel: clip(serverId ? faxLabel('received', a.serverReceivedAt, serverId) : a.label, 200),
        sha256: a.sha256.toLowerCase(),
      };
    }),
  };
}

/** The outcome column of an item: one short line. */
export function outcomeText(item: PrintRequestItem): string {
  switch (item.state) {
    case 'received': return 'Received';
    case 'partly-received': return 'Partly received';
    case 'overdue': return item.answeredBy.length === 0 ? 'Overdue — never received' : 'Overdue — partly received';
    case 'waived': return 'Waived';
    case 'requested': return 'Requested — not yet due';
  }
}

/** `5 items: 2 received, 1 overdue (never received), 1 waived, 1 not yet due`. */
export function requestTally(items: PrintRequestItem[]): string {
  const count = (f: (i: PrintRequestItem) => boolean) => items.filter(f).length;
  const parts: Array<[number, string]> = [
    [count((i) => i.state === 'received'), 'received'],
    [count((i) => i.state === 'partly-received'), 'partly received'],
    [count((i) => i.state === 'overdue' && i.answeredBy.length === 0), 'overdue (never received)'],
    [count((i) => i.state === 'overdue' && i.answeredBy.length > 0), 'overdue (partly received)'],
    [count((i) => i.state === 'waived'), 'waived'],
    [count((i) => i.state === 'requested'), 'not yet due'],
  ];
  const shown = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  return `${items.length} item${items.length === 1 ? '' : 's'}: ${shown.join(', ')}`;
}

/** Every text the section prints, for the font subset (names and reasons can be in any script). */
export function requestHistoryText(requests: PrintDocumentRequest[]): string {
  return requests.flatMap((r) => [r.subject, r.timeZone, r.deadlineText, ...r.items.flatMap((i) => [
    i.label, i.waivedReason ?? '', ...i.dueDateChanges.map((c) => c.reason), ...i.answeredBy.map((a) => `${a.fileName}${a.receivedLabel}`),
  ])]).join('');
}
