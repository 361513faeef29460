/**
 * The open case: its header and actions, then every thread with its messages as rows (sender, server
 * date, subject, attachments, unread), virtualized for long cases. Opening a case jumps to its first
 * unread message; arrows or j/k move, Enter shows the message in the reading pane.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatEasternTime } from '../../../shared/fax-label';
import type { MessageView } from '../../../shared/ipc/workspace-schemas';
import { CaseRequestSummary } from '../casework/CaseRequestSummary';
import { CommandButton } from '../components/CommandButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { errorData } from '../data/bridge-error';
import { useCaseDetail, useOutbox } from '../data/queries';
import { OutboxList } from './OutboxList';
import { conversationRows, isUnread, messageToOpen, type ConversationRow } from './conversation-rows';
import { STATUS_LABEL, plural } from './labels';
import { handleListKey } from './list-keys';
import { usePanes, usePaneRef } from './panes';
import { useWorkspaceState } from './workspace-state';

const THREAD_ROW = 30;
const MESSAGE_ROW = 52;

function describe(m: MessageView): string {
  const files = m.attachments.length + m.remoteFiles.length;
  return [m.from, formatEasternTime(m.serverReceivedAt), m.subject, files > 0 ? plural(files, 'attachment') : null, isUnread(m) ? 'unread' : null]
    .filter(Boolean).join(', ');
}

function MessageRow({ m }: { m: MessageView }) {
  const files = m.attachments.length + m.remoteFiles.length;
  return (
    <>
      <span className="msg-line">
        <span className="msg-from">{m.direction === 'outbound' ? `To: ${m.to || 'taxpayer'}` : m.from}</span>
        <span className="msg-date">{formatEasternTime(m.serverReceivedAt)}</span>
      </span>
      <span className="msg-line case-meta">
        <span className="msg-subject">{m.subject}</span>
        {files > 0 && <span className="msg-files" aria-hidden="true">{plural(files, 'file')}</span>}
      </span>
    </>
  );
}

export function ConversationPane() {
  const { state, dispatch } = useWorkspaceState();
  const detail = useCaseDetail(state.caseId);
  const outbox = useOutbox(state.caseId);
  const rows = useMemo(() => (detail.data ? conversationRows(detail.data) : []), [detail.data]);
  const messageRows = useMemo(() => rows.flatMap((r, i) => (r.kind === 'message' ? [i] : [])), [rows]);
  const [cursor, setCursor] = useState<number | null>(null);
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const paneRef = usePaneRef('conversation');
  const panes = usePanes();

  // The virtualizer's functions are used during this render only and never passed to memoized children.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length, getScrollElement: () => scrollRef.current, overscan: 10,
    estimateSize: (i) => (rows[i]?.kind === 'thread' ? THREAD_ROW : MESSAGE_ROW),
    getItemKey: (i) => rows[i]?.key ?? i,
  });

  // Opening a case jumps to its first unread message (or the newest when all are read).
  const loaded = detail.data?.case.id;
  useEffect(() => {
    if (!detail.data || state.messageId !== null) return;
    const first = messageToOpen(detail.data);
    if (first !== null) dispatch({ type: 'message', messageId: first, keepPanel: true });
    // Only when a case (re)loads without a message chosen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded, state.messageId === null]);

  const openIndex = rows.findIndex((r) => r.kind === 'message' && r.message.id === state.messageId);
  const active = cursor !== null && cursor < rows.length ? cursor : openIndex;
  useEffect(() => {
    setCursor(null);
    if (openIndex >= 0) virtualizer.scrollToIndex(openIndex, { align: 'auto' });
    // Follow the open message only when it changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.messageId, openIndex >= 0]);

  function onKeyDown(event: KeyboardEvent) {
    if (event.ctrlKey || event.metaKey || event.altKey || messageRows.length === 0) return;
    const at = Math.max(0, messageRows.indexOf(active));
    const next = handleListKey(event.key, at, messageRows.length, 8);
    if (next === null) return;
    event.preventDefault();
    const rowIndex = messageRows[next === 'open' ? at : next]!;
    if (next === 'open') {
      const row = rows[rowIndex] as Extract<ConversationRow, { kind: 'message' }>;
      dispatch({ type: 'message', messageId: row.message.id });
      panes.focus('reading');
      return;
    }
    setCursor(rowIndex);
    virtualizer.scrollToIndex(rowIndex, { align: 'auto' });
  }

  if (state.caseId === null) return <section className="pane pane-conversation pane-placeholder" aria-label="Conversation"><p className="muted">Select a case to see its messages.</p></section>;
  if (detail.error) return <section className="pane pane-conversation" aria-label="Conversation"><ErrorNotice error={errorData(detail.error)} /></section>;
  if (!detail.data) return <section className="pane pane-conversation" aria-label="Conversation"><p className="muted">Opening the case…</p></section>;

  const c = detail.data.case;
  const activeRow = rows[active];
  const pendingOut = outbox.data ?? [];
  return (
    <section className="pane pane-conversation" aria-labelledby="case-heading">
      <header className="case-header">
        <h2 id="case-heading">{c.taxpayerName}</h2>
        <p className="case-meta">TIN {c.tinMasked} · Offer {c.offerNumber} · <span className={`status-chip status-${c.status}`}>{STATUS_LABEL[c.status]}</span> · {c.assignedRole}</p>
        <p className="case-meta">{plural(c.messages, 'message')}{c.unread > 0 ? ` · ${c.unread} unread` : ''}{c.pendingDownloads > 0 ? ` · ${plural(c.pendingDownloads, 'file')} downloading` : ''}</p>
        <CaseRequestSummary caseId={c.id} />
        <div className="case-actions">
          <CommandButton id="message.new" className="secondary" />
          <CommandButton id="case.markAllRead" className="secondary" />
          <CommandButton id="case.requestDocuments" className="secondary" label="Request documents…" />
          <CommandButton id="case.prepareAppeals" className="secondary" label="Prepare for Appeals…" />
          <CommandButton id="case.print" className="secondary" />
        </div>
      </header>
      {rows.length === 0 && <p className="muted pane-empty">No messages in this case yet. Use “New message” to write to the taxpayer.</p>}
      <div
        ref={(el) => { scrollRef.current = el; paneRef(el); }}
        className="conversation-scroll"
        role="listbox"
        aria-label={`Messages in the case of ${c.taxpayerName}`}
        tabIndex={0}
        aria-activedescendant={activeRow?.kind === 'message' ? `msg-option-${activeRow.message.id}` : undefined}
        onKeyDown={onKeyDown}
        data-testid="conversation"
      >
        <div className="virtual-space" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const style = { transform: `translateY(${item.start}px)`, height: item.size };
            if (row.kind === 'thread') {
              return <div key={row.key} className="thread-row" style={style} aria-hidden="true">{row.thread.subject}</div>;
            }
            const m = row.message;
            return (
              <div
                key={row.key}
                id={`msg-option-${m.id}`}
                role="option"
                aria-selected={m.id === state.messageId}
                aria-label={describe(m)}
                className={`message-row ${m.direction}${isUnread(m) ? ' unread' : ''}${item.index === active ? ' active' : ''}`}
                style={style}
                data-testid="message-row"
                onClick={() => { setCursor(item.index); dispatch({ type: 'message', messageId: m.id }); }}
              >
                <MessageRow m={m} />
              </div>
            );
          })}
        </div>
      </div>
      {pendingOut.length > 0 && <OutboxList items={pendingOut} />}
    </section>
  );
}
