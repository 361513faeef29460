/** Where sync stands, in words: synced at (server time, ET), syncing, offline and retrying, signed out. */
import { formatEasternTime } from '../../../shared/fax-label';
import type { SyncStatusView } from '../../../shared/ipc/sync-schemas';

export function describeSync(s: SyncStatusView): string {
  const queued = s.outbox.queued > 0 ? ` · ${s.outbox.queued} repl${s.outbox.queued === 1 ? 'y' : 'ies'} waiting to send` : '';
  const downloads = (s.downloads.pending > 0 ? ` · ${s.downloads.pending} file${s.downloads.pending === 1 ? '' : 's'} downloading` : '')
    + (s.downloads.failed > 0 ? ` · ${s.downloads.failed} download${s.downloads.failed === 1 ? '' : 's'} failed` : '');
  switch (s.state) {
    case 'signed-out': return 'Not signed in to Secure Messaging';
    case 'syncing': return `Syncing…${downloads}${queued}`;
    case 'idle': return `${s.lastSyncedAt ? `Up to date as of ${formatEasternTime(s.lastSyncedAt)}` : 'Up to date'}${downloads}${queued}`;
    case 'offline': return `Offline — working from this laptop's copy; will retry${queued}`;
    case 'error': return `Sync stopped: ${s.lastError?.message ?? 'unknown error'}${queued}`;
  }
}

export function SyncStatus({ status, onSyncNow, busy }: { status: SyncStatusView; onSyncNow: () => void; busy: boolean }) {
  return (
    <div className={`sync-status sync-${status.state}`} data-testid="sync-status">
      <span>{describeSync(status)}</span>
      {status.account && <span className="muted"> · {status.account.displayName}{status.account.accessCode ? ` (e-Gain ${status.account.accessCode})` : ''}</span>}
      {status.state !== 'signed-out' && (
        <button type="button" className="link-button" onClick={onSyncNow} disabled={busy}>Sync now</button>
      )}
    </div>
  );
}
