/** One document request: how it went out (queued, sent, failed), its deadline as worded, and its items. */
import type { DocumentRequestView } from '../../../shared/ipc/casework-schemas';
import { formatEasternTime } from '../../../shared/fax-label';
import { RequestItemRow } from './RequestItemRow';

const SEND_STATE: Record<DocumentRequestView['sendState'], string> = {
  queued: 'Queued — sends when online',
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Not sent: see the outbox',
};

export function RequestCard({ request, today, focusItem }: { request: DocumentRequestView; today: string; focusItem: number | null }) {
  return (
    <section className="request-card" aria-labelledby={`request-${request.id}-subject`} data-testid="request-card">
      <h3 id={`request-${request.id}-subject`} className="request-subject">{request.subject}</h3>
      <p className="case-meta">
        <span className={`send-state send-${request.sendState}`}>{SEND_STATE[request.sendState]}</span>
        {request.sentAt ? ` · ${formatEasternTime(request.sentAt)}` : ` · written ${formatEasternTime(request.createdAt)}`}
      </p>
      <p className="case-meta">Deadline: <span data-testid="request-deadline">{request.deadlineText}</span></p>
      <ul className="request-items">
        {request.items.map((item) => (
          <RequestItemRow key={item.id} item={item} caseId={request.caseId} today={today} timeZone={request.timeZone} focused={focusItem === item.id} />
        ))}
      </ul>
    </section>
  );
}
