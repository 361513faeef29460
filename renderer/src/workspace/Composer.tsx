/**
 * The one composer: a reply in the open thread, or a new message (a new thread) in the case. Files come
 * from the main side's dialog or by dropping them here; either way the page holds only tokens, never
 * paths. Blocked types and the 150 MiB per-message limit are refused here with the memo's words, and
 * again in the main process. Messages are queued and sent by sync, so writing works offline. A reply's
 * text is kept in the vault as a draft while it is written (it survives a lock).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { blockedFileMessage } from '../../../shared/blocked-extensions';
import type { PickedFile } from '../../../shared/ipc/sync-schemas';
import type { CaseDetail } from '../../../shared/ipc/workspace-schemas';
import { formatBytes, OUTBOUND_MESSAGE_MAX_BYTES } from '../../../shared/limits';
import { useBridge } from '../bridge/BridgeContext';
import { unwrap } from '../data/bridge-error';
import { queryKeys } from '../data/query-keys';
import { ErrorNotice } from '../components/ErrorNotice';
import { useToasts } from '../feedback/Toasts';
import type { AppErrorData } from '../../../shared/errors';
import { useWorkspaceState, type Composer as ComposerMode } from './workspace-state';

const DRAFT_SAVE_MS = 500;

function useReplyDraft(composer: ComposerMode) {
  const bridge = useBridge();
  const threadId = composer.mode === 'reply' ? composer.threadId : 0;
  return useQuery({
    queryKey: queryKeys.draft(composer.caseId, threadId),
    queryFn: () => unwrap(bridge.drafts.get({ caseId: composer.caseId, threadId })),
    enabled: composer.mode === 'reply',
    staleTime: 0,
    gcTime: 0,
  });
}

export function Composer({ composer, detail }: { composer: ComposerMode; detail: CaseDetail }) {
  const bridge = useBridge();
  const client = useQueryClient();
  const toasts = useToasts();
  const { dispatch } = useWorkspaceState();
  const draft = useReplyDraft(composer);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState<string | null>(null);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [working, setWorking] = useState(false);
  const [dragging, setDragging] = useState(false);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => { if (saveTimer.current) clearTimeout(saveTimer.current); }, []);

  const thread = composer.mode === 'reply' ? detail.threads.find((t) => t.id === composer.threadId) : undefined;
  const text = body ?? draft.data?.body ?? '';
  const total = files.reduce((n, f) => n + f.size, 0);
  const blocked = files.filter((f) => f.blockedExtension !== null);
  const tooLarge = total > OUTBOUND_MESSAGE_MAX_BYTES;
  const empty = text.trim() === '' && files.length === 0;
  const canSend = !working && blocked.length === 0 && !tooLarge && !empty && (composer.mode === 'reply' || subject.trim() !== '');
  const heading = composer.mode === 'reply' ? `Reply: ${thread?.subject ?? ''}` : `New message in the case of ${detail.case.taxpayerName}`;

  function edit(next: string) {
    setBody(next);
    if (composer.mode !== 'reply') return;
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      void bridge.drafts.save({ caseId: composer.caseId, threadId: composer.threadId, body: next }).then((r) => { if (!r.ok) toasts.error('draft', r.error); });
    }, DRAFT_SAVE_MS);
  }

  const addFiles = (picked: PickedFile[]) => setFiles((current) => [...current, ...picked.filter((p) => !current.some((c) => c.token === p.token))]);

  async function pick() {
    const r = await bridge.replies.pickFiles();
    if (r.ok) { addFiles(r.value); setError(null); } else setError(r.error);
  }

  async function drop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const r = await bridge.replies.dropFiles(Array.from(event.dataTransfer.files));
    if (r.ok) { addFiles(r.value); setError(null); } else setError(r.error);
  }

  async function send() {
    setWorking(true);
    const tokens = files.map((f) => f.token);
    const r = composer.mode === 'reply'
      ? await bridge.replies.queue({ caseId: composer.caseId, threadId: composer.threadId, body: text, files: tokens })
      : await bridge.replies.queueNew({ caseId: composer.caseId, subject, body: text, files: tokens });
    setWorking(false);
    if (!r.ok) { setError(r.error); return; }
    if (saveTimer.current) clearTimeout(saveTimer.current);
    client.removeQueries({ queryKey: queryKeys.draft(composer.caseId, composer.mode === 'reply' ? composer.threadId : 0) });
    toasts.info('queued', 'Queued in the outbox: it is sent as soon as the server can be reached.');
    dispatch({ type: 'compose', composer: null });
  }

  return (
    <section className={`composer${dragging ? ' dragging' : ''}`} aria-labelledby="composer-heading" data-testid="composer"
      onDragOver={(e) => { if (e.dataTransfer.types.includes('Files')) { e.preventDefault(); setDragging(true); } }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => void drop(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') { e.stopPropagation(); dispatch({ type: 'compose', composer: null }); }
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); if (canSend) void send(); }
      }}>
      <h3 id="composer-heading" className="composer-heading">{heading}</h3>
      {composer.mode === 'new' && (
        <label className="composer-field">Subject
          <input value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={200} autoFocus required />
        </label>
      )}
      <label className="composer-field">Message
        <textarea value={text} onChange={(e) => edit(e.target.value)} rows={5} autoFocus={composer.mode === 'reply'}
          placeholder="Write to the taxpayer or representative. Drop files here to attach them." />
      </label>
      {files.length > 0 && (
        <ul className="composer-files" aria-label="Files to send">
          {files.map((f) => (
            <li key={f.token} className={f.blockedExtension ? 'blocked' : ''}>
              <span>{f.name} <span className="case-meta">{formatBytes(f.size)}</span></span>
              {f.blockedExtension && <strong className="danger">{blockedFileMessage({ blocked: true, extension: f.blockedExtension, reason: 'blocked-extension' })}</strong>}
              <button type="button" className="link-button" onClick={() => setFiles((c) => c.filter((x) => x.token !== f.token))} aria-label={`Remove ${f.name}`}>Remove</button>
            </li>
          ))}
        </ul>
      )}
      <div className="composer-tools">
        <button type="button" className="secondary" onClick={() => void pick()}>Attach files…</button>
        <span className={`case-meta ${tooLarge ? 'danger' : ''}`} data-testid="composer-total">
          {formatBytes(total)} of {formatBytes(OUTBOUND_MESSAGE_MAX_BYTES)} per message{tooLarge ? ' — remove files to send' : ''}
        </span>
        <span className="composer-send">
          <button type="button" className="secondary" onClick={() => dispatch({ type: 'compose', composer: null })}>{composer.mode === 'reply' ? 'Close (draft kept)' : 'Discard'}</button>
          <button type="button" onClick={() => void send()} disabled={!canSend}>{working ? 'Queuing…' : 'Send'}</button>
        </span>
      </div>
      {error && <ErrorNotice error={error} />}
    </section>
  );
}
