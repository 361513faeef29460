/**
 * The sync engine: one run (`syncOnce`) sends queued replies, pulls the change feed page by page into
 * the vault and downloads announced attachments; the loop (`start`/`stop`) repeats it, long-polling
 * the feed between runs and backing off exponentially with jitter after a failure. All vault work is
 * serialized, so a manual "sync now", a queued reply and the loop never interleave.
 *
 * States: signed-out (no session: waits for sign-in) · syncing · idle (up to date, long-polling) ·
 * offline (server unreachable: retrying with backoff) · error (server refused or failed: retrying).
 */
import type { AppErrorData } from '../../shared/errors';
import type { Account } from '../../shared/protocol/auth';
import type { Vault } from '../vault';
import { FEED_CURSOR, applyPage, fetchMissing, missingReferences, type ApplyReport } from './apply-changes';
import { downloadPending, type DownloadOptions, type DownloadReport } from './attachment-download';
import { backoffDelay, sleep, type BackoffOptions } from './backoff';
import { PREPARING, flushOutbox, type FlushReport } from './outbox';
import type { ServerClient } from './server-client';
import { needsSignIn, toAppError } from './sync-errors';

export type SyncState = 'signed-out' | 'syncing' | 'idle' | 'offline' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** Server time (HTTP Date of its answer) when the vault was last fully in step with the server. */
  lastSyncedAt: string | null;
  lastError: AppErrorData | null;
  /** When the next attempt after a failure is due (laptop clock), while offline or in error. */
  nextRetryAt: string | null;
  outbox: { queued: number; failed: number };
  downloads: { pending: number; failed: number; blocked: number };
}

export interface SyncReport {
  outbox: FlushReport;
  pulled: ApplyReport;
  downloads: DownloadReport;
}

export interface SyncEngineOptions {
  vault: Vault;
  client: ServerClient;
  /** Who is signed in; the engine waits in 'signed-out' while there is no session. */
  session: { readonly signedIn: boolean; readonly account: Account | undefined };
  /** Seconds the server may hold a long-poll open (max 60). */
  longPollSeconds?: number;
  pageSize?: number;
  backoff?: BackoffOptions;
  download?: Omit<DownloadOptions, 'signal'>;
  onStatus?: (status: SyncStatus) => void;
  /** Called before each backoff wait (diagnostics and tests). */
  onRetry?: (info: { failures: number; delayMs: number; code: string }) => void;
}

export interface SyncEngine {
  syncOnce(): Promise<SyncReport>;
  start(): void;
  stop(): Promise<void>;
  /** Ends a long-poll or a backoff wait now (after a reply was queued, a sign-in, "sync now"). */
  kick(): void;
  status(): SyncStatus;
  readonly running: boolean;
}

const OFFLINE_CODES = new Set(['E_OFFLINE', 'E_TIMEOUT']);

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { vault, client, session } = options;
  const longPoll = Math.min(60, Math.max(0, options.longPollSeconds ?? 25));
  let state: SyncState = session.signedIn ? 'idle' : 'signed-out';
  let lastSyncedAt: string | null = null;
  let lastError: AppErrorData | null = null;
  let nextRetryAt: string | null = null;
  let running = false;
  let loopDone: Promise<void> = Promise.resolve();
  let wake = new AbortController();
  let stopController = new AbortController();
  let queue: Promise<unknown> = Promise.resolve();

  const counts = (): Pick<SyncStatus, 'outbox' | 'downloads'> => {
    try {
      const outbox = vault.listOutbox();
      const remote = (s: 'pending' | 'failed' | 'blocked') => vault.sync.listRemoteAttachments({ state: s }).length;
      return {
        outbox: {
          queued: outbox.filter((o) => o.state === 'queued' || o.state === 'sending').length,
          failed: outbox.filter((o) => o.state === 'failed' && o.lastErrorCode !== PREPARING).length,
        },
        downloads: { pending: remote('pending'), failed: remote('failed'), blocked: remote('blocked') },
      };
    } catch {
      return { outbox: { queued: 0, failed: 0 }, downloads: { pending: 0, failed: 0, blocked: 0 } }; // vault locked
    }
  };
  const status = (): SyncStatus => ({ state, lastSyncedAt, lastError, nextRetryAt, ...counts() });
  const publish = (next: Partial<Pick<SyncStatus, 'state' | 'lastError' | 'nextRetryAt' | 'lastSyncedAt'>>) => {
    if (next.state !== undefined) state = next.state;
    if (next.lastError !== undefined) lastError = next.lastError;
    if (next.nextRetryAt !== undefined) nextRetryAt = next.nextRetryAt;
    if (next.lastSyncedAt !== undefined) lastSyncedAt = next.lastSyncedAt;
    options.onStatus?.(status());
  };

  /** Serializes vault work: runs after everything queued before it. */
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  async function pull(signal: AbortSignal): Promise<ApplyReport> {
    const total: ApplyReport = { events: 0, cases: 0, threads: 0, messages: 0, attachments: 0, blocked: 0 };
    const role = session.account?.position ?? 'OE';
    for (;;) {
      const after = vault.getSyncCursor(FEED_CURSOR) ?? '0';
      const page = await client.call('changes', { query: { after, wait: 0, limit: options.pageSize ?? 200 }, signal });
      const fetched = await fetchMissing(client, missingReferences(vault, page.events), signal);
      const r = applyPage(vault, page, role, fetched);
      for (const k of Object.keys(total) as Array<keyof ApplyReport>) total[k] += r[k];
      if (!page.hasMore) return total;
    }
  }

  function syncOnce(): Promise<SyncReport> {
    return exclusive(async () => {
      const signal = stopController.signal;
      publish({ state: 'syncing' });
      try {
        const outbox = await flushOutbox(vault, client, { signal });
        const pulled = await pull(signal);
        const downloads = await downloadPending(vault, client, { ...options.download, signal });
        publish({ state: 'idle', lastError: null, nextRetryAt: null, lastSyncedAt: client.lastServerDate });
        return { outbox, pulled, downloads };
      } catch (err) {
        const e = toAppError(err);
        publish({ state: needsSignIn(e) ? 'signed-out' : OFFLINE_CODES.has(e.code) ? 'offline' : 'error', lastError: e.toData() });
        throw e;
      }
    });
  }

  async function waitForNews(): Promise<void> {
    const after = vault.getSyncCursor(FEED_CURSOR) ?? '0';
    await client.call('changes', { query: { after, wait: longPoll, limit: 1 }, signal: wake.signal, timeoutMs: (longPoll + 15) * 1000 });
  }

  async function loop(): Promise<void> {
    let failures = 0;
    while (running) {
      try {
        if (!session.signedIn) {
          publish({ state: 'signed-out' });
          await sleep(24 * 3600_000, wake.signal);
          wake = new AbortController();
          continue;
        }
        await syncOnce();
        failures = 0;
        if (!running) break;
        await waitForNews();
      } catch (err) {
        if (!running) break;
        const e = toAppError(err);
        if (e.code === 'E_LOCKED') { publish({ state: 'error', lastError: e.toData() }); running = false; break; }
        if (e.code === 'E_CANCELLED' && wake.signal.aborted) { wake = new AbortController(); continue; } // kicked
        if (needsSignIn(e)) continue; // waits in signed-out above
        failures += 1;
        const retryAfter = typeof e.details?.retryAfterSeconds === 'number' ? e.details.retryAfterSeconds : undefined;
        const delayMs = backoffDelay(failures, options.backoff, retryAfter);
        options.onRetry?.({ failures, delayMs, code: e.code });
        publish({ state: OFFLINE_CODES.has(e.code) ? 'offline' : 'error', lastError: e.toData(), nextRetryAt: new Date(Date.now() + delayMs).toISOString() });
        await sleep(delayMs, wake.signal);
      }
      if (wake.signal.aborted) wake = new AbortController();
    }
  }

  return {
    syncOnce,
    start() {
      if (running) return;
      running = true;
      stopController = new AbortController();
      wake = new AbortController();
      loopDone = loop();
    },
    async stop() {
      running = false;
      stopController.abort();
      wake.abort();
      await loopDone;
      await queue;
    },
    kick() {
      wake.abort();
    },
    status,
    get running() { return running; },
  };
}
