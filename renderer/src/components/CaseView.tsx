/** One case: its threads and messages, each labelled like a fax with the server's receipt time. */
import { useEffect, useState } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import type { PrintRequest } from '../../../shared/ipc/print-schemas';
import type { OutboxItemView } from '../../../shared/ipc/sync-schemas';
import type { AttachmentView, CaseDetail, MessageView } from '../../../shared/ipc/workspace-schemas';
import { formatBytes } from '../../../shared/limits';
import { getBridge } from '../bridge/scoic';
import { AttachmentPreview } from './AttachmentPreview';
import { ErrorNotice } from './ErrorNotice';
import { OutboxList } from './OutboxList';
import { PrintPanel } from './PrintPanel';
import { ReplyComposer } from './ReplyComposer';

const REMOTE_STATE = {
  pending: 'downloading',
  blocked: 'blocked file type: not downloaded; ask the sender for a PDF',
  failed: 'download failed; use Sync now to try again, or report it to IT if it repeats',
} as const;

export function CaseView({ caseId, focusMessageId, dataVersion, onChanged }: {
  caseId: number; focusMessageId: number | null; dataVersion: number; onChanged: () => void;
}) {
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [preview, setPreview] = useState<AttachmentView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [outbox, setOutbox] = useState<OutboxItemView[]>([]);
  const [ownVersion, setOwnVersion] = useState(0);
  const [printing, setPrinting] = useState<{ scope: PrintRequest['scope']; title: string } | null>(null);

  useEffect(() => {
    // The parent keys this component by case, so state starts fresh for each case.
    let live = true;
    const scoic = getBridge();
    void scoic.cases.open({ caseId }).then((r) => {
      if (!live) return;
      if (r.ok) { setDetail(r.value); setError(null); } else setError(r.error);
    });
    void scoic.replies.outbox({ caseId }).then((r) => { if (live && r.ok) setOutbox(r.value); });
    return () => { live = false; };
  }, [caseId, dataVersion, ownVersion]);

  async function outboxAction(action: 'retry' | 'discard', outboxId: number) {
    const r = await getBridge().replies[action]({ outboxId });
    if (r.ok) setOutbox(r.value); else setError(r.error);
  }

  useEffect(() => {
    if (detail && focusMessageId !== null) document.getElementById(`message-${focusMessageId}`)?.scrollIntoView({ block: 'start' });
  }, [detail, focusMessageId]);

  async function markRead(message: MessageView) {
    const r = await getBridge().messages.markRead({ messageId: message.id, read: true });
    if (!r.ok) { setError(r.error); return; }
    setDetail((d) => d && ({ ...d, threads: d.threads.map((t) => ({ ...t, messages: t.messages.map((m) => (m.id === message.id ? { ...m, read: true } : m)) })) }));
    onChanged();
  }

  async function exportAttachment(a: AttachmentView) {
    const r = await getBridge().attachments.export({ attachmentId: a.id });
    if (r.ok) { setNotice(`Saved to the SBU folder as ${r.value.fileName}.`); setError(null); } else setError(r.error);
  }

  if (error && !detail) return <ErrorNotice error={error} />;
  if (!detail) return <p className="muted">Opening the case…</p>;
  const c = detail.case;
  return (
    <article className="case-view" aria-labelledby="case-heading">
      <header className="case-header">
        <h2 id="case-heading">{c.taxpayerName}</h2>
        <p className="case-meta">TIN {c.tinMasked} · Offer {c.offerNumber} · {c.status} · assigned {c.assignedRole}</p>
        <button type="button" className="secondary" onClick={() => setPrinting({ scope: { kind: 'case', caseId: c.id }, title: 'Print the case for Appeals' })}>
          Print case for Appeals…
        </button>
      </header>
      {notice && <div className="notice" role="status">{notice}</div>}
      {error && <ErrorNotice error={error} />}
      {detail.threads.length === 0 && <p className="muted">No messages in this case yet.</p>}
      {detail.threads.map((t) => (
        <section key={t.id} className="thread" aria-label={`Thread: ${t.subject}`}>
          <h3>{t.subject}</h3>
          {t.messages.map((m) => (
            <div key={m.id} id={`message-${m.id}`} className={`message ${m.direction}${!m.read && m.direction === 'inbound' ? ' unread' : ''}`} data-testid="message">
              <div className="fax-label" data-testid="fax-label">{m.label}</div>
              <div className="message-head">
                <span><strong>{m.from}</strong> — {m.subject}</span>
                <span>
                  {!m.read && m.direction === 'inbound' && <button type="button" className="link-button" onClick={() => void markRead(m)}>Mark as read</button>}
                  <button type="button" className="link-button" onClick={() => setPrinting({ scope: { kind: 'message', messageId: m.id }, title: `Print message: ${m.subject}` })}>Print…</button>
                </span>
              </div>
              <div className="message-body">{m.body}</div>
              {m.remoteFiles.length > 0 && (
                <ul className="attachments remote" aria-label="Files not on this laptop">
                  {m.remoteFiles.map((f, i) => (
                    <li key={i} data-testid="remote-file">
                      <span className="attachment-name">{f.fileName}</span>
                      <span className="case-meta">{formatBytes(f.size)} · {REMOTE_STATE[f.state]}{f.lastErrorCode ? ` (${f.lastErrorCode})` : ''}</span>
                    </li>
                  ))}
                </ul>
              )}
              {m.attachments.length > 0 && (
                <ul className="attachments" aria-label="Attachments">
                  {m.attachments.map((a) => (
                    <li key={a.id} className={a.blocked ? 'blocked' : ''}>
                      <span className="attachment-name">{a.fileName}</span>
                      <span className="case-meta">{formatBytes(a.size)} · {a.detectedType}{a.blocked ? ' · blocked file type' : ''}{a.printed ? ' · printed' : ''}</span>
                      {!a.blocked && (
                        <span className="attachment-actions">
                          <button type="button" className="link-button" onClick={() => setPreview(a)}>Preview</button>
                          <button type="button" className="link-button" onClick={() => void exportAttachment(a)}>Save to SBU folder</button>
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
          <OutboxList items={outbox.filter((o) => o.threadId === t.id)} onRetry={(id) => void outboxAction('retry', id)} onDiscard={(id) => void outboxAction('discard', id)} />
          <ReplyComposer caseId={c.id} threadId={t.id} onQueued={() => { setOwnVersion((v) => v + 1); onChanged(); }} />
        </section>
      ))}
      {printing && <PrintPanel scope={printing.scope} title={printing.title} onClose={() => setPrinting(null)} onPrinted={() => setOwnVersion((v) => v + 1)} />}
      {preview && <AttachmentPreview key={preview.id} attachment={preview} onClose={() => setPreview(null)} />}
    </article>
  );
}
