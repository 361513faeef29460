/**
 * A reply in a thread. Files come from the system dialog in the main process (the page never names a
 * path); blocked types and the 150 MB per-message limit are checked here for a quick answer and again
 * in the main process. Replies are queued and sent by sync, so writing works offline.
 */
import { useEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import type { PickedFile } from '../../../shared/ipc/sync-schemas';
import { formatBytes, OUTBOUND_MESSAGE_MAX_BYTES } from '../../../shared/limits';
import { getBridge } from '../bridge/scoic';
import { ErrorNotice } from './ErrorNotice';

export function ReplyComposer({ caseId, threadId, onQueued }: { caseId: number; threadId: number; onQueued: () => void }) {
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [working, setWorking] = useState(false);
  const total = files.reduce((n, f) => n + f.size, 0);
  const blocked = files.filter((f) => f.blockedExtension !== null);
  const tooLarge = total > OUTBOUND_MESSAGE_MAX_BYTES;
  const id = `reply-${threadId}`;
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // The draft lives in the vault, so a lock (idle, OS lock) loses nothing typed.
  useEffect(() => {
    let live = true;
    void getBridge().drafts.get({ caseId, threadId }).then((r) => { if (live && r.ok && r.value.body) setBody(r.value.body); });
    return () => { live = false; };
  }, [caseId, threadId]);
  useEffect(() => () => { if (saveTimer.current) clearTimeout(saveTimer.current); }, []);

  function edit(text: string) {
    setBody(text);
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => { void getBridge().drafts.save({ caseId, threadId, body: text }); }, 500);
  }

  async function attach() {
    const r = await getBridge().replies.pickFiles();
    if (r.ok) setFiles((current) => [...current, ...r.value]); else setError(r.error);
  }

  async function send() {
    setWorking(true);
    const r = await getBridge().replies.queue({ caseId, threadId, body, files: files.map((f) => f.token) });
    setWorking(false);
    if (!r.ok) { setError(r.error); return; }
    if (saveTimer.current) clearTimeout(saveTimer.current);
    setBody('');
    setFiles([]);
    setError(null);
    onQueued();
  }

  return (
    <div className="reply">
      <label id={`${id}-label`} htmlFor={id} className="reply-label">Reply</label>
      <textarea id={id} value={body} onChange={(e) => edit(e.target.value)} rows={4} placeholder="Write a reply to the taxpayer or representative" />
      {files.length > 0 && (
        <ul className="reply-files" aria-label="Files to send">
          {files.map((f) => (
            <li key={f.token} className={f.blockedExtension ? 'blocked' : ''}>
              {f.name} <span className="case-meta">{formatBytes(f.size)}</span>
              {f.blockedExtension && <strong className="danger"> .{f.blockedExtension.toUpperCase()} files cannot be sent</strong>}
              <button type="button" className="link-button" onClick={() => setFiles((c) => c.filter((x) => x.token !== f.token))}>Remove</button>
            </li>
          ))}
        </ul>
      )}
      <div className="reply-tools">
        <button type="button" className="secondary" onClick={() => void attach()}>Attach files…</button>
        <span className={`case-meta ${tooLarge ? 'danger' : ''}`} data-testid="reply-total">
          {formatBytes(total)} of {formatBytes(OUTBOUND_MESSAGE_MAX_BYTES)} per message
        </span>
        <button type="button" onClick={() => void send()} disabled={working || blocked.length > 0 || tooLarge || (body.trim() === '' && files.length === 0)}>
          {working ? 'Queuing…' : 'Send'}
        </button>
      </div>
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
