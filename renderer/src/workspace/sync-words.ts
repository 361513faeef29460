/** Where sync stands, in words: online, syncing with progress, offline or in trouble and when it retries. */
import type { SyncStatusView } from '../../../shared/ipc/sync-schemas';
import { formatBytes } from '../../../shared/limits';

export function connectionWords(s: SyncStatusView, now: number): string {
  const retry = s.nextRetryAt ? Math.max(0, Math.ceil((Date.parse(s.nextRetryAt) - now) / 1000)) : null;
  const retrying = retry === null ? '' : retry === 0 ? ' — retrying now' : ` — retrying in ${retry} s`;
  switch (s.state) {
    case 'signed-out': return 'Not signed in to Secure Messaging';
    // Every long-poll turn is a short run: it says "syncing" only when something moves (the first
    // sync, files, replies to send), so the live region is not re-announced every 25 seconds.
    case 'syncing': return s.lastSyncedAt === null || s.progress !== null || s.outbox.queued > 0 ? 'Syncing…' : 'Online · up to date';
    case 'idle': return 'Online · up to date';
    case 'offline': return `Offline: working from this laptop's copy${retrying}`;
    case 'error': return `Sync problem${retrying}`;
  }
}

export function progressWords(s: SyncStatusView): string | null {
  const p = s.progress;
  if (!p || p.filesTotal === 0) return null;
  return `${p.filesDone} of ${p.filesTotal} file${p.filesTotal === 1 ? '' : 's'} · ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`;
}
