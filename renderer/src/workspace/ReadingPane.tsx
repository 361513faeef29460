/**
 * One message: its fax label (server time), from, to, subject, body and attachments with their
 * actions; the document area shows a preview; the composer (reply or new message) sits below. A message
 * shown here becomes read after the preference's delay, like a mail client.
 */
import { useEffect, useRef } from 'react';
import { formatEasternTime } from '../../../shared/fax-label';
import { DEFAULT_PREFERENCES } from '../../../shared/ipc/contract';
import type { AttachmentView, MessageView } from '../../../shared/ipc/workspace-schemas';
import { formatBytes } from '../../../shared/limits';
import { useBridge } from '../bridge/BridgeContext';
import { findMessage } from '../commands/registry';
import { AttachmentItemLinks } from '../casework/AttachmentItemLinks';
import { RequestPanel } from '../casework/RequestPanel';
import { AttachmentPreview } from '../components/AttachmentPreview';
import { CommandButton } from '../components/CommandButton';
import { useReadMarks } from '../data/mutations';
import { useCaseDetail, useCaseRequests, usePrefs } from '../data/queries';
import { useToasts } from '../feedback/Toasts';
import { Composer } from './Composer';
import { isUnread } from './conversation-rows';
import { usePaneRef } from './panes';
import { useWorkspaceState } from './workspace-state';

const REMOTE_STATE = {
  pending: 'downloading',
  blocked: 'blocked file type: not downloaded; ask the sender for a PDF',
  failed: 'download failed; use Sync now (F9) to try again, or report it to IT if it repeats',
} as const;

function Attachments({ message, caseId }: { message: MessageView; caseId: number | null }) {
  const bridge = useBridge();
  // What was requested in the case: each inbound file can be marked as answering items.
  const requests = useCaseRequests(message.direction === 'inbound' ? caseId : null).data;
  const toasts = useToasts();
  const { dispatch } = useWorkspaceState();
  async function save(a: AttachmentView) {
    const r = await bridge.attachments.export({ attachmentId: a.id });
    if (r.ok) toasts.info(`export-${a.id}`, `Saved to the SBU folder as ${r.value.fileName}.`); else toasts.error(`export-${a.id}`, r.error);
  }
  if (message.attachments.length === 0 && message.remoteFiles.length === 0) return null;
  return (
    <section className="attachments-section" aria-label="Attachments">
      <h3 className="attachments-heading">Attachments</h3>
      <ul className="attachments">
        {message.attachments.map((a) => (
          <li key={a.id} className={a.blocked ? 'blocked' : ''} data-testid="attachment">
            <span className="attachment-name">{a.fileName}</span>
            <span className="case-meta">{formatBytes(a.size)} · {a.detectedType}{a.blocked ? ' · blocked file type' : ''}{a.printed ? ' · printed' : ''}</span>
            {!a.blocked && (
              <span className="attachment-actions">
                <button type="button" className="link-button" onClick={() => dispatch({ type: 'preview', attachmentId: a.id })} aria-label={`Preview ${a.fileName}`}>Preview</button>
                <button type="button" className="link-button" onClick={() => void save(a)} aria-label={`Save ${a.fileName} to the SBU folder`}>Save to SBU folder</button>
              </span>
            )}
            {requests && message.direction === 'inbound' && <AttachmentItemLinks attachment={a} requests={requests} />}
          </li>
        ))}
        {message.remoteFiles.map((f, i) => (
          <li key={`remote-${i}`} className="remote" data-testid="remote-file">
            <span className="attachment-name">{f.fileName}</span>
            <span className="case-meta">{formatBytes(f.size)} · {REMOTE_STATE[f.state]}{f.lastErrorCode ? ` (${f.lastErrorCode})` : ''}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Marks the shown message read after the delay; only when a new message is shown, so Ctrl+U sticks. */
function useReadAfterDelay(caseId: number | null, message: MessageView | undefined) {
  const prefs = usePrefs();
  const { markRead } = useReadMarks();
  const delay = (prefs.data?.markReadDelaySeconds ?? DEFAULT_PREFERENCES.markReadDelaySeconds) * 1000;
  const latest = useRef({ message, markRead });
  useEffect(() => { latest.current = { message, markRead }; });
  const id = message?.id;
  useEffect(() => {
    const m = latest.current.message;
    if (caseId === null || !m || !isUnread(m)) return;
    const timer = setTimeout(() => {
      const now = latest.current.message;
      if (now?.id === m.id && isUnread(now)) void latest.current.markRead(caseId, m.id, true);
    }, delay);
    return () => clearTimeout(timer);
    // Keyed on the shown message only: a later "mark unread" of the same message is left alone.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseId, id]);
}

export function ReadingPane() {
  const { state, dispatch } = useWorkspaceState();
  const detail = useCaseDetail(state.caseId);
  const found = findMessage(detail.data, state.messageId);
  const paneRef = usePaneRef('reading');
  useReadAfterDelay(state.caseId, found?.message);
  const preview = found?.message.attachments.find((a) => a.id === state.previewId) ?? null;

  const m = found?.message;
  return (
    <section className="pane pane-reading" aria-label="Reading pane">
      {state.requestsPanel && state.caseId !== null ? (
        <RequestPanel caseId={state.caseId} focusItem={state.requestsPanel.itemId} />
      ) : m ? (
        <article ref={paneRef} tabIndex={-1} className="reading-message" aria-labelledby="reading-subject" data-testid="reading-pane">
          <div className="fax-label" data-testid="fax-label">{m.label}</div>
          <h2 id="reading-subject" className="reading-subject">{m.subject}</h2>
          <dl className="reading-facts">
            <dt>From</dt><dd>{m.from}</dd>
            <dt>To</dt><dd>{m.to || '—'}</dd>
            <dt>{m.direction === 'inbound' ? 'Received' : 'Sent'}</dt><dd>{formatEasternTime(m.serverReceivedAt)} (server time)</dd>
          </dl>
          <div className="reading-actions">
            <CommandButton id="message.reply" />
            {isUnread(m) ? <CommandButton id="message.markRead" className="secondary" /> : <CommandButton id="message.markUnread" className="secondary" />}
            <CommandButton id="message.print" className="secondary" />
          </div>
          <div className="message-body" data-testid="message-body">{m.body}</div>
          <Attachments message={m} caseId={state.caseId} />
          {preview && <AttachmentPreview key={preview.id} attachment={preview} onClose={() => dispatch({ type: 'preview', attachmentId: null })} />}
        </article>
      ) : (
        <div className="pane-placeholder"><p className="muted">{state.caseId === null ? 'No case open.' : 'Select a message to read it here.'}</p></div>
      )}
      {state.composer && state.composer.caseId === state.caseId && detail.data && (
        <Composer key={state.composer.mode === 'reply' ? `reply-${state.composer.threadId}` : 'new'} composer={state.composer} detail={detail.data} />
      )}
    </section>
  );
}
