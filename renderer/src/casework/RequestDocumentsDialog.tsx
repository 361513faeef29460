/**
 * "Request documents": the employee picks what to ask for from the catalog, edits the wording, chooses
 * the thread and the due date (moved to a business day), and sends. The request's message is queued in
 * the outbox like any reply, so this works offline; sync sends it when the server can be reached.
 */
import { useState } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import { MAX_REQUEST_ITEMS } from '../../../shared/ipc/casework-schemas';
import { DOCUMENT_CATALOG } from '../../../shared/requests/catalog';
import type { RequestItemKind } from '../../../shared/requests/request-schemas';
import { ErrorNotice } from '../components/ErrorNotice';
import { errorData } from '../data/bridge-error';
import { useCaseworkActions } from '../data/mutations';
import { useRequestDefaults } from '../data/queries';
import { Modal } from '../dialogs/Modal';
import { useToasts } from '../feedback/Toasts';
import { CatalogItemField, type ItemDraft } from './CatalogItemField';
import { DueDateField, effectiveDueDate } from './DueDateField';

const NEW_THREAD = 'new';
const DEFAULT_SUBJECT = 'Documents needed for your offer in compromise';

function initialDrafts(): Record<RequestItemKind, ItemDraft> {
  return Object.fromEntries(DOCUMENT_CATALOG.map((e) => [e.kind, { checked: false, label: e.kind === 'other' ? '' : e.label, wording: e.defaultWording }])) as Record<RequestItemKind, ItemDraft>;
}

export function RequestDocumentsDialog({ caseId, onClose }: { caseId: number; onClose: () => void }) {
  const defaults = useRequestDefaults(caseId);
  const { createRequest } = useCaseworkActions();
  const toasts = useToasts();
  const [drafts, setDrafts] = useState(initialDrafts);
  const [thread, setThread] = useState<string | null>(null);
  const [subject, setSubject] = useState(DEFAULT_SUBJECT);
  const [asked, setAsked] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);

  const d = defaults.data;
  const chosenThread = thread ?? (d?.threads[0] ? String(d.threads[0].id) : NEW_THREAD);
  const askedDate = asked ?? d?.dueDate ?? '';
  const due = d ? effectiveDueDate(askedDate, d.today) : null;
  const chosen = DOCUMENT_CATALOG.filter((e) => drafts[e.kind].checked);
  const incomplete = chosen.find((e) => drafts[e.kind].label.trim() === '' || drafts[e.kind].wording.trim() === '');
  const isNew = chosenThread === NEW_THREAD;
  const problem = chosen.length === 0 ? 'Choose at least one item to ask for.'
    : chosen.length > MAX_REQUEST_ITEMS ? `A request can ask for at most ${MAX_REQUEST_ITEMS} items.`
      : incomplete ? `Say what to ask for and its wording (${incomplete.kind === 'other' ? 'Other' : incomplete.label}).`
        : isNew && subject.trim() === '' ? 'Give the new thread a subject.'
          : due && 'error' in due ? due.error : null;

  async function send() {
    if (!d || !due || 'error' in due || problem) return;
    setSending(true);
    setError(null);
    const r = await createRequest({
      caseId,
      threadId: isNew ? null : Number(chosenThread),
      subject: isNew ? subject.trim() : '',
      items: chosen.map((e) => ({ kind: e.kind, label: drafts[e.kind].label.trim(), wording: drafts[e.kind].wording.trim() })),
      dueDate: due.dueDate,
    });
    setSending(false);
    if (!r.ok) { setError(r.error); return; }
    const sent = r.value.requests[0];
    toasts.info('request-queued', sent?.sendState === 'sent'
      ? 'Document request sent.'
      : 'Document request queued — sends when online. It waits in the outbox until the server can be reached.');
    onClose();
  }

  return (
    <Modal title="Request documents" onClose={onClose} closeDisabled={sending} className="request-dialog">
      {defaults.error && <ErrorNotice error={errorData(defaults.error)} />}
      {!d && !defaults.error && <p className="muted">Loading…</p>}
      {d && (
        <form className="request-form" onSubmit={(e) => { e.preventDefault(); void send(); }}>
          <fieldset className="catalog" disabled={sending}>
            <legend>What to ask for</legend>
            <ul className="catalog-list">
              {DOCUMENT_CATALOG.map((entry) => (
                <CatalogItemField key={entry.kind} entry={entry} draft={drafts[entry.kind]} onChange={(next) => setDrafts((all) => ({ ...all, [entry.kind]: next }))} />
              ))}
            </ul>
          </fieldset>
          <div className="request-side">
            <label className="request-thread">Send in
              <select value={chosenThread} onChange={(e) => setThread(e.target.value)} disabled={sending}>
                {d.threads.map((t) => <option key={t.id} value={String(t.id)}>Thread: {t.subject}</option>)}
                <option value={NEW_THREAD}>A new thread</option>
              </select>
            </label>
            {isNew && (
              <label className="request-thread">Subject
                <input type="text" value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} disabled={sending} />
              </label>
            )}
            <DueDateField value={askedDate} today={d.today} timeZone={d.timeZone} onChange={setAsked} />
            <p className="case-meta">Default: {d.defaultDays} days from today, on a business day.</p>
            <p className="case-meta" data-testid="request-count">{chosen.length === 0 ? 'No items chosen yet.' : `${chosen.length} item${chosen.length === 1 ? '' : 's'}: ${chosen.map((e) => (e.kind === 'other' ? drafts.other.label || 'Other' : e.label)).join(', ')}.`}</p>
            {problem && chosen.length > 0 && <p className="danger" role="status">{problem}</p>}
            {error && <ErrorNotice error={error} />}
            <div className="reply-tools">
              <button type="submit" disabled={sending || problem !== null}>{sending ? 'Queuing…' : 'Send request'}</button>
              <span className="case-meta">Queued in the outbox: sends when online.</span>
            </div>
          </div>
        </form>
      )}
    </Modal>
  );
}
