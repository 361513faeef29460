/**
 * The status bar, always in view: connection (online, offline, retrying in n s), sync progress in
 * files and bytes, last synced (server time), the outbox, and the signed-in employee with the e-Gain
 * ID (the access code taxpayers are given), a Copy button and Sign out.
 */
import { useEffect, useState } from 'react';
import { formatEasternTime } from '../../../shared/fax-label';
import type { SyncStatusView } from '../../../shared/ipc/sync-schemas';
import { CommandButton } from '../components/CommandButton';
import { useAppInfo, useSyncStatus } from '../data/queries';
import { connectionWords, progressWords } from './sync-words';
import { plural } from './labels';

/** Re-renders every second while a retry is pending, so the countdown moves. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function SyncFacts({ s }: { s: SyncStatusView }) {
  const now = useNow(s.nextRetryAt !== null);
  const progress = progressWords(s);
  return (
    <>
      <span className={`conn conn-${s.state}`} role="status" data-testid="sync-status" title={s.lastError && s.state !== 'idle' ? `${s.lastError.message} (${s.lastError.code})` : undefined}>
        {connectionWords(s, now)}
      </span>
      {progress && <span data-testid="sync-progress">{progress}</span>}
      {s.lastSyncedAt && <span>Last synced {formatEasternTime(s.lastSyncedAt)}</span>}
      {(s.outbox.queued > 0 || s.outbox.failed > 0) && (
        <span data-testid="outbox-count">{plural(s.outbox.queued, 'message')} in outbox{s.outbox.failed > 0 ? ` · ${s.outbox.failed} not sent` : ''}</span>
      )}
      {s.downloads.failed > 0 && <span className="danger">{plural(s.downloads.failed, 'download')} failed</span>}
      {s.state !== 'signed-out' && <CommandButton id="sync.now" className="link-button" label="Sync now" />}
      {s.state === 'signed-out' && s.server === 'policy' && <CommandButton id="session.signIn" className="link-button" label="Sign in…" />}
    </>
  );
}

export function StatusBar({ unlocked }: { unlocked: boolean }) {
  const info = useAppInfo();
  const sync = useSyncStatus(unlocked);
  const s = unlocked ? sync.data : undefined;
  return (
    <footer className="status-bar" aria-label="Status bar">
      <div className="status-left">
        {s ? <SyncFacts s={s} /> : <span role="status">{info.data ? (unlocked ? 'Connecting…' : 'Locked') : 'Connecting to the application core…'}</span>}
      </div>
      <div className="status-right">
        {s?.account && (
          <span className="account" data-testid="account">
            {s.account.displayName}
            {s.account.accessCode && <> · e-Gain ID <span className="access-code" data-testid="access-code">{s.account.accessCode}</span> <CommandButton id="account.copyAccessCode" className="link-button" label="Copy" /></>}
          </span>
        )}
        {s?.account && <CommandButton id="session.signOut" className="link-button" label="Sign out" />}
        {info.data && <span className="muted">Version {info.data.version} · {info.data.mode}</span>}
      </div>
    </footer>
  );
}
