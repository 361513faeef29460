/**
 * "Mark as answering…" on an inbound attachment: the case's open items, those its name and type suggest
 * first and marked as suggested (the employee confirms: nothing is linked until a box is ticked), and the
 * items it already answers, each with Unlink.
 */
import { useId, useState } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import type { CaseRequestsView, RequestItemView } from '../../../shared/ipc/casework-schemas';
import type { AttachmentView } from '../../../shared/ipc/workspace-schemas';
import { formatMonthDay } from '../../../shared/requests/calendar-date';
import { suggestItems } from '../../../shared/requests/suggest-items';
import { ErrorNotice } from '../components/ErrorNotice';
import { useCaseworkActions } from '../data/mutations';

const isOpen = (i: RequestItemView) => i.state !== 'received' && i.state !== 'waived';

export function AttachmentItemLinks({ attachment, requests }: { attachment: AttachmentView; requests: CaseRequestsView }) {
  const id = useId();
  const { updateItem } = useCaseworkActions();
  const [busy, setBusy] = useState(false);
  // The box shows the employee's choice at once; the vault's answer replaces it (or puts it back on a refusal).
  const [pending, setPending] = useState<ReadonlyMap<number, boolean>>(new Map());
  const [error, setError] = useState<AppErrorData | null>(null);
  const items = requests.requests.flatMap((r) => r.items);
  if (items.length === 0) return null;
  const linked = items.filter((i) => i.linkedAttachments.some((a) => a.attachmentId === attachment.id));
  const candidates = items.filter((i) => isOpen(i) || linked.includes(i));
  const suggested = suggestItems(attachment.fileName, attachment.detectedType, candidates.filter(isOpen).map((i) => i.kind));
  const rank = (i: RequestItemView) => { const at = suggested.indexOf(i.kind); return at < 0 ? suggested.length : at; };
  const ordered = [...candidates].sort((a, b) => rank(a) - rank(b) || a.dueDate.localeCompare(b.dueDate));

  async function toggle(item: RequestItemView, link: boolean) {
    setBusy(true);
    setError(null);
    setPending((p) => new Map(p).set(item.id, link));
    const r = await updateItem({ action: link ? 'link' : 'unlink', itemId: item.id, attachmentId: attachment.id });
    setBusy(false);
    setPending((p) => { const next = new Map(p); next.delete(item.id); return next; });
    if (!r.ok) setError(r.error);
  }

  return (
    <div className="attachment-links" data-testid="attachment-links">
      {linked.length > 0 && (
        <ul className="linked-items" aria-label={`Items ${attachment.fileName} answers`}>
          {linked.map((i) => (
            <li key={i.id}>
              <span className="linked-item">Answers: {i.label}</span>
              <button type="button" className="link-button" disabled={busy} onClick={() => void toggle(i, false)} aria-label={`Unlink ${attachment.fileName} from ${i.label}`}>Unlink</button>
            </li>
          ))}
        </ul>
      )}
      {candidates.length > 0 && (
        <details className="mark-answering">
          <summary aria-label={`Mark ${attachment.fileName} as answering a requested item`}>Mark as answering…</summary>
          <fieldset disabled={busy} aria-describedby={`${id}-note`}>
            <legend className="visually-hidden">Requested items {attachment.fileName} answers</legend>
            <p id={`${id}-note`} className="case-meta">{suggested.length > 0 ? 'Suggested from the file’s name and type: confirm by ticking.' : 'Tick each item this file answers.'}</p>
            {ordered.map((i) => {
              const isSuggested = isOpen(i) && suggested.includes(i.kind);
              return (
                <label key={i.id} className={`answer-option${isSuggested ? ' suggested' : ''}`} data-testid="answer-option">
                  <input type="checkbox" checked={pending.get(i.id) ?? linked.includes(i)} onChange={(e) => void toggle(i, e.target.checked)} />
                  {' '}{i.label} <span className="case-meta">due {formatMonthDay(i.dueDate)}</span>
                  {isSuggested && <span className="suggested-tag">Suggested</span>}
                </label>
              );
            })}
          </fieldset>
        </details>
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
