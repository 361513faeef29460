/**
 * The one composer: a reply in the open thread, or a new message (a new thread) in the case. Files come
 * from the main side's dialog or by dropping them here; either way the page holds only tokens, never
 * paths. Blocked types and the 150 MiB per-message limit are refused here with the memo's words, and
 * again in the main process. Messages are queued and sent by sync, so writing works offline. What is
 * written (a reply's text; a new message's subject and text) is kept in the vault as a draft (it
 * survives a lock and a change of case).
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
import { useDraftFlush } from './draft-flush';
import { usePaneRef, usePanes } from './panes';
import { useWorkspaceState, type Composer as ComposerMode } from './workspace-state';

const DRAFT_SAVE_MS = 300;

/** The reply's thread, or null for the case's new message (one new-message draft per case). */
const draftThread = (composer: ComposerMode) => (composer.mode === 'reply' ? composer.threadId : null);

function useDraft(composer: ComposerMode) {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.draft(composer.caseId, draftThread(composer)),
    queryFn: () => unwrap(bridge.drafts.get({ caseId: composer.caseId, threadId: draftThread(composer) })),
    staleTime: 0,
    gcTime: 0,
  });
}

export function Composer({ composer, detail }: { composer: ComposerMode; detail: CaseDetail }) {
  const bridge = useBridge();
  const client = useQueryClient();
  const toasts = useToasts();
  const { dispatch } = useWorkspaceState();
  const panes = usePanes();
  const draft = useDraft(composer);
  const flush = useDraftFlush();
  const messageRef = usePaneRef('composer');
  const [subjectEdit, setSubject] = useState<string | null>(null);
  const [body, setBody] = useState<string | null>(null);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [working, setWorking] = useState(false);
  const [dragging, setDragging] = useState(false);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** The save waiting out its delay: run at once when the composer closes or the session locks. */
  const pendingSave = useRef<(() => Promise<void>) | null>(null);
  useEffect(() => {
    const unregister = flush.register(async () => {
      if (saveTimer.current) clearTimeout(saveTimer.current);
      await pendingSave.current?.();
    });
    return () => {
      unregister();
      if (saveTimer.current) clearTimeout(saveTimer.current);
      void pendingSave.current?.();
    };
  }, [flush]);

  const thread = composer.mode === 'reply' ? detail.threads.find((t) => t.id === composer.threadId) : undefined;
  const text = body ?? draft.data?.body ?? '';
  const subject = subjectEdit ?? draft.data?.subject ?? '';
  const total = files.reduce((n, f) => n + f.size, 0);
  const blocked = files.filter((f) => f.blockedExtension !== null);
  const tooLarge = total > OUTBOUND_MESSAGE_MAX_BYTES;
  const empty = text.trim() === '' && files.length === 0;
  const canSend = !working && blocked.length === 0 && !tooLarge && !empty && (composer.mode === 'reply' || subject.trim() !== '');
  const heading = composer.mode === 'reply' ? `Reply: ${thread?.subject ?? ''}` : `New message in the case of ${detail.case.taxpayerName}`;

  /** Closes the composer; the keyboard focus goes back to the message being read. */
  function close() {
    dispatch({ type: 'compose', composer: null });
    panes.focus('reading');
  }

  /** Keeps the draft (subject and text) in the vault a moment after the last key. */
  function edit(next: { body?: string; subject?: string }) {
    if (next.body !== undefined) setBody(next.body);
    if (next.subject !== undefined) setSubject(next.subject);
    const draftNow = { body: next.body ?? text, subject: composer.mode === 'new' ? next.subject ?? subject : '' };
    if (saveTimer.current) clearTimeout(saveTimer.current);
    const save = async () => {
      pendingSave.current = null;
      const r = await bridge.drafts.save({ caseId: composer.caseId, threadId: draftThread(composer), ...draftNow });
      // Locked first (an OS lock, sleep): nothing can be saved any more, and the lock screen shows no notice.
      if (!r.ok && r.error.code !== 'E_LOCKED') toasts.error('draft', r.error);
    };
    pendingSave.current = save;
    saveTimer.current = setTimeout(() => void save(), DRAFT_SAVE_MS);
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
    pendingSave.current = null; // queued: the main side removed the draft
    client.removeQueries({ queryKey: queryKeys.draft(composer.caseId, draftThread(composer)) });
    toasts.info('queued', 'Queued in the outbox: it is sent as soon as the server can be reached.');
    close();
  }

  return (
    <section className={`composer${dragging ? ' dragging' : ''}`} aria-labelledby="composer-heading" data-testid="composer"
      onDragOver={(e) => { if (e.dataTransfer.types.includes('Files')) { e.preventDefault(); setDragging(true); } }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => void drop(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') { e.stopPropagation(); close(); }
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); if (canSend) void send(); }
      }}>
      <h3 id="composer-heading" className="composer-heading">{heading}</h3>
      {composer.mode === 'new' && (
        <label className="composer-field">Subject
          <input value={subject} onChange={(e) => edit({ subject: e.target.value })} maxLength={200} autoFocus required />
        </label>
      )}
      <label className="composer-field">Message
        <textarea ref={messageRef} value={text} onChange={(e) => edit({ body: e.target.value })} rows={5} autoFocus={composer.mode === 'reply'}
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
          <button type="button" className="secondary" onClick={close}>Close (draft kept)</button>
          <button type="button" onClick={() => void send()} disabled={!canSend}>{working ? 'Queuing…' : 'Send'}</button>
        </span>
      </div>
      {error && <ErrorNotice error={error} />}
    </section>
  );
}
