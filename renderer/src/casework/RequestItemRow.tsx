/**
 * One requested item: its state, due date (and the first one when it moved), wording, the attachments
 * marked as answering it, its history, and what the employee can do with it now.
 */
import { useEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import type { RequestItemView, UpdateRequestItemInput } from '../../../shared/ipc/casework-schemas';
import { formatMonthDayYear } from '../../../shared/requests/calendar-date';
import { ErrorNotice } from '../components/ErrorNotice';
import { useCaseworkActions } from '../data/mutations';
import { useWorkspaceState } from '../workspace/workspace-state';
import { ItemActionForm, type ItemAction } from './ItemActionForm';
import { ItemHistory } from './ItemHistory';
import { ItemStateBadge } from './ItemStateBadge';

export function RequestItemRow({ item, caseId, today, timeZone, focused }: { item: RequestItemView; caseId: number; today: string; timeZone: string; focused: boolean }) {
  const { dispatch } = useWorkspaceState();
  const { updateItem } = useCaseworkActions();
  const [form, setForm] = useState<'due' | 'waive' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const headRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focused) { headRef.current?.scrollIntoView({ block: 'center' }); headRef.current?.focus({ preventScroll: true }); }
  }, [focused]);

  const closed = item.state === 'received' || item.state === 'waived';
  async function act(input: UpdateRequestItemInput) {
    setBusy(true);
    setError(null);
    const r = await updateItem(input);
    setBusy(false);
    if (r.ok) setForm(null); else setError(r.error);
  }
  const submit = (a: ItemAction) => void act(a.kind === 'due'
    ? { action: 'change-due-date', itemId: item.id, dueDate: a.dueDate, reason: a.reason }
    : { action: 'waive', itemId: item.id, reason: a.reason });

  return (
    <li className={`request-item item-row-${item.state}${focused ? ' focused' : ''}`} data-testid="request-item" aria-labelledby={`item-${item.id}-label`}>
      <div className="request-item-head">
        <h4 id={`item-${item.id}-label`} ref={headRef} tabIndex={-1}>{item.label}</h4>
        <ItemStateBadge state={item.state} />
        <span className="case-meta">
          due {formatMonthDayYear(item.dueDate)}
          {item.originalDueDate !== item.dueDate ? ` (first ${formatMonthDayYear(item.originalDueDate)})` : ''}
        </span>
      </div>
      <p className="request-wording">{item.wording}</p>
      {item.waivedReason && item.state === 'waived' && <p className="case-meta">Waived: {item.waivedReason}</p>}
      {item.linkedAttachments.length > 0 && (
        <ul className="item-files" aria-label={`Files answering ${item.label}`}>
          {item.linkedAttachments.map((a) => (
            <li key={a.attachmentId}>
              <button type="button" className="link-button" aria-label={`Open ${a.fileName}`}
                onClick={() => { dispatch({ type: 'case', caseId, messageId: a.messageId }); dispatch({ type: 'preview', attachmentId: a.attachmentId }); }}>
                {a.fileName}
              </button>
              <span className="case-meta"> {a.label}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="item-actions">
        {!closed && (
          <>
            <button type="button" className="secondary" disabled={busy} onClick={() => void act({ action: 'mark-received', itemId: item.id, complete: true })} aria-label={`Mark ${item.label} received`}>Mark received</button>
            {item.state !== 'partly-received' && (
              <button type="button" className="secondary" disabled={busy} onClick={() => void act({ action: 'mark-received', itemId: item.id, complete: false })} aria-label={`Mark ${item.label} partly received`}>Partly received</button>
            )}
            <button type="button" className="secondary" disabled={busy} aria-expanded={form === 'due'} onClick={() => setForm(form === 'due' ? null : 'due')} aria-label={`Change the due date of ${item.label}`}>Change due date…</button>
            <button type="button" className="secondary" disabled={busy} aria-expanded={form === 'waive'} onClick={() => setForm(form === 'waive' ? null : 'waive')} aria-label={`Waive ${item.label}`}>Waive…</button>
          </>
        )}
        {closed && <button type="button" className="secondary" disabled={busy} onClick={() => void act({ action: 'reopen', itemId: item.id })} aria-label={`Reopen ${item.label}`}>Reopen</button>}
      </div>
      {form && <ItemActionForm kind={form} itemLabel={item.label} currentDue={item.dueDate} today={today} timeZone={timeZone} busy={busy} onSubmit={submit} onCancel={() => setForm(null)} />}
      {error && <ErrorNotice error={error} />}
      <ItemHistory item={item} />
    </li>
  );
}
