/** Replies not yet on the server: queued (sent when online), sending, or failed with a code. */
import type { OutboxItemView } from '../../../shared/ipc/sync-schemas';

const STATE: Record<OutboxItemView['state'], string> = {
  queued: 'Queued — will be sent when the server can be reached',
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Not sent',
};

export function OutboxList({ items, onRetry, onDiscard }: { items: OutboxItemView[]; onRetry: (id: number) => void; onDiscard: (id: number) => void }) {
  if (items.length === 0) return null;
  return (
    <ul className="outbox" aria-label="Replies waiting to be sent">
      {items.map((o) => (
        <li key={o.id} className={`outbox-item ${o.state}`} data-testid="outbox-item">
          <div className="fax-label">{STATE[o.state]}{o.lastErrorCode ? ` (${o.lastErrorCode})` : ''}</div>
          <div className="message-body">{o.body}</div>
          {o.files.length > 0 && <div className="case-meta">{o.files.map((f) => f.name).join(', ')}</div>}
          {o.state === 'failed' && (
            <span>
              <button type="button" className="link-button" onClick={() => onRetry(o.id)}>Try again</button>
              <button type="button" className="link-button" onClick={() => onDiscard(o.id)}>Discard</button>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
