/** Messages not yet on the server: queued (sent when online), sending, or not sent with a code to act on. */
import type { OutboxItemView } from '../../../shared/ipc/sync-schemas';
import { useBridge } from '../bridge/BridgeContext';
import { useToasts } from '../feedback/Toasts';

const STATE: Record<OutboxItemView['state'], string> = {
  queued: 'Queued — will be sent when the server can be reached',
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Not sent',
};

export function OutboxList({ items }: { items: OutboxItemView[] }) {
  const bridge = useBridge();
  const toasts = useToasts();
  async function act(action: 'retry' | 'discard', outboxId: number) {
    const r = await bridge.replies[action]({ outboxId });
    if (!r.ok) toasts.error(`outbox-${outboxId}`, r.error);
  }
  return (
    <section className="outbox" aria-label="Waiting to be sent">
      <h3 className="outbox-heading">Outbox</h3>
      <ul>
        {items.map((o) => (
          <li key={o.id} className={`outbox-item ${o.state}`} data-testid="outbox-item">
            <div className="outbox-state">{STATE[o.state]}{o.lastErrorCode ? ` (${o.lastErrorCode})` : ''}</div>
            <div className="outbox-subject">{o.threadId === null ? 'New: ' : 'Re: '}{o.subject}</div>
            <div className="case-meta outbox-body">{o.body.slice(0, 160)}</div>
            {o.files.length > 0 && <div className="case-meta">{o.files.map((f) => f.name).join(', ')}</div>}
            {o.state === 'failed' && (
              <span>
                <button type="button" className="link-button" onClick={() => void act('retry', o.id)}>Try again</button>
                <button type="button" className="link-button" onClick={() => void act('discard', o.id)}>Discard</button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
